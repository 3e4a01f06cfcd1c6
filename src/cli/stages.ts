// The pipeline stages as commands: crawl, extract, cluster, publish, and run (all of them).
import path from 'node:path';
import crypto from 'node:crypto';
import type { Command } from 'commander';
import { crawl, type CrawlSummary } from '../crawl/crawl.ts';
import { extractStage, type ExtractSummary } from '../extract/extractStage.ts';
import { storiesStage, type StoriesSummary } from '../stories/storiesStage.ts';
import { publishSite } from '../publish/publishSite.ts';
import { checkOutputFolder } from '../publish/siteFolder.ts';
import type { Config } from '../config/schema.ts';
import type { TrackerDb } from '../db/client.ts';
import { checkpoint } from '../db/client.ts';
import { runs } from '../../db/schema.ts';
import { globalOptions, withDatabase, say, log, waitMs, type GlobalOptions } from './context.ts';

function recordRun(db: TrackerDb, stage: string, startedAt: string, summary: unknown): void {
  db.insert(runs).values({ stage, startedAt, finishedAt: new Date().toISOString(), summary: JSON.stringify(summary) }).run();
}

export async function runCrawl(db: TrackerDb, config: Config, options: GlobalOptions & { force?: boolean }): Promise<CrawlSummary> {
  const startedAt = new Date().toISOString();
  const summary = await crawl(db, config, { force: options.force, log: log(options) });
  recordRun(db, 'crawl', startedAt, { ...summary, errors: summary.errors.length });
  checkpoint(db);
  say(options, `crawl: ${summary.sources} sources (${summary.sourcesFailed} failed, ${summary.feedsNotModified} not modified, ${summary.sourcesSkipped} waiting for backoff), ${summary.pagesFetched} pages fetched, ${summary.pagesUnchanged} unchanged, ${summary.pagesFailed} failed, ${summary.pagesSkipped} skipped (robots.txt or rate-limited host)`);
  return summary;
}

export function runExtract(db: TrackerDb, config: Config, options: GlobalOptions & { all?: boolean }): ExtractSummary {
  const startedAt = new Date().toISOString();
  const summary = extractStage(db, config, { all: options.all, log: log(options) });
  recordRun(db, 'extract', startedAt, { ...summary, errors: summary.errors.length });
  checkpoint(db);
  say(options, `extract: ${summary.documents} documents, ${summary.articles} articles (${summary.onTopic} on topic), ${summary.failed} failed`);
  return summary;
}

export function runStories(db: TrackerDb, config: Config, options: GlobalOptions & { all?: boolean }): StoriesSummary {
  const startedAt = new Date().toISOString();
  const summary = storiesStage(db, config, { all: options.all });
  recordRun(db, 'cluster', startedAt, summary);
  checkpoint(db);
  say(options, `stories: ${summary.assigned} articles clustered (${summary.duplicates} syndicated copies), ${summary.newStories} new stories, ${summary.explainers} explainers updated, ${summary.stories} stories in all`);
  return summary;
}

export interface PublishSummary { outDir: string; pages: number; ms: number; skipped: boolean }

/** A digest of everything the site shows, to skip a build when nothing changed since the last one. */
function siteDigest(db: TrackerDb, config: Config): string {
  const hash = crypto.createHash('sha1');
  for (const row of db.$client.prepare('SELECT id, digest FROM stories ORDER BY id').iterate() as Iterable<{ id: string; digest: string | null }>) hash.update(`${row.id}:${row.digest}\n`);
  const articles = db.$client.prepare('SELECT count(*) AS n, max(extracted_at) AS at FROM articles').get() as { n: number; at: string | null };
  hash.update(`${articles.n}:${articles.at}:${config.site.title}:${config.site.baseUrl}`);
  // Entity pages read the corrections directly (a renamed entity, a hidden quote), not through an explainer.
  const corrections = db.$client.prepare('SELECT count(*) AS n, max(at) AS at FROM corrections').get() as { n: number; at: string | null };
  hash.update(`:${corrections.n}:${corrections.at}`);
  return hash.digest('hex');
}

/** The site folder a command will publish into, checked before any work starts (see checkOutputFolder). */
export function outputFolder(config: Config, dbPath: string, out: string | undefined): string {
  return checkOutputFolder(out ?? config.site.outDir, dbPath);
}

