import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/extract/sentences.ts';
import { extractFigures, type Figure } from '../../src/extract/figures.ts';

const figuresIn = (text: string) => extractFigures(splitSentences(text));
const only = (text: string): Figure => {
  const figures = figuresIn(text);
  expect(figures, `figures in: ${text}`).toHaveLength(1);
  return figures[0];
};

describe('extractFigures: what is counted', () => {
  it.each([
    ['The lab said it had logged 4.2 million requests from the accounts.', 4.2e6, 'count', 'requests'],
    ['Nvidia expects a $5.5bn charge tied to its China inventory.', 5.5e9, 'USD', 'charge'],
    ['The company booked a charge of 5.5 billion dollars in the quarter.', 5.5e9, 'USD', 'charge'],
    ['The firm took a US$5.5 billion write-down on unsold chips.', 5.5e9, 'USD', 'write-down'],
    ['The lab detected more than 16 million requests from the accounts.', 16e6, 'count', 'requests'],
    ['Officials are reviewing roughly 3,000 licence applications this spring.', 3000, 'count', 'licence applications'],
    ['The rule added 140 entities to the trade blacklist.', 140, 'count', 'entities'],
    ['The firm bought £300m of servers for its new cluster.', 3e8, 'GBP', 'servers'],
    ['Alibaba took a 25% stake in the startup.', 25, '%', 'stake'],
  ])('%s', (sentence, value, unit, label) => {
    const figure = only(sentence);
    expect(figure).toMatchObject({ value, unit, label });
  });

  it.each([
    ['Shares fell 15% in early trading.', 'shares'],
    ['Exports dropped 15 per cent in the second quarter.', 'exports'],
    ['Revenue rose 17 percent from a year earlier.', 'revenue'],
    ['Shares of Nvidia fell 17% on Monday.', 'shares'],
    ['The chipmaker warned that revenue would fall by about 8% this year.', 'revenue'],
  ])('a percentage is labelled with what changed: %s', (sentence, label) => {
    const figure = only(sentence);
    expect(figure.unit).toBe('%');
    expect(figure.label).toBe(label);
  });

  it('normalises currencies and scales', () => {
    expect(only('Brussels pledged €2bn for new chip plants.')).toMatchObject({ value: 2e9, unit: 'EUR' });
    expect(only('The fund raised ¥10 billion for domestic accelerators.')).toMatchObject({ value: 1e10, unit: 'CNY' });
    expect(only('Sales in China were worth about $17bn last year.')).toMatchObject({ value: 17e9, unit: 'USD', label: 'sales' });
  });

  it('reads compute thresholds written as powers of ten', () => {
    const figure = only('Models trained with more than 10^26 operations must be reported.');
    expect(figure).toMatchObject({ value: 1e26, unit: 'count', label: 'operations', qualifier: 'more than' });
  });

  it('keeps the qualifier and includes it in the surface text', () => {
    const figure = only('Officials are reviewing roughly 3,000 licence applications.');
    expect(figure.qualifier).toBe('roughly');
    expect(figure.text).toBe('roughly 3,000');
    const sentence = splitSentences('Officials are reviewing roughly 3,000 licence applications.')[0];
    expect(sentence.text.slice(figure.start - sentence.start, figure.end - sentence.start)).toBe(figure.text);
  });

  it('records offsets into the article text, not into the sentence', () => {
    const text = 'The bill passed the committee.\n\nThe lab counted 24,000 fraudulent accounts.';
    const [figure] = figuresIn(text);
    expect(text.slice(figure.start, figure.end)).toBe('24,000');
    expect(figure.sentence).toBe('The lab counted 24,000 fraudulent accounts.');
  });
});

describe('extractFigures: quantities written in other ways', () => {
  it('reads temperatures, weights in pounds, and counts with a thousands separator but no noun', () => {
    expect(only('Global temperatures were 1.43°C above the pre-industrial average.')).toMatchObject({ value: 1.43, unit: 'count', label: '°C' });
    expect(only('Agents seized 475 pounds of cocaine from the vessel.')).toMatchObject({ value: 475, unit: 'count' });
    expect(only('The caseload is high, and of those patients 7,844 have died.')).toMatchObject({ value: 7844, unit: 'count' });
  });

  it('does not take a figure after "release" for a version number', () => {
    expect(only('The company expects to release 16 million metric tons of CO2 this year.')).toMatchObject({ value: 16e6, label: 'metric tons' });
  });
});

