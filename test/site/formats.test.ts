// The writers behind the site's feeds and downloads, on the inputs that break naive ones.
import { describe, expect, it } from 'vitest';
import { atomFeed, capField, csvField, csvFile, icsCalendar, icsDateRange, icsEscape, icsFold, xmlEscape, MAX_FIELD_LENGTH } from '../../site/src/lib/formats.ts';
import { monthlyBars } from '../../site/src/lib/chart.ts';

describe('CSV (RFC 4180)', () => {
  it('quotes only fields with commas, quotes or line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
    expect(csvFile(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it('keeps web text that looks like a spreadsheet formula from running as one', () => {
    expect(csvField('=HYPERLINK("http://evil.example","click")')).toBe('"\'=HYPERLINK(""http://evil.example"",""click"")"');
    expect(csvField('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvField('+1 555 0100 call now')).toBe("'+1 555 0100 call now");
    expect(csvField('-cmd|calc')).toBe("'-cmd|calc");
    // Numbers, and text that is only a number, stay as they are.
    expect(csvField(-4.5)).toBe('-4.5');
    expect(csvField('-12')).toBe('-12');
    expect(csvField('Nvidia said -')).toBe('Nvidia said -');
  });
});

describe('iCalendar (RFC 5545)', () => {
  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    expect(icsEscape('a\\b; c, d\ne')).toBe('a\\\\b\\; c\\, d\\ne');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = icsFold(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(icsFold('short')).toBe('short');
  });

  it('spans a day, a month or a year by the precision of the date', () => {
    expect(icsDateRange('2025-01-31', 'day')).toEqual({ start: '20250131', end: '20250201' });
    expect(icsDateRange('2025-12', 'month')).toEqual({ start: '20251201', end: '20260101' });
    expect(icsDateRange('2024', 'year')).toEqual({ start: '20240101', end: '20250101' });
    expect(icsDateRange('not a date', 'day')).toBeNull();
  });

  it('writes one VEVENT per event with CRLF line ends', () => {
    const ics = icsCalendar('Test', '2025-06-03T06:00:00Z', [
      { uid: 'a@x', date: '2025-01-20', precision: 'day', summary: 'One, two; three', description: 'd', url: null },
      { uid: 'b@x', date: 'garbage', precision: 'day', summary: 'skipped', description: 'd', url: null },
    ]);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain('SUMMARY:One\\, two\\; three\r\n');
    expect(ics).toContain('DTSTAMP:20250603T060000Z\r\n');
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });
});

describe('Atom', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(xmlEscape('<a href="x">&\'</a>\u0001')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    const xml = atomFeed({
      id: 'https://x/', title: '<b>', subtitle: '', selfUrl: 'https://x/f.atom', pageUrl: 'https://x/', updated: '2025-01-01T00:00:00Z',
      author: 'x', entries: [{ id: 'https://x/#1', title: 'A & B', updated: '2025-01-01T00:00:00Z', link: null, summary: 's' }],
    });
    expect(xml).toContain('<title>&lt;b&gt;</title>');
    expect(xml).toContain('<title type="text">A &amp; B</title>');
    expect(xml).not.toContain('<link rel="alternate" href=');
  });
});

describe('field lengths', () => {
  // Extraction bounds what it stores; these writers are the second guard against an enormous field.
  const huge = `A headline ${'x'.repeat(1_000_000)} and more`;

  it('caps a CSV cell at 2,000 characters ending in "…", numbers and short text untouched', () => {
    const cell = csvField(huge);
    expect(cell.length).toBeLessThanOrEqual(MAX_FIELD_LENGTH);
    expect(cell.startsWith('A headline xxx')).toBe(true);
    expect(cell.endsWith('…')).toBe(true);
    const file = csvFile(['title', 'sentence', 'value'], [[huge, `He said "${huge}", twice`, 5_500_000_000]]);
    // Cut before quoting: the quoted cell is still one well-formed field (quotes doubled, closed).
    expect(file.length).toBeLessThan(2 * MAX_FIELD_LENGTH + 100);
    expect(file).toMatch(/^title,sentence,value\r\nA headline x+…,"He said ""A headline x+…",5500000000\r\n$/);
    expect(csvField('plain text')).toBe('plain text');
  });

  it('caps Atom titles, authors and summaries, never ids or links', () => {
    const link = `https://news.example/${'a'.repeat(2500)}`;
    const xml = atomFeed({
      id: 'https://x/', title: huge, subtitle: huge, selfUrl: 'https://x/f.atom', pageUrl: 'https://x/', updated: '2025-01-01T00:00:00Z',
      author: huge, entries: [{ id: 'https://x/#1', title: huge, updated: '2025-01-01T00:00:00Z', link, summary: `${huge} <b>`, author: huge }],
    });
    expect(xml.length).toBeLessThan(6 * MAX_FIELD_LENGTH + link.length + 1000);
    let fields = 0;
    for (const element of ['title', 'subtitle', 'name', 'summary']) {
      for (const match of xml.matchAll(new RegExp(`<${element}[^>]*>([^<]*)</${element}>`, 'g'))) {
        expect(match[1].length, element).toBeLessThanOrEqual(MAX_FIELD_LENGTH);
        expect(match[1].endsWith('…'), element).toBe(true);
        fields++;
      }
    }
    expect(fields).toBe(6);
    expect(xml).toContain(`href="${link}"`);
  });

  it('caps iCalendar summaries and descriptions', () => {
    const ics = icsCalendar('Test', '2025-06-03T06:00:00Z', [{ uid: 'a@x', date: '2025-01-20', precision: 'day', summary: huge, description: huge, url: null }]);
    expect(ics.length).toBeLessThan(3 * MAX_FIELD_LENGTH + 1000);
    const unfolded = ics.replace(/\r\n /g, '');
    for (const property of ['SUMMARY', 'DESCRIPTION']) {
      const value = new RegExp(`^${property}:(.*)\r$`, 'm').exec(unfolded)?.[1] ?? '';
      expect(value.length, property).toBeLessThanOrEqual(MAX_FIELD_LENGTH);
      expect(value, property).toMatch(/^A headline x+…$/);
    }
  });

  it('never cuts a character in half', () => {
    const cut = capField('😀'.repeat(MAX_FIELD_LENGTH));
    expect(cut.length).toBeLessThanOrEqual(MAX_FIELD_LENGTH);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(capField('short')).toBe('short');
  });
});

describe('monthly bars', () => {
  it('fills the months between the first and the last with zeros', () => {
    const bars = monthlyBars([{ month: '2024-11', count: 2 }, { month: '2025-02', count: 1 }]);
    expect(bars.map((bar) => `${bar.label}:${bar.count}`)).toEqual(['Nov 2024:2', 'Dec 2024:0', 'Jan 2025:0', 'Feb 2025:1']);
    expect(monthlyBars([])).toEqual([]);
  });
});
