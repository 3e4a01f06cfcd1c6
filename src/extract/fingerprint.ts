// Text fingerprints for duplicate detection: an exact hash of the normalised text, and the word
// 3-shingles that the story stage's MinHash bands (src/stories/cluster.ts) are computed from.
import crypto from 'node:crypto';

export function normaliseText(text: string): string {
  return text.toLowerCase().replace(/[“”"']/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function textHash(text: string): string {
  return crypto.createHash('sha1').update(normaliseText(text)).digest('hex');
}

export function shingles(text: string, size = 3): Set<string> {
  const words = normaliseText(text).split(' ').filter(Boolean);
  const result = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) result.add(words.slice(i, i + size).join(' '));
  return result;
}
