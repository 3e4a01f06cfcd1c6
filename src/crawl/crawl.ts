// The crawl stage: fetch every due source, parse it, fetch the article pages it points at, and
// store them as compressed raw documents. Every failure is named and recorded against its source;
// the run always goes on.
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TrackerDb } from '../db/client.ts';
import { sources, documents, fetchErrors } from '../../db/schema.ts';
import type { Config } from '../config/schema.ts';
import { fetchUrl, FetchError, type FetchOptions, type FetchResult } from './fetchUrl.ts';
import { decodeBody } from './charset.ts';
import { parseFeed, sniffFeedFormat, FeedParseError, type FeedItem } from './feed.ts';
import { HostQueue, mapConcurrent } from './hostQueue.ts';
import { discoverFeedLinks } from './discover.ts';

export interface CrawlSummary {
  sources: number;
  sourcesFailed: number;
  sourcesSkipped: number;
  feedsNotModified: number;
  pagesFetched: number;
  pagesUnchanged: number;
  pagesFailed: number;
  errors: { source: string; url: string; kind: string; message: string }[];
}

export interface CrawlOptions {
  /** Crawl sources even when their backoff says to wait. */
  force?: boolean;
  log?: (line: string) => void;
}

type SourceRow = typeof sources.$inferSelect;

const nowIso = () => new Date().toISOString();

/** Adds the config's sources to the database (new ones) and updates names and topic filters. */
export function syncSources(db: TrackerDb, config: Config): SourceRow[] {
  const at = nowIso();
  db.transaction((tx) => {
    for (const source of config.sources) {
      tx.insert(sources)
        .values({ url: source.url, name: source.name ?? null, topics: source.topics ? JSON.stringify(source.topics) : null, createdAt: at })
        .onConflictDoUpdate({ target: sources.url, set: { name: source.name ?? null, topics: source.topics ? JSON.stringify(source.topics) : null } })
        .run();
    }
  });
  const configured = new Set(config.sources.map((source) => source.url));
  return db.select().from(sources).all().filter((row) => configured.has(row.url));
}

function backoffMs(failures: number): number {
  return Math.min(24 * 3600_000, 5 * 60_000 * 2 ** Math.max(0, failures - 1));
}

export function gzipText(text: string): Buffer {
  return zlib.gzipSync(Buffer.from(text, 'utf8'));
}

export function gunzipText(body: Buffer): string {
  return zlib.gunzipSync(body).toString('utf8');
}

interface PageTask { url: string; item: FeedItem | null; sourceId: number }

