// One case per named speaker-attribution rule of src/extract/quotes.ts: each example is attributed
// by the rule it names (extractQuotesWithRules reports which rule gave each quote its speaker). A rule
// added to, renamed in or removed from a table needs a case here too: the first test of each group
// checks that the table holds exactly the rules its cases name, in their order.
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/extract/sentences.ts';
import { extractEntities } from '../../src/extract/entities.ts';
import { articlePasses, attributionPatterns, contextRules, extractQuotesWithRules, speakerResolutions } from '../../src/extract/quotes.ts';

/** [rule, speaker, role] for each quote of the text, in order. */
const attributed = (text: string) => extractQuotesWithRules(text, extractEntities(text, splitSentences(text))).map(({ quote, rule }) => [rule, quote.speaker, quote.speakerRole]);
/** [rule, speaker resolution, speaker] for each quote of the text, in order. */
const resolved = (text: string) => extractQuotesWithRules(text, extractEntities(text, splitSentences(text))).map(({ quote, rule, resolution }) => [rule, resolution, quote.speaker]);

describe('quote speaker rules: attribution patterns (the words right after or before the quote)', () => {
  it('the table holds these rules, in this order', () => {
    expect(attributionPatterns.map((rule) => rule.name)).toEqual(['dash credit', 'caption credit', 'verb then speaker', 'speaker then verb', 'according to after', 'speaker says before', 'according to before', 'reported speech']);
  });

  it('rule "dash credit"', () => {
    expect(attributed('The minister spoke at the launch.\n\n“We will not be silenced by anyone in this country.” – Leo Varadkar')).toEqual([
      ['dash credit', 'Leo Varadkar', null],
    ]);
  });

  it('rule "caption credit"', () => {
    expect(attributed('“The river has never been this low in living memory,” Augusto Reyes, Director of the Caribbean Air and Marine Branch.')).toEqual([
      ['caption credit', 'Augusto Reyes', 'Director of the Caribbean Air and Marine Branch'],
    ]);
  });

  it('rule "verb then speaker"', () => {
    expect(attributed('"We have seen clear evidence of systematic copying," said Jane Doe, head of policy at Acme Labs.')).toEqual([
      ['verb then speaker', 'Jane Doe', 'head of policy at Acme Labs'],
    ]);
  });

  it('rule "speaker then verb"', () => {
    expect(attributed('“The rule is long overdue and badly drafted,” Jane Doe said.')).toEqual([
      ['speaker then verb', 'Jane Doe', null],
    ]);
  });

  it('rule "according to after"', () => {
    expect(attributed('"Export controls have slowed Chinese labs by a year," according to Tomasz Wren, an analyst at Kestrel Research.')).toEqual([
      ['according to after', 'Tomasz Wren', 'an analyst at Kestrel Research'],
    ]);
  });

  it('rule "speaker says before"', () => {
    expect(attributed('Jane Doe, a lawyer at Halden & Pryce, said: "Distillation is not theft under current law."')).toEqual([
      ['speaker says before', 'Jane Doe', 'a lawyer at Halden & Pryce'],
    ]);
  });

  it('rule "according to before"', () => {
    expect(attributed('The cuts would hit rural hospitals hardest, according to Tomasz Wren, an analyst at Kestrel Research: "Half of them could close within five years."')).toEqual([
      ['according to before', 'Tomasz Wren', 'an analyst at Kestrel Research'],
    ]);
  });

  it('rule "reported speech"', () => {
    expect(attributed('Zhao Lei, a spokesman for the ministry, said on Tuesday that the curbs were "a blatant abuse of export control measures."')).toEqual([
      ['reported speech', 'Zhao Lei', 'a spokesman for the ministry'],
    ]);
  });
});

