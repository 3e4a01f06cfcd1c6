// The `tracker` command as users script against it (CONTRACT.md): help, one-line errors with
// exit status 1, parse-article and parse-feed over many files, and a run on feeds it has never
// seen, served on loopback by the test itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { runTracker, runTrackerInProcess, repoRoot } from '../support/cli.ts';
import { exportSchema } from '../../src/publish/exportSchema.ts';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-cli-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

const lines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line));

describe('help and errors', () => {
  it('lists every command and the global options', async () => {
    const result = await runTracker(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['run', 'export', 'parse-article', 'parse-feed', 'crawl', 'extract', 'cluster', 'publish', 'sources', 'demo']) {
      expect(result.stdout).toMatch(new RegExp(`\\n\\s+${command}\\b`));
    }
    const sub = await runTracker(['run', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--out');
    expect(sub.stdout).toContain('--config');
  });

  it('reports an unknown config key with file and line, in one line, exit 1', async () => {
    const file = path.join(dir, 'bad-key.yaml');
    fs.writeFileSync(file, 'fetch:\n  timeoutMs: 1000\n  retries: 3\n');
    const result = await runTracker(['sources', '--config', file, '--db', path.join(dir, 'x.sqlite')]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`${file}:3`);
    expect(result.stderr).toContain('retries');
  });

  it('reports broken YAML and a missing config file in one line', async () => {
    const file = path.join(dir, 'broken.yaml');
    fs.writeFileSync(file, 'sources:\n  - url: [unclosed\n');
    const broken = await runTracker(['sources', '--config', file]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.yaml:\d+: invalid YAML/);
    const missing = await runTracker(['export', '--config', path.join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.yaml: not found/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports an unwritable database in one line', async () => {
    fs.writeFileSync(path.join(dir, 'plain-file'), 'not a folder');
    const result = await runTracker(['sources', '--db', path.join(dir, 'plain-file', 'tracker.sqlite')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tracker: cannot open database .*plain-file.* is a file, not a folder\n$/);
  });
});

describe('parse-article', () => {
  it('extracts many files in input order, with a URL map, and reports unreadable ones without stopping', async () => {
    const pageA = path.join(dir, 'page-a.html');
    const pageB = path.join(dir, 'page-b.html.gz');
    fs.writeFileSync(pageA, `<!doctype html><html lang="en"><head><title>Rule change | Example News</title>
      <meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2025-05-13T18:00:00Z">
      <meta name="author" content="Ines Carvalho"></head><body><nav>Home | World | Business</nav><article><h1>Rule change</h1>
      <p>The Commerce Department said on Tuesday it would not enforce the rule, which had been due to take effect this week.</p>
      <p>Officials said a replacement would follow. Industry groups welcomed the decision, while critics warned about gaps.</p>
      <p>The rule had divided countries into three tiers for access to advanced chips, with most of the world in the middle tier.</p>
      </article><footer>Copyright Example News</footer></body></html>`);
    fs.writeFileSync(pageB, zlib.gzipSync(Buffer.from(`<html><head><meta charset="utf-8"><title>Second story</title></head><body><article><h1>Second story</h1><p>${'A sentence about export licences for accelerator chips. '.repeat(12)}</p></article></body></html>`)));
    const map = path.join(dir, 'urls.tsv');
    fs.writeFileSync(map, `page-a\thttps://news.example/2025/05/rule-change\npage-b\thttps://news.example/second\n`);
    const result = await runTrackerInProcess(['parse-article', '--url-map', map, pageA, path.join(dir, 'missing.html'), pageB]);
    expect(result.code).toBe(0);
    const [a, missing, b] = lines(result.stdout);
    expect(a).toMatchObject({ file: pageA, url: 'https://news.example/2025/05/rule-change', title: 'Rule change', byline: 'Ines Carvalho', publishedAt: '2025-05-13T18:00:00.000Z', siteName: 'Example News', lang: 'en' });
    expect(a.text).toContain('three tiers for access to advanced chips');
    expect(a.text).not.toContain('Home | World');
    expect(missing.file).toContain('missing.html');
    expect(missing.error).toBeTruthy();
    expect(b).toMatchObject({ url: 'https://news.example/second', title: 'Second story' });
    expect(b.text).toContain('export licences');
  });
});

describe('parse-feed', () => {
  it('parses RSS, Atom and JSON Feed files and reports a broken one with ok:false', async () => {
    const rss = path.join(dir, 'feed.rss');
    const atom = path.join(dir, 'feed.atom');
    const json = path.join(dir, 'feed.json');
    const broken = path.join(dir, 'broken.xml');
    fs.writeFileSync(rss, `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire &amp; Co</title><link>https://wire.example/</link>
      <item><title>BIS adds entities</title><link>https://wire.example/a</link><guid>a1</guid><pubDate>Wed, 15 Jan 2025 16:00:00 GMT</pubDate><description>&lt;p&gt;Sixteen more&lt;/p&gt;</description></item></channel></rss>`);
    fs.writeFileSync(atom, `<feed xmlns="http://www.w3.org/2005/Atom"><title>Law blog</title><link href="https://law.example/"/>
      <entry><id>tag:law.example,2025:1</id><title>Reading the rule</title><link href="/posts/1"/><updated>2025-01-14T10:00:00Z</updated><summary>What changes</summary></entry></feed>`);
    fs.writeFileSync(json, JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Newsletter', items: [{ id: '9', url: 'https://nl.example/9', title: 'Issue 9', date_published: '2025-02-01T08:00:00Z', summary: 'Distillation, explained' }] }));
    fs.writeFileSync(broken, '<html><body>not a feed</body></html>');
    const result = await runTrackerInProcess(['parse-feed', '--url', 'https://law.example/feed', rss, atom, json, broken]);
    expect(result.code).toBe(0);
    const [r, a, j, b] = lines(result.stdout);
    expect(r).toMatchObject({ ok: true, format: 'rss', title: 'Wire & Co', items: [{ id: 'a1', title: 'BIS adds entities', link: 'https://wire.example/a', publishedAt: '2025-01-15T16:00:00.000Z', summary: 'Sixteen more' }] });
    expect(a).toMatchObject({ ok: true, format: 'atom', items: [{ link: 'https://law.example/posts/1' }] });
    expect(j).toMatchObject({ ok: true, format: 'jsonfeed', items: [{ id: '9', title: 'Issue 9' }] });
    expect(b.ok).toBe(false);
    expect(b.error).toMatch(/HTML page/);
  });
});

describe('tracker run on feeds it has never seen', () => {
  it('crawls, extracts and exports them in the CONTRACT shape, recording a failing source', async () => {
    const paragraphs = (topic: string) => Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1}: ${topic} The Bureau of Industry and Security said the export controls on advanced AI chips would tighten, and Nvidia said it expected lower sales in China as a result of the licence requirement.</p>`).join('');
    const pages: Record<string, string> = {
      '/news/one': `<html lang="en"><head><title>US tightens AI chip export controls</title><meta property="article:published_time" content="2025-03-03T10:00:00Z"></head><body><article><h1>US tightens AI chip export controls</h1>${paragraphs('Washington moved on Monday.')}</article></body></html>`,
      '/news/two': `<html lang="en"><head><title>Chipmakers weigh new export curbs</title><meta property="article:published_time" content="2025-03-04T10:00:00Z"></head><body><article><h1>Chipmakers weigh new export curbs</h1>${paragraphs('Industry reacted on Tuesday.')}</article></body></html>`,
    };
    const server = http.createServer((request, response) => {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      if (request.url === '/feed') {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.end(`<rss version="2.0"><channel><title>Unseen Outlet</title>${Object.keys(pages).map((p) => `<item><title>x</title><link>${base}${p}</link></item>`).join('')}</channel></rss>`);
      } else if (request.url === '/gone') {
        response.writeHead(410).end('gone');
      } else if (pages[request.url!]) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages[request.url!]);
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const config = path.join(dir, 'unseen.yaml');
    fs.writeFileSync(config, `fetch:\n  allowPrivateHosts: true\n  minDelayMs: 0\nsources:\n  - url: http://127.0.0.1:${port}/feed\n  - url: http://127.0.0.1:${port}/gone\n    name: Gone Feed\n`);
    const db = path.join(dir, 'unseen.sqlite');
    try {
      const run = await runTracker(['run', '--config', config, '--db', db, '--out', path.join(dir, 'unseen-site')], { env: { TRACKER_SITE_CACHE_DIR: path.join(dir, 'unseen-cache') }, timeoutMs: 180000 });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/crawl: 2 sources \(1 failed/);
      const exported = exportSchema.parse(JSON.parse((await runTracker(['export', '--config', config, '--db', db])).stdout));
      expect(exported.articles.map((article) => article.title).sort()).toEqual(['Chipmakers weigh new export curbs', 'US tightens AI chip export controls']);
      expect(exported.articles.every((article) => article.topics.includes('export-controls'))).toBe(true);
      expect(exported.stories.length).toBeGreaterThanOrEqual(1);
      const sources = JSON.parse((await runTracker(['sources', '--json', '--config', config, '--db', db])).stdout) as { name: string | null; lastStatus: string; consecutiveFailures: number; lastError: string }[];
      const gone = sources.find((source) => source.name === 'Gone Feed')!;
      expect(gone).toMatchObject({ lastStatus: 'http-status', consecutiveFailures: 1 });
      expect(gone.lastError).toContain('410');
      // The error log keeps each failure with its page and kind, newest first, per source.
      const errors = await runTrackerInProcess(['sources', 'errors', '--json', '--config', config, '--db', db, '--source', 'Gone Feed']);
      expect(errors.code, errors.stderr).toBe(0);
      expect(JSON.parse(errors.stdout)).toEqual([expect.objectContaining({ kind: 'http-status', url: `http://127.0.0.1:${port}/gone`, sourceName: 'Gone Feed', message: expect.stringContaining('410') })]);
      const text = await runTrackerInProcess(['sources', 'errors', '--config', config, '--db', db]);
      expect(text.stdout).toMatch(/^\S+ {2}http-status {2}http:\/\/127\.0\.0\.1:\d+\/gone\n {2}.*410/);
      const unknown = await runTrackerInProcess(['sources', 'errors', '--config', config, '--db', db, '--source', 'Nobody']);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('no source with URL or name "Nobody"');
    } finally {
      server.close();
    }
  }, 200000);
});

describe('README', () => {
  it('documents every command, every flag and every config key', async () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const help = await runTrackerInProcess(['--help']);
    const commands = [...help.stdout.matchAll(/^\s{2}([a-z][a-z-]+)\b/gm)].map((match) => match[1]).filter((name) => name !== 'help');
    expect(commands.length).toBeGreaterThan(8);
    for (const command of commands) {
      expect(readme, `README lacks command ${command}`).toContain(`tracker ${command}`);
      const sub = await runTrackerInProcess([command, '--help']);
      for (const flag of new Set([...sub.stdout.matchAll(/(--[a-z][a-z-]+)/g)].map((match) => match[1]))) {
        if (flag === '--help') continue;
        expect(readme, `README lacks ${command} ${flag}`).toContain(flag);
      }
    }
    const { configSchema } = await import('../../src/config/schema.ts');
    const keys: string[] = [];
    const walk = (shape: Record<string, unknown>, prefix: string) => {
      for (const [key, value] of Object.entries(shape)) {
        keys.push(prefix + key);
        let inner = value as { def?: { innerType?: unknown; type?: string; shape?: Record<string, unknown> }; shape?: Record<string, unknown> };
        while (inner?.def?.innerType) inner = inner.def.innerType as typeof inner;
        if (inner?.shape) walk(inner.shape, `${prefix}${key}.`);
      }
    };
    walk(configSchema.shape as Record<string, unknown>, '');
    for (const key of keys) expect(readme, `README lacks config key ${key}`).toContain(key.split('.').pop()!);
  }, 120000);
});
