// Scoring of fact extraction against a gold set folder (test/fixtures/facts-gold and the others;
// see bench/facts.ts for the matching rules). bench/facts.ts prints these figures with the speed;
// test/quality/facts.test.ts gates on them against test/quality/baseline.json.
import fs from 'node:fs';
import path from 'node:path';
import { extractArticle } from '../src/extract/article.ts';
import { extractFacts, type ArticleFacts } from '../src/extract/facts.ts';
import { loadBuiltInRegistry } from '../src/extract/entities.ts';
import { parseConfig } from '../src/config/load.ts';
import { readCorpusHtml } from './corpusPages.ts';

export interface GoldEntity { name: string; type: string; aliases?: string[] }
export interface GoldFigure { text: string; value: number; unit: string; thing?: string | null; qualifier?: string | null; claimant?: string | null }
export interface GoldDate { text: string; date: string; precision: string; endDate?: string | null }
export interface GoldQuote { start: string; speaker: string | null; aliases?: string[]; role?: string | null }
export interface Gold {
  url: string; file: string; published: string;
  entities: GoldEntity[]; figures: GoldFigure[]; dates: GoldDate[]; quotes: GoldQuote[];
  optional?: { entities?: string[]; figures?: string[]; dates?: string[] };
}

let context: { topics: ReturnType<typeof parseConfig>['topics']; registry: ReturnType<typeof loadBuiltInRegistry> } | null = null;
/** The built-in topics and entity registry the extractors run with (loaded once). */
export function factsContext() {
  context ??= { topics: parseConfig({}, '(defaults)').topics, registry: loadBuiltInRegistry() };
  return context;
}

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

export interface Tally { tp: number; fp: number; fn: number; absent: number }
const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0, absent: 0 });
const newTotals = () => ({ entities: tally(), figures: tally(), dates: tally(), quotes: tally() });
const newExtra = () => ({ unnamedGold: 0, unnamedGivenName: 0, entityTypeRight: 0, figureThingRight: 0, figureQualifierRight: 0, figureClaimantRight: 0, figureClaimantGold: 0, speakerRight: 0, speakerGold: 0, speakerGoldAll: 0, speakerRightAll: 0 });
export type Totals = ReturnType<typeof newTotals>;
export type Extra = ReturnType<typeof newExtra>;
export type FactKind = keyof Totals;

// The state of one scoring run (scoreArticles sets it; the functions below were written against
// module-level state in bench/facts.ts and are kept as they were).
let verbose = false;
let totals: Totals = newTotals();
let extra: Extra = newExtra();
let log: string[] = [];

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

export interface GoldArticle { name: string; title: string; text: string; gold: Gold }

/** The gold files of a set (sorted; `only` keeps the names holding it). */
export function goldFileNames(goldDir: string, only?: string): string[] {
  return fs.readdirSync(goldDir).filter((name) => name.endsWith('.json') && (!only || name.includes(only))).sort();
}

/** Each gold file's article: the page (the set's own `pages/` or the extraction corpus) through the
 *  article extractor. A page that is missing is reported through `onMissing` and left out. */
export function loadGoldSet(goldDir: string, options: { only?: string; onMissing?: (message: string) => void } = {}): { articles: GoldArticle[]; totalWords: number } {
  let totalWords = 0;
  const articles: GoldArticle[] = [];
  for (const file of goldFileNames(goldDir, options.only)) {
    const gold = JSON.parse(fs.readFileSync(path.join(goldDir, file), 'utf8')) as Gold;
    const html = readCorpusHtml(gold.file, goldDir);
    if (!html) { options.onMissing?.(`${file}: corpus page ${gold.file} missing; skipped`); continue; }
    const article = extractArticle(html, gold.url);
    articles.push({ name: file.replace(/\.json$/, ''), title: article.title, text: article.text, gold });
    totalWords += article.text.split(/\s+/).filter(Boolean).length;
  }
  return { articles, totalWords };
}

export interface FactScores {
  totals: Totals;
  extra: Extra;
  perArticle: Record<string, Record<string, Tally>>;
  /** Every miss, when scored with `verbose`. */
  log: string[];
}

/** Runs the fact extractors on each article and scores them against its gold annotations. */
export function scoreArticles(articles: GoldArticle[], options: { verbose?: boolean } = {}): FactScores {
  verbose = !!options.verbose;
  totals = newTotals();
  extra = newExtra();
  log = [];
  const perArticle: Record<string, Record<string, Tally>> = {};
  const { topics, registry } = factsContext();
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

  return { totals, extra, perArticle, log };
}

/** Loads and scores a whole gold set folder. */
export function scoreGoldSet(goldDir: string, options: { verbose?: boolean } = {}): FactScores & { articles: GoldArticle[]; missing: string[] } {
  const missing: string[] = [];
  const { articles } = loadGoldSet(goldDir, { onMissing: (message) => missing.push(message) });
  return { ...scoreArticles(articles, options), articles, missing };
}
