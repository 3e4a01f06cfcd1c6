// The crawl stage end to end against a loopback server and a real SQLite file: what gets stored,
// what each source's health says afterwards, and how a second run uses the validators.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { crawl, gunzipText } from '../../src/crawl/crawl.ts';
import { openDatabase, closeDatabase, type TrackerDb } from '../../src/db/client.ts';
import { parseConfig } from '../../src/config/load.ts';
import { documents, fetchErrors, sources } from '../../db/schema.ts';
import { startLoopbackServer, type LoopbackServer } from './loopback.ts';

const FEED_ETAG = '"feed-v1"';

let server: LoopbackServer;
let workDir: string;
let db: TrackerDb;

function rss(title: string, links: string[]): string {
  const items = links.map((link, index) => `
    <item>
      <title>${title} story ${index + 1}</title>
      <link>${link}</link>
      <pubDate>Tue, 15 Apr 2025 0${index}:00:00 GMT</pubDate>
      <description>Summary of story ${index + 1}</description>
    </item>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>${server.origin}/</link>${items}</channel></rss>`;
}

function article(id: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Article ${id}</title></head><body><article><h1>Article ${id}</h1><p>Export controls on chips, part ${id}.</p></article></body></html>`;
}

function configFor(feeds: { url: string; name: string }[]) {
  return parseConfig({
    fetch: { allowPrivateHosts: true, minDelayMs: 0, timeoutMs: 800, maxBytes: 64 * 1024, perHostConcurrency: 4, userAgent: 'tracker-test/1.0' },
    sources: feeds,
  }, 'crawl.test');
}

const sourceByUrl = (url: string) => db.select().from(sources).where(eq(sources.url, url)).get()!;
const requestsFor = (requestPath: string) => server.requests.filter((request) => request.path === requestPath);

beforeAll(async () => {
  server = await startLoopbackServer();
  server.route('/good.xml', (request, response) => {
    if (request.headers['if-none-match'] === FEED_ETAG) {
      response.writeHead(304, { etag: FEED_ETAG });
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: FEED_ETAG, 'last-modified': 'Tue, 15 Apr 2025 09:00:00 GMT' });
    response.end(rss('Good', [1, 2, 3].map((n) => `${server.origin}/articles/${n}`)));
  });
  server.route('/bad.xml', (_request, response) => { response.writeHead(500, { 'content-type': 'text/plain' }); response.end('internal error'); });
  server.route('/limited.xml', (_request, response) => { response.writeHead(429, { 'retry-after': '3600' }); response.end(); });
  server.route('/mixed.xml', (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    response.end(rss('Mixed', [`${server.origin}/articles/4`, `${server.origin}/articles/huge`, `${server.origin}/articles/5`]));
  });
  server.route('/articles/5', (_request, response) => {
    // windows-1252 bytes 0x93/0x94/0x97/0x80: “ ” — €
    response.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
    response.end(Buffer.concat([Buffer.from('<html><body><p>'), Buffer.from([0x93, 0x51, 0x94, 0x20, 0x97, 0x20, 0x80, 0x35]), Buffer.from('</p></body></html>')]));
  });
  for (const id of ['1', '2', '3', '4']) {
    server.route(`/articles/${id}`, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: `"article-${id}"` });
      response.end(article(id));
    });
  }
  server.route('/articles/huge', (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(16 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < 2 * 1024 * 1024) {
        sent += chunk.length;
        if (!response.write(chunk)) { response.once('drain', pump); return; }
      }
      response.end();
    };
    pump();
  });
});

afterAll(async () => { await server.close(); });

beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-crawl-'));
  db = openDatabase(path.join(workDir, 'tracker.sqlite'));
  server.requests.length = 0;
});

afterEach(() => {
  closeDatabase(db);
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('crawl', () => {
  it('stores the good feed’s pages, records the failing feed, and revalidates with the ETag next time', async () => {
    const good = `${server.origin}/good.xml`;
    const bad = `${server.origin}/bad.xml`;
    const config = configFor([{ url: good, name: 'Good feed' }, { url: bad, name: 'Broken feed' }]);

    const before = Date.now();
    const first = await crawl(db, config);
    expect(first).toMatchObject({ sources: 2, sourcesFailed: 1, sourcesSkipped: 0, pagesFetched: 3, pagesFailed: 0 });

    const stored = db.select().from(documents).all().sort((a, b) => a.url.localeCompare(b.url));
    expect(stored.map((document) => document.url)).toEqual([1, 2, 3].map((n) => `${server.origin}/articles/${n}`));
    const goodSource = sourceByUrl(good);
    for (const [index, document] of stored.entries()) {
      expect(document.sourceId).toBe(goodSource.id);
      expect(document.status).toBe(200);
      expect(document.needsExtract).toBe(true);
      expect(gunzipText(document.body)).toBe(article(String(index + 1)));
      expect(JSON.parse(document.feedItem!)).toMatchObject({ title: `Good story ${index + 1}`, summary: `Summary of story ${index + 1}`, publishedAt: `2025-04-15T0${index}:00:00.000Z` });
    }
    expect(goodSource).toMatchObject({ kind: 'rss', lastStatus: 'ok', consecutiveFailures: 0, etag: FEED_ETAG, itemsSeen: 3, nextAttemptAt: null });

    const badSource = sourceByUrl(bad);
    expect(badSource).toMatchObject({ lastStatus: 'http-status', consecutiveFailures: 1 });
    expect(badSource.lastError).toContain('500');
    expect(Date.parse(badSource.nextAttemptAt!)).toBeGreaterThan(before + 60_000);
    const errors = db.select().from(fetchErrors).all();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ sourceId: badSource.id, url: bad, kind: 'http-status' });
    expect(first.errors).toEqual([expect.objectContaining({ source: 'Broken feed', url: bad, kind: 'http-status' })]);

    // Second run: the feed answers 304 to its ETag; the failing feed is still backing off.
    server.requests.length = 0;
    const second = await crawl(db, config);
    expect(requestsFor('/good.xml')).toHaveLength(1);
    expect(requestsFor('/good.xml')[0].headers['if-none-match']).toBe(FEED_ETAG);
    expect(requestsFor('/bad.xml')).toHaveLength(0);
    expect(server.requests.filter((request) => request.path.startsWith('/articles/'))).toHaveLength(0);
    expect(second).toMatchObject({ sources: 1, sourcesSkipped: 1, feedsNotModified: 1, pagesFetched: 0, sourcesFailed: 0 });
    expect(sourceByUrl(good)).toMatchObject({ lastStatus: 'not-modified', consecutiveFailures: 0, etag: FEED_ETAG });
    expect(sourceByUrl(bad)).toMatchObject({ lastStatus: 'http-status', consecutiveFailures: 1, nextAttemptAt: badSource.nextAttemptAt });
    const after = db.select().from(documents).all().sort((a, b) => a.url.localeCompare(b.url));
    expect(after).toEqual(stored);
    expect(db.select().from(fetchErrors).all()).toHaveLength(1);
  });

  it('records a too-large article page against its source and still stores the others, decoded', async () => {
    const mixed = `${server.origin}/mixed.xml`;
    const summary = await crawl(db, configFor([{ url: mixed, name: 'Mixed feed' }]));
    expect(summary).toMatchObject({ sources: 1, sourcesFailed: 0, pagesFetched: 2, pagesFailed: 1 });
    const stored = db.select({ url: documents.url }).from(documents).all().map((row) => row.url).sort();
    expect(stored).toEqual([`${server.origin}/articles/4`, `${server.origin}/articles/5`]);
    const legacy = db.select().from(documents).where(eq(documents.url, `${server.origin}/articles/5`)).get()!;
    expect(gunzipText(legacy.body)).toBe('<html><body><p>\u201cQ\u201d \u2014 \u20ac5</p></body></html>');
    const source = sourceByUrl(mixed);
    const errors = db.select().from(fetchErrors).all();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ sourceId: source.id, url: `${server.origin}/articles/huge`, kind: 'too-large' });
    // One bad page does not mark the feed itself as failing.
    expect(source).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0 });
  });

  it('waits as long as a rate-limited feed’s Retry-After asks', async () => {
    const limited = `${server.origin}/limited.xml`;
    const before = Date.now();
    await crawl(db, configFor([{ url: limited, name: 'Busy feed' }]));
    const source = sourceByUrl(limited);
    expect(source).toMatchObject({ lastStatus: 'rate-limited', consecutiveFailures: 1 });
    const wait = Date.parse(source.nextAttemptAt!) - before;
    expect(wait).toBeGreaterThanOrEqual(3_600_000 - 1000);
    expect(wait).toBeLessThan(3_600_000 + 5000);
  });
});
