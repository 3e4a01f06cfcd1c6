// Sitemaps as sources: a <urlset> (plain, or with Google News `news:news` entries) lists article
// pages; a <sitemapindex> lists further sitemaps, followed one level deep by the crawl stage.
// Parsed like feeds (htmlparser2 in XML mode: tolerant, no DTD entity expansion), and turned into
// feed items so the rest of the crawl treats them alike.
import zlib from 'node:zlib';
import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { parseLooseDate } from '../text/looseDate.ts';
import { FeedParseError, resolveUrl, type FeedItem } from './feed.ts';
import { FetchError } from './fetchUrl.ts';
import { isElement, localName, childElements, textOf } from './xmlTree.ts';

export interface SitemapEntry { url: string; lastmod: string | null; title: string | null; publishedAt: string | null }

export type ParsedSitemap =
  | { kind: 'urlset'; entries: SitemapEntry[] }
  | { kind: 'sitemapindex'; sitemaps: { url: string; lastmod: string | null }[] };

const MAX_ENTRIES = 50_000; // the sitemaps protocol's own limit per file

function childText(element: Element | undefined, name: string): string {
  const child = element && childElements(element).find((candidate) => localName(candidate) === name);
  return child ? textOf(child).trim() : '';
}

function findChild(element: Element, name: string): Element | undefined {
  return childElements(element).find((candidate) => localName(candidate) === name);
}

function withoutProlog(text: string): string {
  return text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart()
    .replace(/<\?xml[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<\?xml-stylesheet[\s\S]*?\?>/g, '').trimStart();
}

/** True when the text is a sitemap (<urlset> or <sitemapindex> root). */
export function isSitemap(text: string): boolean {
  return /^<(\w+:)?(urlset|sitemapindex)\b/i.test(withoutProlog(text));
}

/** True when the bytes are gzip (a .xml.gz sitemap served without Content-Encoding). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Gunzips a .xml.gz body, refusing to inflate past `maxBytes` (a small bomb stays small). */
export function gunzipCapped(bytes: Buffer, maxBytes: number): Buffer {
  try {
    return zlib.gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new FetchError('too-large', `gzip body inflates past the limit of ${maxBytes} bytes`);
    }
    throw new FetchError('parse-error', `cannot gunzip the body: ${(error as Error).message}`);
  }
}

export function parseSitemap(text: string, sitemapUrl: string | null = null): ParsedSitemap {
  if (!isSitemap(text)) throw new FeedParseError('not a sitemap (expected <urlset> or <sitemapindex>)');
  const document = parseDocument(text, { xmlMode: true, recognizeCDATA: true, decodeEntities: false });
  const root = document.children.filter(isElement).find((element) => ['urlset', 'sitemapindex'].includes(localName(element)));
  if (!root) throw new FeedParseError('no <urlset> or <sitemapindex> root element found');
  if (localName(root) === 'sitemapindex') {
    const sitemaps: { url: string; lastmod: string | null }[] = [];
    for (const entry of childElements(root).filter((child) => localName(child) === 'sitemap').slice(0, MAX_ENTRIES)) {
      const url = resolveUrl(childText(entry, 'loc'), sitemapUrl);
      if (url) sitemaps.push({ url, lastmod: parseLooseDate(childText(entry, 'lastmod')) });
    }
    return { kind: 'sitemapindex', sitemaps };
  }
  const entries: SitemapEntry[] = [];
  for (const entry of childElements(root).filter((child) => localName(child) === 'url').slice(0, MAX_ENTRIES)) {
    const url = resolveUrl(childText(entry, 'loc'), sitemapUrl);
    if (!url) continue;
    const news = findChild(entry, 'news');
    const title = childText(news, 'title');
    entries.push({
      url,
      lastmod: parseLooseDate(childText(entry, 'lastmod')),
      title: title ? title.replace(/\s+/g, ' ') : null,
      publishedAt: parseLooseDate(childText(news, 'publication_date')),
    });
  }
  return { kind: 'urlset', entries };
}

const time = (value: string | null) => (value ? Date.parse(value) : Number.NEGATIVE_INFINITY);

/** Sitemap entries as feed items, newest first (publication date, else lastmod). */
export function sitemapItems(entries: SitemapEntry[]): FeedItem[] {
  return entries
    .map((entry) => ({
      id: entry.url,
      title: entry.title ?? '',
      link: entry.url,
      publishedAt: entry.publishedAt ?? entry.lastmod,
      updatedAt: entry.lastmod,
      summary: null,
      content: null,
      author: null,
    }))
    .sort((a, b) => time(b.publishedAt) - time(a.publishedAt));
}
