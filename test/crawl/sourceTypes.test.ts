// The crawl stage with each kind of source and politeness rule, against a loopback server and a
// real SQLite file: sitemaps (index, .xml.gz), the Federal Register API, OPML imports, robots.txt
// (disallow, cache, outages), a 429 on a page pausing its host, --force over backoff, and an
// updated feed item refetched in place so its article keeps its id.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { eq } from 'drizzle-orm';
import { crawl, gunzipText } from '../../src/crawl/crawl.ts';
import { importOpml, syncSources } from '../../src/crawl/sources.ts';
import { extractStage } from '../../src/extract/extractStage.ts';
import { openDatabase, closeDatabase, type TrackerDb } from '../../src/db/client.ts';
import { parseConfig } from '../../src/config/load.ts';
import { articles, documents, fetchErrors, robotsTxt, sources } from '../../db/schema.ts';
import { startLoopbackServer, type LoopbackServer } from './loopback.ts';

let server: LoopbackServer;
let workDir: string;
let db: TrackerDb;
let robots: { status: number; body: string };

const page = (title: string, body = 'The Bureau of Industry and Security tightened export controls on advanced AI chips.') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p>${body}</p><p>${body}</p></article></body></html>`;

function configFor(urls: string[], fetch: Record<string, unknown> = {}) {
  return parseConfig({
    fetch: { allowPrivateHosts: true, minDelayMs: 0, timeoutMs: 1500, maxBytes: 256 * 1024, perHostConcurrency: 4, userAgent: 'tracker-test/1.0', ...fetch },
    sources: urls.map((url) => ({ url })),
  }, 'sourceTypes.test');
}

const sourceByUrl = (url: string) => db.select().from(sources).where(eq(sources.url, url)).get()!;
const storedUrls = () => db.select({ url: documents.url }).from(documents).all().map((row) => row.url).sort();
const requested = (prefix: string) => server.requests.filter((request) => request.path.startsWith(prefix)).length;
const errorsFor = (url: string) => db.select().from(fetchErrors).where(eq(fetchErrors.url, url)).all();

beforeAll(async () => {
  server = await startLoopbackServer();
  server.route('/robots.txt', (_request, response) => {
    response.writeHead(robots.status, { 'content-type': 'text/plain' });
    response.end(robots.body);
  });
  for (const id of ['a', 'b', 'c', 'd', 'e', 'private-page', 'fr-1', 'fr-2']) {
    server.route(`/pages/${id}`, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page(`Page ${id}`));
    });
  }
});

afterAll(async () => { await server.close(); });

beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-sources-'));
  db = openDatabase(path.join(workDir, 'tracker.sqlite'));
  server.requests.length = 0;
  robots = { status: 404, body: '' };
});

afterEach(() => {
  closeDatabase(db);
  fs.rmSync(workDir, { recursive: true, force: true });
});

const rss = (links: string[], extra = '') => `<?xml version="1.0"?><rss version="2.0" xmlns:dcterms="http://purl.org/dc/terms/"><channel><title>Feed</title>${links.map((link, index) =>
  `<item><title>Item ${index}</title><link>${link}</link><pubDate>Tue, 15 Apr 2025 0${index}:00:00 GMT</pubDate>${extra}</item>`).join('')}</channel></rss>`;

describe('sitemaps', () => {
  it('follows a sitemap index one level deep (a .xml.gz child too), newest pages first, capped per source', async () => {
    const o = () => server.origin;
    server.route('/sitemap_index.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.end(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>${o()}/sitemaps/old.xml</loc><lastmod>2024-01-01</lastmod></sitemap>
        <sitemap><loc>${o()}/sitemaps/news.xml.gz</loc><lastmod>2025-04-15</lastmod></sitemap>
        <sitemap><loc>${o()}/sitemaps/nested-index.xml</loc><lastmod>2025-04-16</lastmod></sitemap>
      </sitemapindex>`);
    });
    server.route('/sitemaps/nested-index.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.end(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${o()}/sitemaps/too-deep.xml</loc></sitemap></sitemapindex>`);
    });
    server.route('/sitemaps/news.xml.gz', (_request, response) => {
      // Served as a gzip file (no Content-Encoding), the way .xml.gz sitemaps usually are.
      response.writeHead(200, { 'content-type': 'application/x-gzip' });
      response.end(zlib.gzipSync(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <url><loc>${o()}/pages/a</loc><news:news><news:publication_date>2025-04-14T10:00:00Z</news:publication_date><news:title>Older news</news:title></news:news></url>
        <url><loc>${o()}/pages/b</loc><news:news><news:publication_date>2025-04-15T10:00:00Z</news:publication_date><news:title>Newest news</news:title></news:news></url>
      </urlset>`));
    });
    server.route('/sitemaps/old.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${o()}/pages/c</loc><lastmod>2024-01-01</lastmod></url><url><loc>${o()}/pages/d</loc><lastmod>2023-12-01</lastmod></url></urlset>`);
    });
    const url = `${o()}/sitemap_index.xml`;
    const summary = await crawl(db, configFor([url], { maxItemsPerFeed: 3 }));
    expect(summary).toMatchObject({ sources: 1, sourcesFailed: 0, pagesFetched: 3, pagesFailed: 0 });
    expect(sourceByUrl(url)).toMatchObject({ kind: 'sitemap-index', lastStatus: 'ok', itemsSeen: 3 });
    expect(storedUrls()).toEqual([`${o()}/pages/a`, `${o()}/pages/b`, `${o()}/pages/c`]);
    expect(requested('/sitemaps/too-deep.xml')).toBe(0);
    const newest = db.select().from(documents).where(eq(documents.url, `${o()}/pages/b`)).get()!;
    expect(JSON.parse(newest.feedItem!)).toMatchObject({ title: 'Newest news', publishedAt: '2025-04-15T10:00:00.000Z' });
  });
});

