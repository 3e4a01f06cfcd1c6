// Decoding fetched bytes to text before any parser sees them: BOM, then the HTTP header, then the
// document's own declaration (<meta charset>, http-equiv, XML declaration), then UTF-8 if the bytes
// are valid UTF-8, else windows-1252 (what browsers assume for undeclared legacy pages).

const aliases: Record<string, string> = {
  'iso-8859-1': 'windows-1252', latin1: 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252',
  gb2312: 'gbk', 'x-gbk': 'gbk', 'x-sjis': 'shift_jis', sjis: 'shift_jis', 'shift-jis': 'shift_jis',
  utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'x-euc-jp': 'euc-jp', ks_c_5601: 'euc-kr', 'ks_c_5601-1987': 'euc-kr',
};

function normaliseLabel(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!clean) return null;
  const name = aliases[clean] ?? clean;
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return null;
  }
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const match = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return normaliseLabel(match?.[1]);
}

function sniffBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Declarations inside the document: looks at the first 64 KB as ASCII (declarations may come late). */
function sniffDeclaration(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 65536)).toString('latin1');
  const xml = head.match(/^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i);
  if (xml) return normaliseLabel(xml[1]);
  const meta = head.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i);
  if (meta) return normaliseLabel(meta[1]);
  return null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// Node's TextDecoder decodes windows-1252 as Latin-1 (bytes 0x80–0x9F become C1 controls instead
// of curly quotes, dashes and the euro sign), so those 32 bytes are mapped here.
const windows1252High = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const text = new TextDecoder('windows-1252').decode(bytes);
  return text.replace(/[\u0080-\u009f]/g, (char) => windows1252High[char.charCodeAt(0) - 0x80]);
}

export interface DecodedText { text: string; charset: string }

export function decodeBody(bytes: Uint8Array, contentType?: string | null): DecodedText {
  const bom = sniffBom(bytes);
  let charset = bom ?? charsetFromContentType(contentType) ?? sniffDeclaration(bytes);
  // A page labelled UTF-16 by a meta tag is really ASCII-compatible (the HTML standard says so).
  if (!bom && charset?.startsWith('utf-16') && !charsetFromContentType(contentType)) charset = 'utf-8';
  if (!charset) charset = isValidUtf8(bytes) ? 'utf-8' : 'windows-1252';
  const text = charset === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(charset).decode(bytes);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, charset };
}
