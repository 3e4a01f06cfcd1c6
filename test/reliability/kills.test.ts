// Killing the real `tracker` with SIGKILL at random moments of crawl, extract and cluster, then
// running the pipeline again, must leave exactly what one clean run leaves: no article lost, none
// twice, the same facts and the same stories. Two clean runs that fetch the pages in different
// orders must agree too (extraction and keys do not depend on arrival order).
//
// Each trial kills the stage at a random point of its progress (after a random number of pages
// stored, articles extracted or articles clustered, watched in the database as it runs), so
// every kill lands in the middle of the work. The points come from a seeded generator; the seed
// is printed, and TRACKER_TRIAL_SEED=N runs the same trials again (TRACKER_TRIALS=N per stage).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSampleServer, type SampleServer } from '../../samples/server.ts';
import { comparable, copyDatabase, counts, differences, exportOf, killWhen, mustRun, randomBetween, seeded } from '../support/reliability.ts';
import type { ExportShape } from '../../src/publish/exportSchema.ts';

const TRIALS_PER_STAGE = Number(process.env.TRACKER_TRIALS) || 2;
const seed = Number(process.env.TRACKER_TRIAL_SEED) || Date.now() % 1_000_000;
const random = seeded(seed);

let server: SampleServer;
let dir: string;
let config: string;
let baseline: ExportShape;
/** What each stage's progress is counted by, and how far it goes in a clean run. */
const progress = { crawl: 'documents', extract: 'articles', cluster: 'story_articles' } as const;
const total: Record<string, number> = {};
/** Databases after each clean stage, for trials that start from there. */
const afterStage: Record<string, string> = {};
const trials: string[] = [];

function writeConfig(file: string, perHostConcurrency: number): void {
  const sources = server.sources.map((source) => `  - url: ${source.url}\n    name: "${source.name}"${source.topics ? `\n    topics: [${source.topics.join(', ')}]` : ''}`).join('\n');
  fs.writeFileSync(file, `fetch:\n  allowPrivateHosts: true\n  minDelayMs: 0\n  perHostConcurrency: ${perHostConcurrency}\nsources:\n${sources}\n`);
}

async function finish(db: string, from: 'crawl' | 'extract' | 'cluster'): Promise<ExportShape> {
  const stages = ['crawl', 'extract', 'cluster'];
  for (const stage of stages.slice(stages.indexOf(from))) await mustRun([stage, '--config', config, '--db', db]);
  return exportOf(db, config);
}

beforeAll(async () => {
  server = await startSampleServer({ delayMs: 25 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-kills-'));
  config = path.join(dir, 'tracker.config.yaml');
  writeConfig(config, 2);
  const db = path.join(dir, 'clean.sqlite');
  for (const stage of ['crawl', 'extract', 'cluster'] as const) {
    await mustRun([stage, '--config', config, '--db', db]);
    total[stage] = counts(db)[progress[stage]];
    afterStage[stage] = path.join(dir, `after-${stage}.sqlite`);
    copyDatabase(db, afterStage[stage]);
  }
  baseline = await exportOf(db, config);
}, 240_000);

afterAll(async () => {
  process.stdout.write(`reliability (seed ${seed}): ${trials.length} kill trials\n${trials.map((line) => `  ${line}`).join('\n')}\n`);
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function expectSameAsBaseline(result: ExportShape, trial: string): void {
  expect(result.articles, `${trial}: articles`).toHaveLength(baseline.articles.length);
  expect(new Set(result.articles.map((article) => article.canonicalUrl)).size, `${trial}: an article stored twice`).toBe(result.articles.length);
  const same = JSON.stringify(comparable(result)) === JSON.stringify(comparable(baseline));
  expect(same, `${trial} differs from the clean run:\n${differences(baseline, result)}`).toBe(true);
}

describe('a clean run', () => {
  it('stores the whole sample corpus', () => {
    expect(baseline.articles).toHaveLength(65);
    expect(baseline.stories.length).toBeGreaterThan(5);
  });

  it('gives the same export when the pages arrive in another order', async () => {
    const otherConfig = path.join(dir, 'one-at-a-time.yaml');
    writeConfig(otherConfig, 1);
    const db = path.join(dir, 'other-order.sqlite');
    for (const stage of ['crawl', 'extract', 'cluster']) await mustRun([stage, '--config', otherConfig, '--db', db]);
    expectSameAsBaseline(await exportOf(db, config), 'pages fetched one at a time');
  }, 120_000);
});

describe.each(['crawl', 'extract', 'cluster'] as const)('kill -9 during %s', (stage) => {
  it(`loses and duplicates nothing over ${TRIALS_PER_STAGE} trials`, async () => {
    for (let trial = 1; trial <= TRIALS_PER_STAGE; trial++) {
      const db = path.join(dir, `${stage}-${trial}.sqlite`);
      if (stage === 'extract') copyDatabase(afterStage.crawl, db);
      if (stage === 'cluster') copyDatabase(afterStage.extract, db);
      const target = randomBetween(random, 1, total[stage] - 1);
      const { killed } = await killWhen([stage, '--config', config, '--db', db], () => counts(db)[progress[stage]] >= target);
      const left = counts(db);
      const result = await finish(db, stage);
      const label = `${stage} #${trial}: killed after ${left[progress[stage]]} of ${total[stage]} ${progress[stage]}${killed ? '' : ' (it had finished first)'}`;
      trials.push(label);
      expectSameAsBaseline(result, label);
    }
  }, 300_000);
});

describe('a page that fails or is cut off', () => {
  it('is fetched by a later run although the feed answers 304', async () => {
    const db = path.join(dir, 'pending.sqlite');
    // Killed as soon as a few pages are in: the feeds' validators are stored, most pages are not.
    await killWhen(['crawl', '--config', config, '--db', db], () => counts(db).documents >= 3);
    const left = counts(db);
    const sources = JSON.parse(await mustRun(['sources', '--config', config, '--db', db, '--json'])) as { lastStatus: string | null }[];
    const second = JSON.parse(await mustRun(['crawl', '--config', config, '--db', db, '--json'])) as { feedsNotModified: number; pagesFetched: number; pagesWaiting: number };
    trials.push(`cut-off crawl: ${left.documents} of 65 pages stored, ${sources.filter((row) => row.lastStatus === 'ok').length} feeds done; the next crawl: ${second.feedsNotModified} feeds not modified, ${second.pagesFetched} pages fetched`);
    expect(counts(db).documents).toBe(65);
    expect(second.pagesWaiting).toBe(0);
  }, 120_000);
});
