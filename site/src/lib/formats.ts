// Writers for the site's machine-readable files: Atom feeds, iCalendar and CSV. Each escapes by the
// rules of its own format, since text from the web reaches all of them.
import type { DatePrecision } from '../../../src/stories/types.ts';

/**
 * The longest text a feed entry, a calendar event or a CSV cell carries. Extraction already bounds
 * what it stores; this is the second guard, so one enormous field in the database cannot make a
 * feed or a download megabytes long.
 */
export const MAX_FIELD_LENGTH = 2000;

/** `text` cut to at most `max` characters, the last of them "…", never inside a surrogate pair. */
export function capField(text: string, max = MAX_FIELD_LENGTH): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

// Characters XML 1.0 does not allow at all (C0 controls other than tab, newline, carriage return).
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An RFC 3339 timestamp for Atom, or the fallback when the value is not a date. */
export function atomDate(value: string | null | undefined, fallback: string): string {
  const time = value ? Date.parse(value) : NaN;
  if (!Number.isNaN(time)) return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const fallbackTime = Date.parse(fallback);
  return Number.isNaN(fallbackTime) ? '1970-01-01T00:00:00Z' : new Date(fallbackTime).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  link: string | null;
  summary: string;
  author?: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  selfUrl: string;
  pageUrl: string;
  updated: string;
  author: string;
  entries: AtomEntry[];
}

/** An Atom feed; every text (titles, subtitle, authors, summaries) capped at MAX_FIELD_LENGTH, identifiers and links kept whole. */
export function atomFeed(feed: AtomFeed): string {
  const text = (value: string) => xmlEscape(capField(value));
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(feed.id)}</id>`,
    `  <title>${text(feed.title)}</title>`,
    `  <subtitle>${text(feed.subtitle)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(feed.pageUrl)}"/>`,
    `  <updated>${xmlEscape(feed.updated)}</updated>`,
    `  <author><name>${text(feed.author)}</name></author>`,
  ];
  for (const entry of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${xmlEscape(entry.id)}</id>`,
      `    <title type="text">${text(entry.title)}</title>`,
      `    <updated>${xmlEscape(entry.updated)}</updated>`,
      ...(entry.link ? [`    <link rel="alternate" href="${xmlEscape(entry.link)}"/>`] : []),
      ...(entry.author ? [`    <author><name>${text(entry.author)}</name></author>`] : []),
      `    <summary type="text">${text(entry.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/** TEXT value escaping of RFC 5545 §3.3.11: backslash, semicolon, comma and newlines. */
export function icsEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
export function icsFold(line: string): string {
  // Most lines are short ASCII: nothing to fold.
  if (line.length <= 75 && !/[^\x00-\x7f]/.test(line)) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const code = char.codePointAt(0)!;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    // The first line holds 75 octets; continuation lines start with a space, so 74 more.
    const limit = parts.length === 0 ? 75 : 74;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** All-day start and (exclusive) end of an event at its precision: a day, a whole month or a whole year. */
export function icsDateRange(date: string, precision: DatePrecision): { start: string; end: string } | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : 1;
  const day = match[3] ? Number(match[3]) : 1;
  const effective: DatePrecision = precision === 'day' && match[3] ? 'day' : precision !== 'year' && match[2] ? 'month' : 'year';
  const start = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(start.getTime())) return null;
  const end = new Date(start);
  if (effective === 'day') end.setUTCDate(end.getUTCDate() + 1);
  else if (effective === 'month') end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCFullYear(end.getUTCFullYear() + 1);
  const format = (d: Date) =>
    `${String(d.getUTCFullYear()).padStart(4, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  return { start: format(start), end: format(end) };
}

/** "20250203T101200Z" */
export function icsTimestamp(value: string): string {
  const time = Date.parse(value);
  const date = Number.isNaN(time) ? new Date(0) : new Date(time);
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export interface CalendarEvent {
  uid: string;
  date: string;
  precision: DatePrecision;
  summary: string;
  description: string;
  url: string | null;
}

/** An iCalendar file; the calendar's name and every summary and description capped at MAX_FIELD_LENGTH. */
export function icsCalendar(name: string, stamp: string, events: CalendarEvent[]): string {
  const text = (value: string) => icsEscape(capField(value));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//AI Policy Tracker//Timeline//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${text(name)}`,
  ];
  for (const event of events) {
    const range = icsDateRange(event.date, event.precision);
    if (!range) continue;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icsEscape(event.uid)}`,
      `DTSTAMP:${icsTimestamp(stamp)}`,
      `DTSTART;VALUE=DATE:${range.start}`,
      `DTEND;VALUE=DATE:${range.end}`,
      `SUMMARY:${text(event.summary)}`,
      `DESCRIPTION:${text(event.description)}`,
      ...(event.url ? [`URL:${event.url}`] : []),
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(icsFold).join('\r\n') + '\r\n';
}

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break; quotes doubled; text capped at MAX_FIELD_LENGTH. */
export function csvField(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? capField(value) : String(value);
  // Text from the web opening with = + - @ (or a tab / carriage return) would run as a formula when
  // the file is opened in a spreadsheet: a leading apostrophe keeps it text. Numbers stay numbers.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(?:\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file with a header row, CRLF line ends (RFC 4180). */
export function csvFile(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
