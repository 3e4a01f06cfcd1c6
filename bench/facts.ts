// Fact extraction quality and speed against the hand-annotated gold set (test/fixtures/facts-gold,
// real English news pages from the extraction development corpus; see its README for the rules).
//
//   node bin/run-ts.mjs bench/facts.ts [--verbose] [--only SUBSTRING] [--json FILE]
//
// Per fact type it prints precision and recall; for figures also how often the thing counted, the
// qualifier and the claimant agree; for quotes how often the speaker is right; and the time the
// fact extractors take per 1,000 words of article text on one core.
//
// Matching: an entity matches when one of its names or mention surfaces equals one of the gold
// record's names (case, dots and possessives aside), one prediction per gold record, so a thing
// split into two records costs precision; figures, dates and quotes match by position (the
// prediction overlaps an occurrence of the gold text) and by value (number and unit; date,
// precision and end date). Gold items whose text the extracted body no longer holds are left out
// of recall and counted apart. Predictions that match an `optional` item count neither way.
//
// The scoring itself is in bench/factsScore.ts (the quality gate in test/quality/ calls it too).
import fs from 'node:fs';
import path from 'node:path';
import { extractFacts } from '../src/extract/facts.ts';
import { corpusAvailable, corpusDir, repoRoot } from './corpusPages.ts';
import { factsContext, goldFileNames, loadGoldSet, scoreArticles, type FactKind } from './factsScore.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : args.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
};
const verbose = args.includes('--verbose');
const only = option('--only');
const jsonOut = option('--json');
const goldDir = path.resolve(repoRoot, option('--gold') ?? 'test/fixtures/facts-gold');

if (!corpusAvailable()) {
  console.log(`extraction corpus not found at ${corpusDir} (set TRACKER_EXTRACTION_CORPUS); nothing to measure`);
  process.exit(0);
}
const goldFiles = goldFileNames(goldDir, only);
if (goldFiles.length === 0) {
  console.log(`no gold files in ${goldDir}`);
  process.exit(0);
}

const { topics, registry } = factsContext();
const { articles, totalWords } = loadGoldSet(goldDir, { only, onMissing: (message) => console.log(message) });

// Speed: every article through the fact extractors, several rounds; the first (cold: regular
// expressions compiled, code not yet optimised) is reported apart, the median of the rest is the
// figure for a long-running crawler.
const rounds: number[] = [];
for (let round = 0; round < 10; round++) {
  const started = process.hrtime.bigint();
  for (const article of articles) extractFacts(article.title, article.text, article.gold.published, topics, registry);
  rounds.push(Number(process.hrtime.bigint() - started) / 1e6);
}
const coldMs = rounds[0];
const warm = rounds.slice(3).sort((a, b) => a - b);
const roundMs = warm[Math.floor(warm.length / 2)];

const { totals, extra, perArticle, log } = scoreArticles(articles, { verbose });

const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);
const fmt = (value: number) => (Number.isNaN(value) ? '  -  ' : value.toFixed(3));
const goldCounts = { entities: 0, figures: 0, dates: 0, quotes: 0 };
for (const { gold } of articles) for (const kind of Object.keys(goldCounts) as (keyof typeof goldCounts)[]) goldCounts[kind] += gold[kind].length;

console.log(`facts gold set: ${articles.length} articles, ${totalWords} words (${goldDir.replace(repoRoot + '/', '')})`);
console.log('type       gold  precision  recall     F1    (tp/fp/fn, gold text not in body)');
const summary: Record<string, { precision: number; recall: number }> = {};
for (const kind of Object.keys(totals) as FactKind[]) {
  const t = totals[kind];
  const precision = ratio(t.tp, t.tp + t.fp);
  const recall = ratio(t.tp, t.tp + t.fn);
  summary[kind] = { precision, recall };
  const f1 = ratio(2 * t.tp, 2 * t.tp + t.fp + t.fn);
  console.log(`${kind.padEnd(9)} ${String(goldCounts[kind]).padStart(5)}    ${fmt(precision)}    ${fmt(recall)}   ${fmt(f1)}   (${t.tp}/${t.fp}/${t.fn}, ${t.absent})`);
}
console.log(`entity type right on matches: ${fmt(ratio(extra.entityTypeRight, totals.entities.tp))}`);
console.log(`figures on matches: thing counted ${fmt(ratio(extra.figureThingRight, totals.figures.tp))}, qualifier ${fmt(ratio(extra.figureQualifierRight, totals.figures.tp))}, claimant ${fmt(ratio(extra.figureClaimantRight, extra.figureClaimantGold))} (of ${extra.figureClaimantGold} attributed)`);
console.log(`quote speakers: right on ${fmt(ratio(extra.speakerRight, extra.speakerGold))} of found quotes with a named speaker; ${fmt(ratio(extra.speakerRightAll, extra.speakerGoldAll))} of all ${extra.speakerGoldAll} gold quotes with one; ${extra.unnamedGivenName} of ${extra.unnamedGold} quotes from unnamed sources given a name`);
const msPer1000 = (roundMs / totalWords) * 1000;
console.log(`speed: ${roundMs.toFixed(1)} ms for all ${articles.length} articles (median of ${warm.length} warm rounds) = ${msPer1000.toFixed(2)} ms per 1,000 words, one core; first (cold) round ${((coldMs / totalWords) * 1000).toFixed(2)} ms per 1,000 words`);
if (verbose) console.log(`\n${log.join('\n')}`);
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ summary, totals, extra, msPer1000, perArticle }, null, 2));
