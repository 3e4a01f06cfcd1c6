// The crawl stage against a hostile web: one crawl() run over seventeen sources on loopback, each a
// way real servers misbehave (slow bodies, huge bodies, gzip bombs, redirect loops, errors, rate
// limits, wrong content types, broken and malicious XML, a 10,000-item feed, legacy charsets,
// markup injection, robots.txt). Every case must end as a named status or error against its
// source, the run must finish, the good pages must be stored, and a second, hostile crawl of the
// same sources must neither lose nor alter what the first one stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { crawl, gunzipText, type CrawlSummary } from '../../src/crawl/crawl.ts';
import { openDatabase, closeDatabase, type TrackerDb } from '../../src/db/client.ts';
import { parseConfig } from '../../src/config/load.ts';
import { documents, fetchErrors, sources } from '../../db/schema.ts';

type Handler = (path: string, request: http.IncomingMessage, response: http.ServerResponse) => void;

interface HostileServer { origin: string; hits: string[]; close(): Promise<void> }

async function startServer(handler: Handler): Promise<HostileServer> {
  const hits: string[] = [];
  const server = http.createServer((request, response) => {
    const requestPath = request.url ?? '/';
    hits.push(requestPath);
    response.on('error', () => {});
    handler(requestPath, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const MAX_BYTES = 512 * 1024;
const MAX_ITEMS = 5;
const hex = (value: string) => Buffer.from(value, 'hex');
const ascii = (value: string) => Buffer.from(value, 'latin1');
// Byte sequences made with Python's codecs: 'Новости' (windows-1251), '日本語のニュース' (Shift_JIS), '中文新闻' (GBK).
const legacy = {
  cp1251: { bytes: hex('cdeee2eef1f2e8'), text: 'Новости', charset: 'windows-1251' },
  sjis: { bytes: hex('93fa967b8cea82cc836a8385815b8358'), text: '日本語のニュース', charset: 'shift_jis' },
  gbk: { bytes: hex('d6d0cec4d0c2cec5'), text: '中文新闻', charset: 'gbk' },
};
const legacyHead = {
  cp1251: '<html><head><title>cp1251</title></head><body><p>',
  sjis: '<html><head><meta charset="Shift_JIS"><title>sjis</title></head><body><p>',
  gbk: '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>gbk</title></head><body><p>',
};
const legacyTail = '</p></body></html>';
// 50 MB of spaces in about 50 KB, made once: compressing it per request would stall the server.
const GZIP_BOMB = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20), { level: 9 });
const PNG = hex('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082');

const article = (title: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p>Export controls on advanced AI chips, as reported in “${title}” — with a € sign and ü.</p></article></body></html>`;

function rss(links: string[], options: { updated?: string; titles?: string[]; summaries?: string[] } = {}): string {
  const items = links.map((link, index) => `<item><title>${options.titles?.[index] ?? `Item ${index + 1}`}</title><link>${link}</link>` +
    `<pubDate>Tue, 15 Apr 2025 0${index % 10}:00:00 GMT</pubDate>${options.updated ? `<dcterms:modified>${options.updated}</dcterms:modified>` : ''}` +
    `${options.summaries?.[index] !== undefined ? `<description>${options.summaries[index]}</description>` : ''}</item>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dcterms="http://purl.org/dc/terms/"><channel><title>Feed</title><link>/</link>${items}</channel></rss>`;
}

function stream(response: http.ServerResponse, total: number, chunk: Buffer): void {
  let sent = 0;
  const pump = () => {
    while (sent < total) {
      sent += chunk.length;
      if (!response.write(chunk)) { response.once('drain', pump); return; }
    }
    response.end();
  };
  pump();
}

let mode: 'first' | 'second' = 'first';
let main: HostileServer;
let limited: HostileServer;
let pageLimited: HostileServer;
let workDir: string;
let db: TrackerDb;
let first: CrawlSummary;
let second: CrawlSummary;
let firstElapsed = 0;
let stored: Map<string, typeof documents.$inferSelect>;
let afterFirst: Map<string, typeof sources.$inferSelect>;

const mainHandler: Handler = (requestPath, _request, response) => {
  const o = main.origin;
  const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': type, ...headers });
    response.end(body);
  };
  const feed = (body: string) => send(200, 'application/rss+xml; charset=utf-8', body);
  const hang = () => { response.writeHead(200, { 'content-type': 'text/html' }); response.write('<html><body><p>Loading'); };
  const bomb = () => send(200, 'text/html', GZIP_BOMB, { 'content-encoding': 'gzip' });
  switch (requestPath) {
    case '/robots.txt': return send(200, 'text/plain', 'User-agent: *\nDisallow: /private/\n');
    case '/good.xml':
      return feed(rss([1, 2, 3, 4].map((n) => `${o}/good/${n}`), mode === 'second' ? { updated: new Date(Date.now() + 3600_000).toISOString() } : {}));
    case '/good2.xml':
      return mode === 'first' ? feed(rss([`${o}/good2/1`])) : send(200, 'application/rss+xml', '<?xml version="1.0"?>\n\u0000\u0001 garbage <<<>>> ]]>');
    case '/slow.xml': return feed(rss([`${o}/slow/page`]));
    case '/slow/page': return hang();
    case '/huge.xml': response.writeHead(200, { 'content-type': 'application/rss+xml' }); return stream(response, 3 * MAX_BYTES, Buffer.alloc(16 * 1024, 0x20));
    case '/bomb.xml': return send(200, 'application/rss+xml', GZIP_BOMB, { 'content-encoding': 'gzip' });
    case '/loop.xml': response.writeHead(302, { location: '/loop-b.xml' }); return response.end();
    case '/loop-b.xml': response.writeHead(301, { location: `${o}/loop.xml` }); return response.end();
    case '/error.xml': return send(500, 'text/html', '<h1>Internal Server Error</h1>');
    case '/png-feed.xml': return send(200, 'image/png', PNG);
    case '/png-page.xml': return feed(rss([`${o}/png/page`]));
    case '/png/page': return send(200, 'image/png', PNG);
    case '/invalid.xml': return send(200, 'text/xml', 'this is not XML <<<>>> &&& ]]> at all');
    case '/truncated.xml': {
      const full = rss([`${o}/p/trunc-1`, `${o}/p/trunc-2`, `${o}/p/trunc-3`]);
      return feed(full.slice(0, full.indexOf('/p/trunc-3') - 20));
    }
    case '/laughs.xml': {
      const entities = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)].join('\n');
      return feed(`<?xml version="1.0"?>\n<!DOCTYPE rss [\n${entities}\n]>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>${o}/p/laughs</link><description>&lol9;</description></item></channel></rss>`);
    }
    case '/big.xml': {
      // Relative links keep 10,000 items under the size limit.
      const items = Array.from({ length: 10_000 }, (_, i) => `<item><link>/p/big-${i}</link></item>`).join('');
      return feed(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${items}</channel></rss>`);
    }
    case '/charsets.xml': return feed(rss([`${o}/cs/cp1251`, `${o}/cs/sjis`, `${o}/cs/gbk`]));
    case '/cs/cp1251': return send(200, 'text/html; charset=windows-1251', Buffer.concat([ascii(legacyHead.cp1251), legacy.cp1251.bytes, ascii(legacyTail)]));
    case '/cs/sjis': return send(200, 'text/html', Buffer.concat([ascii(legacyHead.sjis), legacy.sjis.bytes, ascii(legacyTail)]));
    case '/cs/gbk': return send(200, 'text/html', Buffer.concat([ascii(legacyHead.gbk), legacy.gbk.bytes, ascii(legacyTail)]));
    case '/inject.xml':
      return feed(rss([`${o}/p/inject-1`, `${o}/p/inject-2`], {
        titles: ['<![CDATA[<script>alert("title")</script>Chip curbs <b>tighten</b>]]>', 'Chips &lt;img src=x onerror=alert(1)&gt; &amp; rules'],
        summaries: ['&lt;iframe src="javascript:alert(2)"&gt;&lt;/iframe&gt;&lt;p onclick="x()"&gt;Officials said &lt;em&gt;more&lt;/em&gt;.&lt;/p&gt;', '<![CDATA[<style>body{display:none}</style><a href="javascript:alert(3)">Read</a> on]]>'],
      }));
    case '/private/feed.xml': return feed(rss([`${o}/p/private`]));
  }
  if (requestPath.startsWith('/good/')) {
    if (mode === 'first') return send(200, 'text/html; charset=utf-8', article(`Good ${requestPath.slice(6)}`), { etag: `"good-${requestPath.slice(6)}"` });
    switch (requestPath) {
      case '/good/1': return send(500, 'text/plain', 'oops');
      case '/good/2': return bomb();
      case '/good/3': return send(200, 'image/png', PNG);
      default: return hang();
    }
  }
  if (requestPath.startsWith('/good2/') || requestPath.startsWith('/p/')) return send(200, 'text/html; charset=utf-8', article(requestPath));
  send(404, 'text/plain', 'not found');
};

