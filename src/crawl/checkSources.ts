// `tracker sources check`: fetch every configured and imported source once and say what it is,
// how many entries it lists and why it fails, without writing anything to the database — no
// sources rows, no documents, no robots.txt cache, no fetch errors. Detection is the crawl's own
// (detectSource.ts); the politeness is the crawl's too (robots.txt per origin, the per-host queue
// with the configured delay and the robots Crawl-delay, a host paused after 429/503), kept in
// memory for this one run instead of in the database.
import type { TrackerDb } from '../db/client.ts';
import type { Config } from '../config/schema.ts';
import { fetchUrl, FetchError, type FetchOptions, type FetchResult } from './fetchUrl.ts';
import { FeedParseError } from './feed.ts';
import { decodeBody } from './charset.ts';
import { HostQueue, mapConcurrent } from './hostQueue.ts';
import { parseRobots, policyForStatus, allowAll, disallowAll, ROBOTS_MAX_BYTES, type RobotsPolicy } from './robots.ts';
import { FetchSkipped, MAX_CRAWL_DELAY_MS } from './politeFetcher.ts';
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

interface RobotsVerdict { policy: RobotsPolicy; reason: string | null }

/** The crawl's politeness without the database: robots.txt is fetched once per origin for this
 * run and forgotten afterwards. */
export class CheckFetcher {
  private readonly robots = new Map<string, Promise<RobotsVerdict>>();
  private readonly paused = new Map<string, string>();
  private readonly queue: HostQueue;

  constructor(private readonly baseOptions: FetchOptions, perHostConcurrency: number, minDelayMs: number) {
    this.queue = new HostQueue(perHostConcurrency, minDelayMs);
  }

  async fetch(url: string, options: Partial<FetchOptions> = {}): Promise<FetchResult> {
    let parsed: URL;
    try { parsed = new URL(url); } catch { throw new FetchError('invalid-url', `not a valid URL: ${url}`); }
    this.checkPaused(parsed);
    const verdict = await this.robotsFor(parsed);
    if (!verdict.policy.isAllowed(parsed.href)) {
      throw new FetchSkipped('robots', verdict.reason ?? `${parsed.origin}/robots.txt disallows ${parsed.pathname}${parsed.search} for this crawler`);
    }
    return await this.queue.run(parsed.href, async () => {
      this.checkPaused(parsed);
      try {
        return await fetchUrl(parsed.href, { ...this.baseOptions, ...options });
      } catch (error) {
        // A 429/503 leaves the host alone for the rest of the check.
        if (error instanceof FetchError && error.kind === 'rate-limited') this.paused.set(parsed.host, `${parsed.host} answered ${error.message}`);
        throw error;
      }
    });
  }

  private checkPaused(url: URL): void {
    const reason = this.paused.get(url.host);
    if (reason) throw new FetchSkipped('rate-limited', `not fetched: ${reason}`);
  }

  private robotsFor(url: URL): Promise<RobotsVerdict> {
    let verdict = this.robots.get(url.origin);
    if (!verdict) {
      verdict = this.loadRobots(url);
      this.robots.set(url.origin, verdict);
    }
    return verdict;
  }

  /** RFC 9309 as the crawl reads it: 2xx → its rules; 4xx → allow all; 5xx, 429 or no answer →
   * disallow all; past five redirects → allow all. */
  private async loadRobots(url: URL): Promise<RobotsVerdict> {
    const robotsUrl = `${url.origin}/robots.txt`;
    const userAgent = this.baseOptions.userAgent;
    let verdict: RobotsVerdict;
    try {
      const result = await this.queue.run(robotsUrl, () => fetchUrl(robotsUrl, {
        ...this.baseOptions, etag: null, lastModified: null, accept: 'text/plain, */*;q=0.5', maxBytes: ROBOTS_MAX_BYTES, truncate: true,
      }));
      const text = decodeBody(result.body, result.contentType).text;
      verdict = { policy: result.status >= 200 && result.status < 300 ? parseRobots(text, userAgent) : policyForStatus(result.status, text, userAgent), reason: null };
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      if (error.kind === 'http-status' && error.status !== undefined && error.status >= 400 && error.status < 500) {
        verdict = { policy: policyForStatus(error.status, '', userAgent), reason: null };
      } else if (error.kind === 'redirect-loop' || error.kind === 'too-many-redirects' || error.kind === 'blocked-address' || error.kind === 'invalid-url') {
        // Unavailable allows all; a refused address is reported by the source fetch itself.
        verdict = { policy: allowAll, reason: null };
      } else {
        verdict = { policy: disallowAll, reason: `robots.txt of ${url.origin} is unreachable (${error.kind}: ${error.message}); nothing on the host is fetched` };
      }
    }
    const delay = verdict.policy.crawlDelayMs;
    if (delay !== null && delay > 0) this.queue.setHostDelay(url.href, Math.min(delay, MAX_CRAWL_DELAY_MS));
    return verdict;
  }
}

export interface CheckOptions {
  /** Called once per source as soon as its check is done (in completion order). */
  onResult?: (check: SourceCheck) => void;
}

/** Fetches each source once and reports what it is. Never throws for a failing source: its
 * failure is in its report. The reports come back in the order of `list`. */
export async function checkSources(config: Config, list: SourceToCheck[], options: CheckOptions = {}): Promise<SourceCheck[]> {
  const fetcher = new CheckFetcher({
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
