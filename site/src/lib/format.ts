// Dates on the site are formatted by hand in UTC so that a build is byte-for-byte reproducible
// whatever the machine's locale, time zone or ICU data.
import type { DatePrecision } from '../../../src/stories/types.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface DateParts {
  year: number;
  month: number | null;
  day: number | null;
}

/** Reads YYYY, YYYY-MM, YYYY-MM-DD or a full ISO timestamp (converted to UTC). */
function dateParts(value: string): DateParts | null {
  const plain = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (plain) {
    return {
      year: Number(plain[1]),
      month: plain[2] ? Number(plain[2]) : null,
      day: plain[3] ? Number(plain[3]) : null,
    };
  }
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  const date = new Date(time);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** "13 Jan 2025", "Jan 2025" or "2025", as precise as the source allows and never more. */
export function formatDate(value: string | null | undefined, precision: DatePrecision = 'day'): string {
  if (!value) return '';
  const parts = dateParts(value);
  if (!parts) return value;
  const month = parts.month && parts.month >= 1 && parts.month <= 12 ? MONTHS[parts.month - 1] : null;
  if (precision === 'year' || !month) return String(parts.year);
  if (precision === 'month' || !parts.day) return `${month} ${parts.year}`;
  return `${parts.day} ${month} ${parts.year}`;
}

/** Machine-readable value for <time datetime>, at the same precision as the text. */
export function isoDate(value: string | null | undefined, precision: DatePrecision = 'day'): string {
  if (!value) return '';
  const parts = dateParts(value);
  if (!parts) return '';
  const year = String(parts.year).padStart(4, '0');
  if (precision === 'year' || !parts.month) return year;
  const month = String(parts.month).padStart(2, '0');
  if (precision === 'month' || !parts.day) return `${year}-${month}`;
  return `${year}-${month}-${String(parts.day).padStart(2, '0')}`;
}

/** Sort key that orders mixed precisions sensibly: "2025" < "2025-01" < "2025-01-13". */
export function dateSortKey(value: string | null | undefined): string {
  if (!value) return '';
  const parts = dateParts(value);
  if (!parts) return value;
  return isoDate(value, parts.day ? 'day' : parts.month ? 'month' : 'year');
}

/** First to last coverage, both ends at day precision; one date when they fall on the same day. */
export function formatDateRange(first: string | null, last: string | null): string {
  const from = formatDate(first);
  const to = formatDate(last);
  if (from && to && from !== to) return `${from} – ${to}`;
  return from || to;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
