import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/extract/sentences.ts';
import { extractEvents, findDates } from '../../src/extract/events.ts';

// Tuesday 15 April 2025, mid-afternoon UTC.
const published = '2025-04-15T14:00:00Z';
const eventsIn = (text: string, at: string | null = published) => extractEvents(splitSentences(text), at);
const only = (text: string, at: string | null = published) => {
  const events = eventsIn(text, at);
  expect(events, `events in: ${text}`).toHaveLength(1);
  return events[0];
};

describe('extractEvents: absolute dates at their real precision', () => {
  it('the publication day used in the tests is a Tuesday', () => {
    expect(new Date(published).getUTCDay()).toBe(2);
  });

  it.each([
    ['The Commerce Department published the rule on January 13, 2025.', '2025-01-13'],
    ['The rule came into force on 13 January 2025 after a short comment period.', '2025-01-13'],
    ['The list was expanded on Dec. 2, 2024, adding 140 entities.', '2024-12-02'],
    ['The filing, dated 2024-10-07, described the new licence terms.', '2024-10-07'],
  ])('day: %s', (sentence, date) => {
    expect(only(sentence)).toMatchObject({ date, precision: 'day', endDate: null });
  });

  it('month: "in October 2022"', () => {
    expect(only('Washington first restricted the chips in October 2022.')).toMatchObject({ date: '2022-10', precision: 'month' });
  });

  it('year: "in 2023"', () => {
    expect(only('DeepSeek was founded in 2023 by a hedge fund manager.')).toMatchObject({ date: '2023', precision: 'year' });
  });

  it('a bare number that looks like a year is not a date without a time word', () => {
    expect(eventsIn('The rule covers 2025 chip designs and 1990 older ones.')).toEqual([]);
  });

  it('a bare year after a determiner or as a subject is a date', () => {
    expect(only('Critics pointed to a 2008 video of the speech on the campaign trail.')).toMatchObject({ date: '2008', precision: 'year' });
    expect(only('2019 was the hottest year on record in the region.')).toMatchObject({ date: '2019', precision: 'year' });
  });

  it('year and month ranges keep their end', () => {
    expect(only('Between 2014 and 2021 the share of licensed exports doubled.')).toMatchObject({ date: '2014', endDate: '2021', precision: 'year' });
    expect(only('Shipments fell from January to October 2023 across the region.')).toMatchObject({ date: '2023-01', endDate: '2023-10', precision: 'month' });
  });

  it('weekends are day ranges, and a weekday that a date follows is that date', () => {
    // Publication is a Tuesday: the weekend just gone is 12–13 April.
    expect(only('Engineers worked over the weekend to restore the service.')).toMatchObject({ date: '2025-04-12', endDate: '2025-04-13', precision: 'day' });
    expect(only('The rules take effect on Saturday 3 May after a vote.')).toMatchObject({ date: '2025-05-03', precision: 'day' });
    expect(only('Travellers arriving after 4am on Saturday will have to isolate.')).toMatchObject({ date: '2025-04-19' });
  });

  it('"Today" inside a sentence names something, not the day', () => {
    expect(eventsIn('She said so in an interview with NBC News’ Today programme.')).toEqual([]);
  });

  it('a byline stamp with a time is not an event', () => {
    expect(eventsIn('By Jane Doe, August 14, 2020 2:30 pm')).toEqual([]);
  });

  it('ranges keep their end date', () => {
    expect(only('Comments were accepted between April 22 and June 5 on the draft.')).toMatchObject({ date: '2025-04-22', endDate: '2025-06-05', precision: 'day' });
    expect(only('The summit was held January 28-29, 2025 in Paris.')).toMatchObject({ date: '2025-01-28', endDate: '2025-01-29' });
    expect(only('Talks ran 3–5 March 2025 in Geneva without a deal.')).toMatchObject({ date: '2025-03-03', endDate: '2025-03-05' });
  });

  it('a month and day without a year takes the year nearest the publication date', () => {
    expect(only('The lab cut off the accounts on Dec. 20 after an internal review.', '2025-01-10T09:00:00Z').date).toBe('2024-12-20');
    expect(only('The lab cut off the accounts on March 3 after an internal review.').date).toBe('2025-03-03');
  });

  it('rejects impossible dates', () => {
    expect(findDates('on February 30, 2025', published)).toEqual([]);
  });
});

