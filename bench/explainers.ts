// `npm run bench:explainers`: the judgment of the explainer, on gold multi-source stories written
// in real outlets' styles (test/fixtures/explainers: the development half, whose misses may be read;
// test/fixtures/explainers-heldout: measured, never read). Each story's pages are stored as if
// crawled, extracted and clustered together with every other story of the set, then compared with
// the gold: clustering (pairwise precision and recall over pages), claims (precision, recall,
// claimant right, stance right), figure cards (each gold quantity on exactly one card, false
// disagreements), timeline entries (precision, recall, role right), who is not represented
// (exact per story), the headline (one a straight report would use) and the outlet names.
// Prints figures and the targets beside them; asserts nothing.
//   --gold DIR    another set (default: both halves)
//   --verbose     lists each miss (development half only: held-out misses are never printed)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, closeDatabase, type TrackerDb } from '../src/db/client.ts';
import { parseConfig } from '../src/config/load.ts';
import { storeDocument } from '../src/crawl/crawl.ts';
import { extractStage } from '../src/extract/extractStage.ts';
import { clusterStage } from '../src/stories/clusterStage.ts';
import { readStoredExplainers } from '../src/stories/storedExplainer.ts';
import type { Explainer } from '../src/stories/types.ts';
import { sources } from '../db/schema.ts';

interface GoldPage { file: string; url: string; outlet: string; published: string; kind: string }
interface GoldStory {
  story: string;
  topic: string;
  pages: GoldPage[];
  acceptableHeadlines: string[];
  stakeholders: { name: string; aliases: string[]; type: string; role: string }[];
  claims: { file: string; start: string; claimant: string | null; speaker: string | null; stance: string; quote: boolean }[];
  figures: { measure: string; subject: string; value: number; unit: string; texts: string[]; files: string[] }[];
  comparisons: string[][];
  disagreements: { measure: string; subject: string; values: number[] }[];
  timeline: { date: string; precision: string; end: string | null; role: string; what: string; files: string[]; cues: string[] }[];
  notRepresented: { name: string; why: string }[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? null : process.argv[index + 1];
};
const verbose = process.argv.includes('--verbose');
const sets = argument('--gold') ? [path.resolve(argument('--gold')!)] : ['test/fixtures/explainers', 'test/fixtures/explainers-heldout'].map((dir) => path.join(root, dir));

const normal = (text: string) => text.toLowerCase().replace(/[“”"]/g, '"').replace(/[‘’']/g, "'").replace(/\[\d+\]/g, '').replace(/\s+/g, ' ').trim();
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function loadSet(dir: string): GoldStory[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, 'gold.json')))
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name, 'gold.json'), 'utf8')) as GoldStory);
}

interface Tally { [key: string]: number }

function measureSet(dir: string): void {
  const stories = loadSet(dir);
  const heldOut = /heldout/.test(dir);
  const label = path.relative(root, dir);
  if (stories.length === 0) { console.log(`${label}: no stories (no */gold.json)`); return; }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-bench-explainers-'));
  const db = openDatabase(path.join(work, 'bench.sqlite'));
  const misses: string[] = [];
  const miss = (text: string) => { if (verbose && !heldOut) misses.push(text); };
  try {
    const config = parseConfig({}, '(bench)');
    const sourceId = db.insert(sources).values({ url: 'https://bench.example/feed', createdAt: new Date().toISOString() }).returning({ id: sources.id }).get().id;
    // The pages arrive in publication order, as a crawl would find them.
    const pages = stories.flatMap((story) => story.pages.map((page) => ({ story, page })))
      .sort((a, b) => a.page.published.localeCompare(b.page.published));
    for (const { story, page } of pages) {
      const html = fs.readFileSync(path.join(dir, story.story, 'pages', page.file), 'utf8');
      storeDocument(db, sourceId, page.url, { url: page.url, finalUrl: page.url, status: 200, notModified: false, headers: {}, contentType: 'text/html', body: Buffer.from(html) }, html, null);
    }
    extractStage(db, config);
    clusterStage(db, config);
    report(label, stories, db, miss);
  } finally {
    closeDatabase(db);
    fs.rmSync(work, { recursive: true, force: true });
  }
  for (const line of misses) console.log(`  miss: ${line}`);
}