describe('Federal Register API', () => {
  it('stores each document page with its abstract as the summary, and defaults the source to export controls', async () => {
    const o = () => server.origin;
    server.route('/api/v1/documents.json', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ count: 2, results: [
        { title: 'Entity List Additions', type: 'Rule', abstract: 'BIS adds 80 entities to the Entity List.', document_number: '2025-05314', html_url: `${o()}/pages/fr-1`, publication_date: '2025-03-28' },
        { title: 'Framework for Artificial Intelligence Diffusion', type: 'Rule', abstract: 'BIS revises controls on advanced computing ICs.', document_number: '2025-00636', html_url: `${o()}/pages/fr-2`, publication_date: '2025-01-15' },
      ] }));
    });
    const url = `${o()}/api/v1/documents.json?conditions[agencies][]=industry-and-security-bureau&order=newest`;
    const summary = await crawl(db, configFor([url]));
    expect(summary).toMatchObject({ sourcesFailed: 0, pagesFetched: 2 });
    expect(sourceByUrl(url)).toMatchObject({ kind: 'federal-register', lastStatus: 'ok' });
    const stored = db.select().from(documents).where(eq(documents.url, `${o()}/pages/fr-1`)).get()!;
    expect(JSON.parse(stored.feedItem!)).toMatchObject({ title: 'Entity List Additions', summary: 'BIS adds 80 entities to the Entity List.', publishedAt: '2025-03-28T00:00:00.000Z' });

    // The real API address gets the export-controls topic unless the config says otherwise.
    const real = 'https://www.federalregister.gov/api/v1/documents.json?conditions[agencies][]=industry-and-security-bureau&order=newest';
    syncSources(db, parseConfig({ sources: [{ url: real }, { url: 'https://www.federalregister.gov/api/v1/documents.json?per_page=5', topics: ['distillation'] }] }, 'test'));
    expect(sourceByUrl(real).topics).toBe('["export-controls"]');
    expect(sourceByUrl('https://www.federalregister.gov/api/v1/documents.json?per_page=5').topics).toBe('["distillation"]');
  });
});

