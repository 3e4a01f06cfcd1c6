import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/extract/facts.ts';

// Text a hostile or broken page can hand the fact extractors: one "sentence" of hundreds of
// thousands of characters, runs of capitals, quotation marks that never close, numbers and dates
// without end. Each must come back with sane facts and without the super-linear blow-up a careless
// regular expression gives (a quadratic pass over these inputs takes minutes, far past the test's
// time limit).
const run = (text: string) => extractFacts('Title', text, '2025-01-01T00:00:00Z', []);

describe('fact extraction on hostile text', () => {
  it('a page-long run of capitals yields no names', () => {
    const facts = run('Alpha Beta Gamma Delta Epsilon Zeta Eta Theta '.repeat(6000));
    expect(facts.entities).toEqual([]);
  });

  it('capitals joined by "and"/"of" and a bracketed abbreviation far away', () => {
    const facts = run(`${'Alpha and Beta of Gamma for Delta and '.repeat(5000)}Ministry of Trade (MOT) said so.`);
    expect(facts.entities.length).toBeLessThan(5);
  });

  it('quotation marks that never close, or pair up across a whole page', () => {
    expect(run('“Alpha beta gamma delta '.repeat(5000)).quotes).toEqual([]);
    expect(run('"Alpha beta, gamma delta '.repeat(5000)).quotes.length).toBeLessThan(5000);
    expect(run("'A b c d e f g h ".repeat(8000)).quotes).toEqual([]);
  });

  it('numbers and dates without end in one sentence', () => {
    const numbers = run('1,234 5.6 $7bn 8% 10^26 12pc '.repeat(3000));
    expect(numbers.figures.length).toBeGreaterThan(1000);
    expect(numbers.figures.every((figure) => Number.isFinite(figure.value))).toBe(true);
    const dates = run('on Monday the following day January 5 2020 05/10/2020 '.repeat(2000));
    expect(dates.events.every((event) => /^\d{4}(?:-\d{2}){0,2}$/.test(event.date))).toBe(true);
  });

  it('a word of 200,000 letters, and mixed scripts', () => {
    expect(run('A'.repeat(200000)).entities).toEqual([]);
    expect(run('Аlpha Вeta Гamma Дelta '.repeat(5000)).entities).toEqual([]);
  });
});
