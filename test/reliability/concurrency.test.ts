// Two tracker processes on one database: writing commands take turns on one lock (a clear
// message, or a wait with --wait), an editor's correction made while any stage runs is neither
// refused nor lost, and no lock file, however stale, empty or foreign, blocks a scheduler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSampleServer, type SampleServer } from '../../samples/server.ts';
import { runTracker } from '../support/cli.ts';
import { comparable, copyDatabase, counts, differences, exportOf, mustRun, spawnTracker } from '../support/reliability.ts';
import type { ExportShape } from '../../src/publish/exportSchema.ts';

let samples: SampleServer;
/** The same corpus answering slowly, so that a crawl holds the database for seconds. */
let slowSamples: SampleServer;
let slowConfig: string;
let dir: string;
let config: string;
let processed: string;
let baseline: ExportShape;
const notes: string[] = [];

beforeAll(async () => {
  samples = await startSampleServer({ delayMs: 10 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-concurrency-'));
  config = path.join(dir, 'tracker.config.yaml');
  const sources = samples.sources.map((source) => `  - url: ${source.url}\n    name: "${source.name}"${source.topics ? `\n    topics: [${source.topics.join(', ')}]` : ''}`).join('\n');
  fs.writeFileSync(config, `fetch:\n  allowPrivateHosts: true\n  minDelayMs: 0\n  perHostConcurrency: 4\nsite:\n  outDir: ${path.join(dir, 'site')}\nsources:\n${sources}\n`);
  slowSamples = await startSampleServer({ delayMs: 300 });
  slowConfig = path.join(dir, 'slow.yaml');
  const slowSources = slowSamples.sources.map((source) => `  - url: ${source.url}\n    name: "${source.name}"${source.topics ? `\n    topics: [${source.topics.join(', ')}]` : ''}`).join('\n');
  fs.writeFileSync(slowConfig, `fetch:\n  allowPrivateHosts: true\n  minDelayMs: 0\n  perHostConcurrency: 2\nsources:\n${slowSources}\n`);
  processed = path.join(dir, 'processed.sqlite');
  for (const stage of ['crawl', 'extract', 'cluster']) await mustRun([stage, '--config', config, '--db', processed]);
  baseline = await exportOf(processed, config);
}, 240_000);

afterAll(async () => {
  process.stdout.write(`concurrency reliability:\n${notes.map((line) => `  ${line}`).join('\n')}\n`);
  await samples?.close();
  await slowSamples?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('two runs at once', () => {
  it('the second says who holds the database, or waits for it with --wait; nothing is stored twice', async () => {
    const db = path.join(dir, 'two-runs.sqlite');
    const args = ['crawl', '--config', slowConfig, '--db', db];
    const first = spawnTracker(args);
    // The second starts once the first holds the lock.
    while (!fs.existsSync(`${db}.lock.owner`)) await new Promise((resolve) => setTimeout(resolve, 20));
    // Both start while the first crawl holds the lock (it takes about ten seconds against this server).
    const waiting = spawnTracker([...args, '--wait', '120']);
    const refused = await runTracker(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^tracker: the database .* is busy: `tracker crawl .*` \(pid \d+, since .*\) is using it; try again when it ends, or pass --wait SECONDS/);
    noStackTrace(refused.stderr);
    const [a, b] = await Promise.all([first.done, waiting.done]);
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    expect(b.stderr).toMatch(/waiting for `tracker crawl/);
    for (const stage of ['extract', 'cluster']) await mustRun([stage, '--config', slowConfig, '--db', db]);
    // Served from another port, so ids differ from the baseline's: compare what they identify.
    const result = await exportOf(db, slowConfig);
    expect(result.articles).toHaveLength(65);
    expect(new Set(result.articles.map((article) => article.canonicalUrl)).size).toBe(65);
    expect(result.stories.map((story) => story.title).sort()).toEqual(baseline.stories.map((story) => story.title).sort());
    notes.push('two crawls at once: one refused with the holder named, one waited; the same articles and stories as a single run');
  }, 180_000);

  it('two `tracker run` with --wait both finish, one after the other', async () => {
    const db = path.join(dir, 'two-full-runs.sqlite');
    const args = ['run', '--config', config, '--db', db, '--wait', '300'];
    const [a, b] = await Promise.all([spawnTracker(args).done, spawnTracker(args).done]);
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    expect(counts(db).articles).toBe(65);
    const result = await exportOf(db, config);
    expect(JSON.stringify(comparable(result)) === JSON.stringify(comparable(baseline)), differences(baseline, result)).toBe(true);
  }, 240_000);
});

describe('a correction while a stage runs', () => {
  it.each([
    ['crawl', ['crawl', '--force']],
    ['extract', ['extract', '--all']],
    ['cluster', ['cluster', '--all']],
    ['publish', ['publish', '--force']],
  ])('during %s is recorded at once and shows after the next stories stage', async (stage, command) => {
    const db = path.join(dir, `correct-during-${stage}.sqlite`);
    copyDatabase(processed, db);
    const figure = baseline.figures.find((candidate) => baseline.stories.some((story) => story.articleIds.includes(candidate.articleId)))!;
    const running = spawnTracker([...command, '--config', config, '--db', db]);
    while (!fs.existsSync(`${db}.lock.owner`)) await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    const corrected = await runTracker(['correct', figure.id, '--set', 'label=reliability label', '--reason', `made during ${stage}`, '--editor', 'tester', '--config', config, '--db', db]);
    const ms = Math.round(performance.now() - started);
    const stageResult = await running.done;
    expect(corrected.code, corrected.stderr).toBe(0);
    expect(stageResult.code, stageResult.stderr).toBe(0);
    expect(stageResult.stderr + corrected.stderr).not.toMatch(/database is locked|SQLITE_BUSY/);
    await mustRun(['cluster', '--config', config, '--db', db]);
    const result = await exportOf(db, config);
    expect(result.corrections.map((correction) => correction.reason)).toContain(`made during ${stage}`);
    // The story holding the figure was reassembled with it: its page lists the correction.
    const story = result.stories.find((candidate) => candidate.articleIds.includes(figure.articleId))!;
    const Database = (await import('better-sqlite3')).default;
    const sqlite = new Database(db, { readonly: true });
    const explainer = JSON.parse(sqlite.prepare('SELECT explainer FROM stories WHERE id = ?').pluck().get(story.id) as string) as { corrections: { reason: string }[] };
    sqlite.close();
    expect(explainer.corrections.map((correction) => correction.reason), `${stage}: the story lists the correction`).toContain(`made during ${stage}`);
    notes.push(`correction during ${stage}: recorded in ${ms} ms, applied by the next stories stage`);
  }, 180_000);
});

describe('lock files', () => {
  it('stale lock files (text, -1, an empty one) block no scheduler', async () => {
    // Every content a lock file can be left with is tested in-process (test/db/fileLock.test.ts);
    // here the real scheduler starts over two of them and runs each job.
    const db = path.join(dir, 'stale-locks.sqlite');
    copyDatabase(processed, db);
    fs.writeFileSync(`${db}.lock`, 'locked by the backup job\n');
    fs.writeFileSync(`${db}.scheduler.lock`, '-1');
    fs.writeFileSync(`${db}.scheduler.lock.owner`, '');
    const site = path.join(dir, 'site-stale-locks');
    const result = await runTracker(['schedule', '--once', '--config', config, '--db', db, '--out', site], { timeoutMs: 180_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(fs.existsSync(path.join(site, 'index.html'))).toBe(true);
  }, 180_000);

  it('a scheduler that is killed leaves nothing that blocks the next', async () => {
    const db = path.join(dir, 'killed-scheduler.sqlite');
    copyDatabase(processed, db);
    // A scheduler whose jobs never come round holds its lock until it dies.
    const idleConfig = path.join(dir, 'idle.yaml');
    fs.writeFileSync(idleConfig, fs.readFileSync(config, 'utf8').replace('fetch:', 'schedule:\n  crawl: "0 0 1 1 *"\n  publish: "0 0 1 1 *"\nfetch:'));
    const first = spawnTracker(['schedule', '--config', idleConfig, '--db', db]);
    while (!fs.existsSync(`${db}.scheduler.lock.owner`)) await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await runTracker(['schedule', '--once', '--config', idleConfig, '--db', db]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/scheduler of .* is busy: `tracker schedule .*` \(pid \d+/);
    noStackTrace(second.stderr);
    const firstOwner = fs.readFileSync(`${db}.scheduler.lock.owner`, 'utf8');
    first.child.kill('SIGKILL');
    await first.done;
    // The next scheduler takes the lock at once (its owner file names it) and stays up until stopped.
    const third = spawnTracker(['schedule', '--config', idleConfig, '--db', db]);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (!fs.existsSync(`${db}.scheduler.lock.owner`) || fs.readFileSync(`${db}.scheduler.lock.owner`, 'utf8') === firstOwner)) await new Promise((resolve) => setTimeout(resolve, 20));
    const owner = JSON.parse(fs.readFileSync(`${db}.scheduler.lock.owner`, 'utf8')) as { pid: number };
    expect(owner.pid).toBe(third.child.pid);
    third.child.kill('SIGTERM');
    const stopped = await third.done;
    expect(stopped.stderr).not.toMatch(/busy/);
    notes.push('a killed scheduler: the next one started at once, no file to delete');
  }, 180_000);

  it('a foreign SQLite file given as the database is refused without being touched', async () => {
    const foreign = path.join(dir, 'accounts.sqlite');
    const Database = (await import('better-sqlite3')).default;
    const sqlite = new Database(foreign);
    sqlite.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5);");
    sqlite.close();
    const before = fs.readFileSync(foreign);
    for (const command of [['sources'], ['crawl'], ['export']]) {
      const result = await runTracker([...command, '--config', config, '--db', foreign]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/accounts\.sqlite is an SQLite database of something else \(tables invoices\), not the tracker's; refusing to touch it/);
      noStackTrace(result.stderr);
    }
    expect(fs.readFileSync(foreign).equals(before)).toBe(true);
    expect(fs.existsSync(`${foreign}-wal`)).toBe(false);
    const text = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(text, 'plain text, not a database\n');
    const result = await runTracker(['sources', '--config', config, '--db', text]);
    expect(result.stderr).toMatch(/is not an SQLite database; refusing to touch it/);
    expect(fs.readFileSync(text, 'utf8')).toBe('plain text, not a database\n');
  }, 60_000);
});
