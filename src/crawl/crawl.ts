// The crawl stage: fetch every due source, parse it, fetch the article pages it points at, and
// store them as compressed raw documents. Every failure is named and recorded against its source;
// the run always goes on. The pages a source lists are pending work in the database (crawl_items),
// committed in one transaction with the source's validators: a feed that answers 304 next time
// has nothing to lose, because what it listed is still queued until each page is fetched, and a
// page that failed or was skipped is retried with backoff. Sources are feeds (RSS, Atom, RDF, JSON Feed), sitemaps (news or plain,
// indexes followed one level deep, .xml.gz too), the Federal Register documents API, and HTML
// pages (an advertised feed is followed, else the page is an article itself).
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { writeTransaction, type TrackerDb } from '../db/client.ts';
import { sources, documents, fetchErrors, crawlItems } from '../../db/schema.ts';
import type { Config } from '../config/schema.ts';
import { FetchError, type FetchOptions, type FetchResult } from './fetchUrl.ts';
import { decodeBody } from './charset.ts';
import { FeedParseError, type FeedItem } from './feed.ts';
import { mapConcurrent } from './hostQueue.ts';
import { PoliteFetcher, FetchSkipped } from './politeFetcher.ts';
import { syncSources, type SourceRow } from './sources.ts';
import { detectSource } from './detectSource.ts';

export { syncSources } from './sources.ts';

export interface CrawlSummary {
  sources: number;
  sourcesFailed: number;
  sourcesSkipped: number;
  feedsNotModified: number;
  pagesFetched: number;
  pagesUnchanged: number;
  pagesFailed: number;
  /** Pages not fetched: disallowed by robots.txt, or their host paused after a 429/503. */
  pagesSkipped: number;
  /** Pages listed by a source for the first time this run (queued, then fetched). */
  pagesQueued: number;
  /** Pages left queued for a later run: failed or skipped and waiting for their retry, or over this run's limit. */
  pagesWaiting: number;
  errors: { source: string; url: string; kind: string; message: string }[];
}

export interface CrawlOptions {
  /** Crawl sources even when their backoff says to wait, fetch feeds without their validators,
   * and retry every failed or skipped page now. */
  force?: boolean;
  log?: (line: string) => void;
}

/** Most child sitemaps of a sitemap index read per run (the newest by lastmod first). */
export const MAX_CHILD_SITEMAPS = 5;

/** Longest Retry-After a source is left alone for. */
export const MAX_RETRY_AFTER_MS = 7 * 24 * 3600_000;

const nowIso = () => new Date().toISOString();

function backoffMs(failures: number): number {
  return Math.min(24 * 3600_000, 5 * 60_000 * 2 ** Math.max(0, failures - 1));
}

/** A page that failed this many times is given up (a later feed update queues it again). */
export const MAX_PAGE_ATTEMPTS = 8;
/** Wait before retrying a page that failed `attempts` times: 10 min, 40 min, 2.7 h, 10.7 h, then a day. */
export function pageBackoffMs(attempts: number): number {
  return Math.min(24 * 3600_000, 10 * 60_000 * 4 ** Math.max(0, attempts - 1));
}
/** A page robots.txt disallows is asked about again when the stored robots.txt expires. */
const ROBOTS_RETRY_MS = 24 * 3600_000;
/** A page skipped because its host was paused is retried on the next run after this. */
const PAUSED_RETRY_MS = 10 * 60_000;

import { gzipText } from '../text/compress.ts';

export { gzipText, gunzipText } from '../text/compress.ts';

type CrawlItemRow = typeof crawlItems.$inferSelect;

/** What of a feed item is kept with its page (queue row and stored document): the hints extraction falls back on. */
function itemHint(item: Partial<FeedItem>): string {
  return JSON.stringify({ title: item.title, summary: item.summary, publishedAt: item.publishedAt, updatedAt: item.updatedAt, author: item.author, link: item.link });
}

/**
 * Queues the pages a source listed, in the caller's transaction. A page already stored stays
 * done unless the feed says it was updated since it was fetched; a queued page keeps its state
 * and retry time (its hint is refreshed); a page stored earlier without a queue row (an older
 * version, or another source) is recorded as fetched. Returns how many were new.
 */