describe('extractFigures: who claims it', () => {
  it.each([
    ['The company booked a $400 million charge, the company said.', 'the company'],
    ['The bureau is reviewing roughly 3,000 licence applications, according to the Commerce Department.', 'Commerce Department'],
    ['OpenAI said it detected more than 16 million requests.', 'OpenAI'],
    ['About 40 percent of the chips went to China, analysts at Bernstein estimated.', 'Bernstein'],
    ['Exports fell 12%, according to Halden Trade Analytics Inc.', 'Halden Trade Analytics Inc.'],
  ])('%s', (sentence, claimant) => {
    expect(figuresIn(sentence)[0].claimant).toBe(claimant);
  });

  it('leaves the claimant empty when nobody is credited', () => {
    expect(only('The rule added 140 entities to the trade blacklist.').claimant).toBeNull();
  });
});

describe('extractFigures: things that are not figures', () => {
  it('skips ages, spans and years after a determiner', () => {
    expect(figuresIn('A 15-year-old driver and his 14-year-old passenger were taken to hospital.')).toEqual([]);
    expect(figuresIn('It was the first win in the 26 year-history of the awards.')).toEqual([]);
    expect(figuresIn('The museum bought a 1761 work by the painter, its first since the 1800s.')).toEqual([]);
    expect(figuresIn('Two billionaires’ campaigns spent heavily.')).toEqual([]);
  });

  it.each([
    ['a year', 'The rule took effect in 2025 after a long review.'],
    ['a day of the month after the month', 'The rule was announced on January 13 by the agency.'],
    ['a day of the month before the month', 'The rule came into force on 13 January 2025.'],
    ['an abbreviated month', 'Officials met on Jan. 29 in Washington.'],
    ['a clock time', 'The hearing starts at 3:30 p.m. in the Rayburn building.'],
    ['an ordinal', 'It was the 2nd time this year that the list grew.'],
    ['model versions', 'Anthropic released Opus 4.7 while OpenAI shipped GPT-4 and Meta released Llama 3.1.'],
    ['product numbers', 'The startup unveiled Mythos 5 on the day of the iPhone 16 launch.'],
    ['model names with decimals', 'Claude 3.5 Sonnet and Gemini 2.0 Flash were tested against Qwen2.5 models.'],
    ['a reading time', '4 min read'],
    ['a phone number', 'Call the press office on 202-555-0143 for details.'],
    ['durations', 'The review took three weeks and the appeal 5 days.'],
    ['a duration in hours', 'The outage lasted 24 hours before service resumed.'],
  ])('%s', (_case, sentence) => {
    expect(figuresIn(sentence)).toEqual([]);
  });
});

describe('extractFigures: model sizes', () => {
  it('reads "32B model" and "70B parameters" as parameter counts', () => {
    expect(only('The 32B model is the sweet spot for a single graphics card.')).toMatchObject({ value: 32e9, unit: 'count', label: 'parameters', text: '32B' });
    expect(figuresIn('The distilled models range from 1.5B to 70B parameters.').map((figure) => figure.value)).toEqual([1.5e9, 70e9]);
  });
});

describe('extractFigures: what is counted, in harder sentences', () => {
  it('does not count the period a figure falls in, and finds the noun an estimate is about', () => {
    expect(only('Nvidia said it expects a charge of about $5.5 billion in its first fiscal quarter.').label).toBe('charge');
    expect(only('Washington imposed a charge Nvidia puts at 5.5 billion dollars on the company.').label).toBe('charge');
    expect(only('The company booked $2.5 billion in sales last year.').label).toBe('sales');
  });

  it('leaves out vague amounts', () => {
    expect(figuresIn('Deploying a model to hundreds of millions of users is hard, and dozens of firms tried.')).toEqual([]);
  });
});

