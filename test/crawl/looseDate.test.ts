// Dates as feeds and article pages write them, turned into UTC ISO strings (or null), the same on
// every machine whatever its time zone.
import { afterEach, describe, expect, it } from 'vitest';
import { parseLooseDate } from '../../src/text/looseDate.ts';

describe('parseLooseDate', () => {
  it.each([
    // RFC 822 / 1123 and their sloppy relatives
    ['Tue, 15 Apr 2025 09:00:00 GMT', '2025-04-15T09:00:00.000Z'],
    ['Tue, 15 Apr 2025 09:00:00 +0800', '2025-04-15T01:00:00.000Z'],
    ['Tue, 15 Apr 2025 09:00:00 -0530', '2025-04-15T14:30:00.000Z'],
    ['Tue, 15 Apr 2025 09:00:00 +08:00', '2025-04-15T01:00:00.000Z'],
    ['Tue, 15 Apr 2025 09:00:00 -0000', '2025-04-15T09:00:00.000Z'],
    ['15 Apr 2025 09:00:00 GMT', '2025-04-15T09:00:00.000Z'],
    ['Tue, 15 Apr 2025 09:00 EST', '2025-04-15T14:00:00.000Z'],
    ['Tue, 15 Apr 2025 09:00:00 EDT', '2025-04-15T13:00:00.000Z'],
    ['Tue, 15 Apr 2025 09:00:00 PST', '2025-04-15T17:00:00.000Z'],
    ['Tue, 15 Apr 2025 09:00:00 CEST', '2025-04-15T07:00:00.000Z'],
    ['Tue, 15 Apr 2025 09:00:00 JST', '2025-04-15T00:00:00.000Z'],
    ['Tuesday, 15-Apr-25 09:00:00 GMT', '2025-04-15T09:00:00.000Z'],
    ['Wed, 29 Jan 99 14:05:00 GMT', '1999-01-29T14:05:00.000Z'],
    ['29 Jan 2025', '2025-01-29T00:00:00.000Z'],
    ['29 Sept 2025', '2025-09-29T00:00:00.000Z'],
    ['  Tue,   15 Apr 2025\n 09:00:00 GMT  ', '2025-04-15T09:00:00.000Z'],
    // ISO 8601 and database-style timestamps
    ['2025-01-29T14:05:00Z', '2025-01-29T14:05:00.000Z'],
    ['2025-01-29T14:05:00.123+05:30', '2025-01-29T08:35:00.000Z'],
    ['2025-01-29T14:05+0100', '2025-01-29T13:05:00.000Z'],
    ['2025-01-29 14:05:00', '2025-01-29T14:05:00.000Z'],
    ['2025-01-29', '2025-01-29T00:00:00.000Z'],
    ['2025-1-9', '2025-01-09T00:00:00.000Z'],
    // Prose, as article pages print it
    ['January 29, 2025', '2025-01-29T00:00:00.000Z'],
    ['Jan. 29, 2025 2:05 PM', '2025-01-29T14:05:00.000Z'],
    ['Wednesday, January 29, 2025 at 12:30 a.m.', '2025-01-29T00:30:00.000Z'],
    ['January 29th, 2025', '2025-01-29T00:00:00.000Z'],
    ['29th January 2025', '2025-01-29T00:00:00.000Z'],
    // Leap day in a leap year
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
  ])('reads %j', (input, expected) => {
    expect(parseLooseDate(input)).toBe(expected);
  });

  it.each([
    [null], [undefined], [''], ['   '], ['sometime last week'], ['0'], ['1'], ['12'], ['20250115'],
    ['2025-02-30'], ['2025-02-29T10:00:00Z'], ['31 Apr 2025'], ['2025-13-01'], ['1900-01-01'],
    ['Tue, 15 Foo 2025 09:00:00 GMT'], ['2025-01-29T25:00:00Z'],
  ])('refuses %j', (input) => {
    expect(parseLooseDate(input)).toBeNull();
  });
});

describe('parseLooseDate does not depend on the machine’s time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(['Asia/Tokyo', 'America/Los_Angeles', 'UTC'])('gives the same answers in %s', (zone) => {
    process.env.TZ = zone;
    expect(new Date(2025, 0, 1).getTimezoneOffset()).toBe({ 'Asia/Tokyo': -540, 'America/Los_Angeles': 480, UTC: 0 }[zone]);
    // Zone-less forms are UTC, including those only the Date.parse fallback understands.
    expect(parseLooseDate('2025-01-29 14:05:00')).toBe('2025-01-29T14:05:00.000Z');
    expect(parseLooseDate('Tue Apr 15 09:00:00 2025')).toBe('2025-04-15T09:00:00.000Z');
    expect(parseLooseDate('2025/04/15 09:00')).toBe('2025-04-15T09:00:00.000Z');
    expect(parseLooseDate('2025/04/15')).toBe('2025-04-15T00:00:00.000Z');
    // An explicit zone is honoured by the fallback as well.
    expect(parseLooseDate('Tue Apr 15 2025 09:00:00 GMT+0800 (China Standard Time)')).toBe('2025-04-15T01:00:00.000Z');
  });
});