describe('OPML import', () => {
  it('adds nested feeds once, keeps them beside the config sources, and crawls them', async () => {
    const o = server.origin;
    server.route('/imported.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(rss([`${o}/pages/e`]));
    });
    const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Policy reading list</title></head><body>
  <outline text="Export controls" title="Export controls">
    <outline type="rss" text="Imported feed" title="Imported Feed" xmlUrl="${o}/imported.xml" htmlUrl="${o}/"/>
    <outline text="Think tanks"><outline type="rss" text="Only text" xmlUrl="https://thinktank.example/feed"/></outline>
  </outline>
  <outline type="rss" text="Duplicate" xmlUrl="${o}/imported.xml"/>
  <outline text="A folder with no feed"/>
</body></opml>`;
    expect(importOpml(db, opml)).toMatchObject({ found: 2, added: 2, alreadyPresent: 0 });
    expect(importOpml(db, opml)).toMatchObject({ found: 2, added: 0, alreadyPresent: 2 });
    expect(sourceByUrl(`${o}/imported.xml`)).toMatchObject({ name: 'Imported Feed', origin: 'import' });
    expect(sourceByUrl('https://thinktank.example/feed')).toMatchObject({ name: 'Only text', origin: 'import' });
    expect(() => importOpml(db, '<rss version="2.0"><channel><title>x</title></channel></rss>', 'feed.xml')).toThrow(/feed\.xml: this is a rss feed/);

    // The config lists a different source: the imported ones are still crawled with it.
    const rows = syncSources(db, configFor([`${o}/pages/a`]));
    expect(rows.map((row) => [row.url, row.origin]).sort()).toEqual([
      [`${o}/imported.xml`, 'import'], [`${o}/pages/a`, 'config'], ['https://thinktank.example/feed', 'import'],
    ].sort());
    const summary = await crawl(db, configFor([`${o}/pages/a`], { allowPrivateHosts: true }));
    expect(summary.sources).toBe(3);
    expect(storedUrls()).toEqual([`${o}/pages/a`, `${o}/pages/e`]);
    expect(sourceByUrl(`${o}/imported.xml`)).toMatchObject({ lastStatus: 'ok', kind: 'rss' });
  });
});

describe('robots.txt', () => {
  it('skips disallowed feeds and pages with a robots error, fetches robots.txt once, and reuses it for 24 hours', async () => {
    const o = server.origin;
    robots = { status: 200, body: 'User-agent: *\nDisallow: /\n\nUser-agent: tracker-test\nDisallow: /private\nAllow: /private-ok$\n' };
    server.route('/open.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(rss([`${o}/pages/a`, `${o}/private/page`]));
    });
    server.route('/private/feed.xml', (_request, response) => { response.writeHead(200); response.end(rss([`${o}/pages/b`])); });
    const config = configFor([`${o}/open.xml`, `${o}/private/feed.xml`]);
    const summary = await crawl(db, config);
    expect(summary).toMatchObject({ sources: 2, sourcesFailed: 1, pagesFetched: 1, pagesSkipped: 1 });
    expect(requested('/robots.txt')).toBe(1);
    expect(requested('/private')).toBe(0);
    expect(sourceByUrl(`${o}/private/feed.xml`)).toMatchObject({ lastStatus: 'robots' });
    expect(sourceByUrl(`${o}/private/feed.xml`).lastError).toMatch(/robots\.txt disallows \/private\/feed\.xml/);
    expect(storedUrls()).toEqual([`${o}/pages/a`]);
    expect(errorsFor(`${o}/private/page`).map((error) => error.kind)).toEqual(['robots']);
    expect(db.select().from(robotsTxt).all()).toEqual([expect.objectContaining({ origin: o, status: 200 })]);

    // Within 24 hours the stored copy is used; after that it is fetched again.
    robots = { status: 200, body: 'User-agent: *\nDisallow: /pages/\n' };
    server.requests.length = 0;
    await crawl(db, config, { force: true });
    expect(requested('/robots.txt')).toBe(0);
    db.update(robotsTxt).set({ fetchedAt: new Date(Date.now() - 25 * 3600_000).toISOString() }).run();
    db.delete(documents).run();
    db.delete(fetchErrors).run();
    server.requests.length = 0;
    const third = await crawl(db, config, { force: true });
    expect(requested('/robots.txt')).toBe(1);
    expect(requested('/pages/')).toBe(0);
    expect(third.pagesSkipped).toBe(2); // /pages/a, and /pages/b from the feed that /private now lets through
    expect(errorsFor(`${o}/pages/a`).map((error) => error.kind)).toEqual(['robots']);
  });

  it('fetches nothing from a host whose robots.txt answers 5xx, for that run only', async () => {
    const o = server.origin;
    robots = { status: 503, body: 'down for maintenance' };
    server.route('/open.xml', (_request, response) => { response.writeHead(200, { 'content-type': 'application/rss+xml' }); response.end(rss([`${o}/pages/a`])); });
    const config = configFor([`${o}/open.xml`]);
    await crawl(db, config);
    expect(requested('/open.xml')).toBe(0);
    expect(sourceByUrl(`${o}/open.xml`)).toMatchObject({ lastStatus: 'robots' });
    expect(sourceByUrl(`${o}/open.xml`).lastError).toMatch(/unreachable/);
    expect(db.select().from(robotsTxt).all()).toEqual([]);

    robots = { status: 404, body: 'not found' };
    const second = await crawl(db, config, { force: true });
    expect(second).toMatchObject({ sourcesFailed: 0, pagesFetched: 1 });
    expect(db.select().from(robotsTxt).all()).toEqual([expect.objectContaining({ status: 404 })]);
  });

  it('reads the first 500 KiB of an oversized robots.txt (gzip-compressed too) instead of failing', async () => {
    const o = server.origin;
    const filler = `# ${'padding '.repeat(120)}\n`.repeat(800); // about 770 KB
    server.route('/robots.txt', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      response.end(zlib.gzipSync(`User-agent: *\nDisallow: /pages/b\n${filler}Disallow: /pages/a\n`));
    });
    server.route('/open.xml', (_request, response) => { response.writeHead(200, { 'content-type': 'application/rss+xml' }); response.end(rss([`${o}/pages/a`, `${o}/pages/b`])); });
    try {
      const summary = await crawl(db, configFor([`${o}/open.xml`]));
      expect(summary).toMatchObject({ sourcesFailed: 0, pagesFetched: 1, pagesSkipped: 1 });
      expect(storedUrls()).toEqual([`${o}/pages/a`]);
      expect(db.select().from(robotsTxt).get()!.body.length).toBe(500 * 1024);
    } finally {
      server.route('/robots.txt', (_request, response) => { response.writeHead(robots.status, { 'content-type': 'text/plain' }); response.end(robots.body); });
    }
  });

  it('honours Crawl-delay as the minimum gap between requests to the host', async () => {
    const o = server.origin;
    robots = { status: 200, body: 'User-agent: *\nCrawl-delay: 0.3\n' };
    server.route('/open.xml', (_request, response) => { response.writeHead(200, { 'content-type': 'application/rss+xml' }); response.end(rss([`${o}/pages/a`, `${o}/pages/b`])); });
    const started = Date.now();
    const summary = await crawl(db, configFor([`${o}/open.xml`]));
    expect(summary.pagesFetched).toBe(2);
    // robots.txt, the feed, then two pages: three gaps of 0.3 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(850);
  });
});

