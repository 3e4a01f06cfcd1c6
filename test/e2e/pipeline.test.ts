// The whole pipeline as a user runs it: the sample corpus served on loopback, `tracker run` into a
// temporary database and site folder, then what the database holds, what `tracker export` prints,
// and what a reader sees on the built story pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import Database from 'better-sqlite3';
import { startSampleServer, type SampleServer } from '../../samples/server.ts';
import { runTracker, type CliResult } from '../support/cli.ts';
import { exportSchema, type ExportShape } from '../../src/publish/exportSchema.ts';
import { loadManifest } from '../support/storyQuality.ts';

let server: SampleServer;
let dir: string;
let run: CliResult;
let exported: ExportShape;
const manifest = loadManifest();

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}$%]+/gu) ?? [];
/** True when the words of `needle` appear in order in `haystack`, within twice the needle's length. */
function wordsInOrder(needle: string, haystack: string): boolean {
  const wanted = words(needle);
  const source = words(haystack);
  for (let start = source.indexOf(wanted[0]); start !== -1; start = source.indexOf(wanted[0], start + 1)) {
    let k = 0;
    for (let i = start; i < source.length && i < start + wanted.length * 2 && k < wanted.length; i++) if (source[i] === wanted[k]) k++;
    if (k === wanted.length) return true;
  }
  return false;
}

beforeAll(async () => {
  server = await startSampleServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-e2e-'));
  const sources = server.sources.map((source) => `  - url: ${source.url}\n    name: "${source.name}"`).join('\n');
  fs.writeFileSync(path.join(dir, 'tracker.config.yaml'), `site:\n  title: E2E Tracker\nfetch:\n  allowPrivateHosts: true\n  minDelayMs: 0\nsources:\n${sources}\n`);
  run = await runTracker(['run', '--config', path.join(dir, 'tracker.config.yaml'), '--db', path.join(dir, 'tracker.sqlite'), '--out', path.join(dir, 'site')], {
    env: { TRACKER_SITE_CACHE_DIR: path.join(dir, 'astro-cache') }, timeoutMs: 180000,
  });
  const exportRun = await runTracker(['export', '--config', path.join(dir, 'tracker.config.yaml'), '--db', path.join(dir, 'tracker.sqlite')]);
  expect(exportRun.code, exportRun.stderr).toBe(0);
  exported = exportSchema.parse(JSON.parse(exportRun.stdout));
}, 240000);

