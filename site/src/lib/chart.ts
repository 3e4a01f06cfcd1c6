// Counts per month or week, gap-filled, for the small build-time bar charts.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface Bar {
  /** "2025-01" */
  key: string;
  /** "Jan 2025" */
  label: string;
  /** Axis label under the bar ("Jan", "29 Jan"); the label's first three letters when absent. */
  short?: string;
  count: number;
}

export type Period = 'day' | 'week' | 'month';

const DAY = 86_400_000;
const dayLabel = (time: number) => { const date = new Date(time); return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`; };

/**
 * Coverage of one story: a bar per day when the dates span at most six weeks, per week (starting
 * Monday) up to a year, else per month. Gaps are filled with zero bars.
 */
export function coverageBars(dates: (string | null | undefined)[]): { bars: Bar[]; period: Period } {
  const times = dates
    .map((date) => (date && /^\d{4}-\d{2}-\d{2}/.test(date) ? Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) : NaN))
    .filter((time) => Number.isFinite(time))
    .sort((a, b) => a - b);
  if (times.length === 0) return { bars: [], period: 'day' };
  const span = (times[times.length - 1] - times[0]) / DAY;
  if (span > 366) return { bars: monthlyBars(countByMonth(times.map((time) => new Date(time).toISOString()))), period: 'month' };
  const period: Period = span <= 42 ? 'day' : 'week';
  const step = period === 'day' ? DAY : 7 * DAY;
  // A week starts on Monday (ISO 8601).
  const bucket = (time: number) => (period === 'day' ? time : time - ((new Date(time).getUTCDay() + 6) % 7) * DAY);
  const counts = new Map<number, number>();
  for (const time of times) counts.set(bucket(time), (counts.get(bucket(time)) ?? 0) + 1);
  const bars: Bar[] = [];
  for (let time = bucket(times[0]); time <= bucket(times[times.length - 1]); time += step) {
    const key = new Date(time).toISOString().slice(0, 10);
    const label = period === 'day' ? `${dayLabel(time)} ${new Date(time).getUTCFullYear()}` : `Week of ${dayLabel(time)} ${new Date(time).getUTCFullYear()}`;
    bars.push({ key, label, short: dayLabel(time), count: counts.get(time) ?? 0 });
  }
  return { bars, period };
}

/** One bar per month from the first to the last month with a count; months without one are 0. */
export function monthlyBars(counts: { month: string; count: number }[]): Bar[] {
  const byMonth = new Map<string, number>();
  for (const { month, count } of counts) {
    if (/^\d{4}-\d{2}$/.test(month)) byMonth.set(month, (byMonth.get(month) ?? 0) + count);
  }
  const keys = [...byMonth.keys()].sort();
  if (keys.length === 0) return [];
  let [year, month] = keys[0].split('-').map(Number);
  const [lastYear, lastMonth] = keys[keys.length - 1].split('-').map(Number);
  const bars: Bar[] = [];
  // At most ten years of months: a stray date far from the rest must not draw a thousand bars.
  while ((year < lastYear || (year === lastYear && month <= lastMonth)) && bars.length < 120) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    bars.push({ key, label: `${MONTHS[month - 1]} ${year}`, count: byMonth.get(key) ?? 0 });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return bars;
}

/** Counts of dated items per month ("YYYY-MM" of each ISO date). */
export function countByMonth(dates: (string | null | undefined)[]): { month: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const date of dates) {
    const month = date?.slice(0, 7);
    if (month && /^\d{4}-\d{2}$/.test(month)) counts.set(month, (counts.get(month) ?? 0) + 1);
  }
  return [...counts].map(([month, count]) => ({ month, count }));
}

export interface TimelineMark {
  /** Position of the mark's start along the axis, 0–1. */
  x: number;
  /** Width of the period the mark covers (a month, a year) along the axis, 0–1; 0 for a day. */
  span: number;
  date: string;
  precision: 'day' | 'month' | 'year';
  label: string;
  background: boolean;
  /** Index of the entry in the list it came from, to link the mark to it. */
  index: number;
}

export interface TimelineAxis {
  marks: TimelineMark[];
  ticks: { x: number; label: string }[];
}

const periodStart = (date: string): number | null => {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!match) return null;
  return Date.UTC(+match[1], match[2] ? +match[2] - 1 : 0, match[3] ? +match[3] : 1);
};
const periodEnd = (date: string, precision: 'day' | 'month' | 'year'): number | null => {
  const start = periodStart(date);
  if (start === null) return null;
  const d = new Date(start);
  if (precision === 'year') return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  if (precision === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return start + DAY;
};

/**
 * Lays out timeline entries on one time axis: a mark per entry (a dot for a day, a bar for a month
 * or a year, so a reader sees the precision), and evenly spaced year or month ticks.
 */
export function timelineAxis(entries: { date: string; precision: 'day' | 'month' | 'year'; text: string; background?: boolean }[]): TimelineAxis {
  const dated = entries.map((entry, index) => ({ entry, index, start: periodStart(entry.date), end: periodEnd(entry.date, entry.precision) }))
    .filter((item): item is typeof item & { start: number; end: number } => item.start !== null && item.end !== null);
  if (dated.length < 2) return { marks: [], ticks: [] };
  const min = Math.min(...dated.map((item) => item.start));
  const max = Math.max(...dated.map((item) => (item.entry.precision === 'day' ? item.start : item.end)));
  if (max <= min) return { marks: [], ticks: [] };
  const scale = (time: number) => (time - min) / (max - min);
  const marks = dated.map(({ entry, index, start, end }) => ({
    x: scale(start), span: entry.precision === 'day' ? 0 : Math.min(1, scale(end)) - scale(start),
    date: entry.date, precision: entry.precision, label: entry.text, background: !!entry.background, index,
  }));
  const ticks: { x: number; label: string }[] = [];
  const first = new Date(min);
  const years = (max - min) / (365.25 * DAY);
  if (years > 2) {
    const step = Math.max(1, Math.ceil(years / 8));
    for (let year = first.getUTCFullYear(); ; year += step) {
      const time = Date.UTC(year, 0, 1);
      if (time > max) break;
      if (time >= min) ticks.push({ x: scale(time), label: String(year) });
    }
  } else {
    const months = Math.max(1, Math.round((max - min) / (30.44 * DAY)));
    const step = Math.max(1, Math.ceil(months / 6));
    for (let k = 0; ; k += step) {
      const time = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + k, 1);
      if (time > max) break;
      if (time >= min) { const d = new Date(time); ticks.push({ x: scale(time), label: `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` }); }
    }
  }
  return { marks, ticks };
}
