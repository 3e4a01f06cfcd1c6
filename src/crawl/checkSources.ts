// `tracker sources check`: fetch every configured and imported source once and say what it is,
// how many entries it lists and why it fails, without writing anything to the database — no
// sources rows, no documents, no robots.txt cache, no fetch errors. Detection is the crawl's own
// (detectSource.ts); the politeness is the crawl's too (robots.txt per origin, the per-host queue
// with the configured delay and the robots Crawl-delay, a host paused after 429/503), kept in
// memory for this one run instead of in the database.
import type { TrackerDb } from '../db/client.ts';
import type { Config } from '../config/schema.ts';
import { FetchError } from './fetchUrl.ts';
import { FeedParseError } from './feed.ts';
import { mapConcurrent } from './hostQueue.ts';
import { PoliteFetcher } from './politeFetcher.ts';
import { detectSource, FEED_ACCEPT } from './detectSource.ts';

export interface SourceToCheck { url: string; name: string | null; origin: 'config' | 'import' }

export interface SourceCheck {
  url: string;
  name: string | null;
  origin: 'config' | 'import';
  ok: boolean;
  /** Detected type: rss, atom, rdf, jsonfeed, sitemap, sitemap-index, federal-register, html, html+FORMAT. */
  kind: string | null;
  /** Entries the source lists (feed items, sitemap URLs, Federal Register documents). */
  items: number | null;
  /** Of those, the ones with a link: the pages a crawl would queue. */
  pages: number | null;
  /** HTTP status of the source itself (of its last redirect). */
  status: number | null;
  contentType: string | null;
  finalUrl: string | null;
  /** The feed an HTML page advertised, when that is what was read. */
  feedUrl: string | null;
  error: { kind: string; message: string } | null;
  /** Problems that did not fail the source (a child sitemap that could not be read). */
  warnings: { url: string; kind: string; message: string }[];
  elapsedMs: number;
}

/** Sources read at once; each host still gets at most `fetch.perHostConcurrency`. */
const CHECK_CONCURRENCY = 8;

/** The named kind of a failure, as the crawl records it. */
export function errorKind(error: unknown): string {
  return error instanceof FetchError ? error.kind : error instanceof FeedParseError ? 'parse-error' : 'internal';
}

/** The configured sources, then the imported ones the database holds (each URL once). `db` may be
 * null (no database yet): only the configured sources are checked. Nothing is written. */
export function sourcesToCheck(config: Config, db: TrackerDb | null): SourceToCheck[] {
  const list: SourceToCheck[] = [];
  const seen = new Set<string>();
  for (const source of config.sources) {
    if (seen.has(source.url)) continue;
    seen.add(source.url);
    list.push({ url: source.url, name: source.name ?? null, origin: 'config' });
  }
  if (db) {
    const imported = db.$client.prepare(`SELECT url, name FROM sources WHERE origin = 'import' ORDER BY id`).all() as { url: string; name: string | null }[];
    for (const row of imported) {
      if (seen.has(row.url)) continue;
      seen.add(row.url);
      list.push({ url: row.url, name: row.name, origin: 'import' });
    }
  }
  return list;
}

export interface CheckOptions {
  /** Called once per source as soon as its check is done (in completion order). */
  onResult?: (check: SourceCheck) => void;
}

/** Fetches each source once and reports what it is. Never throws for a failing source: its
 * failure is in its report. The reports come back in the order of `list`. */
export async function checkSources(config: Config, list: SourceToCheck[], options: CheckOptions = {}): Promise<SourceCheck[]> {
  // The crawl's politeness without the database: robots.txt is read once per origin and forgotten.
  const fetcher = new PoliteFetcher(null, {
    userAgent: config.fetch.userAgent,
    timeoutMs: config.fetch.timeoutMs,
    maxBytes: config.fetch.maxBytes,
    allowPrivateHosts: config.fetch.allowPrivateHosts,
  }, config.fetch.perHostConcurrency, config.fetch.minDelayMs);
  return await mapConcurrent(list, CHECK_CONCURRENCY, async (source) => {
    const started = Date.now();
    const check: SourceCheck = {
      url: source.url, name: source.name, origin: source.origin, ok: false, kind: null, items: null, pages: null,
      status: null, contentType: null, finalUrl: null, feedUrl: null, error: null, warnings: [], elapsedMs: 0,
    };
    try {
      const result = await fetcher.fetch(source.url, { accept: FEED_ACCEPT });
      check.status = result.status;
      check.contentType = result.contentType;
      check.finalUrl = result.finalUrl;
      const content = await detectSource(source.url, result, {
        fetch: (url, fetchOptions) => fetcher.fetch(url, fetchOptions),
        maxBytes: config.fetch.maxBytes,
        maxItemsPerFeed: config.fetch.maxItemsPerFeed,
        onChildError: (url, error) => { check.warnings.push({ url, kind: errorKind(error), message: error instanceof Error ? error.message : String(error) }); },
      });
      check.ok = true;
      check.kind = content.kind;
      check.items = content.items.length;
      check.pages = content.items.filter((item) => item.link).length;
      check.feedUrl = content.feedUrl ?? null;
    } catch (error) {
      check.error = { kind: errorKind(error), message: error instanceof Error ? error.message : String(error) };
    }
    check.elapsedMs = Date.now() - started;
    options.onResult?.(check);
    return check;
  });
}

/** The sources of the config and the database, checked. */
export async function checkConfiguredSources(config: Config, db: TrackerDb | null, options: CheckOptions = {}): Promise<SourceCheck[]> {
  return await checkSources(config, sourcesToCheck(config, db), options);
}

/** One line per source for the terminal (the caller makes it terminal-safe). */
export function describeCheck(check: SourceCheck): string {
  const label = `${check.name ? `${check.name} ` : ''}<${check.url}>${check.origin === 'import' ? ' (imported)' : ''}`;
  if (!check.ok) return `FAIL ${check.error!.kind}: ${label}: ${check.error!.message}`;
  const what = check.kind === 'html'
    ? 'html (no feed advertised: the page itself is read as one article)'
    : `${check.kind}, ${check.items} item${check.items === 1 ? '' : 's'}${check.pages !== check.items ? ` (${check.pages} with a link)` : ''}`;
  const via = check.feedUrl ? ` via ${check.feedUrl}` : '';
  const warned = check.warnings.length ? `; ${check.warnings.length} child sitemap${check.warnings.length === 1 ? '' : 's'} failed (${check.warnings[0].kind}: ${check.warnings[0].message})` : '';
  return `ok ${what}: ${label}${via}${warned}`;
}
