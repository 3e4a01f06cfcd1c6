// What a fetched source is, and what it lists: the detection the crawl stage and `tracker sources
// check` share. Order: a refused media type, the Federal Register documents API, a sitemap (an
// index read one level deep), an HTML page (its advertised feed followed, else the page is an
// article itself), an OPML list (refused: it is imported, not crawled), then a feed.
// Further fetches (an advertised feed, child sitemaps) go through the caller's `fetch`, so the
// crawl keeps its robots.txt, per-host queue and pauses, and the check its own.
import type { FetchOptions, FetchResult } from './fetchUrl.ts';
import { FetchError } from './fetchUrl.ts';
import { decodeBody } from './charset.ts';
import { parseFeed, sniffFeedFormat, FeedParseError, type FeedItem } from './feed.ts';
import { discoverFeedLinks } from './discover.ts';
import { isSitemap, isGzip, gunzipCapped, parseSitemap, sitemapItems, type SitemapEntry } from './sitemap.ts';
import { isFederalRegisterApi, looksLikeFederalRegister, parseFederalRegister, federalRegisterItems } from './federalRegister.ts';

/** Accept header of a source fetch: feeds first, then XML and JSON, then pages. */
export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';
const SITEMAP_ACCEPT = 'application/xml, text/xml;q=0.9, */*;q=0.5';

/** Most child sitemaps of a sitemap index read per run (the newest by lastmod first). */
export const MAX_CHILD_SITEMAPS = 5;

export interface SourceContent {
  /** rss, atom, rdf, jsonfeed, sitemap, sitemap-index, federal-register, html, or html+FORMAT. */
  kind: string;
  items: FeedItem[];
  /** Set when the source is an HTML page without a feed: the page is an article itself. */
  page?: { text: string };
  /** The feed an HTML page advertised and that was read instead of the page. */
  feedUrl?: string;
}

export interface DetectContext {
  /** Fetches a further document (an advertised feed, a child sitemap) the way the caller fetches. */
  fetch: (url: string, options: Partial<FetchOptions>) => Promise<FetchResult>;
  maxBytes: number;
  /** A sitemap index stops reading children once this many entries are in hand. */
  maxItemsPerFeed: number;
  /** A child sitemap that failed; the others are still read. */
  onChildError?: (url: string, error: unknown) => void;
}

/** Media types that are never a feed, a sitemap or a page, whatever the bytes look like. */
export function refuseMedia(contentType: string | null, expected: string): void {
  if (contentType && /^\s*(image|audio|video|font)\//i.test(contentType)) {
    throw new FetchError('content-type', `expected ${expected}, got ${contentType.split(';')[0].trim()}`);
  }
}

/** The body as text: a gzip file served without Content-Encoding (sitemap.xml.gz) is inflated
 * first, with the same size cap; then the charset is decoded (header, BOM, declaration). */
export function bodyText(result: FetchResult, maxBytes: number): string {
  const bytes = isGzip(result.body) ? gunzipCapped(result.body, maxBytes) : result.body;
  return decodeBody(bytes, result.contentType).text;
}

/** A sitemap index: its newest child sitemaps (one level deep), merged newest first. Fails only
 * when no child could be read. */
export async function readSitemapIndex(children: { url: string; lastmod: string | null }[], context: DetectContext): Promise<FeedItem[]> {
  const ordered = [...children].sort((a, b) => (b.lastmod ? Date.parse(b.lastmod) : 0) - (a.lastmod ? Date.parse(a.lastmod) : 0));
  const entries: SitemapEntry[] = [];
  let firstError: unknown = null;
  let read = 0;
  for (const child of ordered.slice(0, MAX_CHILD_SITEMAPS)) {
    if (read > 0 && entries.length >= context.maxItemsPerFeed) break;
    try {
      const result = await context.fetch(child.url, { accept: SITEMAP_ACCEPT });
      refuseMedia(result.contentType, 'a sitemap');
      const parsed = parseSitemap(bodyText(result, context.maxBytes), result.finalUrl);
      // One level deep: an index inside an index is not followed.
      if (parsed.kind === 'urlset') entries.push(...parsed.entries);
      read++;
    } catch (error) {
      context.onChildError?.(child.url, error);
      firstError ??= error;
    }
  }
  if (read === 0 && firstError) throw firstError;
  return sitemapItems(entries);
}

/** Works out what a fetched source is (content type, then the bytes) and reads its items.
 * Throws FetchError or FeedParseError. */
export async function detectSource(sourceUrl: string, result: FetchResult, context: DetectContext): Promise<SourceContent> {
  refuseMedia(result.contentType, 'a feed, a sitemap or a page');
  const text = bodyText(result, context.maxBytes);
  if (isFederalRegisterApi(sourceUrl) || isFederalRegisterApi(result.finalUrl) || looksLikeFederalRegister(text)) {
    return { kind: 'federal-register', items: federalRegisterItems(parseFederalRegister(text, result.finalUrl)) };
  }
  if (isSitemap(text)) {
    const parsed = parseSitemap(text, result.finalUrl);
    if (parsed.kind === 'urlset') return { kind: 'sitemap', items: sitemapItems(parsed.entries) };
    return { kind: 'sitemap-index', items: await readSitemapIndex(parsed.sitemaps, context) };
  }
  const format = sniffFeedFormat(text);
  if (format === 'html') {
    // A page: follow its advertised feed if it has one, else it is an article itself.
    const feedLinks = discoverFeedLinks(text, result.finalUrl);
    if (feedLinks.length === 0) return { kind: 'html', items: [], page: { text } };
    const feedResult = await context.fetch(feedLinks[0], { accept: FEED_ACCEPT });
    refuseMedia(feedResult.contentType, 'a feed');
    const feed = parseFeed(bodyText(feedResult, context.maxBytes), feedResult.finalUrl, { contentLocation: feedResult.headers['content-location'] ?? null });
    return { kind: `html+${feed.format}`, items: feed.items, feedUrl: feedResult.finalUrl };
  }
  if (format === 'opml') {
    const feed = parseFeed(text, result.finalUrl, { contentLocation: result.headers['content-location'] ?? null });
    throw new FeedParseError(`this is an OPML list of ${feed.outlines?.length ?? 0} feeds: import it with \`tracker sources import FILE\``);
  }
  // A Content-Location header is the document's own address: relative links resolve against it.
  const feed = parseFeed(text, result.finalUrl, { contentLocation: result.headers['content-location'] ?? null });
  return { kind: feed.format, items: feed.items };
}
