// Text from the web printed to an editor's terminal. A page can carry escape sequences (colours,
// a rewritten window title, a cleared screen, OSC 8 links) and bidi overrides that make a line
// read differently from what it holds; none of them may reach the terminal as they are.

/**
 * Characters a terminal would act on rather than show: C0 controls except tab and newline, DEL,
 * C1 controls (U+0080–U+009F, 8-bit CSI among them), bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), and the line and paragraph separators U+2028/U+2029.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** Shown in place of each character a terminal would act on, so the reader sees something was there. */
export const PLACEHOLDER = '\ufffd';

/** A human-readable line (or lines) safe to print: every unsafe character replaced by PLACEHOLDER. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, PLACEHOLDER);
}

/**
 * JSON for stdout: JSON.stringify escapes C0 controls but leaves DEL, C1 controls, bidi controls and
 * U+2028/U+2029 as they are; they are written as \u escapes here. Those characters only occur inside
 * strings, so the output stays valid JSON and parses back to the same text.
 */
export function terminalJson(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
