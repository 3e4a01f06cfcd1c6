// The pipeline: the order of the stages, the record of each run (the `runs` table, read by
// `tracker sources` and the publish decision), and the decision to skip a publish when nothing the
// site shows has changed. `tracker run`, `tracker schedule`, `tracker demo` and the stage commands
// all go through here, so the order and the bookkeeping are written once.
//
//   sources ─crawl─▶ documents ─extract─▶ articles + facts ─cluster─▶ stories ─publish─▶ site
import crypto from 'node:crypto';
import { crawl, type CrawlSummary } from './crawl/crawl.ts';
import { extractStage, type ExtractSummary } from './extract/extractStage.ts';
import { clusterStage, type ClusterStageSummary } from './stories/clusterStage.ts';
import { publishSite } from './publish/publishSite.ts';
import { checkOutputFolder } from './publish/siteFolder.ts';
import type { Config } from './config/schema.ts';
import { checkpoint, type TrackerDb } from './db/client.ts';
import { runs } from '../db/schema.ts';

/** The stages, in the order they run. */
export const STAGES = ['crawl', 'extract', 'cluster', 'publish'] as const;
export type StageName = (typeof STAGES)[number];

export interface PublishSummary { outDir: string; pages: number; ms: number; skipped: boolean }

export interface StageSummaries {
  crawl?: CrawlSummary;
  extract?: ExtractSummary;
  cluster?: ClusterStageSummary;
  publish?: PublishSummary;
}

export interface PipelineOptions {
  /** Crawl: fetch sources in backoff, without validators, and retry waiting pages; publish: build even if unchanged. */
  force?: boolean;
  /** Extract and cluster: redo everything, not only what changed. */
  all?: boolean;
  /** The site folder (default config site.outDir). */
  out?: string;
  /** How long a publish waits for another publish into the same folder. */
  publishWaitMs?: number;
  /** One line per stage when it ends (the CLI prints them). */
  report?: (line: string) => void;
  /** Progress and per-item errors as they happen. */
  log?: (line: string) => void;
}

export interface Pipeline {
  db: TrackerDb;
  config: Config;
  dbPath: string;
}

function recordRun(db: TrackerDb, stage: StageName, startedAt: string, summary: unknown): void {
  db.insert(runs).values({ stage, startedAt, finishedAt: new Date().toISOString(), summary: JSON.stringify(summary) }).run();
}

/** The site folder a pipeline will publish into, checked before any work starts (see checkOutputFolder). */
export function outputFolder(config: Config, dbPath: string, out: string | undefined): string {
  return checkOutputFolder(out ?? config.site.outDir, dbPath);
}

/** A digest of everything the site shows: equal digests from the same database mean nothing to rebuild. */
export function siteDigest(db: TrackerDb, config: Config): string {
  const hash = crypto.createHash('sha1');
  for (const row of db.$client.prepare('SELECT id, digest FROM stories ORDER BY id').iterate() as Iterable<{ id: string; digest: string | null }>) hash.update(`${row.id}:${row.digest}\n`);
  const articles = db.$client.prepare('SELECT count(*) AS n, max(extracted_at) AS at FROM articles').get() as { n: number; at: string | null };
  hash.update(`${articles.n}:${articles.at}:${config.site.title}:${config.site.baseUrl}`);
  // Entity pages read the corrections directly (a renamed entity, a hidden quote), not through an explainer.
  const corrections = db.$client.prepare('SELECT count(*) AS n, max(at) AS at FROM corrections').get() as { n: number; at: string | null };
  hash.update(`:${corrections.n}:${corrections.at}`);
  return hash.digest('hex');
}

export async function runCrawlStage({ db, config }: Pipeline, options: PipelineOptions = {}): Promise<CrawlSummary> {
  const startedAt = new Date().toISOString();
  const summary = await crawl(db, config, { force: options.force, log: options.log });
  recordRun(db, 'crawl', startedAt, { ...summary, errors: summary.errors.length });
  checkpoint(db);
  options.report?.(`crawl: ${summary.sources} sources (${summary.sourcesFailed} failed, ${summary.feedsNotModified} not modified, ${summary.sourcesSkipped} waiting for backoff), ${summary.pagesFetched} pages fetched, ${summary.pagesUnchanged} unchanged, ${summary.pagesFailed} failed, ${summary.pagesSkipped} skipped (robots.txt or rate-limited host), ${summary.pagesWaiting} waiting for a later run`);
  return summary;
}

export function runExtractStage({ db, config }: Pipeline, options: PipelineOptions = {}): ExtractSummary {
  const startedAt = new Date().toISOString();
  const summary = extractStage(db, config, { all: options.all, log: options.log });
  recordRun(db, 'extract', startedAt, { ...summary, errors: summary.errors.length });
  checkpoint(db);
  options.report?.(`extract: ${summary.documents} documents, ${summary.articles} articles (${summary.onTopic} on topic), ${summary.failed} failed`);
  return summary;
}

export function runClusterStage({ db, config }: Pipeline, options: PipelineOptions = {}): ClusterStageSummary {
  const startedAt = new Date().toISOString();
  const summary = clusterStage(db, config, { all: options.all });
  recordRun(db, 'cluster', startedAt, summary);
  checkpoint(db);
  options.report?.(`cluster: ${summary.assigned} articles clustered (${summary.duplicates} syndicated copies), ${summary.newStories} new stories, ${summary.explainers} explainers updated, ${summary.stories} stories in all`);
  return summary;
}

export async function runPublishStage({ db, config, dbPath }: Pipeline, options: PipelineOptions = {}): Promise<PublishSummary> {
  const outDir = outputFolder(config, dbPath, options.out);
  const digest = siteDigest(db, config);
  checkpoint(db);
  const startedAt = new Date().toISOString();
  const result = await publishSite({
    dbPath, outDir, baseUrl: config.site.baseUrl, title: config.site.title, digest, force: options.force,
    waitMs: options.publishWaitMs ?? 60_000, log: options.log,
  });
  if (result.skipped) {
    options.report?.(`publish: nothing changed since the last build, site left as it is in ${outDir}`);
    return { outDir, pages: 0, ms: 0, skipped: true };
  }
  recordRun(db, 'publish', startedAt, { outDir, pages: result.pages, ms: result.ms });
  options.report?.(`publish: ${result.pages} pages built in ${(result.ms / 1000).toFixed(1)} s into ${outDir}`);
  return { outDir, pages: result.pages, ms: result.ms, skipped: false };
}

/**
 * Runs the given stages in pipeline order (all of them by default). A refused site folder is
 * found before the crawl, not after minutes of work.
 */
export async function runPipeline(pipeline: Pipeline, options: PipelineOptions & { stages?: readonly StageName[] } = {}): Promise<StageSummaries> {
  const wanted = new Set(options.stages ?? STAGES);
  if (wanted.has('publish')) outputFolder(pipeline.config, pipeline.dbPath, options.out);
  const summaries: StageSummaries = {};
  for (const stage of STAGES) {
    if (!wanted.has(stage)) continue;
    if (stage === 'crawl') summaries.crawl = await runCrawlStage(pipeline, options);
    else if (stage === 'extract') summaries.extract = runExtractStage(pipeline, options);
    else if (stage === 'cluster') summaries.cluster = runClusterStage(pipeline, options);
    else summaries.publish = await runPublishStage(pipeline, options);
  }
  return summaries;
}
