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
import fs from 'node:fs';
import path from 'node:path';
import { extractArticle } from '../src/extract/article.ts';
import { extractFacts, type ArticleFacts } from '../src/extract/facts.ts';
import { loadBuiltInRegistry } from '../src/extract/entities.ts';
import { parseConfig } from '../src/config/load.ts';
import { corpusAvailable, corpusDir, readCorpusHtml, repoRoot } from './corpusPages.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : args.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
};
const verbose = args.includes('--verbose');
const only = option('--only');
const jsonOut = option('--json');
const goldDir = path.resolve(repoRoot, option('--gold') ?? 'test/fixtures/facts-gold');

interface GoldEntity { name: string; type: string; aliases?: string[] }
interface GoldFigure { text: string; value: number; unit: string; thing?: string | null; qualifier?: string | null; claimant?: string | null }
interface GoldDate { text: string; date: string; precision: string; endDate?: string | null }
interface GoldQuote { start: string; speaker: string | null; aliases?: string[]; role?: string | null }
interface Gold {
  url: string; file: string; published: string;
  entities: GoldEntity[]; figures: GoldFigure[]; dates: GoldDate[]; quotes: GoldQuote[];
  optional?: { entities?: string[]; figures?: string[]; dates?: string[] };
}

if (!corpusAvailable()) {
  console.log(`extraction corpus not found at ${corpusDir} (set TRACKER_EXTRACTION_CORPUS); nothing to measure`);
  process.exit(0);
}
const goldFiles = fs.readdirSync(goldDir).filter((name) => name.endsWith('.json') && (!only || name.includes(only))).sort();
if (goldFiles.length === 0) {
  console.log(`no gold files in ${goldDir}`);
  process.exit(0);
}

const topics = parseConfig({}, '(defaults)').topics;
const registry = loadBuiltInRegistry();

