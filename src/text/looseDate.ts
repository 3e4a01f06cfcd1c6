// Dates as feeds and page metadata really write them: RFC 822 with or without weekday and with
// named or numeric zones, ISO 8601 with or without zone or seconds, "2025-01-29 14:05:00",
// and a few sloppy variants. Returns an ISO 8601 UTC string, or null.
import { MONTH_NUMBERS } from './calendarWords.ts';

const zones: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360,
  PST: -480, PDT: -420, BST: 60, CET: 60, CEST: 120, JST: 540, KST: 540, IST: 330, AEST: 600, AEDT: 660, HKT: 480, SGT: 480,
};

const explicitZone = new RegExp(`\\b(${Object.keys(zones).join('|')})\\b|[+-]\\d{2}:?\\d{2}\\b`, 'i');

// A month's number by its name or abbreviation in lower case; read below by a name's first three
// letters ("jan", "may"), or four for "sept".
const months = MONTH_NUMBERS;

function build(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, offsetMinutes = 0): string | null {
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  // Date.UTC rolls "30 Feb" over into March; a day the month does not have is not a date.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) - offsetMinutes * 60000;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString();
}

function parseOffset(zone: string | undefined): number | null {
  if (!zone) return 0;
  const upper = zone.toUpperCase();
  if (upper in zones) return zones[upper];
  const numeric = zone.match(/^([+-])(\d{2}):?(\d{2})?$/);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  return null;
}

export function parseLooseDate(input: string | null | undefined): string | null {
  if (!input) return null;
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) return null;

  // ISO 8601 and "YYYY-MM-DD HH:MM[:SS]" forms.
  const iso = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4})?)?$/i);
  if (iso) {
    const offset = parseOffset(iso[7]);
    return build(+iso[1], +iso[2], +iso[3], +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0), offset ?? 0);
  }
  // RFC 822 / 1123 and friends: "Tue, 15 Apr 2025 09:00:00 +0800", "15 Apr 2025 09:00 GMT".
  const rfc = text.match(/^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})[\s-]([A-Za-z]{3,9})\.?[\s-](\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?$/);
  if (rfc) {
    const month = months[rfc[2].slice(0, rfc[2].toLowerCase().startsWith('sept') ? 4 : 3).toLowerCase()];
    let year = +rfc[3];
    if (year < 100) year += year < 50 ? 2000 : 1900;
    const offset = parseOffset(rfc[7]);
    if (month) return build(year, month, +rfc[1], +(rfc[4] ?? 0), +(rfc[5] ?? 0), +(rfc[6] ?? 0), offset ?? 0);
  }
  // "January 29, 2025", "Jan. 29, 2025 2:05 PM", "Wednesday, January 29, 2025".
  const prose = text.match(/^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?)?(?:\s*([A-Z]{2,4}|[+-]\d{2}:?\d{2}))?$/i);
  if (prose) {
    const month = months[prose[1].slice(0, 3).toLowerCase()];
    let hour = +(prose[4] ?? 0);
    if (prose[6] && /p/i.test(prose[6]) && hour < 12) hour += 12;
    if (prose[6] && /a/i.test(prose[6]) && hour === 12) hour = 0;
    if (month) return build(+prose[3], month, +prose[2], hour, +(prose[5] ?? 0), 0, parseOffset(prose[7]) ?? 0);
  }
  // "29 January 2025".
  const dayFirst = text.match(/^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/);
  if (dayFirst) {
    const month = months[dayFirst[2].slice(0, 3).toLowerCase()];
    if (month) return build(+dayFirst[3], month, +dayFirst[1]);
  }
  // V8's Date.parse reads bare numbers as dates ("0" is 2000-01-01, "12" is December 2001), so the
  // fallback only sees text that carries a four-digit year.
  if (!/(^|\D)(19|20|21)\d{2}(\D|$)/.test(text)) return null;
  // Date.parse reads a zone-less date in the machine's local time zone; everything else here reads
  // it as UTC, so the fallback does too (a crawl must not give different dates on different hosts).
  const fallback = Date.parse(explicitZone.test(text) ? text : `${text} UTC`);
  if (!Number.isNaN(fallback)) {
    const year = new Date(fallback).getUTCFullYear();
    if (year >= 1970 && year <= 2200) return new Date(fallback).toISOString();
  }
  return null;
}
