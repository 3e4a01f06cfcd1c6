// Phrase patterns used by topic rules and viewpoint cues: words on boundaries, case-insensitive,
// `*` for any word ending, `?` for exactly one letter ("licen?e" = licence/license), and a pattern
// written in capitals (BIS, ECCN, AI) matched case-sensitively, so "bis" or "ai" in prose do not count.

export interface PhrasePattern { source: string; regex: RegExp }

const cache = new Map<string, PhrasePattern>();

export function compilePattern(source: string): PhrasePattern {
  const cached = cache.get(source);
  if (cached) return cached;
  const caseSensitive = /^[A-Z0-9.&-]{2,}[a-z]?\*?$/.test(source) && /[A-Z]{2}/.test(source);
  const body = source
    .split(/\s+/)
    .map((word) => word
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\?/g, '[A-Za-z]')
      .replace(/\*/g, "[\\w'’-]*"))
    .join("[\\s\\u00a0-]+");
  // A standalone `*` word (as in "trained on * outputs") stands for one to three words.
  const withGaps = body.replace(/(^|\[\\s\\u00a0-\]\+)\[\\w'’-\]\*(?=\[\\s\\u00a0-\]\+|$)/g, "$1(?:[\\w'’-]+[\\s\\u00a0]+){0,2}[\\w'’-]+");
  const pattern: PhrasePattern = { source, regex: new RegExp(`(?<![\\w])${withGaps}(?![\\w])`, caseSensitive ? 'g' : 'gi') };
  cache.set(source, pattern);
  return pattern;
}

export function countMatches(pattern: PhrasePattern, text: string): number {
  pattern.regex.lastIndex = 0;
  let count = 0;
  while (pattern.regex.exec(text)) {
    count++;
    if (count > 50) break;
  }
  return count;
}

export function firstMatch(pattern: PhrasePattern, text: string): RegExpExecArray | null {
  pattern.regex.lastIndex = 0;
  return pattern.regex.exec(text);
}
