// Sitemaps as sources: news sitemaps, plain sitemaps and sitemap indexes (fixtures in
// fixtures/sitemaps), gzip bodies, and the items they turn into.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseSitemap, sitemapItems, isSitemap, isGzip, gunzipCapped } from '../../src/crawl/sitemap.ts';
import { FeedParseError } from '../../src/crawl/feed.ts';
import { FetchError } from '../../src/crawl/fetchUrl.ts';

const fixture = (name: string) => fs.readFileSync(fileURLToPath(new URL(`./fixtures/sitemaps/${name}`, import.meta.url)), 'utf8');

describe('news sitemap', () => {
  const parsed = parseSitemap(fixture('news-sitemap.xml'), 'https://www.policywire.example/news-sitemap.xml');

  it('reads every page with its news title and publication date, skipping unusable locations', () => {
    expect(parsed.kind).toBe('urlset');
    if (parsed.kind !== 'urlset') return;
    expect(parsed.entries).toEqual([
      { url: 'https://www.policywire.example/2025/01/13/ai-diffusion-rule', lastmod: '2025-01-14T08:02:11.000Z', title: 'Commerce unveils AI diffusion rule capping chip exports & model weights', publishedAt: '2025-01-13T16:30:00.000Z' },
      { url: 'https://www.policywire.example/2025/01/29/distillation-allegation', lastmod: null, title: 'Lab says rival "distilled" its models through the API', publishedAt: '2025-01-29T00:00:00.000Z' },
      { url: 'https://www.policywire.example/2025/01/20/entity-list', lastmod: null, title: 'Entity list grows by 25 Chinese firms', publishedAt: '2025-01-20T09:00:00.000Z' },
    ]);
  });

  it('turns the pages into feed items, newest first', () => {
    if (parsed.kind !== 'urlset') throw new Error('expected a urlset');
    const items = sitemapItems(parsed.entries);
    expect(items.map((item) => item.link)).toEqual([
      'https://www.policywire.example/2025/01/29/distillation-allegation',
      'https://www.policywire.example/2025/01/20/entity-list',
      'https://www.policywire.example/2025/01/13/ai-diffusion-rule',
    ]);
    expect(items[2]).toEqual({
      id: 'https://www.policywire.example/2025/01/13/ai-diffusion-rule', title: 'Commerce unveils AI diffusion rule capping chip exports & model weights',
      link: 'https://www.policywire.example/2025/01/13/ai-diffusion-rule', publishedAt: '2025-01-13T16:30:00.000Z', updatedAt: '2025-01-14T08:02:11.000Z',
      summary: null, content: null, author: null,
    });
  });
});

describe('plain sitemap', () => {
  it('uses lastmod as the date, and puts undated pages last', () => {
    const parsed = parseSitemap(fixture('plain-sitemap.xml'));
    if (parsed.kind !== 'urlset') throw new Error('expected a urlset');
    const items = sitemapItems(parsed.entries);
    expect(items.map((item) => [item.link, item.publishedAt, item.title])).toEqual([
      ['https://thinktank.example/analysis/cloud-loophole', '2025-03-10T15:45:00.000Z', ''],
      ['https://thinktank.example/analysis/chip-smuggling', '2025-03-02T00:00:00.000Z', ''],
      ['https://thinktank.example/about', null, ''],
    ]);
  });
});

describe('sitemap index', () => {
  it('lists the child sitemaps with their lastmod', () => {
    expect(parseSitemap(fixture('sitemap-index.xml'))).toEqual({
      kind: 'sitemapindex',
      sitemaps: [
        { url: 'https://www.policywire.example/sitemaps/2024-12.xml', lastmod: '2024-12-31T23:00:00.000Z' },
        { url: 'https://www.policywire.example/sitemaps/2025-01.xml.gz', lastmod: '2025-01-29T18:00:00.000Z' },
        { url: 'https://www.policywire.example/sitemaps/news.xml', lastmod: null },
      ],
    });
  });
});

describe('detection and errors', () => {
  it('recognises sitemaps behind a prolog, comments and a stylesheet, and nothing else', () => {
    for (const name of ['news-sitemap.xml', 'plain-sitemap.xml', 'sitemap-index.xml']) expect(isSitemap(fixture(name)), name).toBe(true);
    expect(isSitemap('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>')).toBe(false);
    expect(isSitemap('<!doctype html><html><body>urlset</body></html>')).toBe(false);
    expect(() => parseSitemap('<rss/>')).toThrow(FeedParseError);
  });

  it('keeps the entries before the cut in a truncated sitemap', () => {
    const text = fixture('plain-sitemap.xml');
    const parsed = parseSitemap(text.slice(0, text.indexOf('cloud-loophole')));
    if (parsed.kind !== 'urlset') throw new Error('expected a urlset');
    expect(parsed.entries.map((entry) => entry.url)).toContain('https://thinktank.example/analysis/chip-smuggling');
  });

  it('inflates a .xml.gz body, and stops a gzip bomb at the limit', () => {
    const gz = zlib.gzipSync(Buffer.from(fixture('plain-sitemap.xml')));
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(Buffer.from('<urlset'))).toBe(false);
    expect(gunzipCapped(gz, 1024 * 1024).toString('utf8')).toBe(fixture('plain-sitemap.xml'));
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(() => gunzipCapped(bomb, 256 * 1024)).toThrow(expect.objectContaining({ kind: 'too-large' }));
    expect(() => gunzipCapped(Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3]), 1024)).toThrow(FetchError);
  });
});