/** A name as compared: case, dots, possessives, honorific-free spacing aside. */
function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/^the\s+/, '').replace(/['’]s$/, '').replace(/[.’'`]/g, '').replace(/[-‐–]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Every place `needle` occurs in `text` as a whole word run (not inside another word). */
function occurrences(text: string, needle: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  if (!needle) return found;
  let from = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0) break;
    const before = text[at - 1];
    const after = text[at + needle.length];
    const wordy = (ch: string | undefined) => !!ch && /[\p{L}\p{N}]/u.test(ch);
    // "6 million" is not inside "1.6 million", nor "15" inside "2,150".
    const numberGlue = (/^\d/.test(needle) && /[.,]/.test(before ?? '') && /\d/.test(text[at - 2] ?? ''))
      || (/\d$/.test(needle) && /[.,]/.test(after ?? '') && /\d/.test(text[at + needle.length + 1] ?? ''));
    if (!numberGlue && !(wordy(before) && wordy(needle[0])) && !(wordy(after) && wordy(needle[needle.length - 1]))) found.push({ start: at, end: at + needle.length });
    from = at + 1;
  }
  return found;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const closeValue = (a: number, b: number) => a === b || Math.abs(a - b) <= Math.abs(b) * 0.005;

interface Tally { tp: number; fp: number; fn: number; absent: number }
const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0, absent: 0 });
const totals = { entities: tally(), figures: tally(), dates: tally(), quotes: tally() };
const extra = { unnamedGold: 0, unnamedGivenName: 0, entityTypeRight: 0, figureThingRight: 0, figureQualifierRight: 0, figureClaimantRight: 0, figureClaimantGold: 0, speakerRight: 0, speakerGold: 0, speakerGoldAll: 0, speakerRightAll: 0 };
const perArticle: Record<string, Record<string, Tally>> = {};
const log: string[] = [];

const contentWords = (text: string | null | undefined) => new Set((text ?? '').toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length > 2 && !['the', 'and', 'for', 'of'].includes(word)).map((word) => word.replace(/(?<=\w{3})s$/, '')));
const sharesWord = (a: string | null | undefined, b: string | null | undefined) => { const left = contentWords(a); for (const word of contentWords(b)) if (left.has(word)) return true; return false; };

function speakerMatches(predicted: string | null, gold: GoldQuote, entities: GoldEntity[] = [], predictedAliases: string[] = []): boolean {
  if (!predicted || !gold.speaker) return false;
  // The extractor's own record of the speaker may know the gold name as an alias ("IMF").
  if (predictedAliases.some((alias) => [gold.speaker!, ...(gold.aliases ?? [])].some((form) => nameKey(form) === nameKey(alias)))) return true;
  // Any name the gold set gives the same real thing ("IMF", "International Monetary Fund").
  const speakerForms = [gold.speaker, ...(gold.aliases ?? [])];
  const record = entities.find((entity) => [entity.name, ...(entity.aliases ?? [])].some((form) => speakerForms.some((speaker) => nameKey(speaker) === nameKey(form))));
  const forms = [...speakerForms, ...(record ? [record.name, ...(record.aliases ?? [])] : [])].map(nameKey);
  const key = nameKey(predicted).replace(/^(the|a|an)\s+/, '');
  if (forms.includes(key)) return true;
  // "Phoenix" for "Joaquin Phoenix" (or the other way round), not "Jane Phoenix"
  const last = (value: string) => value.split(' ').pop()!;
  const first = (value: string) => value.split(' ')[0];
  return forms.some((form) => last(form) === last(key) && (!key.includes(' ') || !form.includes(' ') || first(form) === first(key)));
}

function scoreEntities(name: string, text: string, gold: Gold, facts: ArticleFacts, t: Tally) {
  const optional = new Set((gold.optional?.entities ?? []).map(nameKey));
  const goldRecords = gold.entities.map((entity) => ({ entity, forms: new Set([entity.name, ...(entity.aliases ?? [])].map(nameKey)), present: [entity.name, ...(entity.aliases ?? [])].some((form) => text.includes(form)), matched: false }));
  for (const record of goldRecords) if (!record.present) t.absent++;
  for (const predicted of facts.entities) {
    const forms = [predicted.name, ...predicted.aliases, ...predicted.mentions.map((mention) => mention.surface)].map(nameKey);
    const target = goldRecords.find((record) => !record.matched && forms.some((form) => record.forms.has(form)));
    if (target) {
      target.matched = true;
      t.tp++;
      if (target.entity.type === predicted.type || (target.entity.type === 'model' && predicted.type === 'product')) extra.entityTypeRight++;
      else if (verbose) log.push(`  ${name} entity type: ${predicted.name} ${predicted.type}, gold ${target.entity.type}`);
      continue;
    }
    if (forms.some((form) => optional.has(form))) continue;
    const duplicate = goldRecords.find((record) => forms.some((form) => record.forms.has(form)));
    t.fp++;
    if (verbose) log.push(`  ${name} entity FP: ${predicted.name} (${predicted.type})${duplicate ? ` [second record for ${duplicate.entity.name}]` : ''}`);
  }
  for (const record of goldRecords) {
    if (record.present && !record.matched) {
      t.fn++;
      if (verbose) log.push(`  ${name} entity FN: ${record.entity.name} (${record.entity.type})`);
    }
  }
}

interface Located<T> { item: T; spans: { start: number; end: number }[]; matched: boolean }

function locate<T>(items: T[], textOf: (item: T) => string, text: string, nested = false): Located<T>[] {
  // One gold item stands for every place its text occurs (an annotator lists "$16 million" once).
  const located: Located<T>[] = [];
  for (const item of items) {
    const spans = occurrences(text, textOf(item));
    if (spans.length === 0) { located.push({ item, spans, matched: false }); continue; }
    for (const span of spans) {
      if (located.some((other) => other.spans.some((existing) => existing.start === span.start && existing.end === span.end))) continue;
      // "last month" inside "late last month", which the gold lists too: that place is the longer item's.
      if (nested && items.some((other) => other !== item && textOf(other).length > textOf(item).length && occurrences(text, textOf(other)).some((outer) => outer.start <= span.start && outer.end >= span.end))) continue;
      located.push({ item, spans: [span], matched: false });
    }
  }
  return located;
}

function scoreSpans<G, P extends { start: number; end: number }>(
  name: string, kind: string, text: string, goldItems: G[], optionalTexts: string[], predictions: P[], t: Tally,
  goldText: (item: G) => string, agrees: (prediction: P, gold: G) => boolean, describe: (prediction: P) => string,
  onMatch?: (prediction: P, gold: G) => void,
  continuation?: (previous: { prediction: P; matched: boolean } | null, prediction: P, text: string) => boolean,
) {
  const located = locate(goldItems, goldText, text, kind === 'date');
  const optionalSpans = optionalTexts.flatMap((optionalText) => occurrences(text, optionalText));
  for (const entry of located) if (entry.spans.length === 0) { t.absent++; if (verbose) log.push(`  ${name} ${kind} gold text not in body: ${goldText(entry.item)}`); }
  let previous: { prediction: P; matched: boolean } | null = null;
  for (const prediction of predictions) {
    const target = located.find((entry) => !entry.matched && entry.spans.some((span) => overlaps(span, prediction)) && agrees(prediction, entry.item));
    const before: { prediction: P; matched: boolean } | null = previous;
    previous = { prediction, matched: !!target };
    if (target) {
      target.matched = true;
      t.tp++;
      onMatch?.(prediction, target.item);
      continue;
    }
    if (optionalSpans.some((span) => overlaps(span, prediction))) continue;
    // Quotes: "“A,” she said. “B.”" is one quote to some annotators and two to the extractor. A
    // piece that continues a matched quote in the same paragraph is segmentation, not an error.
    if (continuation?.(before, prediction, text)) { previous = before; continue; }
    t.fp++;
    if (verbose) {
      const near = located.find((entry) => entry.spans.some((span) => overlaps(span, prediction)));
      log.push(`  ${name} ${kind} FP: ${describe(prediction)}${near ? `  [gold here: ${JSON.stringify(near.item)}]` : ''}`);
    }
  }
  for (const entry of located) {
    if (entry.spans.length > 0 && !entry.matched) {
      t.fn++;
      if (verbose) log.push(`  ${name} ${kind} FN: ${JSON.stringify(entry.item)}`);
    }
  }
}

let totalWords = 0;
const articles: { name: string; title: string; text: string; gold: Gold }[] = [];
for (const file of goldFiles) {
  const gold = JSON.parse(fs.readFileSync(path.join(goldDir, file), 'utf8')) as Gold;
  const html = readCorpusHtml(gold.file, goldDir);
  if (!html) { console.log(`${file}: corpus page ${gold.file} missing; skipped`); continue; }
  const article = extractArticle(html, gold.url);
  articles.push({ name: file.replace(/\.json$/, ''), title: article.title, text: article.text, gold });
  totalWords += article.text.split(/\s+/).filter(Boolean).length;
}

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

for (const { name, title, text, gold } of articles) {
  const facts = extractFacts(title, text, gold.published, topics, registry);
  const mine = { entities: tally(), figures: tally(), dates: tally(), quotes: tally() };
  perArticle[name] = mine;
  scoreEntities(name, text, gold, facts, mine.entities);
  scoreSpans(name, 'figure', text, gold.figures, gold.optional?.figures ?? [], facts.figures, mine.figures,
    (item) => item.text,
    (prediction, item) => closeValue(prediction.value, item.value) && prediction.unit === item.unit,
    (prediction) => `${prediction.text} = ${prediction.value} ${prediction.unit} (${prediction.label})`,
    (prediction, item) => {
      if (!item.thing || sharesWord(prediction.label, item.thing)) extra.figureThingRight++;
      else if (verbose) log.push(`  ${name} figure thing: "${prediction.text}" counted "${prediction.label}", gold "${item.thing}"`);
      if ((prediction.qualifier ?? null) === (item.qualifier?.toLowerCase() ?? null)) extra.figureQualifierRight++;
      if (item.claimant) {
        extra.figureClaimantGold++;
        // The same body by another of its names ("IMF", "International Monetary Fund") agrees too.
        const goldNames = gold.entities.find((entity) => [entity.name, ...(entity.aliases ?? [])].some((form) => nameKey(form) === nameKey(item.claimant!)));
        const sameBody = !!prediction.claimant && !!goldNames && [goldNames.name, ...(goldNames.aliases ?? [])].some((form) => nameKey(form) === nameKey(prediction.claimant!));
        if (sameBody || sharesWord(prediction.claimant, item.claimant)) extra.figureClaimantRight++;
        else if (verbose) log.push(`  ${name} figure claimant: "${prediction.text}" by ${prediction.claimant}, gold ${item.claimant}`);
      }
    });
  scoreSpans(name, 'date', text, gold.dates, gold.optional?.dates ?? [], facts.events, mine.dates,
    (item) => item.text,
    (prediction, item) => prediction.date === item.date && prediction.precision === item.precision && (!item.endDate || prediction.endDate === item.endDate),
    (prediction) => `${text.slice(prediction.start, prediction.end)} = ${prediction.date}/${prediction.precision}${prediction.endDate ? `..${prediction.endDate}` : ''}`);
  // Quotes: the prediction covers where the gold quote starts.
  const quoteGold = gold.quotes.map((quote) => ({ ...quote, text: quote.start }));
  scoreSpans(name, 'quote', text, quoteGold, [], facts.quotes, mine.quotes,
    (item) => item.text,
    () => true,
    (prediction) => `“${prediction.text.slice(0, 60)}…” — ${prediction.speaker}`,
    (prediction, item) => {
      if (!item.speaker) {
        extra.unnamedGold++;
        if (prediction.speaker) { extra.unnamedGivenName++; if (verbose) log.push(`  ${name} quote by an unnamed source given a speaker: “${prediction.text.slice(0, 50)}…” → ${prediction.speaker}`); }
      }
      if (item.speaker) {
        extra.speakerGold++;
        const record = facts.entities.find((entity) => entity.name === prediction.speaker);
        if (speakerMatches(prediction.speaker, item, gold.entities, record?.aliases ?? [])) extra.speakerRight++;
        else if (verbose) log.push(`  ${name} quote speaker: “${prediction.text.slice(0, 50)}…” said ${prediction.speaker}, gold ${item.speaker}`);
      }
    },
    (previous, prediction, body) => !!previous?.matched && !body.slice(previous.prediction.end, prediction.start).includes('\n\n')
      && (prediction.speaker === null || prediction.speaker === previous.prediction.speaker));
  for (const quote of gold.quotes) if (quote.speaker && text.includes(quote.start)) extra.speakerGoldAll++;
  for (const kind of Object.keys(totals) as (keyof typeof totals)[]) {
    for (const field of ['tp', 'fp', 'fn', 'absent'] as const) totals[kind][field] += mine[kind][field];
  }
}
extra.speakerRightAll = extra.speakerRight;

const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);
const fmt = (value: number) => (Number.isNaN(value) ? '  -  ' : value.toFixed(3));
const goldCounts = { entities: 0, figures: 0, dates: 0, quotes: 0 };
for (const { gold } of articles) for (const kind of Object.keys(goldCounts) as (keyof typeof goldCounts)[]) goldCounts[kind] += gold[kind].length;

console.log(`facts gold set: ${articles.length} articles, ${totalWords} words (${goldDir.replace(repoRoot + '/', '')})`);
console.log('type       gold  precision  recall     F1    (tp/fp/fn, gold text not in body)');
const summary: Record<string, { precision: number; recall: number }> = {};
for (const kind of Object.keys(totals) as (keyof typeof totals)[]) {
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
