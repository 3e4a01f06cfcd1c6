// Dated events: date expressions (absolute, partial, ranges and relative ones resolved against the
// article's publication time) at their real precision, each with the clause that says what happened.
// Publication dates, datelines and "updated" stamps are not events.
import type { Sentence } from './sentences.ts';
import { alternation, MONTH_NAMES, MONTH_NUMBERS, MONTH_PATTERN, WEEKDAY_NAMES } from './words.ts';

export type Precision = 'day' | 'month' | 'year';

export interface DateExpression {
  date: string;
  precision: Precision;
  endDate: string | null;
  start: number;
  end: number;
  relative: boolean;
}

export interface ExtractedEvent {
  date: string;
  precision: Precision;
  endDate: string | null;
  text: string;
  sentence: string;
  start: number;
  end: number;
}

// Weekdays in the order of Date.getUTCDay(), Sunday first, in lower case.
const weekdays = [WEEKDAY_NAMES[6], ...WEEKDAY_NAMES.slice(0, 6)].map((day) => day.toLowerCase());
// A month's name or abbreviation ("January", "Jan.", "Sept."), captured.
const M = `(${MONTH_PATTERN})`;
const D = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const Y = String.raw`((?:19|20)\d{2})`;

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const month = (name: string) => MONTH_NUMBERS[name.toLowerCase().replace('.', '')];

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A month-day without a year: the year that puts it nearest before (or just after) publication. */
function inferYear(m: number, d: number, published: Date | null): number | null {
  if (!published) return null;
  const year = published.getUTCFullYear();
  // The nearest such day to publication: "Dec. 2" in a January article is last December,
  // "May 15" in a January article is this May.
  let best = year;
  let bestDistance = Infinity;
  for (const candidate of [year - 1, year, year + 1]) {
    const distance = Math.abs(Date.UTC(candidate, m - 1, d) - published.getTime());
    if (distance < bestDistance) { best = candidate; bestDistance = distance; }
  }
  return best;
}

function shiftDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86400000);
}

interface Rule { pattern: RegExp; resolve: (match: RegExpExecArray, published: Date | null) => Omit<DateExpression, 'start' | 'end'> | null }

/** A month named without a year: this year's when it is not after publication, else last year's, unless the sentence looks ahead. */
function monthYear(monthNumber: number, prefix: string | undefined, input: string, index: number, published: Date): number {
  const year = published.getUTCFullYear();
  const current = published.getUTCMonth() + 1;
  const word = prefix?.toLowerCase();
  // "last June" in November is this year's June; "last October" in November is a year ago ("last
  // month" would have said the other).
  if (word === 'last') return current - monthNumber >= 3 ? year : year - 1;
  if (word === 'next') return monthNumber > current ? year : year + 1;
  const lead = input.slice(Math.max(0, index - 60), index);
  const ahead = /\b(?:will|shall|scheduled|set to|due|expected|plans?|planning|upcoming|postponed|delayed|pushed back|deadline|ha(?:ve|s) to|must|needs? to)\b/i.test(lead) || word === 'until' || word === 'by';
  if (monthNumber > current && !ahead) return year - 1;
  if (monthNumber < current && ahead && /\b(?:will|shall|scheduled|set to|due|expected|plans?|upcoming)\b/i.test(lead) && current - monthNumber > 6) return year + 1;
  return year;
}

// "Saturday 3 October", "Tuesday, Jan. 14": a date written after a weekday.
const dateAfterWeekday = new RegExp(String.raw`^,?\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:${MONTH_PATTERN})(?![a-z])(?:\s+\d)?`);

// Small numbers as words: "two days later", "the first three months", "five years ago".
const numberWords: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