describe('quote speaker rules: speaker resolutions (what an attribution pattern caught, as someone the article names)', () => {
  it('the table holds these rules, in this order', () => {
    expect(speakerResolutions.map((rule) => rule.name)).toEqual(['person by trade', 'seat', 'office', 'body', 'plural group', 'pronoun', 'it', 'person named', 'name inside', 'organisation named', 'name ending']);
  });

  it('resolution "person by trade"', () => {
    expect(resolved('Maria Esposito opened the bakery in 2009.\n\n“We ran out of flour by noon on the first day,” the chef said.')).toEqual([['speaker then verb', 'person by trade', 'Maria Esposito']]);
  });

  it('resolution "seat"', () => {
    expect(resolved('Michael Healy-Rae has held the seat since 2011.\n\n“We were never consulted about the closure,” said Kerry TD.')).toEqual([['verb then speaker', 'seat', 'Michael Healy-Rae']]);
  });

  it('resolution "office"', () => {
    expect(resolved('Jane Roe chairs the Senate Commerce Committee.\n\n“We will not back down on this bill,” the senator said.')).toEqual([['speaker then verb', 'office', 'Jane Roe']]);
  });

  it('resolution "body"', () => {
    expect(resolved('The ruling came from the Third District Court of Appeal in Miami.\n\n“The lower court got the law wrong,” the court said.')).toEqual([['speaker then verb', 'body', 'Third District Court of Appeal']]);
  });

  it('resolution "plural group"', () => {
    expect(resolved('The study was published by the University of Leeds on Monday.\n\n“The signal is unmistakable in every sample,” said researchers.')).toEqual([['verb then speaker', 'plural group', 'University of Leeds']]);
  });

  it('resolution "pronoun"', () => {
    expect(resolved('Priya Natarajan runs the policy team at the lab.\n\n“We are not going to tolerate this kind of abuse,” she said.')).toEqual([['speaker then verb', 'pronoun', 'Priya Natarajan']]);
  });

  it('resolution "it"', () => {
    expect(resolved('The statement was short.\n\n“The figures speak for themselves and need no comment,” it said.')).toEqual([[null, 'it', null]]);
  });

  it('resolution "person named"', () => {
    expect(resolved('Carlos Ruano has driven a taxi in Miami for twenty years.\n\n“For me, it is the lights on Flagler Street,” Mr. Ruano said.')).toEqual([['speaker then verb', 'person named', 'Carlos Ruano']]);
  });

  it('resolution "name inside"', () => {
    expect(resolved('Brad Smith spoke in Redmond.\n\n“We take this threat very seriously indeed,” Microsoft President Brad Smith said.')).toEqual([['speaker then verb', 'name inside', 'Brad Smith']]);
  });

  it('resolution "organisation named"', () => {
    expect(resolved('Nvidia shares fell on the news.\n\n“The rule does not change our guidance for the year,” Nvidia said.')).toEqual([['speaker then verb', 'organisation named', 'Nvidia']]);
  });

  it('resolution "name ending"', () => {
    expect(resolved('The Bureau of Industry and Security said: “The list will keep growing as long as the diversion continues.”')).toEqual([['speaker says before', 'name ending', 'Bureau of Industry and Security']]);
  });
});

describe('quote speaker rules: unnamed sources (after the attribution patterns)', () => {

  it('rule "unnamed source"', () => {
    expect(attributed('“The talks are close to collapse and nobody wants to admit it,” said a senior official familiar with the negotiations.')).toEqual([
      ['unnamed source', null, 'a senior official'],
    ]);
  });

  it('rule "spokesperson for a body"', () => {
    expect(attributed('“We are reviewing the decision and will respond in due course,” said a spokesperson for Sheffield University.')).toEqual([
      ['spokesperson for a body', 'Sheffield University', null],
    ]);
  });
});

