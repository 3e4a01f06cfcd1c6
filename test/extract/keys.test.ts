import { describe, expect, it } from 'vitest';
import { articleKey, entityKey, eventKey, figureKey, mentionKey, normaliseForKey, quoteKey, viewpointKey } from '../../src/extract/keys.ts';
import { textHash } from '../../src/extract/fingerprint.ts';
import { extractFacts } from '../../src/extract/facts.ts';
import { parseConfig } from '../../src/config/load.ts';
import { compilePattern, countMatches } from '../../src/extract/patterns.ts';

const topics = parseConfig({}, 'x').topics;
const article = `Nvidia said on Monday that it would take a $5.5bn charge after the Commerce Department restricted sales of its H20 chip to China.

“We are following the rules that apply to us,” said Jane Doe, a spokesperson for the company. Shares fell 6.9% after the disclosure, and analysts at Morgan Stanley said export controls would weigh on revenue.`;

function keysOf(text: string) {
  const facts = extractFacts('Nvidia takes charge on H20 export curbs', text, '2025-04-15T14:00:00Z', topics);
  return {
    entities: facts.entities.map((entity) => entityKey(entity.name)).sort(),
    figures: facts.figures.map((figure) => figureKey('a1', figure.sentence, figure.text)).sort(),
    events: facts.events.map((event) => eventKey('a1', event.date, event.text)).sort(),
    quotes: facts.quotes.map((quote) => quoteKey('a1', quote.text)).sort(),
  };
}

describe('fact keys', () => {
  it('are the same when the same article is extracted again', () => {
    const first = keysOf(article);
    expect(first.figures.length).toBeGreaterThanOrEqual(2);
    expect(first.events.length).toBeGreaterThanOrEqual(1);
    expect(first.quotes).toHaveLength(1);
    expect(keysOf(article)).toEqual(first);
  });

  it('survive changes in whitespace and quotation-mark style', () => {
    const restyled = article.replace(/[“”]/g, '"').replace(/ /g, '  ').replace(/\n\n/g, '\n\n\n');
    const before = keysOf(article);
    const after = keysOf(restyled);
    expect(after.quotes).toEqual(before.quotes);
    expect(after.figures).toEqual(before.figures);
    expect(after.entities).toEqual(before.entities);
  });

  it('change when the fact changes', () => {
    expect(quoteKey('a1', 'We are following the rules')).not.toBe(quoteKey('a1', 'We are breaking the rules'));
    expect(quoteKey('a1', 'We are following the rules')).not.toBe(quoteKey('a2', 'We are following the rules'));
    expect(eventKey('a1', '2025-04-14', 'The rule took effect.')).not.toBe(eventKey('a1', '2025-04-15', 'The rule took effect.'));
    expect(entityKey('Morgan Stanley')).not.toBe(entityKey('Morgan Stanley Capital'));
  });

  it('give an entity one key per name, whatever type an article gives it', () => {
    // One name is one record: an article reading "Morgan Stanley" as a person and another reading it
    // as a bank vote on the record's type; the key (and the corrections keyed by it) stays the same.
    const facts = extractFacts('Nvidia takes charge on H20 export curbs', article, '2025-04-15T14:00:00Z', topics);
    for (const entity of facts.entities) expect(entity.id).toBe(entityKey(entity.name));
    expect(entityKey('Morgan Stanley')).toBe(entityKey('morgan  stanley'));
  });

  it('normalise case, whitespace and quote styles', () => {
    expect(normaliseForKey('  “It’s  Theft,”\n she said ')).toBe(normaliseForKey('"it\'s theft," she said'));
    expect(quoteKey('a1', 'It’s theft')).toBe(quoteKey('a1', "it's  theft"));
    expect(entityKey('Bureau of Industry and Security')).toBe(entityKey('Bureau of  Industry and Security'));
  });

  it('have a prefix per kind and no characters that need escaping in a URL', () => {
    const keys = [articleKey('https://x.example/a'), entityKey('Jane Doe'), figureKey('a', 's', 't'), eventKey('a', '2025', 't'), quoteKey('a', 't'), viewpointKey('a', 't', 'l'), mentionKey('a', 'e', 3)];
    expect(keys.map((key) => key.split('_')[0])).toEqual(['a', 'e', 'f', 'ev', 'q', 'vp', 'm']);
    for (const key of keys) expect(key).toMatch(/^[a-z]+_[A-Za-z0-9_-]{16}$/);
  });
});

describe('text fingerprints', () => {
  it('an exact hash ignores case, punctuation and quote style', () => {
    expect(textHash('Nvidia said: "We comply."')).toBe(textHash('nvidia said  “we comply”'));
    expect(textHash('Nvidia said it complies.')).not.toBe(textHash('Nvidia said it refuses.'));
  });
});

describe('phrase patterns', () => {
  it('match on word boundaries with * and ? wildcards', () => {
    expect(countMatches(compilePattern('export licen?e*'), 'It needs export licences and an export license.')).toBe(2);
    expect(countMatches(compilePattern('distill*'), 'The lab distilled the model; distillation is common. Undistilled? no.')).toBe(2);
  });

  it('a standalone * stands for one to three words', () => {
    expect(countMatches(compilePattern('trained on * outputs'), 'The model was trained on its rival\'s outputs.')).toBe(1);
    expect(countMatches(compilePattern('trained on * outputs'), 'It was trained on outputs.')).toBe(0);
  });

  it('capitals are matched case-sensitively so prose words do not count', () => {
    expect(countMatches(compilePattern('BIS'), 'BIS said the bis repetita rule applies.')).toBe(1);
    expect(countMatches(compilePattern('AI'), 'AI labs said the aim was fair.')).toBe(1);
  });
});
