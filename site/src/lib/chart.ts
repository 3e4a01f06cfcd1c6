// Counts per month or week, gap-filled, for the small build-time bar charts.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface Bar {
  /** "2025-01" */
  key: string;
  /** "Jan 2025" */
  label: string;
  count: number;
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
