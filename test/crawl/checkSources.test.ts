// `tracker sources check` against a loopback server: each kind of source is detected as the crawl
// detects it, failures carry the crawl's named kinds, robots.txt is obeyed, and nothing at all is
// written to the database (no sources, documents, robots.txt cache, fetch errors or queued pages).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkConfiguredSources, describeCheck, type SourceCheck } from '../../src/crawl/checkSources.ts';
import { importOpml } from '../../src/crawl/sources.ts';
import { openDatabase, closeDatabase, type TrackerDb } from '../../src/db/client.ts';
import { parseConfig } from '../../src/config/load.ts';
import { crawlItems, documents, fetchErrors, robotsTxt, sources } from '../../db/schema.ts';
import { runTracker } from '../support/cli.ts';
import { startLoopbackServer, type LoopbackServer } from './loopback.ts';

let server: LoopbackServer;
let workDir: string;
let db: TrackerDb;

const rss = (origin: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>${origin}/</link>
  <item><title>Chip rule tightened</title><link>${origin}/pages/a</link><pubDate>Tue, 15 Apr 2025 09:00:00 GMT</pubDate></item>
  <item><title>Distillation row</title><link>${origin}/pages/b</link><pubDate>Tue, 15 Apr 2025 08:00:00 GMT</pubDate></item>
  <item><title>A note without a page</title><description>No link here.</description></item>
</channel></rss>`;
const atom = (origin: string) => `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Lab blog</title><id>urn:lab</id><updated>2025-04-15T00:00:00Z</updated>
  <entry><title>On distillation</title><id>urn:lab:1</id><updated>2025-04-15T00:00:00Z</updated><link href="${origin}/pages/c"/></entry>
</feed>`;
const sitemap = (origin: string) => `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>${origin}/pages/d</loc><lastmod>2025-04-15</lastmod></url><url><loc>${origin}/pages/e</loc></url><url><loc>${origin}/pages/f</loc></url>
</urlset>`;

function serve(pathname: string, status: number, contentType: string, body: (origin: string) => string | Buffer): void {
  server.route(pathname, (_request, response) => {
    response.writeHead(status, { 'content-type': contentType });
    response.end(body(server.origin));
  });
}

beforeAll(async () => {
  server = await startLoopbackServer();
  serve('/robots.txt', 200, 'text/plain', () => 'User-agent: *\nDisallow: /private/\n');
  serve('/feed.rss', 200, 'application/rss+xml', rss);
  serve('/feed.atom', 200, 'application/atom+xml', atom);
  serve('/sitemap.xml', 200, 'application/xml', sitemap);
  serve('/news', 200, 'text/html; charset=utf-8', () => '<!doctype html><html><head><title>Newsroom</title><link rel="alternate" type="application/rss+xml" href="/feed.rss"></head><body><h1>News</h1></body></html>');
  serve('/about', 200, 'text/html; charset=utf-8', () => '<!doctype html><html><head><title>About</title></head><body><article><p>No feed here.</p></article></body></html>');
  serve('/broken', 500, 'text/plain', () => 'server error');
  serve('/private/feed.xml', 200, 'application/rss+xml', rss);
  serve('/logo.png', 200, 'image/png', () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  serve('/sitemap_index.xml', 200, 'application/xml', (origin) => `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>${origin}/sitemap.xml</loc><lastmod>2025-04-15</lastmod></sitemap><sitemap><loc>${origin}/missing-sitemap.xml</loc><lastmod>2025-04-14</lastmod></sitemap></sitemapindex>`);
});

afterAll(async () => { await server.close(); });

beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-check-'));
  db = openDatabase(path.join(workDir, 'tracker.sqlite'));
  server.requests.length = 0;
});

afterEach(() => {
  closeDatabase(db);
  fs.rmSync(workDir, { recursive: true, force: true });
});

function configFor(paths: string[]) {
  return parseConfig({
    fetch: { allowPrivateHosts: true, minDelayMs: 0, timeoutMs: 2000, perHostConcurrency: 4, userAgent: 'tracker-test/1.0' },
    sources: paths.map((pathname) => ({ url: `${server.origin}${pathname}`, name: `source ${pathname}` })),
  }, 'checkSources.test');
}

const rowCounts = () => ({
  sources: db.select().from(sources).all().length,
  documents: db.select().from(documents).all().length,
  robotsTxt: db.select().from(robotsTxt).all().length,
  fetchErrors: db.select().from(fetchErrors).all().length,
  crawlItems: db.select().from(crawlItems).all().length,
});

const byPath = (checks: SourceCheck[], pathname: string) => checks.find((check) => check.url === `${server.origin}${pathname}`)!;

describe('sources check', () => {
  it('reports each source type, item count and named error, obeys robots.txt, and writes nothing', async () => {
    const paths = ['/feed.rss', '/feed.atom', '/sitemap.xml', '/news', '/about', '/broken', '/private/feed.xml', '/logo.png', '/sitemap_index.xml'];
    const checks = await checkConfiguredSources(configFor(paths), db);

    expect(checks.map((check) => check.url)).toEqual(paths.map((pathname) => `${server.origin}${pathname}`));
    expect(checks.every((check) => check.origin === 'config')).toBe(true);

    expect(byPath(checks, '/feed.rss')).toMatchObject({ ok: true, kind: 'rss', items: 3, pages: 2, status: 200, error: null });
    expect(byPath(checks, '/feed.atom')).toMatchObject({ ok: true, kind: 'atom', items: 1, pages: 1 });
    expect(byPath(checks, '/sitemap.xml')).toMatchObject({ ok: true, kind: 'sitemap', items: 3, pages: 3 });
    expect(byPath(checks, '/news')).toMatchObject({ ok: true, kind: 'html+rss', items: 3, feedUrl: `${server.origin}/feed.rss` });
    expect(byPath(checks, '/about')).toMatchObject({ ok: true, kind: 'html', items: 0 });

    expect(byPath(checks, '/broken')).toMatchObject({ ok: false, kind: null, error: { kind: 'http-status' } });
    expect(byPath(checks, '/broken').error!.message).toContain('500');
    expect(byPath(checks, '/private/feed.xml')).toMatchObject({ ok: false, error: { kind: 'robots' } });
    expect(byPath(checks, '/logo.png')).toMatchObject({ ok: false, error: { kind: 'content-type' } });
    expect(byPath(checks, '/logo.png').error!.message).toContain('image/png');

    // An index is read one level deep; a child that fails is a warning, not a failure.
    const index = byPath(checks, '/sitemap_index.xml');
    expect(index).toMatchObject({ ok: true, kind: 'sitemap-index', items: 3 });
    expect(index.warnings).toEqual([expect.objectContaining({ url: `${server.origin}/missing-sitemap.xml`, kind: 'http-status' })]);

    // robots.txt was asked once for the origin, and the disallowed path never reached the server.
    expect(server.requests.filter((request) => request.path === '/robots.txt')).toHaveLength(1);
    expect(server.requests.some((request) => request.path.startsWith('/private/'))).toBe(false);
    // Listed article pages are not fetched by a check.
    expect(server.requests.some((request) => request.path.startsWith('/pages/'))).toBe(false);
    expect(server.requests.every((request) => request.headers['user-agent'] === 'tracker-test/1.0')).toBe(true);

    expect(rowCounts()).toEqual({ sources: 0, documents: 0, robotsTxt: 0, fetchErrors: 0, crawlItems: 0 });

    expect(describeCheck(byPath(checks, '/feed.rss'))).toMatch(/^ok rss, 3 items \(2 with a link\): source \/feed\.rss </);
    expect(describeCheck(byPath(checks, '/broken'))).toMatch(/^FAIL http-status: /);
  });

  it('checks the imported sources too, once each, and leaves their rows as they were', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
      <outline text="Imported wire" type="rss" xmlUrl="${server.origin}/feed.atom"/>
      <outline text="Also configured" type="rss" xmlUrl="${server.origin}/feed.rss"/></body></opml>`;
    importOpml(db, opml, 'test.opml');
    const before = db.select().from(sources).orderBy(sources.id).all();

    const checks = await checkConfiguredSources(configFor(['/feed.rss']), db);
    expect(checks.map((check) => [check.url, check.origin, check.kind])).toEqual([
      [`${server.origin}/feed.rss`, 'config', 'rss'],
      [`${server.origin}/feed.atom`, 'import', 'atom'],
    ]);
    expect(checks[1].name).toBe('Imported wire');
    expect(db.select().from(sources).orderBy(sources.id).all()).toEqual(before);
    expect(rowCounts()).toMatchObject({ documents: 0, robotsTxt: 0, fetchErrors: 0, crawlItems: 0 });
  });

  it('treats an unreachable robots.txt as the crawl does: nothing on the host is fetched', async () => {
    const other = await startLoopbackServer();
    try {
      other.route('/robots.txt', (_request, response) => { response.writeHead(503, { 'content-type': 'text/plain' }); response.end('down'); });
      other.route('/feed.rss', (_request, response) => { response.writeHead(200, { 'content-type': 'application/rss+xml' }); response.end(rss(other.origin)); });
      const config = parseConfig({ fetch: { allowPrivateHosts: true, minDelayMs: 0, timeoutMs: 2000 }, sources: [{ url: `${other.origin}/feed.rss` }] }, 'checkSources.test');
      const [check] = await checkConfiguredSources(config, null);
      expect(check).toMatchObject({ ok: false, error: { kind: 'robots' } });
      expect(check.error!.message).toContain('unreachable');
      expect(other.requests.map((request) => request.path)).toEqual(['/robots.txt']);
    } finally {
      await other.close();
    }
  });
});