describe('extractEvents: relative dates resolved against publication', () => {
  it.each([
    ['Nvidia disclosed the charge on Monday.', '2025-04-14', 'day'],
    ['The ministry responded yesterday.', '2025-04-14', 'day'],
    ['Officials briefed lawmakers on Tuesday.', '2025-04-15', 'day'],
    ['Last Tuesday the panel voted to advance the bill.', '2025-04-08', 'day'],
    ['The lawmakers wrote to the agency last Friday.', '2025-04-11', 'day'],
    ['On Saturday the company posted a statement.', '2025-04-12', 'day'],
    ['The committee will vote next Tuesday.', '2025-04-22', 'day'],
    ['The hearing is scheduled for Thursday.', '2025-04-17', 'day'],
    ['Officials met with the company last week.', '2025-04', 'month'],
    ['The lab revoked the keys earlier this month.', '2025-04', 'month'],
    ['The agency opened an inquiry last month.', '2025-03', 'month'],
    ['The startup raised money last year.', '2024', 'year'],
    ['The lab said it would appeal the decision next year.', '2026', 'year'],
    ['Regulators expect a verdict tomorrow at the earliest.', '2025-04-16', 'day'],
    ['The firm was founded five years ago in Shenzhen.', '2020', 'year'],
    // A month alone: this year's when it is not after publication, last year's when it is.
    ['The agency opened the review in February.', '2025-02', 'month'],
    ['The company first filed the complaint in late November.', '2024-11', 'month'],
    ['Lawmakers met the lab last April to discuss the rule.', '2024-04', 'month'],
    ['The rule will take effect in June.', '2025-06', 'month'],
    ['The deadline was pushed back to mid-August.', '2025-08', 'month'],
    // "last October" a month later is a year ago; "last January" three months later is this year's.
    ['The lab signed the deal last March, before the rule changed.', '2024-03', 'month'],
    ['Sales slowed at the end of March, the company said.', '2025-03', 'month'],
    ['The company reported a loss in the first quarter of 2024.', '2024-01', 'month'],
    ['Protests continued tonight outside the ministry.', '2025-04-15', 'day'],
    ['The colony was founded in 1884 by traders.', '1884', 'year'],
  ])('%s', (sentence, date, precision) => {
    expect(only(sentence)).toMatchObject({ date, precision });
  });

  it('a future verb far from the weekday does not move it forward', () => {
    expect(only('The distillery will double its output after winning planning approval on Tuesday, its owners said.').date).toBe('2025-04-15');
    expect(only('The distillery won approval on Friday and will double its output.').date).toBe('2025-04-11');
  });

  it('"last month" in January is December of the year before', () => {
    expect(only('The agency opened an inquiry last month.', '2025-01-08T10:00:00Z').date).toBe('2024-12');
  });

  it('does not guess relative dates when the publication time is unknown', () => {
    expect(eventsIn('Nvidia disclosed the charge on Monday.', null)).toEqual([]);
    expect(only('The rule came into force on 13 January 2025.', null).date).toBe('2025-01-13');
  });
});

describe('extractEvents: stamps and datelines are not events', () => {
  it.each([
    'Published January 29, 2025',
    'Updated April 15, 2025 4:05 pm',
    'First published on Jan. 29, 2025 at 10:00 a.m. ET',
    '4 min read · April 15, 2025',
    '© 2025 The Halden Ledger. All rights reserved.',
  ])('%s', (line) => {
    expect(eventsIn(line)).toEqual([]);
  });

  it('skips the dateline date but keeps a real date later in the same sentence', () => {
    expect(eventsIn('WASHINGTON, Jan. 29 (Wire) — The Commerce Department tightened its rules on chip exports.')).toEqual([]);
    const events = eventsIn('WASHINGTON, Jan. 29 (Wire) — The Commerce Department said it would tighten chip rules on March 1, 2025.');
    expect(events.map((event) => event.date)).toEqual(['2025-03-01']);
  });
});

