// The extraction-quality figures the regression gate holds (test/quality/*.test.ts against the
// committed test/quality/baseline.json; `npm run bench:baseline` rewrites that file):
//
// - facts, on the development gold sets only: test/fixtures/facts-gold (its pages are in the
//   extraction corpus, ../shared/corpora/extraction-dev) and test/fixtures/facts-domain (pages in
//   the repository). The held-out sets (facts-heldout, facts-domain-heldout) are never measured
//   here: a gate on them would make them tuning targets.
// - article bodies, on the sample site in the repository (bench/bodyScore.ts says how its expected
//   snippets come from the articles' Markdown sources).
//
// Every figure is a ratio of counts, kept with its numerator and denominator. Nothing is timed.
import path from 'node:path';
import { corpusAvailable, repoRoot } from './corpusPages.ts';
import { scoreGoldSet, type FactKind } from './factsScore.ts';
import { scoreSamplePages } from './bodyScore.ts';

export interface Figure { value: number; n: number; d: number }
export interface SetMeasure {
  /** What the set is and where its pages are. */
  about: string;
  /** Articles or pages scored. */
  pages: number;
  figures: Record<string, Figure>;
}
export type Measures = Record<string, SetMeasure>;

export const baselineFile = path.join(repoRoot, 'test', 'quality', 'baseline.json');

/** The development fact sets, by the name the baseline uses, and whether their pages need the corpus. */
export const factSets = {
  'facts-gold': { dir: 'test/fixtures/facts-gold', needsCorpus: true, about: 'facts gold set (development, tuned on); pages in ../shared/corpora/extraction-dev' },
  'facts-domain': { dir: 'test/fixtures/facts-domain', needsCorpus: false, about: 'facts domain set (development); pages in test/fixtures/facts-domain/pages' },
} as const;
export type FactSetName = keyof typeof factSets;

export const bodySetName = 'sample-site-bodies';

const figure = (n: number, d: number): Figure => ({ value: d === 0 ? NaN : n / d, n, d });

/** Per type precision and recall, entity type accuracy and speaker attribution on one fact set. */
export function measureFactSet(name: FactSetName): SetMeasure {
  const set = factSets[name];
  const scores = scoreGoldSet(path.join(repoRoot, set.dir));
  if (scores.missing.length > 0) throw new Error(`${set.dir}: pages missing: ${scores.missing.join('; ')}`);
  const { totals: t, extra: e } = scores;
  const figures: Record<string, Figure> = {};
  for (const kind of ['entities', 'figures', 'dates', 'quotes'] as FactKind[]) {
    figures[`${kind} precision`] = figure(t[kind].tp, t[kind].tp + t[kind].fp);
    figures[`${kind} recall`] = figure(t[kind].tp, t[kind].tp + t[kind].fn);
  }
  figures['entity type accuracy'] = figure(e.entityTypeRight, t.entities.tp);
  figures['speaker right, found quotes'] = figure(e.speakerRight, e.speakerGold);
  figures['speaker right, all quotes'] = figure(e.speakerRightAll, e.speakerGoldAll);
  return { about: set.about, pages: scores.articles.length, figures };
}

/** Snippet precision and recall of the article extractor on the sample site. */
export function measureBodies(): SetMeasure {
  const scores = scoreSamplePages();
  return {
    about: 'article bodies of samples/site (expected: each article\'s Markdown blocks; furniture: the rest of the page)',
    pages: scores.pages,
    figures: {
      'body precision': figure(scores.tp, scores.tp + scores.fp),
      'body recall': figure(scores.tp, scores.tp + scores.fn),
    },
  };
}

/** Everything the baseline holds (the facts gold set needs the extraction corpus). */
export function measureAll(): Measures {
  if (!corpusAvailable()) throw new Error('the extraction corpus (../shared/corpora/extraction-dev, or TRACKER_EXTRACTION_CORPUS) is needed to measure the facts gold set');
  const measures: Measures = {};
  for (const name of Object.keys(factSets) as FactSetName[]) measures[name] = measureFactSet(name);
  measures[bodySetName] = measureBodies();
  return measures;
}

/** How much one item moves a figure: for a precision, one more false positive (n/d to n/(d+1)); for
 *  the others (recall, type accuracy, speakers: a fixed denominator) one fewer right, 1/d. */
export function oneItem(name: string, f: Figure): number {
  if (f.d === 0) return NaN;
  return name.endsWith('precision') ? f.n / f.d - f.n / (f.d + 1) : 1 / f.d;
}
