// Every fetch of a crawl run goes through here (and of `tracker sources check`, which passes no
// database, so robots.txt is then kept for the run only): robots.txt (once per origin per run, cached in the
// database for 24 hours), hosts paused after a 429/503, the per-host queue (with the host's
// Crawl-delay), then the crawler's own HTTP.
import { eq } from 'drizzle-orm';
import type { TrackerDb } from '../db/client.ts';
import { robotsTxt } from '../../db/schema.ts';
import { fetchUrl, FetchError, type FetchOptions, type FetchResult } from './fetchUrl.ts';
import { HostQueue } from './hostQueue.ts';
import { decodeBody } from './charset.ts';
import { parseRobots, policyForStatus, allowAll, disallowAll, ROBOTS_MAX_BYTES, type RobotsPolicy } from './robots.ts';

/** How long a stored robots.txt is trusted before it is fetched again. */
export const ROBOTS_MAX_AGE_MS = 24 * 3600_000;
/** Longest Crawl-delay honoured; a larger one would stall a run on one host. */
export const MAX_CRAWL_DELAY_MS = 30_000;
/** A Retry-After up to this long pauses the host until then; longer (or none) pauses it for the rest of the run. */
export const MAX_RETRY_AFTER_WAIT_MS = 30_000;

/** A fetch the crawler chose not to make (robots.txt, or a paused host): nothing reached the server. */
export class FetchSkipped extends FetchError {}

interface RobotsVerdict { policy: RobotsPolicy; reason: string | null }

export class PoliteFetcher {
  private readonly robots = new Map<string, Promise<RobotsVerdict>>();
  private readonly paused = new Map<string, { until: number; reason: string }>();
  readonly queue: HostQueue;

  constructor(private readonly db: TrackerDb | null, private readonly baseOptions: FetchOptions, perHostConcurrency: number, minDelayMs: number, private readonly log: (line: string) => void = () => {}) {
    this.queue = new HostQueue(perHostConcurrency, minDelayMs);
  }

  /** Fetches `url` unless robots.txt disallows it (FetchError 'robots') or its host is paused
   * (FetchError 'rate-limited'); a 429/503 answer pauses the host. */
  async fetch(url: string, options: Partial<FetchOptions> = {}): Promise<FetchResult> {
    let parsed: URL;
    try { parsed = new URL(url); } catch { throw new FetchError('invalid-url', `not a valid URL: ${url}`); }
    this.checkPaused(parsed);
    const verdict = await this.robotsFor(parsed);
    if (!verdict.policy.isAllowed(parsed.href)) {
      throw new FetchSkipped('robots', verdict.reason ?? `${parsed.origin}/robots.txt disallows ${parsed.pathname}${parsed.search} for this crawler`);
    }
    return await this.queue.run(parsed.href, async () => {
      // Another request to the host may have been told to slow down while this one waited.
      this.checkPaused(parsed);
      try {
        return await fetchUrl(parsed.href, { ...this.baseOptions, ...options });
      } catch (error) {
        if (error instanceof FetchError && error.kind === 'rate-limited') this.pause(parsed, error);
        throw error;
      }
    });
  }

  private checkPaused(url: URL): void {
    const pause = this.paused.get(url.host);
    if (pause && pause.until > Date.now()) throw new FetchSkipped('rate-limited', `not fetched: ${pause.reason}`);
  }

  private pause(url: URL, error: FetchError): void {
    const wait = error.retryAfterMs;
    const until = wait !== undefined && wait <= MAX_RETRY_AFTER_WAIT_MS ? Date.now() + wait : Number.POSITIVE_INFINITY;
    const reason = `${url.host} answered ${error.message}; ${until === Number.POSITIVE_INFINITY ? 'host paused for the rest of this run' : `host paused for ${Math.ceil(wait! / 1000)} s`}`;
    this.paused.set(url.host, { until, reason });
    this.log(`  ~ ${reason}`);
  }

  private robotsFor(url: URL): Promise<RobotsVerdict> {
    let verdict = this.robots.get(url.origin);
    if (!verdict) {
      verdict = this.loadRobots(url);
      this.robots.set(url.origin, verdict);
    }
    return verdict;
  }

  private async loadRobots(url: URL): Promise<RobotsVerdict> {
    const origin = url.origin;
    const userAgent = this.baseOptions.userAgent;
    const stored = this.db?.select().from(robotsTxt).where(eq(robotsTxt.origin, origin)).get();
    if (stored && Date.now() - Date.parse(stored.fetchedAt) < ROBOTS_MAX_AGE_MS) {
      return this.adopt(url, { policy: policyForStatus(stored.status, stored.body, userAgent), reason: null });
    }
    const robotsUrl = `${origin}/robots.txt`;
    let status: number;
    let text = '';
    try {
      const result = await this.queue.run(robotsUrl, () => fetchUrl(robotsUrl, {
        ...this.baseOptions, etag: null, lastModified: null, accept: 'text/plain, */*;q=0.5',
        maxBytes: ROBOTS_MAX_BYTES, truncate: true,
      }));
      status = result.status;
      text = decodeBody(result.body, result.contentType).text;
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      if (error.kind === 'http-status' && error.status !== undefined && error.status >= 400 && error.status < 500) {
        status = error.status;
      } else if (error.kind === 'redirect-loop' || error.kind === 'too-many-redirects') {
        // RFC 9309 §2.3.1.2: past five redirects the file may be taken as unavailable, which allows all.
        return this.adopt(url, { policy: allowAll, reason: null });
      } else if (error.kind === 'blocked-address' || error.kind === 'invalid-url') {
        // The page fetch itself will be refused with the real reason.
        return { policy: allowAll, reason: null };
      } else {
        // 5xx, 429, timeout, no connection: the RFC says assume complete disallow. Not stored, so the
        // next run asks again.
        return { policy: disallowAll, reason: `robots.txt of ${origin} is unreachable (${error.kind}: ${error.message}); nothing on the host is fetched this run` };
      }
    }
    this.db?.insert(robotsTxt).values({ origin, status, body: text, fetchedAt: new Date().toISOString() })
      .onConflictDoUpdate({ target: robotsTxt.origin, set: { status, body: text, fetchedAt: new Date().toISOString() } }).run();
    return this.adopt(url, { policy: status >= 200 && status < 300 ? parseRobots(text, userAgent) : policyForStatus(status, text, userAgent), reason: null });
  }

  private adopt(url: URL, verdict: RobotsVerdict): RobotsVerdict {
    const delay = verdict.policy.crawlDelayMs;
    if (delay !== null && delay > 0) this.queue.setHostDelay(url.href, Math.min(delay, MAX_CRAWL_DELAY_MS));
    return verdict;
  }
}