const rules: Rule[] = [
  // Parts of a year: "the first half of 2025", "the second half of last year", "the first three months of the year".
  {
    pattern: /\b(?:the\s+)?(first|second)\s+half\s+of\s+((?:19|20)\d{2}|the\s+year|this\s+year|last\s+year|next\s+year)\b|\b(?:the\s+)?(first|last|final)\s+(two|three|four|five|six|nine|\d)\s+months\s+of\s+((?:19|20)\d{2}|the\s+year|this\s+year|last\s+year)\b/gi,
    resolve: (m, published) => {
      const which = (m[2] ?? m[5]).toLowerCase();
      const year = /^\d/.test(which) ? +which : published ? published.getUTCFullYear() + (which.startsWith('last') ? -1 : which.startsWith('next') ? 1 : 0) : null;
      if (!year) return null;
      if (m[1]) return m[1].toLowerCase() === 'first' ? { date: `${year}-01`, precision: 'month', endDate: `${year}-06`, relative: !/^\d/.test(which) } : { date: `${year}-07`, precision: 'month', endDate: `${year}-12`, relative: !/^\d/.test(which) };
      const count = numberWords[m[4].toLowerCase()] ?? +m[4];
      if (!count || count > 12) return null;
      return m[3].toLowerCase() === 'first' ? { date: `${year}-01`, precision: 'month', endDate: `${year}-${pad(count)}`, relative: !/^\d/.test(which) } : { date: `${year}-${pad(13 - count)}`, precision: 'month', endDate: `${year}-12`, relative: !/^\d/.test(which) };
    },
  },
  // Year and month ranges: "between 2014 and 2021", "from January to October 2023", "between October 2019 to March 2020"
  {
    pattern: /\b(?:[Bb]etween|[Ff]rom)\s+((?:19|20)\d{2})\s*(?:and|to|through|until|[-–])\s*((?:19|20)\d{2})\b/g,
    resolve: (m) => (+m[2] > +m[1] ? { date: m[1], precision: 'year', endDate: m[2], relative: false } : null),
  },
  {
    pattern: new RegExp(String.raw`\b(?:[Bb]etween|[Ff]rom)\s+${M}(?:,?\s+${Y})?\s+(?:and|to|through|until)\s+${M},?\s+${Y}\b`, 'g'),
    resolve: (m) => {
      const endYear = +m[4];
      const startYear = m[2] ? +m[2] : (month(m[1]) <= month(m[3]) ? endYear : endYear - 1);
      return { date: `${startYear}-${pad(month(m[1]))}`, precision: 'month', endDate: `${endYear}-${pad(month(m[3]))}`, relative: false };
    },
  },
  // Ranges: "between April 22 and June 5, 2025", "from January 28 to 29", "January 28-29, 2025", "28–29 January 2025"
  {
    pattern: new RegExp(String.raw`\b(?:between|from)\s+${M}\s+${D}(?:,?\s+${Y})?\s+(?:and|to|through|until)\s+(?:${M}\s+)?${D}(?:,?\s+${Y})?\b`, 'g'),
    resolve: (m, published) => {
      const m1 = month(m[1]); const d1 = +m[2]; const m2 = m[4] ? month(m[4]) : m1; const d2 = +m[5];
      const y2 = m[6] ? +m[6] : m[3] ? +m[3] : inferYear(m2, d2, published);
      const y1 = m[3] ? +m[3] : y2;
      if (!y1 || !y2 || !validDay(y1, m1, d1) || !validDay(y2, m2, d2)) return null;
      return { date: ymd(y1, m1, d1), precision: 'day', endDate: ymd(y2, m2, d2), relative: !m[3] && !m[6] };
    },
  },
  {
    pattern: new RegExp(String.raw`\b${M}\s+${D}\s*[-–—]\s*${D},?\s+${Y}\b`, 'g'),
    resolve: (m) => {
      const mo = month(m[1]);
      if (!validDay(+m[4], mo, +m[2]) || !validDay(+m[4], mo, +m[3])) return null;
      return { date: ymd(+m[4], mo, +m[2]), precision: 'day', endDate: ymd(+m[4], mo, +m[3]), relative: false };
    },
  },
  {
    pattern: new RegExp(String.raw`\b${D}\s*[-–—]\s*${D}\s+${M},?\s+${Y}\b`, 'g'),
    resolve: (m) => {
      const mo = month(m[3]);
      if (!validDay(+m[4], mo, +m[1]) || !validDay(+m[4], mo, +m[2])) return null;
      return { date: ymd(+m[4], mo, +m[1]), precision: 'day', endDate: ymd(+m[4], mo, +m[2]), relative: false };
    },
  },
  // Full dates: "January 13, 2025", "Jan. 13 2025", "13 January 2025"
  {
    pattern: new RegExp(String.raw`\b${M}\s+${D},?\s+${Y}\b`, 'g'),
    resolve: (m) => (validDay(+m[3], month(m[1]), +m[2]) ? { date: ymd(+m[3], month(m[1]), +m[2]), precision: 'day', endDate: null, relative: false } : null),
  },
  {
    pattern: new RegExp(String.raw`\b${D}\s+${M},?\s+${Y}\b`, 'g'),
    resolve: (m) => (validDay(+m[3], month(m[2]), +m[1]) ? { date: ymd(+m[3], month(m[2]), +m[1]), precision: 'day', endDate: null, relative: false } : null),
  },
  { pattern: /\b(20\d{2})-(\d{2})-(\d{2})\b/g, resolve: (m) => (validDay(+m[1], +m[2], +m[3]) ? { date: ymd(+m[1], +m[2], +m[3]), precision: 'day', endDate: null, relative: false } : null) },
  // "the 29th of September (2020)"
  {
    pattern: new RegExp(String.raw`\bthe\s+${D}\s+of\s+${M}(?:,?\s+${Y})?\b`, 'g'),
    resolve: (m, published) => {
      const mo = month(m[2]); const d = +m[1]; const y = m[3] ? +m[3] : inferYear(mo, d, published);
      return y && validDay(y, mo, d) ? { date: ymd(y, mo, d), precision: 'day', endDate: null, relative: !m[3] } : null;
    },
  },
  // Numeric dates, "05/10/2020": day first or month first, whichever is valid and nearer publication.
  {
    pattern: /(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})(?![\d/])/g,
    resolve: (m, published) => {
      const options = [[+m[3], +m[2], +m[1]], [+m[3], +m[1], +m[2]]].filter(([y, mo, d]) => mo >= 1 && mo <= 12 && validDay(y, mo, d));
      if (options.length === 0) return null;
      const distance = ([y, mo, d]: number[]) => (published ? Math.abs(Date.UTC(y, mo - 1, d) - published.getTime()) : 0);
      const [y, mo, d] = options.sort((a, b) => distance(a) - distance(b))[0];
      return { date: ymd(y, mo, d), precision: 'day', endDate: null, relative: false };
    },
  },
  // Month and year: "in October 2022", "January 2025"
  { pattern: new RegExp(String.raw`\b${M},?\s+${Y}\b`, 'g'), resolve: (m) => ({ date: `${m[2]}-${pad(month(m[1]))}`, precision: 'month', endDate: null, relative: false }) },
  // Month and day without year: "on January 28", "Jan. 28", "28 January"
  {
    pattern: new RegExp(String.raw`\b${M}\s+${D}\b(?!\s*,?\s*(?:19|20)\d{2})(?![\d:])`, 'g'),
    resolve: (m, published) => {
      const mo = month(m[1]); const d = +m[2]; const y = inferYear(mo, d, published);
      return y && validDay(y, mo, d) ? { date: ymd(y, mo, d), precision: 'day', endDate: null, relative: true } : null;
    },
  },
  {
    pattern: new RegExp(String.raw`\b${D}\s+${M}\b(?!\s*,?\s*(?:19|20)\d{2})`, 'g'),
    resolve: (m, published) => {
      const mo = month(m[2]); const d = +m[1]; const y = inferYear(mo, d, published);
      return y && validDay(y, mo, d) ? { date: ymd(y, mo, d), precision: 'day', endDate: null, relative: true } : null;
    },
  },
  // A month alone: "in June", "last October", "until September", "in late October", "mid-August".
  {
    pattern: new RegExp(String.raw`\b(?:([Ii]n|[Ll]ast|[Nn]ext|[Ss]ince|[Uu]ntil|[Bb]y|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id|[Ff]rom|[Tt]hrough|[Tt]hroughout|[Bb]efore|[Aa]fter|[Dd]uring|(?:at\s+)?(?:the\s+)?(?:end|beginning|start|middle)\s+of|end)(?:\s+(?:early|late|mid))?[\s-]+)(${alternation(MONTH_NAMES)})\b(?!\s+\d)(?!,?\s+(?:19|20)\d{2})`, 'g'),
    resolve: (m, published) => {
      if (!published) return null;
      const monthNumber = month(m[2]);
      return { date: `${monthYear(monthNumber, m[1], m.input, m.index, published)}-${pad(monthNumber)}`, precision: 'month', endDate: null, relative: true };
    },
  },
  // "five years ago", "two months ago", "3 days ago"
  {
    pattern: /\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(year|month|week|day)s?\s+ago\b/gi,
    resolve: (m, published) => {
      if (!published) return null;
      const n = numberWords[m[1].toLowerCase()] ?? Number(m[1]);
      const unit = m[2].toLowerCase();
      if (unit === 'year') return { date: String(published.getUTCFullYear() - n), precision: 'year', endDate: null, relative: true };
      if (unit === 'month') { const d = new Date(Date.UTC(published.getUTCFullYear(), published.getUTCMonth() - n, 1)); return { date: d.toISOString().slice(0, 7), precision: 'month', endDate: null, relative: true }; }
      const day = shiftDays(published, -(unit === 'week' ? 7 * n : n));
      return unit === 'week' ? { date: day.toISOString().slice(0, 7), precision: 'month', endDate: null, relative: true } : { date: day.toISOString().slice(0, 10), precision: 'day', endDate: null, relative: true };
    },
  },
  // Weekdays: "on Monday", "last Tuesday", "Wednesday's" → the most recent such day up to publication;
  // "next Monday", or a weekday in a sentence about what will happen ("is scheduled for Thursday"),
  // → the coming such day.
  {
    pattern: new RegExp(String.raw`\b(?:([Ll]ast|[Tt]his|[Nn]ext|[Oo]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ll]ate|[Ee]arly|[Ff]or)\s+)?(${alternation(WEEKDAY_NAMES)})\b(?:['’]s)?`, 'g'),
    resolve: (m, published) => {
      if (!published) return null;
      const target = weekdays.indexOf(m[2].toLowerCase());
      const prefix = m[1]?.toLowerCase();
      // "Saturday 3 October", "Tuesday, Jan. 14": the date that follows is the one to read.
      if (dateAfterWeekday.test(m.input.slice(m.index + m[0].length))) return null;
      // Only the words just before the day decide: "will double output after winning approval on
      // Tuesday" is about last Tuesday.
      const lead = m.input.slice(Math.max(0, m.index - 40), m.index);
      // A future verb right after the day also looks ahead: "from 4am on Saturday will have to isolate".
      const trail = m.input.slice(m.index + m[0].length, m.index + m[0].length + 40);
      // "Trump takes office on Monday", "the rule takes effect on Friday": a scheduled present.
      const scheduled = /\b(?:takes?|begins?|starts|opens|meets|votes|travels|heads|arrives?|returns|launches|resumes?|expires?|closes|kicks? off|goes into effect|comes? into force|deadline is|is due)\b(?:\s+[\w-]+){0,2}\s*$/i.test(lead) && !/^\s*(?:,\s*)?(?:when|after)\b/.test(trail);
      const future = prefix === 'next' || (prefix !== 'last' && (scheduled || /\b(?:will|shall|scheduled|set to|due|expected to|plans? to|planning to|upcoming)\b(?![^,;]*\b(?:after|since|when)\b)/i.test(lead) || /^(?:(?!\b(?:and|but|then|before|after)\b)[^.;,]){0,25}\b(?:will|is set to|are set to|is due to|are due to|is expected to|are expected to)\b/i.test(trail)));
      if (future) {
        let ahead = (target - published.getUTCDay() + 7) % 7;
        if (prefix === 'next' && ahead === 0) ahead = 7;
        return { date: shiftDays(published, ahead).toISOString().slice(0, 10), precision: 'day', endDate: null, relative: true };
      }
      let back = (published.getUTCDay() - target + 7) % 7;
      if (prefix === 'last' && back === 0) back = 7;
      const day = shiftDays(published, -back);
      return { date: day.toISOString().slice(0, 10), precision: 'day', endDate: null, relative: true };
    },
  },
  {
    pattern: /\b(yesterday|today|earlier today|tonight|tomorrow|last night|this morning|this afternoon|this evening|earlier this evening|the past week|last week|earlier this week|this week|next week|last month|earlier this month|this month|next month|last year|earlier this year|this year|next year)\b/gi,
    resolve: (m, published) => {
      if (!published) return null;
      const phrase = m[1].toLowerCase();
      const y = published.getUTCFullYear();
      const mo = published.getUTCMonth() + 1;
      // ("CBS This Morning", "Good Morning America" with its capitals: a programme, not a time.)
      if (/ [A-Z]/.test(m[1]) && m.index > 0 && !/[.!?:“"]\s*$/.test(m.input.slice(0, m.index))) return null;
      if (phrase === 'last night') return { date: shiftDays(published, -1).toISOString().slice(0, 10), precision: 'day', endDate: null, relative: true };
      if (/^(?:this|earlier this) (?:morning|afternoon|evening)$/.test(phrase)) return { date: published.toISOString().slice(0, 10), precision: 'day', endDate: null, relative: true };
      if (phrase === 'yesterday') return { date: shiftDays(published, -1).toISOString().slice(0, 10), precision: 'day', endDate: null, relative: true };
      if (phrase === 'tomorrow') return { date: shiftDays(published, 1).toISOString().slice(0, 10), precision: 'day', endDate: null, relative: true };
      if (phrase === 'next week') { const day = shiftDays(published, 7); return { date: day.toISOString().slice(0, 7), precision: 'month', endDate: null, relative: true }; }
      if (phrase === 'next month') return { date: mo === 12 ? `${y + 1}-01` : `${y}-${pad(mo + 1)}`, precision: 'month', endDate: null, relative: true };
      if (phrase === 'next year') return { date: String(y + 1), precision: 'year', endDate: null, relative: true };
      if (phrase.endsWith('today') || phrase === 'tonight') {
        // "Today" capitalised inside a sentence names something (a programme, "Miami Today").
        if (m[1] === 'Today' && m.index > 0 && !/[.!?:“"]\s*$/.test(m.input.slice(0, m.index))) return null;
        return { date: published.toISOString().slice(0, 10), precision: 'day', endDate: null, relative: true };
      }
      if (phrase.endsWith('today')) return { date: published.toISOString().slice(0, 10), precision: 'day', endDate: null, relative: true };
      if (phrase === 'last week' || phrase === 'the past week') { const day = shiftDays(published, -7); return { date: day.toISOString().slice(0, 7), precision: 'month', endDate: null, relative: true }; }
      if (phrase.includes('week') || phrase.includes('this month')) return { date: `${y}-${pad(mo)}`, precision: 'month', endDate: null, relative: true };
      if (phrase === 'last month') return { date: mo === 1 ? `${y - 1}-12` : `${y}-${pad(mo - 1)}`, precision: 'month', endDate: null, relative: true };
      if (phrase === 'last year') return { date: String(y - 1), precision: 'year', endDate: null, relative: true };
      return { date: String(y), precision: 'year', endDate: null, relative: true };
    },
  },
  // A year alone, only where prose marks it as a time: "in 2022", "since 2019", "by 2027".
  // Quarters: "the first quarter of 2020", "Q3 2024".
  {
    pattern: /\b(?:(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+|Q([1-4])\s+)((?:19|20)\d{2})\b/gi,
    resolve: (m) => {
      const index = m[1] ? ['first', 'second', 'third', 'fourth', '1st', '2nd', '3rd', '4th'].indexOf(m[1].toLowerCase()) % 4 : +m[2] - 1;
      return { date: `${m[3]}-${pad(index * 3 + 1)}`, precision: 'month', endDate: `${m[3]}-${pad(index * 3 + 3)}`, relative: false };
    },
  },
  // Weekends: "this weekend", "over the weekend", "last weekend", "next weekend": Saturday and Sunday.
  {
    pattern: /\b(this|over the|last|next|the)\s+weekend\b/gi,
    resolve: (m, published) => {
      if (!published) return null;
      const word = m[1].toLowerCase();
      const day = published.getUTCDay();
      let saturday: Date;
      if (word === 'next') saturday = shiftDays(published, ((6 - day + 7) % 7) || 7);
      else if (word === 'last') saturday = shiftDays(published, -(((day + 1) % 7) + 7) % 14 || -7);
      else saturday = day === 0 ? shiftDays(published, -1) : day === 6 ? published : word === 'this' ? shiftDays(published, 6 - day) : shiftDays(published, -(day + 1));
      return { date: saturday.toISOString().slice(0, 10), precision: 'day', endDate: shiftDays(saturday, 1).toISOString().slice(0, 10), relative: true };
    },
  },
  { pattern: /\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Bb]y|[Uu]ntil|[Tt]hrough|[Ee]arly|[Ll]ate|[Mm]id|[Ff]rom|[Bb]efore|[Aa]fter|as (?:recently|early|late) as|(?:summer|spring|fall|autumn|winter|end|beginning|start|middle) of)(?:\s+|-)(1[5-9]\d{2}|20\d{2})\b(?![-–]\d)/g, resolve: (m) => ({ date: m[1], precision: 'year', endDate: null, relative: false }) },
  // A bare year the prose uses as a time: after a determiner ("a 2008 video", "its 2011 restoration"),
  // as a subject ("2019 was the hottest"), or in brackets ("(1877)"); not a count ("2025 chip designs").
  { pattern: /(?:(?<=\b(?:[Aa]|[Aa]n|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Tt]hat|[Tt]his)\s)((?:19[0-9]|20[0-4])\d)(?=\s+(?:and\s+(?:19|20)\d{2}\s+)?[a-z])|(?<=^|[.!?]\s|\()((?:19[0-9]|20[0-4])\d)(?=\s+(?:is|was|will|has|had|saw|brought)\b|\)))/g, resolve: (m) => ({ date: m[1] ?? m[2], precision: 'year', endDate: null, relative: false }) },
];

export function findDates(text: string, publishedAt: string | null): DateExpression[] {
  const published = publishedAt ? new Date(publishedAt) : null;
  const found: DateExpression[] = [];
  const taken: boolean[] = [];
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = rule.pattern.exec(text))) {
      const start = match.index;
      const end = start + match[0].length;
      let overlaps = false;
      for (let k = start; k < end; k++) if (taken[k]) { overlaps = true; break; }
      if (overlaps) continue;
      const resolved = rule.resolve(match, published && !Number.isNaN(published.getTime()) ? published : null);
      if (!resolved) continue;
      for (let k = start; k < end; k++) taken[k] = true;
      found.push({ ...resolved, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

// A day counted from the one the text just named: "the following day", "two days later", "the day before".
const dayAnaphora = /\b(?:the\s+(?:following|next|previous)\s+day|the\s+day\s+(?:before|after)|(a|one|two|three|four|five|\d)\s+days?\s+(?:later|earlier|afterwards?))\b/gi;

// A publication or update stamp opens with its word ("Published January 29, 2025", "Updated 4:05 pm");
// "The agency published the rule on January 13" is an event, not a stamp.
const stampWords = /^\W*(?:first published|last published|published|updated|last updated|posted|last modified|by\s+\p{Lu})|\b(?:copyright|all rights reserved|min read|subscribe)\b|©|\b\d{4},?\s+(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?/iu;

/** The clause of the sentence that holds the date, without trailing attributions. */
function eventClause(sentence: string, dateStart: number, dateEnd: number, split: boolean): string {
  // A run-on "sentence" of thousands of characters (a list, broken markup): only the stretch around
  // the date, so that each date costs the same however long the text.
  if (sentence.length > 600) {
    const from = Math.max(0, dateStart - 250);
    sentence = sentence.slice(from, dateEnd + 250);
    dateStart -= from;
    dateEnd -= from;
    split = true;
  }
  let text = sentence.replace(/^[A-Z][A-Z .'’-]+(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]*\))?\s*[—–-]\s+/, '');
  const offset = sentence.length - text.length;
  dateStart -= offset;
  dateEnd -= offset;
  // "The rule, which was issued on 13 January 2025, was rescinded on May 13": a relative clause
  // between commas belongs to the subject before it; the main clause goes on without it.
  const relative = text.match(/^([^,]{3,80}),\s+(?:which|who)\s+([^,]{3,160}),\s+(?=[a-z])/);
  if (relative && split) {
    const subject = relative[1];
    const bodyStart = relative[0].indexOf(relative[2]);
    const bodyEnd = bodyStart + relative[2].length;
    if (dateStart >= bodyStart && dateEnd <= bodyEnd) {
      text = `${subject} ${relative[2]}`;
      const shift = bodyStart - subject.length - 1;
      dateStart -= shift;
      dateEnd -= shift;
    } else if (dateStart >= relative[0].length && /^(?:and|or|but|as well as|nor)\b/.test(text.slice(relative[0].length))) {
      // "X, which …, and the December 2024 package, which …": a second subject, not X's predicate.
      const shift = relative[0].length;
      text = text.slice(shift).replace(/^(?:and|or|but|as well as|nor)\s+/, (word) => { dateStart -= word.length; dateEnd -= word.length; return ''; });
      dateStart -= shift;
      dateEnd -= shift;
    } else if (dateStart >= relative[0].length) {
      const shift = relative[0].length - subject.length - 1;
      text = `${subject} ${text.slice(relative[0].length)}`;
      dateStart -= shift;
      dateEnd -= shift;
    }
  }
  if (split || text.length > 220) {
    const boundaries = [...text.matchAll(/;|\s[—–]\s|,\s(?:and|but|while|which|whereas)\s|:\s/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
    let from = 0;
    let to = text.length;
    for (const boundary of boundaries) {
      if (boundary.end <= dateStart) from = boundary.end;
      else if (boundary.start >= dateEnd) { to = boundary.start; break; }
    }
    text = text.slice(from, to);
  }
  text = text.replace(/,\s+(?:(?:the|a|an)\s+(?:[\w-]+\s+)?(?:company|firm|agency|department|ministry|spokes(?:person|man|woman)|officials?|analysts?|lab|government|statement|report|sources?|person|people|executives?|lawyers?|researchers?)\s+|he\s+|she\s+|they\s+|it\s+|[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}\s+)?(?:said|says|reported|added|noted)(?:\s+[^,.]{0,60})?([.!?]?)$/, '$1').trim();
  text = text.replace(/^["“”']+|["“”']+$/g, '').trim();
  if (text && !/[.!?]$/.test(text)) text += '.';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function extractEvents(sentences: Sentence[], publishedAt: string | null): ExtractedEvent[] {
  const events: ExtractedEvent[] = [];
  const publishedDay = publishedAt?.slice(0, 10);
  // The last single day the text placed something on: "the following day" counts from it.
  let lastDay: string | null = null;
  for (const sentence of sentences) {
    if (stampWords.test(sentence.text) && sentence.text.split(/\s+/).length < 14) continue;
    const dates = findDates(sentence.text, publishedAt);
    // Dates are sorted by position: walk them alongside the anaphors (linear, however long the sentence).
    const found = dates.slice();
    let cursor = 0;
    let dayBefore: string | null = lastDay;
    for (const anaphor of sentence.text.matchAll(dayAnaphora)) {
      const at = anaphor.index!;
      while (cursor < found.length && found[cursor].end <= at) {
        if (found[cursor].precision === 'day' && !found[cursor].endDate) dayBefore = found[cursor].date;
        cursor++;
      }
      const anchor = dayBefore;
      if (!anchor || (cursor < found.length && found[cursor].start < at + anaphor[0].length)) continue;
      const count = anaphor[1] ? numberWords[anaphor[1].toLowerCase()] ?? Number(anaphor[1]) : 1;
      const backwards = /before|earlier|previous/i.test(anaphor[0]);
      const day = shiftDays(new Date(`${anchor}T00:00:00Z`), backwards ? -count : count);
      dates.push({ date: day.toISOString().slice(0, 10), precision: 'day', endDate: null, relative: true, start: at, end: at + anaphor[0].length });
    }
    dates.sort((a, b) => a.start - b.start);
    const letters = sentence.text.replace(/[^A-Za-z]/g, '').length;
    for (const date of dates) if (date.precision === 'day' && !date.endDate) lastDay = date.date;
    for (const expression of dates) {
      const before = sentence.text.slice(0, expression.start);
      // A dateline ("WASHINGTON, Jan. 29 —") or a bare date line is the article's date, not an event.
      if (/^[A-Z][A-Z .,'’-]*,?\s*$/.test(before) && /^\s*(\([^)]*\))?\s*[—–-]/.test(sentence.text.slice(expression.end))) continue;
      if (letters - sentence.text.slice(expression.start, expression.end).replace(/[^A-Za-z]/g, '').length < 12) continue;
      if (expression.precision === 'day' && expression.date === publishedDay && !expression.relative && sentence.text.split(/\s+/).length < 8) continue;
      events.push({
        date: expression.date,
        precision: expression.precision,
        endDate: expression.endDate,
        text: eventClause(sentence.text, expression.start, expression.end, dates.length > 1),
        sentence: sentence.text,
        start: sentence.start + expression.start,
        end: sentence.start + expression.end,
      });
    }
  }
  return events;
}