describe('tracker sources check (the command)', () => {
  it('prints a JSON report as a child process, exits 0 with failing sources, and stores nothing', async () => {
    const configFile = path.join(workDir, 'tracker.config.yaml');
    fs.writeFileSync(configFile, [
      'fetch:',
      '  allowPrivateHosts: true',
      '  minDelayMs: 0',
      '  timeoutMs: 5000',
      'sources:',
      `  - url: ${server.origin}/feed.rss`,
      '    name: Loopback wire',
      `  - url: ${server.origin}/broken`,
      '',
    ].join('\n'));
    // A database that does not exist yet is neither created nor migrated by a check.
    const freshDb = path.join(workDir, 'fresh', 'tracker.sqlite');
    const json = await runTracker(['sources', 'check', '--json', '--config', configFile, '--db', freshDb]);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as SourceCheck[];
    expect(report.map((check) => [check.name, check.ok, check.kind, check.items, check.error?.kind ?? null])).toEqual([
      ['Loopback wire', true, 'rss', 3, null],
      [null, false, null, null, 'http-status'],
    ]);
    expect(fs.existsSync(freshDb)).toBe(false);

    // With an existing database its imported sources are checked too, and it is left as it was.
    importOpml(db, `<opml version="2.0"><body><outline text="Imported sitemap" xmlUrl="${server.origin}/sitemap.xml"/></body></opml>`);
    const text = await runTracker(['sources', 'check', '--config', configFile, '--db', path.join(workDir, 'tracker.sqlite')]);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ok rss, 3 items .*Loopback wire/);
    expect(lines[1]).toMatch(/^FAIL http-status: .*\/broken/);
    expect(lines[2]).toMatch(/^ok sitemap, 3 items: Imported sitemap .*\(imported\)$/);
    expect(text.stderr).toContain('3 checked, 2 ok, 1 failed');
    expect(rowCounts()).toEqual({ sources: 1, documents: 0, robotsTxt: 0, fetchErrors: 0, crawlItems: 0 });

    // A user error is still exit 1 with one line.
    const missing = await runTracker(['sources', 'check', '--config', path.join(workDir, 'nope.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  }, 60000);
});