describe('extractFacts: who claims a figure', () => {
  it('credits the speaker of the quote a figure stands in, the body a sentence credits, and the source after "according to"', async () => {
    const { extractFacts } = await import('../../src/extract/facts.ts');
    const text = 'Samantha Burgess spoke on Tuesday. “Temperatures were 1.43°C above the average this year,” said Burgess.\n\nThe Commerce Department said 140 entities were added to the list. Exports fell 12%, according to the Census Bureau.';
    const facts = extractFacts('t', text, '2025-04-15T00:00:00Z', []);
    const claimant = (surface: string) => facts.figures.find((figure) => figure.text.includes(surface))?.claimant;
    expect(claimant('1.43')).toBe('Samantha Burgess');
    expect(claimant('140')).toBe('U.S. Department of Commerce');
    expect(claimant('12%')).toBe('Census Bureau');
  });

  it('"the company said" credits the firm the article named before', async () => {
    const { extractFacts } = await import('../../src/extract/facts.ts');
    const facts = extractFacts('t', 'Nvidia disclosed the rule on Tuesday. The licence requirement will bring a charge of about $5.5 billion, the company said.', '2025-04-16T00:00:00Z', []);
    expect(facts.figures[0].claimant).toBe('Nvidia');
  });
});

describe('extractFigures: British percentages', () => {
  it('reads "17pc" and "9 pc" as percentages', () => {
    const figures = extractFigures(splitSentences('Nvidia shares fell 17pc on Monday before recovering almost 9 pc on Tuesday.'));
    expect(figures.map((figure) => [figure.value, figure.unit])).toEqual([[17, '%'], [9, '%']]);
  });
});

describe('extractFigures: numbers that name rather than count', () => {
  it('skips part numbers and numbered labels, keeps the counts beside them', () => {
    const figures = extractFigures(splitSentences('The Ryzen 7 5800X has 8 cores. Level 3 rules apply to 26 counties, and Route 14 is shut near page 12 of the plan. The drive stores 80TB.'));
    expect(figures.map((figure) => figure.value)).toEqual([8, 26, 80]);
  });
});

describe('extractFigures: scales written in other ways, and codes', () => {
  it('reads "$470B", "US$171-million" and "1.2-billion-yuan"; "475 pounds" of a drug is a weight', () => {
    const figures = extractFigures(splitSentences('They lent themselves $470B. The US$171-million telescope cost 1.2-billion-yuan. Agents found Sunday 475 pounds of cocaine.'));
    expect(figures.map((figure) => [figure.value, figure.unit])).toEqual([[470e9, 'USD'], [171e6, 'USD'], [1.2e9, 'CNY'], [475, 'count']]);
  });

  it('skips phone codes, street addresses and decades', () => {
    const figures = extractFigures(splitSentences('The +972 Magazine report cited a shop at 201 E. Nine Mile and an office at 2344 Bragg St. that opened in the 80s with 40 staff.'));
    expect(figures.map((figure) => figure.value)).toEqual([40]);
  });
});

describe('extractFigures: what a figure counts, in money copy', () => {
  it('skips "worth of", participles and year-on-year comparisons when naming the thing counted', () => {
    const figures = extractFigures(splitSentences('Buyers ordered at least $16 billion worth of H20s. Training cost $5.58 million using 2,048 GPUs. Revenue rose 78% year-on-year.'));
    expect(figures.map((figure) => figure.label)).toEqual(['h20s', 'cost', 'gpus', 'revenue']);
  });
});

describe('extractFigures: ranges', () => {
  it('gives the first end of a range the unit and scale written after the second', () => {
    const figures = extractFigures(splitSentences('Premiums run at 30 to 50 per cent, and analysts expect $2 to $3 billion in sales.'));
    expect(figures.map((figure) => [figure.value, figure.unit])).toEqual([[30, '%'], [50, '%'], [2e9, 'USD'], [3e9, 'USD']]);
  });
});

describe('extractFigures: money copy, the thing counted', () => {
  it('"$17 billion of Nvidia’s revenue" counts revenue; "cost about $5.6 million" counts a cost', () => {
    const figures = extractFigures(splitSentences('China accounted for about $17 billion of Nvidia’s revenue last year. Training the model cost about $5.6 million, it said.'));
    expect(figures.map((figure) => figure.label)).toEqual(['revenue', 'cost']);
  });
});

describe('extractFigures: market moves', () => {
  it('a share move counts what moved: "closed down nearly 7%", "ended 3.1% lower"', () => {
    const figures = extractFigures(splitSentences('Shares in the chip leader closed down nearly 7% on Wednesday. The Nasdaq ended 3.1% lower.'));
    expect(figures.map((figure) => figure.label)).toEqual(['shares', 'nasdaq']);
  });
});
