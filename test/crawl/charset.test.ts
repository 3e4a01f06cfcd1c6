// Decoding fetched bytes: every legacy encoding here was produced with Python's codecs
// (e.g. `python3 -c "print('日本語のニュース'.encode('shift_jis').hex())"`) and pasted as hex, so a
// wrong decoder shows up as mojibake in the assertion.
import { describe, expect, it } from 'vitest';
import { decodeBody, charsetFromContentType } from '../../src/crawl/charset.ts';

const hex = (value: string) => Buffer.from(value.replace(/\s+/g, ''), 'hex');
const ascii = (value: string) => Buffer.from(value, 'latin1');
const join = (...parts: Buffer[]) => Buffer.concat(parts);

// '“Quoted” — €5 café' in windows-1252
const CP1252_QUOTED = hex('9351756f74656494209720803520636166e9');
// '日本語のニュース' in Shift_JIS
const SJIS_NEWS = hex('93fa967b8cea82cc836a8385815b8358');
// '中文新闻' in GBK (GB2312 subset)
const GBK_NEWS = hex('d6d0cec4d0c2cec5');
// 'Новости' in windows-1251 and KOI8-R
const CP1251_NEWS = hex('cdeee2eef1f2e8');
const KOI8_NEWS = hex('eecfd7cfd3d4c9');

describe('decodeBody', () => {
  it('maps windows-1252 bytes 0x80–0x9F to quotes, dashes and the euro sign', () => {
    const { text, charset } = decodeBody(CP1252_QUOTED, 'text/html; charset=windows-1252');
    expect(charset).toBe('windows-1252');
    expect(text).toBe('\u201cQuoted\u201d \u2014 \u20ac5 caf\u00e9');
    expect(text).not.toMatch(/[\u0080-\u009f]/);
  });

  it('reads an ISO-8859-1 label as windows-1252, as browsers do', () => {
    const { text, charset } = decodeBody(CP1252_QUOTED, 'text/html; charset=ISO-8859-1');
    expect(charset).toBe('windows-1252');
    expect(text).toBe('\u201cQuoted\u201d \u2014 \u20ac5 caf\u00e9');
    expect(decodeBody(hex('5afc7269636820636166e9'), 'text/plain; charset="latin1"').text).toBe('Z\u00fcrich caf\u00e9');
  });

  it('decodes Shift_JIS from the header, in its common spellings', () => {
    for (const label of ['Shift_JIS', 'shift-jis', 'x-sjis', '"sjis"']) {
      const { text, charset } = decodeBody(SJIS_NEWS, `text/html; charset=${label}`);
      expect(charset, label).toBe('shift_jis');
      expect(text, label).toBe('日本語のニュース');
    }
  });

  it('decodes GBK and GB2312', () => {
    expect(decodeBody(GBK_NEWS, 'text/html; charset=GBK').text).toBe('中文新闻');
    const gb2312 = decodeBody(GBK_NEWS, 'text/html; charset=gb2312');
    expect(gb2312.text).toBe('中文新闻');
    expect(gb2312.charset).toBe('gbk');
  });

  it('decodes UTF-16LE and UTF-16BE by their BOM, whatever the header says', () => {
    const le = join(hex('fffe'), Buffer.from('<p>Zürich 中文</p>', 'utf16le'));
    const beBody = Buffer.from('<p>Zürich 中文</p>', 'utf16le');
    const be = join(hex('feff'), Buffer.from(beBody).swap16());
    expect(decodeBody(le, 'text/html; charset=iso-8859-1')).toEqual({ text: '<p>Zürich 中文</p>', charset: 'utf-16le' });
    expect(decodeBody(be, null)).toEqual({ text: '<p>Zürich 中文</p>', charset: 'utf-16be' });
  });

  it('strips a UTF-8 BOM and lets it override a wrong header', () => {
    const bytes = join(hex('efbbbf'), Buffer.from('<?xml version="1.0"?><rss>café</rss>'));
    const { text, charset } = decodeBody(bytes, 'application/xml; charset=windows-1252');
    expect(charset).toBe('utf-8');
    expect(text).toBe('<?xml version="1.0"?><rss>café</rss>');
  });

  it('finds a <meta charset> declared after more than 1 KB of head content', () => {
    const filler = `<meta name="description" content="${'Export controls and distillation disputes. '.repeat(40)}">\n`;
    expect(filler.length).toBeGreaterThan(1024);
    const page = join(
      ascii(`<!doctype html><html><head><title>News</title>\n${filler}<meta charset="windows-1251">\n</head><body><h1>`),
      CP1251_NEWS,
      ascii('</h1></body></html>'),
    );
    const { text, charset } = decodeBody(page, 'text/html');
    expect(charset).toBe('windows-1251');
    expect(text).toContain('<h1>Новости</h1>');
  });

  it('reads the charset from a http-equiv Content-Type meta', () => {
    const page = join(ascii('<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body>'), SJIS_NEWS);
    expect(decodeBody(page, null).text).toContain('日本語のニュース');
  });

  it('reads the encoding from an XML declaration', () => {
    const feed = join(ascii('<?xml version="1.0" encoding="KOI8-R"?>\n<rss><channel><title>'), KOI8_NEWS, ascii('</title></channel></rss>'));
    const { text, charset } = decodeBody(feed, 'application/rss+xml');
    expect(charset).toBe('koi8-r');
    expect(text).toContain('<title>Новости</title>');
  });

  it('lets the HTTP header win over the document’s meta', () => {
    const page = join(ascii('<html><head><meta charset="utf-8"></head><body>'), CP1251_NEWS);
    const { text, charset } = decodeBody(page, 'text/html; charset=windows-1251');
    expect(charset).toBe('windows-1251');
    expect(text).toContain('Новости');
  });

  it('ignores an unknown header label and falls back to the document’s declaration', () => {
    const page = join(ascii('<html><head><meta charset="gbk"></head><body>'), GBK_NEWS);
    expect(decodeBody(page, 'text/html; charset=no-such-charset').text).toContain('中文新闻');
  });

  it('treats a meta declaring UTF-16 on ASCII-compatible bytes as UTF-8', () => {
    const page = Buffer.from('<html><head><meta charset="utf-16"></head><body>Zürich</body></html>');
    const { text, charset } = decodeBody(page, 'text/html');
    expect(charset).toBe('utf-8');
    expect(text).toContain('Zürich');
  });

  it('decodes undeclared valid UTF-8 as UTF-8', () => {
    const { text, charset } = decodeBody(Buffer.from('<p>“Zürich” — 中文</p>'), 'text/html');
    expect(charset).toBe('utf-8');
    expect(text).toBe('<p>“Zürich” — 中文</p>');
  });

  it('falls back to windows-1252 for undeclared bytes that are not valid UTF-8', () => {
    const page = join(ascii('<p>'), CP1252_QUOTED, ascii('</p>'));
    const { text, charset } = decodeBody(page, 'text/html');
    expect(charset).toBe('windows-1252');
    expect(text).toBe('<p>\u201cQuoted\u201d \u2014 \u20ac5 caf\u00e9</p>');
  });
});

describe('charsetFromContentType', () => {
  it('reads quoted, spaced and missing labels', () => {
    expect(charsetFromContentType('text/html; charset="UTF-8"')).toBe('utf-8');
    expect(charsetFromContentType('text/html;charset = Shift_JIS')).toBe('shift_jis');
    expect(charsetFromContentType('text/html')).toBeNull();
    expect(charsetFromContentType(null)).toBeNull();
    expect(charsetFromContentType('text/html; charset=bogus-42')).toBeNull();
  });
});
