// Term vectors for clustering and sentence selection: stop-worded, lightly stemmed word weights,
// with the title and named entities weighted up.
import { TERM_STOP_WORDS } from '../extract/words.ts';

const stopWords = new Set<string>(TERM_STOP_WORDS);

export function stem(word: string): string {
  if (word.length <= 4) return word;
  return word
    .replace(/ies$/, 'y')
    .replace(/(ss)es$/, '$1')
    .replace(/([^s])s$/, '$1')
    .replace(/(ing|ed)$/, '')
    .replace(/ation$/, 'at');
}

export function tokenize(text: string): string[] {
  return text.toLowerCase().replace(/['’]s\b/g, '').match(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu)?.filter((word) => word.length > 2 && !stopWords.has(word) && !/^\d+$/.test(word)).map(stem) ?? [];
}

export type TermVector = Map<string, number>;

export function termVector(title: string, lead: string, entityIds: string[]): TermVector {
  const vector: TermVector = new Map();
  const add = (term: string, weight: number) => vector.set(term, (vector.get(term) ?? 0) + weight);
  for (const word of tokenize(title)) add(word, 3);
  for (const word of tokenize(lead)) add(word, 1);
  for (const id of entityIds) add(id, 2);
  // Dampen repetition: log weighting.
  for (const [term, weight] of vector) vector.set(term, 1 + Math.log(weight));
  return vector;
}

export function cosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [, weight] of a) normA += weight * weight;
  for (const [, weight] of b) normB += weight * weight;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other) dot += weight * other;
  }
  return normA && normB ? dot / Math.sqrt(normA * normB) : 0;
}

export function topTerms(vector: TermVector, count: number): TermVector {
  return new Map([...vector].sort((a, b) => b[1] - a[1]).slice(0, count));
}

export function wordSet(text: string): Set<string> {
  return new Set(tokenize(text));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}
