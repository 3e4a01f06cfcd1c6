// Text fingerprints for duplicate detection: an exact hash of the normalised text and a 64-bit
// simhash of word 3-shingles (near-duplicates differ in few bits).
import crypto from 'node:crypto';

export function normaliseText(text: string): string {
  return text.toLowerCase().replace(/[“”"']/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function textHash(text: string): string {
  return crypto.createHash('sha1').update(normaliseText(text)).digest('hex');
}

function fnv1a64(value: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < value.length; i++) {
    hash ^= BigInt(value.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

export function shingles(text: string, size = 3): Set<string> {
  const words = normaliseText(text).split(' ').filter(Boolean);
  const result = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) result.add(words.slice(i, i + size).join(' '));
  return result;
}

export function simhash(text: string): string {
  const weights = new Array<number>(64).fill(0);
  for (const shingle of shingles(text)) {
    const hash = fnv1a64(shingle);
    for (let bit = 0; bit < 64; bit++) weights[bit] += (hash >> BigInt(bit)) & 1n ? 1 : -1;
  }
  let result = 0n;
  for (let bit = 0; bit < 64; bit++) if (weights[bit] > 0) result |= 1n << BigInt(bit);
  return result.toString(16).padStart(16, '0');
}

export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x) { count += Number(x & 1n); x >>= 1n; }
  return count;
}
