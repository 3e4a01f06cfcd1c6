// Near-duplicate candidates by locality-sensitive hashing: 48 MinHash values of an article's
// 4-word shingles, cut into 16 bands of 3. Two texts whose shingle sets overlap heavily share a
// band with high probability (Jaccard 0.6: 98%), so a new article is compared only with the few
// articles it shares a band with, never with the archive.
import { shingles } from '../extract/fingerprint.ts';

const HASHES = 48;
const ROWS = 3;

// Fixed odd multipliers and offsets: the band keys must stay the same across runs and versions.
const seeds = Array.from({ length: HASHES }, (_, i) => [(0x9e3779b1 * (i + 1)) | 1, (0x85ebca6b * (i + 7)) >>> 0] as const);

function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function minhashBands(text: string): string[] {
  const values = shingles(text, 4);
  if (values.size === 0) return [];
  const minimums = new Uint32Array(HASHES).fill(0xffffffff);
  for (const shingle of values) {
    const base = hash32(shingle);
    for (let i = 0; i < HASHES; i++) {
      const mixed = (Math.imul(base ^ seeds[i][1], seeds[i][0]) ^ (base >>> 15)) >>> 0;
      if (mixed < minimums[i]) minimums[i] = mixed;
    }
  }
  const bands: string[] = [];
  for (let band = 0; band < HASHES / ROWS; band++) {
    const rows = Array.from(minimums.subarray(band * ROWS, band * ROWS + ROWS), (value) => value.toString(36));
    bands.push(`${band}:${rows.join('.')}`);
  }
  return bands;
}

/** Share of the smaller set's shingles found in the larger: a trimmed copy still scores near 1. */
export function containment(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const item of small) if (large.has(item)) shared++;
  return shared / small.size;
}
