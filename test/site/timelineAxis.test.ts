import { describe, expect, it } from 'vitest';
import { timelineAxis } from '../../site/src/lib/chart.ts';

describe('timeline axis', () => {
  it('places each entry by its date, a day as a point and a month as a span, with month ticks over a short span', () => {
    const { marks, ticks } = timelineAxis([
      { date: '2025-01-01', precision: 'day', text: 'Start' },
      { date: '2025-02', precision: 'month', text: 'During February', background: true },
      { date: '2025-05-01', precision: 'day', text: 'End' },
    ]);
    expect(marks.map((mark) => mark.x)).toEqual([0, expect.closeTo(31 / 120, 5), 1]);
    expect(marks[0].span).toBe(0);
    expect(marks[1].span).toBeCloseTo(28 / 120, 5);
    expect(marks[1].background).toBe(true);
    expect(ticks.map((tick) => tick.label)).toEqual(['Jan 2025', 'Feb 2025', 'Mar 2025', 'Apr 2025', 'May 2025']);
  });

  it('uses year ticks over several years and draws nothing for fewer than two dated entries', () => {
    const { ticks } = timelineAxis([
      { date: '2019', precision: 'year', text: 'A' },
      { date: '2025-03-02', precision: 'day', text: 'B' },
    ]);
    expect(ticks.map((tick) => tick.label)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025']);
    expect(timelineAxis([{ date: '2025-01-01', precision: 'day', text: 'Only' }]).marks).toEqual([]);
    expect(timelineAxis([{ date: 'someday', precision: 'day', text: 'x' }, { date: '2025-01-01', precision: 'day', text: 'y' }]).marks).toEqual([]);
  });
});
