// The pages a feed lists are pending work until each is stored: a page that fails, is skipped
// for a rate-limiting host, or is over a run's limit is fetched by a later run even though the
// feed answers 304 to its validators, with backoff between attempts, and given up after the last.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { crawl, MAX_PAGE_ATTEMPTS, pageBackoffMs } from '../../src/crawl/crawl.ts';
import { openDatabase, closeDatabase, type TrackerDb } from '../../src/db/client.ts';
import { parseConfig } from '../../src/config/load.ts';
import { crawlItems, documents } from '../../db/schema.ts';
import { startLoopbackServer, type LoopbackServer } from './loopback.ts';

let server: LoopbackServer;
let workDir: string;
let db: TrackerDb;
/** Status each page answers with now. */
const status = new Map<string, number>();

const FEED_ETAG = '"feed-v1"';
const pages = ['one', 'two', 'three', 'four'];

function rss(): string {
  const items = pages.map((id, n) => `<item><title>Story ${id}</title><link>${server.origin}/story/${id}</link><pubDate>Mon, 0${n + 1} Dec 2025 10:00:00 GMT</pubDate></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Queue test</title><link>${server.origin}/</link>${items}</channel></rss>`;
}

const config = (fetch: Record<string, unknown> = {}) => parseConfig({
  fetch: { allowPrivateHosts: true, minDelayMs: 0, timeoutMs: 1500, perHostConcurrency: 1, userAgent: 'tracker-test/1.0', ...fetch },
  sources: [{ url: `${server.origin}/feed.xml`, name: 'Queue test' }],
}, 'crawlQueue.test');

const item = (id: string) => db.select().from(crawlItems).where(eq(crawlItems.url, `${server.origin}/story/${id}`)).get()!;
const stored = () => db.select({ url: documents.url }).from(documents).all().map((row) => row.url.replace(/.*\/story\//, '')).sort();
const makeDue = () => db.update(crawlItems).set({ nextAttemptAt: new Date(Date.now() - 1000).toISOString() }).run();

beforeAll(async () => {
  server = await startLoopbackServer();
  server.route('/robots.txt', (_request, response) => { response.writeHead(404); response.end(); });
  server.route('/feed.xml', (request, response) => {
    if (request.headers['if-none-match'] === FEED_ETAG) { response.writeHead(304); response.end(); return; }
    response.writeHead(200, { 'content-type': 'application/rss+xml', etag: FEED_ETAG });
    response.end(rss());
  });
  for (const id of pages) {
    server.route(`/story/${id}`, (_request, response) => {
      const code = status.get(id) ?? 200;
      response.writeHead(code, { 'content-type': 'text/html; charset=utf-8' });
      response.end(code === 200 ? `<html><head><title>Story ${id}</title></head><body><article><p>Export controls story ${id}.</p></article></body></html>` : 'error');
    });
  }
});
afterAll(async () => { await server.close(); });
beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-queue-'));
  db = openDatabase(path.join(workDir, 'tracker.sqlite'));
  status.clear();
});
afterEach(() => { closeDatabase(db); fs.rmSync(workDir, { recursive: true, force: true }); });

describe('pages listed by a feed', () => {
  it('a page that answered 500 is retried after its backoff although the feed answers 304', async () => {
    status.set('two', 500);
    const first = await crawl(db, config());
    expect(first).toMatchObject({ pagesFetched: 3, pagesFailed: 1, pagesWaiting: 1 });
    expect(item('two')).toMatchObject({ state: 'failed', attempts: 1, lastErrorKind: 'http-status' });
    expect(Date.parse(item('two').nextAttemptAt!) - Date.now()).toBeGreaterThan(pageBackoffMs(1) - 60_000);

    // Not due yet: the next run leaves it alone.
    status.delete('two');
    const early = await crawl(db, config());
    expect(early).toMatchObject({ feedsNotModified: 1, pagesFetched: 0, pagesWaiting: 1 });

    makeDue();
    const later = await crawl(db, config());
    expect(later).toMatchObject({ feedsNotModified: 1, pagesFetched: 1, pagesWaiting: 0 });
    expect(item('two')).toMatchObject({ state: 'fetched', attempts: 0, lastError: null });
    expect(stored()).toEqual(['four', 'one', 'three', 'two']);
  });

  it('a page skipped because its host was rate-limiting waits, and --force retries both at once', async () => {
    // Pages are fetched newest first: four, three, two, one. A 503 on three pauses the host.
    status.set('three', 503);
    await crawl(db, config());
    expect(item('three')).toMatchObject({ state: 'failed', lastErrorKind: 'rate-limited' });
    expect(item('two')).toMatchObject({ state: 'skipped', lastErrorKind: 'rate-limited' });
    expect(stored()).toEqual(['four']);
    status.delete('three');
    const forced = await crawl(db, config(), { force: true });
    expect(forced.pagesFetched).toBe(3);
    expect(stored()).toHaveLength(4);
  });

  it('gives up after the last attempt, and counts each failure with a growing backoff', async () => {
    status.set('one', 404);
    await crawl(db, config());
    const waits: number[] = [];
    for (let attempt = 2; attempt <= MAX_PAGE_ATTEMPTS; attempt++) {
      makeDue();
      await crawl(db, config());
      if (item('one').nextAttemptAt) waits.push(Math.round((Date.parse(item('one').nextAttemptAt!) - Date.now()) / 60_000));
    }
    expect(item('one')).toMatchObject({ state: 'gave-up', attempts: MAX_PAGE_ATTEMPTS, nextAttemptAt: null });
    // Minutes: 40, 160, 640, then a day each time.
    expect(waits).toEqual([40, 160, 640, 1440, 1440, 1440]);
    makeDue();
    const after = await crawl(db, config());
    expect(after.pagesFailed).toBe(0);
  });

  it('a stored page whose document was deleted is fetched again', async () => {
    await crawl(db, config());
    db.delete(documents).where(eq(documents.url, `${server.origin}/story/four`)).run();
    const again = await crawl(db, config(), { force: true });
    expect(again.pagesFetched).toBe(1);
    expect(stored()).toEqual(['four', 'one', 'three', 'two']);
  });
});