const sourceOf = (url: string) => db.select().from(sources).where(eq(sources.url, url)).get()!;
const errorKinds = (url: string) => db.select().from(fetchErrors).where(eq(fetchErrors.url, url)).all().map((error) => error.kind);

const mainSources = ['good', 'good2', 'slow', 'huge', 'bomb', 'loop', 'error', 'png-feed', 'png-page', 'invalid', 'truncated', 'laughs', 'big', 'charsets', 'inject'];

beforeAll(async () => {
  main = await startServer(mainHandler);
  limited = await startServer((requestPath, _request, response) => {
    if (requestPath === '/robots.txt') { response.writeHead(404); response.end(); return; }
    response.writeHead(429, { 'retry-after': '3600', 'content-type': 'text/plain' });
    response.end('Too Many Requests');
  });
  pageLimited = await startServer((requestPath, _request, response) => {
    if (requestPath === '/feed.xml') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(rss(Array.from({ length: MAX_ITEMS }, (_, i) => `${pageLimited.origin}/p${i}`)));
    } else if (/^\/p\d+$/.test(requestPath)) {
      response.writeHead(429, { 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' });
      response.end();
    } else { response.writeHead(404); response.end(); }
  });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-hostile-'));
  db = openDatabase(path.join(workDir, 'tracker.sqlite'));
  const config = parseConfig({
    fetch: { allowPrivateHosts: true, minDelayMs: 0, timeoutMs: 1500, maxBytes: MAX_BYTES, perHostConcurrency: 4, maxItemsPerFeed: MAX_ITEMS, userAgent: 'tracker-hostile-test/1.0' },
    sources: [
      ...mainSources.map((name) => ({ url: `${main.origin}/${name}.xml`, name })),
      { url: `${main.origin}/private/feed.xml`, name: 'private' },
      { url: `${limited.origin}/feed.xml`, name: 'limited' },
      { url: `${pageLimited.origin}/feed.xml`, name: 'page-limited' },
    ],
  }, 'hostile.test');

  const started = Date.now();
  first = await crawl(db, config);
  firstElapsed = Date.now() - started;
  stored = new Map(db.select().from(documents).all().map((document) => [document.url, document]));
  afterFirst = new Map(db.select().from(sources).all().map((source) => [source.url, source]));
  mode = 'second';
  second = await crawl(db, config, { force: true });
}, 30_000);

afterAll(async () => {
  closeDatabase(db);
  fs.rmSync(workDir, { recursive: true, force: true });
  await Promise.all([main?.close(), limited?.close(), pageLimited?.close()]);
});

describe('one crawl over a hostile web', () => {
  it('finishes in bounded time and counts every source', () => {
    expect(first.sources).toBe(18);
    expect(firstElapsed).toBeLessThan(8000);
    expect(first.pagesFetched).toBeGreaterThanOrEqual(4 + 1 + 2 + 1 + MAX_ITEMS + 3 + 2);
  });

  it('names the failure of every failing source', () => {
    const status = (name: string) => sourceOf(`${main.origin}/${name}.xml`).lastStatus;
    expect(status('huge')).toBe('too-large');
    expect(status('bomb')).toBe('too-large');
    expect(status('loop')).toBe('redirect-loop');
    expect(status('error')).toBe('http-status');
    expect(status('png-feed')).toBe('content-type');
    expect(status('invalid')).toBe('parse-error');
    expect(sourceOf(`${main.origin}/private/feed.xml`).lastStatus).toBe('robots');
    expect(main.hits.filter((hit) => hit.startsWith('/private/'))).toEqual([]);
    const limitedSource = afterFirst.get(`${limited.origin}/feed.xml`)!;
    expect(limitedSource.lastStatus).toBe('rate-limited');
    // Retry-After: 3600 is honoured as the source's next attempt.
    const wait = Date.parse(limitedSource.nextAttemptAt!) - Date.parse(limitedSource.lastFetchAt!);
    expect(wait).toBeGreaterThan(3_590_000);
    expect(wait).toBeLessThan(3_610_000);
    expect(sourceOf(`${limited.origin}/feed.xml`)).toMatchObject({ lastStatus: 'rate-limited', consecutiveFailures: 2 });
    for (const name of ['huge', 'bomb', 'loop', 'error', 'png-feed', 'invalid']) {
      expect(errorKinds(`${main.origin}/${name}.xml`), name).toContain(status(name));
    }
  });

  it('names the failure of every failing page, against a source that is itself fine', () => {
    expect(sourceOf(`${main.origin}/slow.xml`).lastStatus).toBe('ok');
    // Never stored, so the second run tries it again: one timeout per run.
    expect(errorKinds(`${main.origin}/slow/page`)).toEqual(['timeout', 'timeout']);
    expect(sourceOf(`${main.origin}/png-page.xml`).lastStatus).toBe('ok');
    expect(errorKinds(`${main.origin}/png/page`)[0]).toBe('content-type');
    // One 429 pauses the host: pages not already in flight are not requested, and are recorded as
    // rate-limited; the feed itself is fine.
    expect(sourceOf(`${pageLimited.origin}/feed.xml`).lastStatus).toBe('ok');
    // (sourceTypes.test.ts shows the exact count with one request per host at a time.)
    const pages = Array.from({ length: MAX_ITEMS }, (_, i) => `/p${i}`);
    const pageHits = pageLimited.hits.filter((hit) => pages.includes(hit));
    expect(pageHits.length).toBeLessThanOrEqual(2 * 4); // at most perHostConcurrency per run
    for (const page of pages) expect(errorKinds(`${pageLimited.origin}${page}`)[0], page).toBe('rate-limited');
    expect(first.pagesSkipped).toBeGreaterThanOrEqual(MAX_ITEMS - 4);
  });

  it('recovers what it can from broken and malicious XML', () => {
    expect(afterFirst.get(`${main.origin}/truncated.xml`)).toMatchObject({ lastStatus: 'ok', itemsSeen: 2 });
    expect(errorKinds(`${main.origin}/truncated.xml`)).toEqual([]);
    expect(main.hits.filter((hit) => hit.startsWith('/p/trunc-3'))).toEqual([]);
    expect(stored.has(`${main.origin}/p/trunc-1`) && stored.has(`${main.origin}/p/trunc-2`)).toBe(true);
    const laughs = afterFirst.get(`${main.origin}/laughs.xml`);
    expect(laughs).toMatchObject({ lastStatus: 'ok', itemsSeen: 1 });
    expect(stored.get(`${main.origin}/p/laughs`)!.feedItem!).not.toContain('lollol');
  });

  it('caps a 10,000-item feed at maxItemsPerFeed', () => {
    expect(afterFirst.get(`${main.origin}/big.xml`)).toMatchObject({ lastStatus: 'ok', itemsSeen: MAX_ITEMS });
    const bigPages = [...stored.keys()].filter((url) => url.includes('/p/big-')).sort();
    expect(bigPages).toEqual(Array.from({ length: MAX_ITEMS }, (_, i) => `${main.origin}/p/big-${i}`).sort());
    expect(main.hits.filter((hit) => hit.startsWith('/p/big-')).length).toBe(MAX_ITEMS);
  });

  it('stores legacy-charset pages decoded to the right characters', () => {
    for (const key of ['cp1251', 'sjis', 'gbk'] as const) {
      const document = stored.get(`${main.origin}/cs/${key}`)!;
      expect(document.charset, key).toBe(legacy[key].charset);
      expect(gunzipText(document.body), key).toBe(`${legacyHead[key]}${legacy[key].text}${legacyTail}`);
    }
  });

  it('keeps markup injected into feed titles and summaries as plain text', () => {
    const hints = [1, 2].map((n) => JSON.parse(stored.get(`${main.origin}/p/inject-${n}`)!.feedItem!) as { title: string; summary: string });
    expect(hints[0]).toMatchObject({ title: 'Chip curbs tighten', summary: 'Officials said more.' });
    expect(hints[1]).toMatchObject({ title: 'Chips & rules', summary: 'Read on' });
    for (const hint of hints) {
      expect(`${hint.title} ${hint.summary}`).not.toMatch(/[<>]|script|javascript|onerror|onclick|iframe|display:none/i);
    }
  });

  it('stores the good feed’s pages', () => {
    expect(sourceOf(`${main.origin}/good.xml`)).toMatchObject({ lastStatus: 'ok', kind: 'rss' });
    for (const n of [1, 2, 3, 4]) {
      const document = stored.get(`${main.origin}/good/${n}`)!;
      expect(gunzipText(document.body)).toBe(article(`Good ${n}`));
    }
  });
});

describe('a second, hostile crawl of the same sources', () => {
  it('runs, refetches the updated items, and records each hostile answer', () => {
    expect(second.sources).toBe(18);
    expect(errorKinds(`${main.origin}/good/1`)).toEqual(['http-status']);
    expect(errorKinds(`${main.origin}/good/2`)).toEqual(['too-large']);
    expect(errorKinds(`${main.origin}/good/3`)).toEqual(['content-type']);
    expect(errorKinds(`${main.origin}/good/4`)).toEqual(['timeout']);
    expect(sourceOf(`${main.origin}/good2.xml`).lastStatus).toBe('parse-error');
  });

  it('neither loses nor alters a document the first crawl stored', () => {
    const after = new Map(db.select().from(documents).all().map((document) => [document.url, document]));
    expect(stored.size).toBeGreaterThan(15);
    for (const [url, before] of stored) {
      const now = after.get(url);
      expect(now, url).toBeDefined();
      expect(Buffer.compare(now!.body, before.body), url).toBe(0);
      expect(now).toEqual(before);
    }
  });
});
