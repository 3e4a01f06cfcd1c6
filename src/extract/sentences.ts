// Sentence splitting with character offsets into the article text, aware of the abbreviations
// and number forms that news copy is full of ("Sen.", "U.S.", "Jan.", "$5.5bn", "No. 2").
import { MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS } from './words.ts';

export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** Index of the paragraph (blocks separated by blank lines) the sentence belongs to. */
  paragraph: number;
}

const abbreviations = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'adm', 'st', 'jr', 'sr',
  'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'dept', 'univ', 'assn', 'no', 'nos', 'vs', 'v', 'etc', 'al', 'approx',
  ...[...MONTH_ABBREVIATIONS, ...WEEKDAY_ABBREVIATIONS].map((abbreviation) => abbreviation.toLowerCase()),
  'e.g', 'i.e', 'fig', 'est', 'ave', 'blvd', 'mt', 'ft', 'pres', 'supt', 'rev', 'hon', 'atty', 'messrs',
]);

function isAbbreviationBefore(text: string, dotIndex: number): boolean {
  let start = dotIndex;
  while (start > 0 && /[A-Za-z.]/.test(text[start - 1])) start--;
  const word = text.slice(start, dotIndex).toLowerCase();
  if (abbreviations.has(word)) return true;
  // Initials and dotted acronyms: "J.", "U.S.", "U.K."
  if (/^([a-z]\.)*[a-z]$/.test(word)) return true;
  return false;
}

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  const paragraphPattern = /\n\s*\n/g;
  const blocks: { start: number; end: number }[] = [];
  let last = 0;
  for (const match of text.matchAll(paragraphPattern)) {
    blocks.push({ start: last, end: match.index! });
    last = match.index! + match[0].length;
  }
  blocks.push({ start: last, end: text.length });

  for (const block of blocks) {
    let sentenceStart = block.start;
    for (let i = block.start; i < block.end; i++) {
      const char = text[i];
      if (char !== '.' && char !== '!' && char !== '?') continue;
      // Swallow closing quotes and brackets after the terminator.
      let end = i + 1;
      while (end < block.end && /["'”’)\]]/.test(text[end])) end++;
      const next = text[end];
      if (end < block.end && next !== ' ' && next !== '\n' && next !== '\t') continue;
      if (char === '.') {
        if (/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) continue;
        if (isAbbreviationBefore(text, i)) {
          // "U.S. officials" goes on; "in the U.S. The rule" ends when a capitalised common word follows.
          const after = text.slice(end).trimStart();
          const word = after.match(/^[A-Za-z]+/)?.[0] ?? '';
          const acronym = /^([A-Za-z]\.){2,}$/.test(text.slice(Math.max(0, i - 5), i + 1).trim().split(/\s/).pop() ?? '');
          if (!(acronym && /^(The|A|An|It|He|She|They|We|In|On|But|And|This|That|Its|Their)$/.test(word))) continue;
        }
      }
      // The next sentence must start with a capital, digit, quote or bracket.
      let look = end;
      while (look < block.end && /\s/.test(text[look])) look++;
      if (look < block.end && !/[A-Z0-9"'“‘(\[]/.test(text[look])) continue;
      pushSentence(sentences, text, sentenceStart, end, paragraph);
      sentenceStart = look;
      i = look - 1;
    }
    pushSentence(sentences, text, sentenceStart, block.end, paragraph);
    paragraph++;
  }
  return sentences;
}

function pushSentence(list: Sentence[], text: string, start: number, end: number, paragraph: number): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) list.push({ text: text.slice(start, end), start, end, paragraph });
}

/** The longest sentence a fact stores as its context. */
export const MAX_STORED_SENTENCE = 1000;

/**
 * At most `max` characters of `text` around the span [from, to): the whole text when it fits, else
 * a window that keeps the span (as much of it as fits) with "…" where the text was cut. An
 * enormous "sentence" (a page without full stops) is stored as the part around its fact.
 */
export function excerptAround(text: string, from: number, to: number, max = MAX_STORED_SENTENCE): string {
  if (text.length <= max) return text;
  const room = max - 2; // the two ellipses
  const focusStart = Math.max(0, Math.min(from, text.length));
  const focusEnd = Math.max(focusStart, Math.min(to, text.length, focusStart + room));
  let start = Math.max(0, Math.min(focusStart - Math.floor((room - (focusEnd - focusStart)) / 2), text.length - room));
  let end = Math.min(text.length, start + room);
  if (start === 0) end = Math.min(text.length, max - 1);
  else if (end === text.length) start = Math.max(0, text.length - (max - 1));
  // Never cut a surrogate pair in half.
  if (start > 0 && /[\udc00-\udfff]/.test(text[start])) start++;
  if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1])) end--;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}