describe('rate limits and backoff', () => {
  it('pauses a host for the rest of the run after a 429 on one of its pages', async () => {
    const o = server.origin;
    let pageRequests = 0;
    server.route('/busy.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(rss(['/busy/1', '/busy/2', '/busy/3', '/busy/4'].map((p) => `${o}${p}`)));
    });
    for (const n of [1, 2, 3, 4]) {
      server.route(`/busy/${n}`, (_request, response) => {
        pageRequests++;
        response.writeHead(429, { 'retry-after': '120' });
        response.end('slow down');
      });
    }
    const summary = await crawl(db, configFor([`${o}/busy.xml`], { perHostConcurrency: 1 }));
    expect(pageRequests).toBe(1);
    expect(summary).toMatchObject({ pagesFailed: 1, pagesSkipped: 3, pagesFetched: 0 });
    const kinds = db.select().from(fetchErrors).all().map((error) => error.kind);
    expect(kinds).toEqual(['rate-limited', 'rate-limited', 'rate-limited', 'rate-limited']);
    expect(sourceByUrl(`${o}/busy.xml`)).toMatchObject({ lastStatus: 'ok' });
  });

  it('leaves a failing source alone until its backoff ends, unless forced', async () => {
    const o = server.origin;
    let fail = true;
    server.route('/flaky.xml', (_request, response) => {
      if (fail) { response.writeHead(500); response.end(); return; }
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(rss([`${o}/pages/c`]));
    });
    const config = configFor([`${o}/flaky.xml`]);
    await crawl(db, config);
    expect(sourceByUrl(`${o}/flaky.xml`)).toMatchObject({ lastStatus: 'http-status', consecutiveFailures: 1 });
    fail = false;
    expect(await crawl(db, config)).toMatchObject({ sources: 0, sourcesSkipped: 1 });
    expect(await crawl(db, config, { force: true })).toMatchObject({ sources: 1, sourcesSkipped: 0, pagesFetched: 1 });
    expect(sourceByUrl(`${o}/flaky.xml`)).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0, nextAttemptAt: null });
  });
});