function queueItems(db: TrackerDb, sourceId: number, items: FeedItem[], at: string): number {
  let added = 0;
  for (const item of items) {
    const url = item.link!;
    const row = db.select().from(crawlItems).where(eq(crawlItems.url, url)).get();
    const stored = db.select({ fetchedAt: documents.fetchedAt }).from(documents).where(eq(documents.url, url)).get();
    const updatedSinceFetch = !!stored && !!item.updatedAt && Date.parse(item.updatedAt) > Date.parse(stored.fetchedAt);
    const hint = itemHint(item);
    if (!row) {
      const state = stored && !updatedSinceFetch ? 'fetched' : 'pending';
      db.insert(crawlItems).values({ url, sourceId, item: hint, state, publishedAt: item.publishedAt, firstSeenAt: at, updatedAt: at }).run();
      if (state === 'pending') added++;
      continue;
    }
    const done = row.state === 'fetched' || row.state === 'gave-up';
    if (done && (updatedSinceFetch || (row.state === 'fetched' && !stored))) {
      // Updated since it was fetched, or its stored copy is gone: fetch it again (conditionally).
      db.update(crawlItems).set({ item: hint, state: 'pending', attempts: 0, nextAttemptAt: null, publishedAt: item.publishedAt, updatedAt: at }).where(eq(crawlItems.url, url)).run();
    } else if (!done) {
      db.update(crawlItems).set({ item: hint, publishedAt: item.publishedAt, updatedAt: at }).where(eq(crawlItems.url, url)).run();
    }
  }
  return added;
}

/** The queued pages of these sources that are due now, newest first, at most `limit` per source. */
function duePages(db: TrackerDb, sourceIds: number[], limit: number, force: boolean): CrawlItemRow[] {
  if (sourceIds.length === 0) return [];
  const now = new Date().toISOString();
  const rows = db.$client.prepare(`
    SELECT * FROM (
      SELECT url, source_id AS sourceId, item, state, attempts, last_error_kind AS lastErrorKind, last_error AS lastError,
             next_attempt_at AS nextAttemptAt, published_at AS publishedAt, first_seen_at AS firstSeenAt, updated_at AS updatedAt,
             row_number() OVER (PARTITION BY source_id ORDER BY published_at IS NULL, published_at DESC, first_seen_at, url) AS rank
      FROM crawl_items
      WHERE (state = 'pending' OR (state IN ('failed', 'skipped') AND (? OR next_attempt_at IS NULL OR next_attempt_at <= ?)))
        AND source_id IN (SELECT value FROM json_each(?))
    ) WHERE rank <= ? ORDER BY sourceId, rank`).all(force ? 1 : 0, now, JSON.stringify(sourceIds), limit) as (CrawlItemRow & { rank: number })[];
  return rows;
}

/** Pages of these sources still queued after the run (waiting for a retry, or over the run's limit). */
function waitingPages(db: TrackerDb, sourceIds: number[]): number {
  if (sourceIds.length === 0) return 0;
  return db.$client.prepare(`SELECT count(*) FROM crawl_items WHERE state IN ('pending', 'failed', 'skipped') AND source_id IN (SELECT value FROM json_each(?))`)
    .pluck().get(JSON.stringify(sourceIds)) as number;
}

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';
const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/** Media types that are never a feed, a sitemap or a page, whatever the bytes look like. */
function refuseMedia(contentType: string | null, expected: string): void {
  if (contentType && /^\s*(image|audio|video|font)\//i.test(contentType)) {
    throw new FetchError('content-type', `expected ${expected}, got ${contentType.split(';')[0].trim()}`);
  }
}


interface SourceContent { kind: string; items: FeedItem[]; page?: { text: string } }

