import { describe, expect, it } from 'vitest';
import { coverageBars, monthlyBars } from '../../site/src/lib/chart.ts';

describe('coverage bars for a story', () => {
  it('counts per day over a short story, with empty days as zero bars', () => {
    const { bars, period } = coverageBars(['2025-04-16T06:15:00Z', '2025-04-16T20:00:00Z', '2025-04-19T03:20:00Z', null, 'not a date']);
    expect(period).toBe('day');
    expect(bars.map((bar) => [bar.key, bar.count])).toEqual([['2025-04-16', 2], ['2025-04-17', 0], ['2025-04-18', 0], ['2025-04-19', 1]]);
    expect(bars[0].short).toBe('16 Apr');
  });

  it('counts per week starting on Monday when the story runs for months', () => {
    // 2025-04-16 is a Wednesday: its week starts on Monday 14 April.
    const { bars, period } = coverageBars(['2025-04-16', '2025-04-20', '2025-06-30']);
    expect(period).toBe('week');
    expect(bars[0]).toMatchObject({ key: '2025-04-14', count: 2, label: 'Week of 14 Apr 2025' });
    expect(bars[bars.length - 1]).toMatchObject({ key: '2025-06-30', count: 1 });
    expect(bars.reduce((sum, bar) => sum + bar.count, 0)).toBe(3);
  });

  it('falls back to months over more than a year, and draws nothing without dates', () => {
    const { bars, period } = coverageBars(['2024-01-10', '2025-03-02']);
    expect(period).toBe('month');
    expect(bars.length).toBe(15);
    expect(coverageBars([null, undefined]).bars).toEqual([]);
    expect(monthlyBars([])).toEqual([]);
  });
});