function report(label: string, stories: GoldStory[], db: TrackerDb, miss: (text: string) => void): void {
  const client = db.$client;
  const articleOf = new Map<string, { id: string; outlet: string; title: string; story: string | null }>();
  for (const story of stories) {
    for (const page of story.pages) {
      const row = client.prepare(`SELECT a.id, a.outlet, a.title, sa.story_id AS story FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id WHERE a.url = ?`).get(page.url) as { id: string; outlet: string; title: string; story: string | null } | undefined;
      if (row) articleOf.set(page.url, row);
    }
  }
  const explainers = new Map(readStoredExplainers(client.prepare('SELECT id, explainer FROM stories WHERE explainer IS NOT NULL').all() as { id: string; explainer: string }[]).map((story) => [story.id, story]));

  // Clustering: pairs of pages in one gold story and in one tracker story.
  const all = stories.flatMap((story) => story.pages.map((page) => ({ gold: story.story, found: articleOf.get(page.url)?.story ?? null, url: page.url })));
  let truePairs = 0; let foundPairs = 0; let goldPairs = 0;
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const same = all[i].gold === all[j].gold;
      const together = all[i].found !== null && all[i].found === all[j].found;
      if (same) goldPairs++;
      if (together) foundPairs++;
      if (same && together) truePairs++;
    }
  }

  for (const story of stories) {
    const groups = new Map<string, string[]>();
    for (const page of story.pages) {
      const found = articleOf.get(page.url)?.story ?? '(none)';
      groups.set(found, [...(groups.get(found) ?? []), page.file]);
    }
    if (groups.size > 1) miss(`${story.story}: split over ${groups.size} stories: ${[...groups.values()].map((files) => files.join(' + ')).join(' | ')}`);
  }

  const tally: Tally = {};
  const add = (key: string, n = 1) => { tally[key] = (tally[key] ?? 0) + n; };
  for (const story of stories) {
    const urls = new Set(story.pages.map((page) => page.url));
    const fileUrl = new Map(story.pages.map((page) => [page.file, page.url]));
    const ids = story.pages.map((page) => articleOf.get(page.url)?.id).filter((id): id is string => !!id);
    const aliases = (name: string | null) => {
      if (!name) return [];
      const holder = story.stakeholders.find((entry) => entry.name === name || entry.aliases.includes(name));
      return [name, ...(holder ? [holder.name, ...holder.aliases] : [])].map(normal);
    };
    // The same actor however it is spelled: an alias, one name inside the other, or the same words
    // in another order ("US Commerce Department", "U.S. Department of Commerce").
    const words = (name: string) => new Set(normal(name).replace(/\bu\.s\.?(?=\s|$)/g, 'us').replace(/[^\p{L}\p{N} ]+/gu, ' ').split(' ').filter((word) => word && !['the', 'of', 'and', 'for'].includes(word)));
    const sameWords = (a: string, b: string) => {
      const x = words(a); const y = words(b);
      return x.size > 0 && x.size === y.size && [...x].every((word) => y.has(word));
    };
    const sameActor = (found: string | null, gold: string | null) => {
      if (!found || !gold) return found === gold;
      const names = aliases(gold);
      const f = normal(found);
      return names.some((name) => name === f || sameWords(name, f) || (name.length > 3 && (f.includes(name) || name.includes(f))));
    };

    // Claims.
    const claimRows = ids.length ? client.prepare(`SELECT c.claimant, c.stance, c.sentence, c.text, c.is_quote AS quote, a.url FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.article_id IN (${ids.map(() => '?').join(',')})`).all(...ids) as { claimant: string | null; stance: string; sentence: string; text: string; quote: number; url: string }[] : [];
    const used = new Set<number>();
    for (const gold of story.claims) {
      const url = fileUrl.get(gold.file);
      // Quotation marks do not count: a gold start may open with one, a quote's text never does.
      const bare = (text: string) => normal(text).replace(/["']/g, '').replace(/\s+/g, ' ').trim();
      const start = bare(gold.start);
      const index = claimRows.findIndex((row, k) => !used.has(k) && row.url === url && (bare(row.sentence).includes(start) || bare(row.text).includes(start) || start.includes(bare(row.text).slice(0, 40))));
      add('goldClaims');
      if (index === -1) { miss(`${story.story}: claim not found: ${gold.file} "${gold.start}" (${gold.claimant}, ${gold.stance})`); continue; }
      used.add(index);
      add('foundClaims');
      const row = claimRows[index];
      if (sameActor(row.claimant, gold.claimant)) add('claimantRight');
      else miss(`${story.story}: claimant ${row.claimant} for "${gold.start}" (gold ${gold.claimant})`);
      if (row.stance === gold.stance) add('stanceRight');
      else miss(`${story.story}: stance ${row.stance} for "${gold.start}" (gold ${gold.stance})`);
    }
    add('extractedClaims', claimRows.filter((row) => urls.has(row.url)).length);
    claimRows.forEach((row, k) => { if (!used.has(k)) miss(`${story.story}: extra claim: ${row.claimant} ${row.stance}: ${row.sentence.slice(0, 90)}`); });

    // The explainer of the story most of the pages went to.
    const counts = new Map<string, number>();
    for (const page of story.pages) {
      const found = articleOf.get(page.url)?.story;
      if (found) counts.set(found, (counts.get(found) ?? 0) + 1);
    }
    const storyId = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    const explainer: Explainer | undefined = storyId ? explainers.get(storyId) : undefined;
    add('stories');
    if (!explainer) { miss(`${story.story}: no explainer`); continue; }

    // Figure cards: each gold quantity on exactly one card; a conflict between different subjects is a false disagreement.
    const cardsOf = (figure: GoldStory['figures'][number]) => explainer.figures.filter((card) => card.unit === figure.unit
      && card.variants.some((variant) => Math.abs(variant.value - figure.value) <= Math.abs(figure.value) * 0.02));
    for (const figure of story.figures) {
      add('goldFigures');
      const cards = cardsOf(figure);
      if (cards.length === 1) add('figuresOnce');
      else miss(`${story.story}: figure ${figure.measure} (${figure.subject}) ${figure.value} on ${cards.length} cards`);
    }
    for (const card of explainer.figures.filter((candidate) => candidate.conflict)) {
      const real = story.disagreements.some((disagreement) => disagreement.values.some((value) => Math.abs(value - card.value) <= Math.abs(value) * 0.02));
      if (!real) { add('falseDisagreements'); miss(`${story.story}: false disagreement on ${card.label}: ${card.variants.map((variant) => variant.text).join(' vs ')}`); }
    }
    add('cards', explainer.figures.length);
    const goldValues = story.figures.map((figure) => figure.value);
    for (const card of explainer.figures) {
      if (!goldValues.some((value) => card.variants.some((variant) => Math.abs(variant.value - value) <= Math.abs(value) * 0.02))) {
        add('extraCards');
        miss(`${story.story}: card not in gold: ${card.text} (${card.label})`);
      }
    }

    // Timeline entries: matched by date (a range by its start); the role is development or background as the explainer marks it.
    const entries = explainer.timeline;
    const matched = new Set<number>();
    for (const gold of story.timeline) {
      add('goldEvents');
      const index = entries.findIndex((entry, k) => !matched.has(k) && entry.date.slice(0, gold.date.length) === gold.date && entry.date.length === gold.date.length);
      if (index === -1) { miss(`${story.story}: timeline entry missing: ${gold.date} ${gold.what} (${gold.role})`); continue; }
      matched.add(index);
      add('foundEvents');
      const role = entries[index].role;
      if (role === gold.role) add('roleRight');
      else miss(`${story.story}: timeline role ${role} for ${gold.date} ${gold.what} (gold ${gold.role})`);
    }
    add('entries', entries.length);
    entries.forEach((entry, k) => { if (!matched.has(k)) miss(`${story.story}: timeline entry not in gold: ${entry.date} ${entry.text.slice(0, 80)}`); });

    // Not represented: the actors listed (declined or never quoted) against the gold list.
    const listed = explainer.notRepresented.filter((entry) => entry.kind !== 'viewpoint');
    const goldNames = story.notRepresented;
    const exact = listed.length === goldNames.length && goldNames.every((gold) => listed.some((entry) => sameActor(entry.name, gold.name)));
    if (exact) add('notRepresentedExact');
    else miss(`${story.story}: not represented [${listed.map((entry) => `${entry.name} (${entry.kind})`).join('; ')}] vs gold [${goldNames.map((gold) => `${gold.name} (${gold.why})`).join('; ')}]`);

    // Headline and outlets.
    const acceptable = story.pages.filter((page) => story.acceptableHeadlines.includes(page.file)).map((page) => articleOf.get(page.url)?.title).filter(Boolean).map((title) => normal(title!));
    if (acceptable.includes(normal(explainer.title))) add('headlineOk');
    else miss(`${story.story}: headline "${explainer.title}"`);
    for (const page of story.pages) {
      add('pages');
      const outlet = articleOf.get(page.url)?.outlet;
      if (outlet && normal(outlet) === normal(page.outlet)) add('outletRight');
      else miss(`${story.story}: outlet "${outlet}" for ${page.file} (gold "${page.outlet}")`);
    }
  }

  const t = (key: string) => tally[key] ?? 0;
  console.log(`${label}: ${stories.length} stories, ${all.length} pages`);
  console.log(`  clustering      pairwise precision ${pct(ratio(truePairs, foundPairs))} (target 95%), recall ${pct(ratio(truePairs, goldPairs))} (target 85%)`);
  console.log(`  claims          precision ${pct(ratio(t('foundClaims'), t('extractedClaims')))} (target 85%), recall ${pct(ratio(t('foundClaims'), t('goldClaims')))} (target 80%) of ${t('goldClaims')}; claimant right ${pct(ratio(t('claimantRight'), t('foundClaims')))} (target 90%), stance right ${pct(ratio(t('stanceRight'), t('foundClaims')))}`);
  console.log(`  figure cards    gold quantities on exactly one card ${t('figuresOnce')} of ${t('goldFigures')} (target all); false disagreements ${t('falseDisagreements')} (target 0); cards not in gold ${t('extraCards')} of ${t('cards')}`);
  console.log(`  timeline        precision ${pct(ratio(t('foundEvents'), t('entries')))} (target 90%), recall ${pct(ratio(t('foundEvents'), t('goldEvents')))} (target 90%), role right ${pct(ratio(t('roleRight'), t('foundEvents')))} (target 85%)`);
  console.log(`  not represented exact on ${t('notRepresentedExact')} of ${t('stories')} stories (target 80%)`);
  console.log(`  headline        acceptable on ${t('headlineOk')} of ${t('stories')} stories; outlet right on ${t('outletRight')} of ${t('pages')} pages`);
}

for (const dir of sets) measureSet(dir);