export async function crawl(db: TrackerDb, config: Config, options: CrawlOptions = {}): Promise<CrawlSummary> {
  const log = options.log ?? (() => {});
  const summary: CrawlSummary = { sources: 0, sourcesFailed: 0, sourcesSkipped: 0, feedsNotModified: 0, pagesFetched: 0, pagesUnchanged: 0, pagesFailed: 0, pagesSkipped: 0, pagesQueued: 0, pagesWaiting: 0, errors: [] };
  const baseOptions: FetchOptions = {
    userAgent: config.fetch.userAgent,
    timeoutMs: config.fetch.timeoutMs,
    maxBytes: config.fetch.maxBytes,
    allowPrivateHosts: config.fetch.allowPrivateHosts,
  };
  const fetcher = new PoliteFetcher(db, baseOptions, config.fetch.perHostConcurrency, config.fetch.minDelayMs, log);
  const rows = syncSources(db, config);
  const now = Date.now();
  const due = rows.filter((row) => options.force || !row.nextAttemptAt || Date.parse(row.nextAttemptAt) <= now);
  summary.sourcesSkipped = rows.length - due.length;

  const recordError = (source: SourceRow, url: string, error: unknown) => {
    const kind = error instanceof FetchError ? error.kind : error instanceof FeedParseError ? 'parse-error' : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    db.insert(fetchErrors).values({ sourceId: source.id, url, kind, message, at: nowIso() }).run();
    summary.errors.push({ source: source.name ?? source.url, url, kind, message });
    log(`  ! ${kind}: ${url}: ${message}`);
    return { kind, message };
  };

  const markSource = (source: SourceRow, patch: Partial<SourceRow>) => {
    db.update(sources).set(patch).where(eq(sources.id, source.id)).run();
  };

  const sourceFailed = (source: SourceRow, error: unknown) => {
    const { kind, message } = recordError(source, source.url, error);
    const failures = source.consecutiveFailures + 1;
    // A Retry-After is honoured, up to a week: a date in 2099 must not retire the source for good.
    const retryAfter = error instanceof FetchError && error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS) : backoffMs(failures);
    markSource(source, {
      lastFetchAt: nowIso(), lastStatus: kind, lastError: message, consecutiveFailures: failures,
      nextAttemptAt: new Date(Date.now() + retryAfter).toISOString(),
    });
    summary.sourcesFailed++;
  };

  /** Works out what a fetched source is (content type, then the bytes) and reads its items. */
  const readSource = async (source: SourceRow, result: FetchResult): Promise<SourceContent> => {
    // Shared with `tracker sources check`; a child sitemap that fails is recorded against the source.
    return await detectSource(source.url, result, {
      fetch: (url, fetchOptions) => fetcher.fetch(url, fetchOptions),
      maxBytes: config.fetch.maxBytes,
      maxItemsPerFeed: config.fetch.maxItemsPerFeed,
      onChildError: (url, error) => { recordError(source, url, error); },
    });
  };

  // Sources are fetched concurrently; the polite fetcher keeps each host polite.
  await mapConcurrent(due, 8, async (source) => {
    summary.sources++;
    log(`fetching ${source.name ?? source.url}`);
    let result: FetchResult;
    try {
      // --force asks for the whole feed again: a feed's validators are how a lost page hides.
      const validators = options.force ? { etag: null, lastModified: null } : { etag: source.etag, lastModified: source.lastModified };
      result = await fetcher.fetch(source.url, { ...validators, accept: FEED_ACCEPT });
    } catch (error) {
      sourceFailed(source, error);
      return;
    }
    if (result.notModified) {
      summary.feedsNotModified++;
      markSource(source, { lastFetchAt: nowIso(), lastSuccessAt: nowIso(), lastStatus: 'not-modified', lastError: null, consecutiveFailures: 0, nextAttemptAt: null });
      return;
    }
    try {
      const content = await readSource(source, result);
      const selected = content.items.filter((item) => item.link).slice(0, config.fetch.maxItemsPerFeed);
      const at = nowIso();
      // The items and the validators are one commit: a crawl killed before it refetches the feed;
      // one killed after finds the items queued.
      writeTransaction(db, (tx) => {
        if (content.page) {
          const { charset } = decodeBody(result.body, result.contentType);
          if (storeDocument(tx, source.id, source.url, result, content.page.text, null, charset)) summary.pagesFetched++;
          else summary.pagesUnchanged++;
        }
        summary.pagesQueued += queueItems(tx, source.id, selected, at);
        tx.update(sources).set({
          kind: content.kind, lastFetchAt: at, lastSuccessAt: at, lastStatus: 'ok', lastError: null, consecutiveFailures: 0, nextAttemptAt: null,
          etag: result.headers.etag ?? null, lastModified: result.headers['last-modified'] ?? null,
          itemsSeen: source.itemsSeen + selected.length,
        }).where(eq(sources.id, source.id)).run();
      });
    } catch (error) {
      sourceFailed(source, error);
    }
  });

  // Every queued page of the known sources that is due, whether or not its feed changed.
  const sourceById = new Map(rows.map((row) => [row.id, row]));
  const tasks = duePages(db, rows.map((row) => row.id), config.fetch.maxItemsPerFeed, !!options.force);
  await mapConcurrent(tasks, 16, async (task) => {
    const source = sourceById.get(task.sourceId)!;
    const item = task.item ? (JSON.parse(task.item) as FeedItem) : null;
    const existing = db.select({ etag: documents.etag, lastModified: documents.lastModified }).from(documents).where(eq(documents.url, task.url)).get();
    const done = (tx: TrackerDb) => tx.update(crawlItems).set({ state: 'fetched', attempts: 0, lastErrorKind: null, lastError: null, nextAttemptAt: null, updatedAt: nowIso() })
      .where(eq(crawlItems.url, task.url)).run();
    try {
      const result = await fetcher.fetch(task.url, { etag: existing?.etag, lastModified: existing?.lastModified, accept: PAGE_ACCEPT });
      if (result.notModified) {
        done(db);
        summary.pagesUnchanged++;
        return;
      }
      refuseMedia(result.contentType, 'an HTML page');
      if (result.contentType && !/html|xml|text\/plain/i.test(result.contentType)) {
        throw new FetchError('content-type', `expected an HTML page, got ${result.contentType.split(';')[0].trim()}`);
      }
      const { text, charset } = decodeBody(result.body, result.contentType);
      // The page and its item's new state are one commit: a kill in between cannot lose either.
      const changed = writeTransaction(db, (tx) => {
        const stored = storeDocument(tx, source.id, task.url, result, text, item, charset);
        done(tx);
        return stored;
      });
      if (changed) summary.pagesFetched++;
      else summary.pagesUnchanged++;
    } catch (error) {
      const { kind, message } = recordError(source, task.url, error);
      const at = Date.now();
      if (error instanceof FetchSkipped) {
        summary.pagesSkipped++;
        const retry = kind === 'robots' ? ROBOTS_RETRY_MS : PAUSED_RETRY_MS;
        db.update(crawlItems).set({ state: 'skipped', lastErrorKind: kind, lastError: message, nextAttemptAt: new Date(at + retry).toISOString(), updatedAt: nowIso() })
          .where(eq(crawlItems.url, task.url)).run();
      } else {
        summary.pagesFailed++;
        const attempts = task.attempts + 1;
        const retryAfter = error instanceof FetchError && error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS) : pageBackoffMs(attempts);
        db.update(crawlItems).set({
          state: attempts >= MAX_PAGE_ATTEMPTS ? 'gave-up' : 'failed', attempts, lastErrorKind: kind, lastError: message,
          nextAttemptAt: attempts >= MAX_PAGE_ATTEMPTS ? null : new Date(at + retryAfter).toISOString(), updatedAt: nowIso(),
        }).where(eq(crawlItems.url, task.url)).run();
      }
    }
  });
  summary.pagesWaiting = waitingPages(db, rows.map((row) => row.id));
  return summary;
}

/** Stores (or updates) a raw document; returns false when the stored copy already had these bytes. */
export function storeDocument(db: TrackerDb, sourceId: number, url: string, result: FetchResult, text: string, item: Partial<FeedItem> | null, charset = 'utf-8'): boolean {
  const sha = crypto.createHash('sha256').update(text).digest('hex');
  const existing = db.select({ id: documents.id, sha: documents.bodySha256 }).from(documents).where(eq(documents.url, url)).get();
  if (existing?.sha === sha) return false;
  const values = {
    sourceId, url, finalUrl: result.finalUrl, status: result.status, contentType: result.contentType,
    charset, body: gzipText(text), bodySha256: sha,
    etag: result.headers.etag ?? null, lastModified: result.headers['last-modified'] ?? null,
    feedItem: item ? itemHint(item) : null,
    fetchedAt: nowIso(), needsExtract: true,
  };
  db.insert(documents).values(values).onConflictDoUpdate({ target: documents.url, set: values }).run();
  return true;
}
