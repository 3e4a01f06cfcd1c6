// Article-body extraction quality and speed on the extraction development corpus
// (TRACKER_EXTRACTION_CORPUS, default ../shared/corpora/extraction-dev from the repo root).
// Metric (the corpus's own): whitespace-normalised substring matching of the annotated snippets;
// every `with` snippet found is a true positive, every one missing a false negative, every
// `without` snippet found a false positive. A page the extractor throws on counts as a full miss.
//
//   node bin/run-ts.mjs bench/extract.ts [--baseline] [--limit N] [--worst N] [--only SUBSTRING]
//
// --baseline also runs Readability.js on linkedom; --worst N lists our N worst pages with the
// snippets missed or wrongly kept; --save FILE writes our per-page counts (to compare two runs).
// The metric is bench/bodyScore.ts's `score` (the quality gate in test/quality/ uses it too).
import fs from 'node:fs';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../src/extract/article.ts';
import { corpusAvailable, corpusDir as corpus, corpusIndex, readCorpusHtml, type CorpusItem as Item } from './corpusPages.ts';
import { score, type Outcome } from './bodyScore.ts';
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : args.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
};
const withBaseline = args.includes('--baseline');
const limit = Number(option('--limit') ?? Infinity);
const worst = Number(option('--worst') ?? 0);
const only = option('--only');
const save = option('--save');

if (!corpusAvailable()) {
  console.log(`extraction corpus not found at ${corpus} (set TRACKER_EXTRACTION_CORPUS); nothing to measure`);
  process.exit(0);
}

interface Page { url: string; item: Item; html: string }

function loadPages(): Page[] {
  const evaldata = corpusIndex();
  const pages: Page[] = [];
  for (const [url, item] of Object.entries(evaldata)) {
    if (pages.length >= limit) break;
    if (only && !item.file.includes(only) && !url.includes(only)) continue;
    pages.push({ url, item, html: readCorpusHtml(item.file) });
  }
  return pages;
}

type Extractor = (html: string, url: string) => string;

const ours: Extractor = (html, url) => extractArticle(html, url).text;
const readability: Extractor = (html) => {
  const { document } = parseHTML(html);
  const result = new Readability(document as unknown as Document).parse();
  return result?.textContent ?? '';
};

function run(name: string, extractor: Extractor, pages: Page[]) {
  // Warm-up: let the JIT see the code before anything is timed.
  for (const page of pages.slice(0, 20)) {
    try { extractor(page.html, page.url); } catch { /* counted below */ }
  }
  const times: number[] = [];
  const perPage: Array<{ page: Page; outcome: Outcome; error?: string }> = [];
  let tp = 0; let fn = 0; let fp = 0; let crashes = 0;
  for (const page of pages) {
    let text: string | null = null;
    let error: string | undefined;
    const start = performance.now();
    try {
      text = extractor(page.html, page.url);
    } catch (caught) {
      crashes++;
      error = caught instanceof Error ? caught.message : String(caught);
    }
    times.push(performance.now() - start);
    const outcome = score(text, page.item);
    tp += outcome.tp; fn += outcome.fn; fp += outcome.fp;
    perPage.push({ page, outcome, error });
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const mean = times.reduce((sum, time) => sum + time, 0) / Math.max(1, times.length);
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const f1 = (2 * tp) / Math.max(1, 2 * tp + fp + fn);
  console.log(`${name.padEnd(22)} precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}  ms/page median ${median.toFixed(1)} mean ${mean.toFixed(1)} max ${(sorted.at(-1) ?? 0).toFixed(0)}  crashes ${crashes}  (${pages.length} pages; TP ${tp} FN ${fn} FP ${fp})`);
  return perPage;
}

const pages = loadPages();
console.log(`extraction corpus: ${corpus} (${pages.length} pages)`);
const ourPages = run('ours', ours, pages);
if (withBaseline) {
  const basePages = run('Readability (linkedom)', readability, pages);
  if (save) fs.writeFileSync(`${save}.baseline`, JSON.stringify(Object.fromEntries(basePages.map(({ page, outcome }) => [page.item.file, { tp: outcome.tp, fp: outcome.fp }]))));
}

if (save) fs.writeFileSync(save, JSON.stringify(Object.fromEntries(ourPages.map(({ page, outcome }) => [page.item.file, { tp: outcome.tp, fp: outcome.fp }]))));

if (worst > 0) {
  const ranked = ourPages
    .filter(({ outcome, error }) => error || outcome.fn + outcome.fp > 0)
    .sort((a, b) => (b.outcome.fn + b.outcome.fp) - (a.outcome.fn + a.outcome.fp))
    .slice(0, worst);
  for (const { page, outcome, error } of ranked) {
    console.log(`\n${page.item.file}  ${page.url}${error ? `  ERROR ${error}` : ''}`);
    for (const snippet of outcome.missed) console.log(`  missed: ${snippet.slice(0, 120)}`);
    for (const snippet of outcome.kept) console.log(`  kept:   ${snippet.slice(0, 120)}`);
  }
}
