// What a web page may not put into the article index: control characters (a NUL, a terminal
// escape sequence) and fields of unbounded size (a one-megabyte "word" would otherwise become a
// two-megabyte story page, a feed entry and a spreadsheet cell). Applied once, at extraction, so
// nothing downstream ever stores them.

/** Terminal escape sequences (CSI "ESC [ … m", an OSC title ending in BEL or ST, two-byte ESC x), removed whole. */
const escapeSequence = /(?:\u001b\[|\u009b)[0-?]{0,32}[ -/]{0,8}[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]{0,512}(?:\u0007|\u001b\\|\u009c)|\u001b[@-_]/g;
/** C0 controls except tab and newline (vertical tab, form feed and CR become whitespace first), DEL and C1 controls. */
const controlCharacters = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

/** The text without control characters; tab and newline stay, CR, VT, FF and NEL turn into whitespace. */
export function stripControls(text: string): string {
  // Most text has none: one test instead of four replacements.
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text)) return text;
  return text
    .replace(escapeSequence, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u000b\u000c\u0085]/g, ' ')
    .replace(controlCharacters, '');
}

/** Scripts written without spaces between words: a paragraph of them is one run of non-space characters. */
const unspacedScript = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\p{sc=Tibetan}]/u;

/** The longest run of non-space characters kept (no word or URL in prose is longer); runs in scripts without spaces get longer. */
export const MAX_RUN = 200;
export const MAX_UNSPACED_RUN = 2000;
const longRun = new RegExp(`\\S{${MAX_RUN + 1},}`, 'g');

/** `text` cut to at most `max` characters, the last of them "…", never inside a surrogate pair. */
function cutRun(run: string, max: number): string {
  let end = max - 1;
  const code = run.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${run.slice(0, end)}…`;
}

/**
 * Every run of non-whitespace characters longer than MAX_RUN cut to MAX_RUN characters ending in
 * "…" (MAX_UNSPACED_RUN for text in Chinese, Japanese, Thai and other scripts written without
 * spaces). Shorter runs, URLs included, are left as they are.
 */
export function capRuns(text: string): string {
  if (text.length <= MAX_RUN) return text;
  return text.replace(longRun, (run) => {
    const max = unspacedScript.test(run) ? MAX_UNSPACED_RUN : MAX_RUN;
    return run.length > max ? cutRun(run, max) : run;
  });
}

/** `text` cut to at most `max` characters ending in "…", at a space when there is one in the last fifth. */
export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = cutRun(text, max).slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space >= max * 0.8) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/** A one-line field (title, byline, site name): no controls, whitespace collapsed, no overlong run, at most `max` characters. */
export function cleanLine(value: string, max: number): string {
  return capLength(capRuns(stripControls(value).replace(/\s+/g, ' ').trim()), max);
}

/** The longest title, byline and site name stored. */
export const MAX_TITLE = 300;
export const MAX_BYLINE = 200;
export const MAX_SITE_NAME = 200;
export const MAX_LANG = 35;