describe('quote speaker rules: context rules (the sentence, the paragraph, the quote before)', () => {
  it('the table holds these rules, in this order', () => {
    expect(contextRules.map((rule) => rule.name)).toEqual(['speech verb in the sentence', 'body as the clause subject', 'according to in the sentence', 'speech verb after the quote', 'colon after the subject', 'statement in the paragraph before', 'sentence before introduces', 'paragraph about one person', 'continued quote', 'quote paragraph in the same voice', 'interview answer']);
  });

  it('rule "speech verb in the sentence"', () => {
    expect(attributed('Transportation chief Eulois Cleckley, who oversees the budget, pledged to the trust in July that “the money will be there when the work starts.”')).toEqual([
      ['speech verb in the sentence', 'Eulois Cleckley', null],
    ]);
  });

  it('rule "body as the clause subject"', () => {
    expect(attributed('The ruling came from the Third District Court of Appeal in Miami.\n\nThe court also found that the city had acted in good faith, noting that “the ordinance was never meant to single anyone out.”')).toEqual([
      ['body as the clause subject', 'Third District Court of Appeal', null],
    ]);
  });

  it('rule "according to in the sentence"', () => {
    expect(attributed('According to a statement from the Miami-Dade Sheriff\'s Office released late on Friday, “the suspect was taken into custody without incident.”')).toEqual([
      ['according to in the sentence', 'Miami-Dade Sheriff\'s Office', null],
    ]);
  });

  it('rule "speech verb after the quote"', () => {
    expect(attributed('“Nobody told us the bridge would close for a whole year,” the release from the Department of Transportation states.')).toEqual([
      ['speech verb after the quote', 'Department of Transportation', null],
    ]);
  });

  it('rule "colon after the subject"', () => {
    expect(attributed('Hani Al-Kahlout doesn\'t hide it, but he resents it: “They took everything we built over twenty years.”')).toEqual([
      ['colon after the subject', 'Hani Al-Kahlout', null],
    ]);
  });

  it('rule "statement in the paragraph before"', () => {
    expect(attributed('Cork County Council said in a statement:\n\n“Works on the N22 will resume on Monday and should finish by March.”')).toEqual([
      ['statement in the paragraph before', 'Cork County Council', null],
    ]);
  });

  it('rule "sentence before introduces"', () => {
    expect(attributed('Mr. Ruano said signal timing remains his issue. “For me, it is the lights on Flagler Street that never change.”')).toEqual([
      ['sentence before introduces', 'Ruano', null],
    ]);
  });

  it('rule "paragraph about one person"', () => {
    expect(attributed('Dan Whitfield, a first-year student, has just returned home. “I was living in a flat with nine others and nobody cleaned.”')).toEqual([
      ['paragraph about one person', 'Dan Whitfield', null],
    ]);
  });

  it('rule "continued quote"', () => {
    expect(attributed('"The accounts were linked to a single operator," said Marcus Hale. "We shut them down within hours." He added that the investigation was continuing.')).toEqual([
      ['verb then speaker', 'Marcus Hale', null],
      ['continued quote', 'Marcus Hale', null],
    ]);
  });

  it('rule "quote paragraph in the same voice"', () => {
    expect(attributed('"The accounts were linked to a single operator," said Marcus Hale, who led the review for the company.\n\n"Nobody has shown us any evidence of wrongdoing at all."')).toEqual([
      ['verb then speaker', 'Marcus Hale', null],
      ['quote paragraph in the same voice', 'Marcus Hale', null],
    ]);
  });

  it('rule "interview answer"', () => {
    expect(attributed('Maria Lopez spent ten years at sea. Maria Lopez came home in May.\n\nWhat did you miss most?\n\n“My mother\'s cooking, and the sound of the sea at night.”\n\nWill you go back?\n\n“Not for a while, I think, but I will never say never.”')).toEqual([
      ['interview answer', 'Maria Lopez', null],
      ['interview answer', 'Maria Lopez', null],
    ]);
  });
});

describe('quote speaker rules: article passes (over all quotes at the end)', () => {
  it('the table holds these rules, in this order', () => {
    expect(articlePasses.map((rule) => rule.name)).toEqual(['open quote closed in the next paragraph', 'repeated words']);
  });

  it('rule "open quote closed in the next paragraph"', () => {
    expect(attributed('“We are not going anywhere. The plant stays open as long as there is work for it\n\n“and the orders keep coming,” said plant manager Ruth Okafor.')).toEqual([
      ['open quote closed in the next paragraph', 'Ruth Okafor', null],
      ['verb then speaker', 'Ruth Okafor', null],
    ]);
  });

  it('rule "repeated words"', () => {
    expect(attributed('“We will rebuild every single home on this street”\n\nThe mayor visited on Monday. “We will rebuild every single home on this street,” said Mayor Lena Ortiz.')).toEqual([
      ['repeated words', 'Lena Ortiz', null],
      ['verb then speaker', 'Lena Ortiz', null],
    ]);
  });
});