describe('updated feed items', () => {
  it('refetches a page whose item was updated after the stored copy, in place, so its article keeps its id', async () => {
    const o = server.origin;
    let version = 1;
    let updated = '2000-01-01T00:00:00Z';
    server.route('/updating.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(rss([`${o}/story`], `<dcterms:modified>${updated}</dcterms:modified>`));
    });
    server.route('/story', (request, response) => {
      if (request.headers['if-none-match'] === `"v${version}"`) { response.writeHead(304, { etag: `"v${version}"` }); response.end(); return; }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: `"v${version}"` });
      response.end(page('Commerce tightens AI chip export controls', version === 1
        ? 'The Bureau of Industry and Security tightened export controls on advanced AI chips on Monday.'
        : 'Correction: the Bureau of Industry and Security tightened export controls on advanced AI chips and model weights on Monday.'));
    });
    const config = configFor([`${o}/updating.xml`]);
    await crawl(db, config);
    extractStage(db, config);
    const firstDocument = db.select().from(documents).get()!;
    const firstArticle = db.select().from(articles).get()!;

    // Same item, not updated: nothing is refetched.
    server.requests.length = 0;
    await crawl(db, config, { force: true });
    expect(requested('/story')).toBe(0);

    // Updated after our copy, but the page has not changed: a conditional request, answered 304.
    updated = new Date(Date.now() + 60_000).toISOString();
    await crawl(db, config, { force: true });
    expect(server.requests.filter((request) => request.path === '/story').map((request) => request.headers['if-none-match'])).toEqual(['"v1"']);

    // Updated and changed: the same document row and the same article, with the new text.
    version = 2;
    updated = new Date(Date.now() + 120_000).toISOString();
    const summary = await crawl(db, config, { force: true });
    expect(summary.pagesFetched).toBe(1);
    const allDocuments = db.select().from(documents).all();
    expect(allDocuments).toHaveLength(1);
    expect(allDocuments[0].id).toBe(firstDocument.id);
    expect(allDocuments[0].needsExtract).toBe(true);
    expect(gunzipText(allDocuments[0].body)).toContain('Correction:');
    extractStage(db, config);
    const allArticles = db.select().from(articles).all();
    expect(allArticles).toHaveLength(1);
    expect(allArticles[0].id).toBe(firstArticle.id);
    expect(allArticles[0].text).toContain('model weights');
  });
});