export async function runPublish(db: TrackerDb, config: Config, dbPath: string, options: GlobalOptions & { out?: string; force?: boolean }): Promise<PublishSummary> {
  const outDir = outputFolder(config, dbPath, options.out);
  const digest = siteDigest(db, config);
  checkpoint(db);
  const startedAt = new Date().toISOString();
  const result = await publishSite({
    dbPath, outDir, baseUrl: config.site.baseUrl, title: config.site.title, digest, force: options.force,
    waitMs: Math.max(waitMs(options), 60_000), log: log(options),
  });
  if (result.skipped) {
    say(options, `publish: nothing changed since the last build, site left as it is in ${outDir}`);
    return { outDir, pages: 0, ms: 0, skipped: true };
  }
  recordRun(db, 'publish', startedAt, { outDir, pages: result.pages, ms: result.ms });
  say(options, `publish: ${result.pages} pages built in ${(result.ms / 1000).toFixed(1)} s into ${outDir}`);
  return { outDir, pages: result.pages, ms: result.ms, skipped: false };
}

export function registerStageCommands(program: Command): void {
  program.command('crawl')
    .description('fetch the configured and imported sources and the article pages they list (robots.txt obeyed)')
    .option('--force', 'fetch sources even when their backoff (after failures or a Retry-After) says to wait')
    .action(async (_options, command: Command) => {
      const options = globalOptions(command);
      await withDatabase(options, async (db, config) => {
        const summary = await runCrawl(db, config, options);
        if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      }, 'write');
    });
  program.command('extract')
    .description('extract articles, topics and facts from the stored pages (no refetching)')
    .option('--all', 're-extract every stored page, not only new or changed ones')
    .action(async (_options, command: Command) => {
      const options = globalOptions(command) as GlobalOptions & { all?: boolean };
      await withDatabase(options, (db, config) => {
        const summary = runExtract(db, config, options);
        if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      }, 'write');
    });
  program.command('cluster')
    .description('group new articles into stories and assemble the explainers')
    .option('--all', 'reassemble every explainer, not only the changed ones')
    .action(async (_options, command: Command) => {
      const options = globalOptions(command) as GlobalOptions & { all?: boolean };
      await withDatabase(options, (db, config) => {
        const summary = runStories(db, config, options);
        if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      }, 'write');
    });
  program.command('publish')
    .description('build the static site from the database')
    .option('--out <dir>', 'output folder (default: config site.outDir, else site/dist)')
    .option('--force', 'build even when nothing changed since the last build')
    .action(async (_options, command: Command) => {
      const options = globalOptions(command) as GlobalOptions & { out?: string; force?: boolean };
      await withDatabase(options, async (db, config, dbPath) => {
        const summary = await runPublish(db, config, dbPath, options);
        if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      }, 'write');
    });
  program.command('run')
    .description('one full pass: crawl, extract, stories, publish')
    .option('--out <dir>', 'output folder for the site (default: config site.outDir, else site/dist)')
    .option('--force', 'fetch sources in backoff and rebuild the site even if unchanged')
    .action(async (_options, command: Command) => {
      const options = globalOptions(command) as GlobalOptions & { out?: string; force?: boolean };
      await withDatabase(options, async (db, config, dbPath) => {
        // A refused output folder is found before the crawl, not after minutes of work.
        outputFolder(config, dbPath, options.out);
        const started = performance.now();
        const crawlSummary = await runCrawl(db, config, options);
        const extractSummary = runExtract(db, config, options);
        const storiesSummary = runStories(db, config, options);
        const pipelineMs = Math.round(performance.now() - started);
        const publishSummary = await runPublish(db, config, dbPath, options);
        say(options, `run: done in ${((performance.now() - started) / 1000).toFixed(1)} s (pipeline ${(pipelineMs / 1000).toFixed(1)} s); site in ${publishSummary.outDir}`);
        if (options.json) process.stdout.write(`${JSON.stringify({ crawl: crawlSummary, extract: extractSummary, stories: storiesSummary, publish: publishSummary, pipelineMs })}\n`);
      }, 'write');
    });
}