describe('extractEvents: the event text is the clause, not the paragraph', () => {
  it('splits two dated clauses joined by "and"', () => {
    const events = eventsIn('The lawmakers wrote to the agency on Friday, and the agency replied on Tuesday, a spokesperson said.');
    expect(events.map((event) => [event.date, event.text])).toEqual([
      ['2025-04-11', 'The lawmakers wrote to the agency on Friday.'],
      ['2025-04-15', 'The agency replied on Tuesday.'],
    ]);
  });

  it('gives a relative clause its subject and leaves it out of the main clause', () => {
    const events = eventsIn('The rule, which was issued on 13 January 2025, was rescinded on March 13, the agency said.');
    expect(events.map((event) => event.text)).toEqual(['The rule was issued on 13 January 2025.', 'The rule was rescinded on March 13.']);
  });

  it('drops a trailing attribution from the clause, but not a clause that merely contains "said"', () => {
    expect(only('The lab revoked the keys on Monday, Jane Doe said.').text).toBe('The lab revoked the keys on Monday.');
    expect(only('The lab revoked the keys on Monday, a spokesperson said.').text).toBe('The lab revoked the keys on Monday.');
    expect(only('Washington required a licence on Monday, a move it said would cost $5bn.').text).toBe('Washington required a licence on Monday, a move it said would cost $5bn.');
  });

  it('takes the sentence, not the paragraph, and keeps offsets into the article text', () => {
    const text = 'Chip stocks were volatile. The lab revoked the keys on Monday. Analysts were unsurprised.';
    const [event] = eventsIn(text);
    expect(event.sentence).toBe('The lab revoked the keys on Monday.');
    expect(event.text).toBe('The lab revoked the keys on Monday.');
    expect(text.slice(event.start, event.end)).toBe('on Monday');
  });
});

describe('extractEvents: event text is taken from the sentence as written', () => {
  it('gives a second subject after a relative clause its own clause, not one stitched to the first', () => {
    const text = 'The October 2023 tightening, which brought slower parts under control, and the December 2024 package, which added memory chips, did not address diversion.';
    const events = eventsIn(text);
    expect(events.map((event) => [event.date, event.text])).toEqual([['2023-10', 'The October 2023 tightening.'], ['2024-12', 'The December 2024 package.']]);
    for (const event of events) expect(text.toLowerCase()).toContain(event.text.toLowerCase().replace(/\.$/, ''));
  });
});

describe('extractEvents: dates counted from other dates, and a scheduled present', () => {
  it('"the following day" and "two days later" count from the day the text just named', () => {
    const events = eventsIn('BIS added 140 entities to its list on December 2, 2024. Beijing answered the following day with a ban on gallium exports. Two days later, the ministry summoned the envoy.');
    expect(events.map((event) => event.date)).toEqual(['2024-12-02', '2024-12-03', '2024-12-05']);
  });

  it('"takes office on Monday" is the coming Monday; "said on Monday" the last one', () => {
    // Published on Tuesday 15 April 2025.
    expect(only('The new commissioner takes office on Monday, officials said.').date).toBe('2025-04-21');
    expect(only('The commissioner said on Monday that the review was over.').date).toBe('2025-04-14');
  });

  it('a month after "have to" is still to come', () => {
    expect(only('Exporters have to register every shipment before February.', '2025-01-17T12:00:00Z').date).toBe('2025-02');
    expect(only('Exporters have to register every shipment before May.', '2025-01-17T12:00:00Z').date).toBe('2025-05');
  });
});

describe('extractEvents: parts of the day, ordinal and numeric dates', () => {
  it('"last night", "this morning" and "this evening" are days; "CBS This Morning" is a programme', () => {
    expect(eventsIn('The pubs closed last night after the minister spoke. Officials met this morning to agree on it. He spoke to CBS This Morning about the plan.').map((event) => event.date)).toEqual(['2025-04-14', '2025-04-15']);
  });

  it('reads "the 29th of September", "mid-2021" and a numeric date nearest publication', () => {
    const at = '2020-10-06T10:00:00Z';
    expect(only('The rules were eased on the 29th of September in Dublin.', at).date).toBe('2020-09-29');
    expect(only('Sales will rise in mid-2021 for the firm, it said.', at)).toMatchObject({ date: '2021', precision: 'year' });
    expect(only('The vote was held on 05/10/2020 in the Dáil.', at).date).toBe('2020-10-05');
    expect(only('The vote was held on 10/05/2020 in the Dáil.', at).date).toBe('2020-10-05');
  });

  it('a noun after a vote is not a scheduled present: "won 58% of the vote in Tuesday’s election"', () => {
    expect(only('She won with 58% of the vote in Tuesday’s municipal election.').date).toBe('2025-04-15');
  });
});

describe('extractEvents: parts of a year', () => {
  it('reads halves and the first or last months of a year as month ranges', () => {
    const events = eventsIn('Orders came in the first three months of the year. Sales fell in the first half of 2024 and rose in the second half of last year.');
    expect(events.map((event) => [event.date, event.endDate])).toEqual([['2025-01', '2025-03'], ['2024-01', '2024-06'], ['2024-07', '2024-12']]);
  });
});

describe('extractEvents: a scheduled present followed by "and"', () => {
  it('"takes office on Monday, and …" still looks ahead', () => {
    expect(only('The new commissioner takes office on Monday, and nobody knows what comes next.').date).toBe('2025-04-21');
  });
});