export async function crawl(db: TrackerDb, config: Config, options: CrawlOptions = {}): Promise<CrawlSummary> {
  const log = options.log ?? (() => {});
  const summary: CrawlSummary = { sources: 0, sourcesFailed: 0, sourcesSkipped: 0, feedsNotModified: 0, pagesFetched: 0, pagesUnchanged: 0, pagesFailed: 0, errors: [] };
  const queue = new HostQueue(config.fetch.perHostConcurrency, config.fetch.minDelayMs);
  const baseOptions: FetchOptions = {
    userAgent: config.fetch.userAgent,
    timeoutMs: config.fetch.timeoutMs,
    maxBytes: config.fetch.maxBytes,
    allowPrivateHosts: config.fetch.allowPrivateHosts,
  };
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
    const retryAfter = error instanceof FetchError && error.retryAfterMs !== undefined ? error.retryAfterMs : backoffMs(failures);
    markSource(source, {
      lastFetchAt: nowIso(), lastStatus: kind, lastError: message, consecutiveFailures: failures,
      nextAttemptAt: new Date(Date.now() + retryAfter).toISOString(),
    });
    summary.sourcesFailed++;
  };

  // Sources are fetched concurrently; the host queue keeps each host polite.
  const pageTasks: PageTask[] = [];
  await mapConcurrent(due, 8, async (source) => {
    summary.sources++;
    log(`fetching ${source.name ?? source.url}`);
    let result: FetchResult;
    try {
      result = await queue.run(source.url, () => fetchUrl(source.url, {
        ...baseOptions,
        etag: source.etag, lastModified: source.lastModified,
        accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5',
      }));
    } catch (error) {
      sourceFailed(source, error);
      return;
    }
    if (result.notModified) {
      summary.feedsNotModified++;
      markSource(source, { lastFetchAt: nowIso(), lastSuccessAt: nowIso(), lastStatus: 'not-modified', lastError: null, consecutiveFailures: 0, nextAttemptAt: null });
      return;
    }
    const { text } = decodeBody(result.body, result.contentType);
    const format = sniffFeedFormat(text);
    try {
      let items: FeedItem[] = [];
      let kind: string = format ?? 'unknown';
      if (format === 'html') {
        // A page: follow its advertised feed if it has one, else it is an article itself.
        const feedLinks = discoverFeedLinks(text, result.finalUrl);
        if (feedLinks.length > 0) {
          const feedResult = await queue.run(feedLinks[0], () => fetchUrl(feedLinks[0], baseOptions));
          const feed = parseFeed(decodeBody(feedResult.body, feedResult.contentType).text, feedResult.finalUrl);
          items = feed.items;
          kind = `html+${feed.format}`;
        } else {
          storeDocument(db, source.id, source.url, result, text, null);
          summary.pagesFetched++;
          kind = 'html';
        }
      } else if (format === 'opml') {
        const feed = parseFeed(text, result.finalUrl);
        throw new FeedParseError(`this is an OPML list of ${feed.outlines?.length ?? 0} feeds: import it with \`tracker sources import\``);
      } else {
        if (result.contentType && /^(image|audio|video)\//i.test(result.contentType)) {
          throw new FetchError('content-type', `expected a feed or a page, got ${result.contentType}`);
        }
        const feed = parseFeed(text, result.finalUrl);
        items = feed.items;
        kind = feed.format;
      }
      const selected = items.filter((item) => item.link).slice(0, config.fetch.maxItemsPerFeed);
      for (const item of selected) pageTasks.push({ url: item.link!, item, sourceId: source.id });
      markSource(source, {
        kind, lastFetchAt: nowIso(), lastSuccessAt: nowIso(), lastStatus: 'ok', lastError: null, consecutiveFailures: 0, nextAttemptAt: null,
        etag: result.headers.etag ?? null, lastModified: result.headers['last-modified'] ?? null,
        itemsSeen: source.itemsSeen + selected.length,
      });
    } catch (error) {
      sourceFailed(source, error);
    }
  });

  const sourceById = new Map(rows.map((row) => [row.id, row]));
  const seenUrls = new Set<string>();
  const uniqueTasks = pageTasks.filter((task) => !seenUrls.has(task.url) && seenUrls.add(task.url));
  await mapConcurrent(uniqueTasks, 16, async (task) => {
    const source = sourceById.get(task.sourceId)!;
    const existing = db.select({ id: documents.id, fetchedAt: documents.fetchedAt, etag: documents.etag, lastModified: documents.lastModified })
      .from(documents).where(eq(documents.url, task.url)).get();
    const itemChanged = existing && task.item?.updatedAt && Date.parse(task.item.updatedAt) > Date.parse(existing.fetchedAt);
    if (existing && !itemChanged) { summary.pagesUnchanged++; return; }
    try {
      const result = await queue.run(task.url, () => fetchUrl(task.url, {
        ...baseOptions, etag: existing?.etag, lastModified: existing?.lastModified, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
      }));
      if (result.notModified) { summary.pagesUnchanged++; return; }
      if (result.contentType && !/html|xml|text\/plain/i.test(result.contentType)) {
        throw new FetchError('content-type', `expected an HTML page, got ${result.contentType}`);
      }
      const { text, charset } = decodeBody(result.body, result.contentType);
      if (storeDocument(db, source.id, task.url, result, text, task.item, charset)) summary.pagesFetched++;
      else summary.pagesUnchanged++;
    } catch (error) {
      recordError(source, task.url, error);
      summary.pagesFailed++;
    }
  });
  return summary;
}

/** Stores (or updates) a raw document; returns false when the stored copy already had these bytes. */
export function storeDocument(db: TrackerDb, sourceId: number, url: string, result: FetchResult, text: string, item: FeedItem | null, charset = 'utf-8'): boolean {
  const sha = crypto.createHash('sha256').update(text).digest('hex');
  const existing = db.select({ id: documents.id, sha: documents.bodySha256 }).from(documents).where(eq(documents.url, url)).get();
  if (existing?.sha === sha) return false;
  const values = {
    sourceId, url, finalUrl: result.finalUrl, status: result.status, contentType: result.contentType,
    charset, body: gzipText(text), bodySha256: sha,
    etag: result.headers.etag ?? null, lastModified: result.headers['last-modified'] ?? null,
    feedItem: item ? JSON.stringify({ title: item.title, summary: item.summary, publishedAt: item.publishedAt, author: item.author, link: item.link }) : null,
    fetchedAt: nowIso(), needsExtract: true,
  };
  db.insert(documents).values(values).onConflictDoUpdate({ target: documents.url, set: values }).run();
  return true;
}