afterAll(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('tracker run on the sample corpus', () => {
  it('completes and reports each stage', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/crawl: 14 sources \(0 failed/);
    expect(run.stdout).toMatch(/extract: \d+ documents, 65 articles/);
    expect(run.stdout).toMatch(/publish: \d+ pages built/);
  });

  it('stores every sample article once, with its outlet and publication time', () => {
    const db = new Database(path.join(dir, 'tracker.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT url, outlet, published_at AS publishedAt, title FROM articles').all() as { url: string; outlet: string; publishedAt: string | null; title: string }[];
    db.close();
    expect(rows).toHaveLength(manifest.articles.length);
    const outlets = new Set(rows.map((row) => row.outlet));
    expect(outlets.size).toBeGreaterThanOrEqual(12);
    expect(rows.every((row) => row.publishedAt && row.publishedAt.startsWith('2025'))).toBe(true);
    // Feed links carry tracking parameters on one outlet; the stored canonical URL must not.
    expect(exported.articles.every((article) => !/utm_/.test(article.canonicalUrl))).toBe(true);
  });

  it('keeps off-topic articles out of the topics and puts on-topic ones in', () => {
    const byPath = new Map(manifest.articles.map((article) => [article.path.replace(/^\//, ''), article]));
    for (const article of exported.articles) {
      const truth = byPath.get(new URL(article.url).pathname.replace(/^\//, ''));
      expect(truth, article.url).toBeDefined();
      if (truth!.topic) expect(article.topics, article.title).toContain(truth!.topic);
      else expect(article.topics, article.title).toEqual([]);
    }
  });

  it('counts syndicated wire copy once, under the original, listed with each outlet', () => {
    const copies = manifest.articles.filter((article) => article.syndicatedFrom);
    expect(copies.length).toBeGreaterThan(0);
    const db = new Database(path.join(dir, 'tracker.sqlite'), { readonly: true });
    const duplicates = db.prepare('SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL').get() as { n: number };
    db.close();
    expect(duplicates.n).toBe(copies.length);
  });

  it('exports stories whose viewpoint shares sum to 1 and whose citations point at member articles', () => {
    expect(exported.stories.length).toBeGreaterThanOrEqual(6);
    for (const story of exported.stories) {
      const total = story.viewpoints.reduce((sum, viewpoint) => sum + viewpoint.share, 0);
      expect(total).toBeCloseTo(1, 6);
      const members = new Set(story.articleIds);
      for (const section of [story.keyPoints, story.figures, story.timeline, story.viewpoints, story.terms]) {
        for (const item of section) for (const id of item.articleIds) expect(members.has(id), `${story.slug}: ${id}`).toBe(true);
      }
    }
  });

  it('takes every explainer sentence from the sources it cites', () => {
    const textOf = new Map(exported.articles.map((article) => [article.id, normalise(article.text)]));
    for (const story of exported.stories) {
      for (const point of story.keyPoints) {
        const found = point.articleIds.some((id) => textOf.get(id)?.includes(normalise(point.text)));
        expect(found, `key point not in its sources: ${point.text}`).toBe(true);
      }
      for (const term of story.terms) {
        expect(term.articleIds.some((id) => textOf.get(id)?.includes(normalise(term.definition))), term.definition).toBe(true);
      }
      const storyText = story.articleIds.map((id) => textOf.get(id) ?? '').join(' ');
      for (const unknown of story.unknowns) expect(storyText.includes(normalise(unknown)), unknown).toBe(true);
      for (const sentence of story.summary ? [story.summary] : []) {
        for (const part of sentence.split(/(?<=[.!?]["”]?)\s+(?=[A-Z“"])/)) expect(storyText.includes(normalise(part)), part).toBe(true);
      }
    }
  });

  it('takes every other explainer section from its sources too: why it matters, viewpoint passages, timeline, figures', () => {
    const db = new Database(path.join(dir, 'tracker.sqlite'), { readonly: true });
    const explainers = (db.prepare('SELECT explainer FROM stories').pluck().all() as string[]).map((json) => JSON.parse(json));
    db.close();
    const textOf = new Map(exported.articles.map((article) => [article.id, normalise(article.text).toLowerCase()]));
    // Timeline entries are the clause that holds the date: compare without case and end punctuation.
    const inSources = (text: string, ids: string[]) => {
      const needle = normalise(text).toLowerCase().replace(/[.!?"”]+$/, '');
      return ids.some((id) => textOf.get(id)?.includes(needle));
    };
    for (const story of explainers) {
      const all = story.articleIds as string[];
      for (const item of story.whyItMatters) expect(inSources(item.text, item.articleIds), item.text).toBe(true);
      for (const viewpoint of story.viewpoints) if (viewpoint.passage) expect(inSources(viewpoint.passage.text, [viewpoint.passage.articleId]), viewpoint.passage.text).toBe(true);
      // An event's text is the clause that holds the date, possibly with an aside cut out: its
      // words appear in order within one stretch of a source.
      for (const entry of story.timeline) expect(inSources(entry.text, all) || all.some((id) => wordsInOrder(entry.text, textOf.get(id) ?? '')), entry.text).toBe(true);
      for (const figure of story.figures) {
        expect(inSources(figure.sentence, all), figure.sentence).toBe(true);
        expect(figure.sourceCount).toBe(figure.articleIds.length);
      }
      // Shares are computed from the actual source list: they sum to 1, and each viewpoint's share of
      // the sources lies between a full count of the sources carrying it and a third of that (a source
      // carries at most three viewpoints, counting for each in equal parts).
      expect(story.viewpoints.reduce((sum: number, viewpoint: { share: number }) => sum + viewpoint.share, 0)).toBeCloseTo(1, 9);
      for (const viewpoint of story.viewpoints) {
        const counted = viewpoint.share * story.sources.length;
        expect(counted).toBeLessThanOrEqual(viewpoint.articleIds.length + 1e-9);
        expect(counted).toBeGreaterThanOrEqual(viewpoint.articleIds.length / 3 - 1e-9);
      }
    }
  });

  it('finds the H20 charge across sources and flags the outlet that got it wrong', () => {
    const charges = exported.stories.flatMap((story) => story.figures).filter((figure) => figure.unit === 'USD' && figure.label.includes('charge'));
    const main = charges.find((figure) => figure.value === 5.5e9);
    expect(main, JSON.stringify(charges)).toBeDefined();
    expect(main!.articleIds.length).toBeGreaterThanOrEqual(3);
    expect(main!.conflict).toBe(true);
  });

  it('keeps one entity record per name across articles, with the outlets it reads as organisations', () => {
    const names = exported.entities.map((entity) => entity.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    const byName = new Map(exported.entities.map((entity) => [entity.name, entity]));
    expect(byName.get('Nvidia')?.type).toBe('organization');
    expect(byName.get('Bureau of Industry and Security')?.type).toBe('organization');
    // An outlet whose name looks like a place is typed from the sources the tracker reads.
    expect(byName.get('Silicon Harbor')?.type ?? 'organization').toBe('organization');
  });

  it('builds a timeline with the key dates at their precision', () => {
    const timeline = exported.stories.flatMap((story) => story.timeline);
    expect(timeline.some((entry) => entry.date === '2025-04-15' && entry.precision === 'day')).toBe(true);
    expect(timeline.some((entry) => entry.date === '2022-10' && entry.precision === 'month' || entry.date === '2022-10-07')).toBe(true);
    expect(exported.events.some((event) => event.date === '2025-01-13')).toBe(true);
  });

  it('publishes a home page listing the stories and one page per story with its sections', () => {
    const out = path.join(dir, 'site');
    const home = cheerio.load(fs.readFileSync(path.join(out, 'index.html'), 'utf8'));
    const h20 = exported.stories.find((story) => story.figures.some((figure) => figure.value === 5.5e9))!;
    expect(home('body').text()).toContain(h20.title);
    const page = cheerio.load(fs.readFileSync(path.join(out, 'stories', h20.slug, 'index.html'), 'utf8'));
    expect(page('h1').first().text()).toContain(h20.title);
    const text = normalise(page('main').text());
    expect(text).toContain(h20.keyPoints[0].text.slice(0, 60));
    // Every source is listed with its outlet and links out to the original.
    const sourceLinks = page('a[href^="http://127.0.0.1"]').map((_, element) => page(element).attr('href')).get();
    const uniqueOriginals = new Set(exported.articles.filter((article) => h20.articleIds.includes(article.id)).map((article) => article.url));
    for (const url of uniqueOriginals) expect(sourceLinks).toContain(url);
    // Citations resolve to source entries on the page.
    const citations = page('a[href^="#source-"]').map((_, element) => page(element).attr('href')!.slice(1)).get();
    expect(citations.length).toBeGreaterThan(0);
    for (const anchor of citations) expect(page(`[id="${anchor}"]`).length, anchor).toBe(1);
    // The article index lists on-topic articles and no off-topic one.
    const index = normalise(cheerio.load(fs.readFileSync(path.join(out, 'articles', 'index.html'), 'utf8'))('main').text());
    const offTopic = exported.articles.find((article) => article.topics.length === 0)!;
    expect(index).not.toContain(offTopic.title);
    expect(index).toContain(exported.articles.find((article) => article.topics.length > 0)!.title);
  });

  it('skips the site build on a second run when nothing changed, and stays consistent', async () => {
    const again = await runTracker(['run', '--config', path.join(dir, 'tracker.config.yaml'), '--db', path.join(dir, 'tracker.sqlite'), '--out', path.join(dir, 'site')]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/not modified/);
    expect(again.stdout).toMatch(/nothing changed since the last build/);
    const second = exportSchema.parse(JSON.parse((await runTracker(['export', '--db', path.join(dir, 'tracker.sqlite'), '--config', path.join(dir, 'tracker.config.yaml')])).stdout));
    expect(second.articles.length).toBe(exported.articles.length);
    expect(second.stories.map((story) => story.id).sort()).toEqual(exported.stories.map((story) => story.id).sort());
    expect(second.figures.map((figure) => figure.id).sort()).toEqual(exported.figures.map((figure) => figure.id).sort());
  });
});
