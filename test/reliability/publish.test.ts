// Publishing never takes the live site down and never deletes what is not the tracker's: the
// site a reader is browsing keeps answering, whole, while a new one is built, when that build is
// killed, and after; an output folder that holds anything else is refused and left untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startSampleServer, type SampleServer } from '../../samples/server.ts';
import { createSiteServer } from '../../src/publish/serveSite.ts';
import { runTracker } from '../support/cli.ts';
import { killWhen, mustRun, spawnTracker } from '../support/reliability.ts';

let samples: SampleServer;
let dir: string;
let config: string;
let db: string;
let out: string;
const notes: string[] = [];

beforeAll(async () => {
  samples = await startSampleServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-publish-'));
  config = path.join(dir, 'tracker.config.yaml');
  db = path.join(dir, 'data', 'tracker.sqlite');
  out = path.join(dir, 'www', 'site');
  const sources = samples.sources.map((source) => `  - url: ${source.url}\n    name: "${source.name}"`).join('\n');
  fs.writeFileSync(config, `fetch:\n  allowPrivateHosts: true\n  minDelayMs: 0\n  perHostConcurrency: 8\nsources:\n${sources}\n`);
  await mustRun(['run', '--config', config, '--db', db, '--out', out]);
}, 240_000);

afterAll(async () => {
  process.stdout.write(`publish reliability:\n${notes.map((line) => `  ${line}`).join('\n')}\n`);
  await samples?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A reader of the live site: fetches pages as fast as it can and counts every answer that is not a whole page. */
function reader(root: string, storyPage: string) {
  const server = createSiteServer(root);
  let port = 0;
  let running = true;
  let requests = 0;
  const failures: string[] = [];
  const get = (pathname: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: pathname }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; }).on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
  const loop = (async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    while (running) {
      for (const page of ['/', '/search-index.json', storyPage]) {
        requests++;
        try {
          const { status, body } = await get(page);
          if (status !== 200) failures.push(`${page}: ${status}`);
          else if (page === '/') {
            const css = /href="(\/[^"]+\.css)"/.exec(body)?.[1];
            if (!css || !body.includes('</html>')) failures.push('/: not a whole page');
            else if ((await get(css)).status !== 200) failures.push(`${css}: missing`);
          } else if (page === '/search-index.json') JSON.parse(body);
        } catch (error) {
          failures.push(`${page}: ${(error as Error).message}`);
        }
      }
    }
  })();
  return { stop: async () => { running = false; await loop; server.close(); return { requests, failures }; } };
}

const builds = () => fs.readdirSync(path.join(path.dirname(out), '.site.builds')).filter((name) => name.startsWith('build-'));

describe('publishing beside the live site', () => {
  it('keeps the site whole while it is rebuilt, when the rebuild is killed, and after', async () => {
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true);
    const before = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    const story = fs.readdirSync(path.join(out, 'stories'))[0];
    const live = reader(out, `/stories/${story}/`);
    // Killed in the middle of the build: once the new build folder has started to fill.
    const buildsBefore = new Set(builds());
    const killed = await killWhen(['publish', '--force', '--config', config, '--db', db, '--out', out], () => {
      const fresh = builds().filter((name) => !buildsBefore.has(name));
      return fresh.some((name) => fs.readdirSync(path.join(path.dirname(out), '.site.builds', name)).length > 0);
    });
    expect(killed.killed).toBe(true);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe(before);
    // A full build after the kill, still with a reader on the site.
    await mustRun(['publish', '--force', '--config', config, '--db', db, '--out', out]);
    const { requests, failures } = await live.stop();
    notes.push(`${requests} requests to the live site during a killed and a complete publish: ${failures.length} failed`);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(10);
    // The abandoned build is gone; the live build and the one before it are kept.
    expect(builds()).toHaveLength(2);
    expect(fs.existsSync(path.join(out, 'search-index.json'))).toBe(true);
    // Readable by a web server running as another user.
    expect(fs.statSync(out).mode & 0o755).toBe(0o755);
    expect(fs.readdirSync(out).some((name) => /manifest|chunks|\.prerender/.test(name))).toBe(false);
  }, 180_000);

  it('lets two publishes into one folder take turns', async () => {
    const first = spawnTracker(['publish', '--force', '--config', config, '--db', db, '--out', out, '--wait', '300']);
    const second = spawnTracker(['publish', '--force', '--config', config, '--db', db, '--out', out, '--wait', '300']);
    const [a, b] = await Promise.all([first.done, second.done]);
    // The second waits for the database the first is publishing from, then builds.
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    expect(fs.existsSync(path.join(out, 'index.html'))).toBe(true);
    expect(builds()).toHaveLength(2);
  }, 240_000);
});

describe('an output folder that is not the tracker\'s', () => {
  it('is refused and left as it was, the database too', async () => {
    const foreign = path.join(dir, 'documents');
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, 'thesis.txt'), 'years of work');
    const size = fs.statSync(db).size;
    const cases: [string, string[], RegExp][] = [
      ['a folder with other files', ['--out', foreign], /holds files the tracker did not write/],
      ['an empty --out (an unset variable)', ['--out', ''], /output folder is empty/],
      ["the database's folder", ['--out', path.dirname(db)], /database's folder/],
      ['the home folder', ['--out', os.homedir()], /home folder/],
      ['the root folder', ['--out', '/'], /root folder/],
      ['an over-long name', ['--out', path.join(dir, 'x'.repeat(5000))], /too long/],
    ];
    for (const [index, [name, args, message]] of cases.entries()) {
      // `run` checks its folder before it crawls, with the same rule; two cases show that.
      for (const command of index < 2 ? ['publish', 'run'] : ['publish']) {
        const result = await runTracker([command, '--config', config, '--db', db, ...args]);
        expect(result.code, `${command} with ${name}`).toBe(1);
        expect(result.stderr, `${command} with ${name}`).toMatch(message);
        expect(result.stderr.trim().split('\n'), `${command} with ${name}: one line`).toHaveLength(1);
      }
    }
    expect(fs.readdirSync(foreign)).toEqual(['thesis.txt']);
    expect(fs.readFileSync(path.join(foreign, 'thesis.txt'), 'utf8')).toBe('years of work');
    expect(fs.existsSync(db)).toBe(true);
    expect(fs.statSync(db).size).toBeGreaterThanOrEqual(size);
    notes.push(`${cases.length + 2} refused output folders, nothing deleted`);
  }, 120_000);
});
