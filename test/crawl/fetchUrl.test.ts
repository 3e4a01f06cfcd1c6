// The crawler's own HTTP against a real loopback server: validators and 304, deadlines, body caps
// (also after decompression), redirects, named HTTP failures, Retry-After, and the address guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import dns from 'node:dns';
import os from 'node:os';
import { fetchUrl, FetchError, parseRetryAfter, type FetchOptions } from '../../src/crawl/fetchUrl.ts';
import { guardedLookup, isBlockedAddress, BlockedAddressError } from '../../src/crawl/addressGuard.ts';
import { startLoopbackServer, type LoopbackServer } from './loopback.ts';

const options: FetchOptions = { userAgent: 'tracker-test/1.0', timeoutMs: 800, maxBytes: 64 * 1024, allowPrivateHosts: true };

// The machine's own host name resolves (through /etc/hosts) to a loopback or private address on
// most hosts: a name the URL check cannot know about, so only the connect-time lookup stops it.
const hostName = os.hostname();
const resolved = await dns.promises.lookup(hostName, { all: true }).catch(() => []);
const resolvesPrivate = resolved.length > 0 && resolved.every((entry) => isBlockedAddress(entry.address));

let server: LoopbackServer;

async function fetchError(url: string, extra: Partial<FetchOptions> = {}): Promise<FetchError> {
  try {
    await fetchUrl(url, { ...options, ...extra });
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error(`expected ${url} to fail`);
}

const PAGE = '<!doctype html><title>Export rules</title><p>Body</p>';
const ETAG = '"v1-abc"';
const LAST_MODIFIED = 'Tue, 15 Apr 2025 09:00:00 GMT';

beforeAll(async () => {
  server = await startLoopbackServer();
  server.route('/page', (request, response) => {
    if (request.headers['if-none-match'] === ETAG || request.headers['if-modified-since'] === LAST_MODIFIED) {
      response.writeHead(304, { etag: ETAG, 'last-modified': LAST_MODIFIED });
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: ETAG, 'last-modified': LAST_MODIFIED });
    response.end(PAGE);
  });
  server.route('/slow-body', (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    // A byte every 50 ms: never idle long enough for a per-chunk timeout, never finished.
    const timer = setInterval(() => response.write('x'), 50);
    response.on('close', () => clearInterval(timer));
  });
  server.route('/no-headers', () => { /* accepts the request and never answers */ });
  server.route('/huge-chunked', (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(16 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < 4 * 1024 * 1024) {
        sent += chunk.length;
        if (!response.write(chunk)) { response.once('drain', pump); return; }
      }
      response.end();
    };
    pump();
  });
  server.route('/huge-declared', (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
    response.write('only the start');
  });
  // 1 MB of zeros compresses to about 1 KB; 200 gzip members back to back inflate to 200 MB.
  const member = zlib.gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  const bomb = Buffer.concat(Array.from({ length: 200 }, () => member));
  server.route('/gzip-bomb', (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
    response.end(bomb);
  });
  server.route('/gzip-small', (_request, response) => {
    const body = zlib.gzipSync(Buffer.from(PAGE));
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    response.end(body);
  });
  server.route('/loop-a', (_request, response) => { response.writeHead(302, { location: '/loop-b' }); response.end(); });
  server.route('/loop-b', (_request, response) => { response.writeHead(301, { location: '/loop-a' }); response.end(); });
  for (let hop = 0; hop < 6; hop++) {
    server.route(`/chain/${hop}`, (_request, response) => { response.writeHead(302, { location: `/chain/${hop + 1}` }); response.end(); });
  }
  server.route('/chain/6', (_request, response) => { response.end('end of chain'); });
  server.route('/hop/1', (_request, response) => { response.writeHead(301, { location: '/hop/2' }); response.end(); });
  server.route('/hop/2', (_request, response) => { response.writeHead(307, { location: `${server.origin}/hop/3` }); response.end(); });
  server.route('/hop/3', (_request, response) => { response.writeHead(308, { location: '../page' }); response.end(); });
  server.route('/to-file', (_request, response) => { response.writeHead(302, { location: 'file:///etc/passwd' }); response.end(); });
  server.route('/error', (_request, response) => { response.writeHead(500); response.end('boom'); });
  server.route('/rate-seconds', (_request, response) => { response.writeHead(429, { 'retry-after': '120' }); response.end(); });
  server.route('/rate-date', (_request, response) => {
    response.writeHead(503, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() });
    response.end();
  });
});

afterAll(async () => { await server.close(); });

describe('fetchUrl', () => {
  it('returns the body with its validators, and notModified on a conditional request', async () => {
    const first = await fetchUrl(`${server.origin}/page`, options);
    expect(first.status).toBe(200);
    expect(first.notModified).toBe(false);
    expect(first.body.toString('utf8')).toBe(PAGE);
    expect(first.contentType).toBe('text/html; charset=utf-8');
    expect(first.headers.etag).toBe(ETAG);
    expect(first.headers['last-modified']).toBe(LAST_MODIFIED);

    const byEtag = await fetchUrl(`${server.origin}/page`, { ...options, etag: first.headers.etag });
    expect(byEtag.notModified).toBe(true);
    expect(byEtag.status).toBe(304);
    expect(byEtag.body.length).toBe(0);
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe(ETAG);

    const byDate = await fetchUrl(`${server.origin}/page`, { ...options, lastModified: first.headers['last-modified'] });
    expect(byDate.notModified).toBe(true);
    expect(server.requests.at(-1)?.headers['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('decompresses a gzip body', async () => {
    const result = await fetchUrl(`${server.origin}/gzip-small`, options);
    expect(result.body.toString('utf8')).toBe(PAGE);
  });

  it('gives up on a body that trickles forever, within the deadline', async () => {
    const started = Date.now();
    const error = await fetchError(`${server.origin}/slow-body`, { timeoutMs: 500 });
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('gives up on a server that never sends headers, within the deadline', async () => {
    const started = Date.now();
    const error = await fetchError(`${server.origin}/no-headers`, { timeoutMs: 400 });
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('stops reading a body larger than maxBytes (chunked, no length)', async () => {
    const error = await fetchError(`${server.origin}/huge-chunked`);
    expect(error.kind).toBe('too-large');
  });

  it('refuses a declared Content-Length over maxBytes without waiting for the body', async () => {
    const started = Date.now();
    const error = await fetchError(`${server.origin}/huge-declared`, { timeoutMs: 3000 });
    expect(error.kind).toBe('too-large');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops a gzip bomb at maxBytes of inflated data without holding it in memory', async () => {
    const before = process.memoryUsage().rss;
    const error = await fetchError(`${server.origin}/gzip-bomb`, { timeoutMs: 3000 });
    expect(error.kind).toBe('too-large');
    // The bomb inflates to 200 MB; a capped reader holds at most maxBytes of it.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('names a redirect loop', async () => {
    const error = await fetchError(`${server.origin}/loop-a`);
    expect(error.kind).toBe('redirect-loop');
  });

  it('refuses a sixth redirect', async () => {
    const error = await fetchError(`${server.origin}/chain/0`);
    expect(error.kind).toBe('too-many-redirects');
    expect(server.requests.some((request) => request.path === '/chain/6')).toBe(false);
  });

  it('follows five redirects when allowed exactly five', async () => {
    const result = await fetchUrl(`${server.origin}/chain/1`, options);
    expect(result.body.toString()).toBe('end of chain');
    expect(result.finalUrl).toBe(`${server.origin}/chain/6`);
  });

  it('follows a 3-hop redirect (relative, absolute, dot-segment) and reports the final URL', async () => {
    const result = await fetchUrl(`${server.origin}/hop/1`, options);
    expect(result.status).toBe(200);
    expect(result.url).toBe(`${server.origin}/hop/1`);
    expect(result.finalUrl).toBe(`${server.origin}/page`);
    expect(result.body.toString()).toBe(PAGE);
  });

  it('refuses a redirect to a non-HTTP scheme', async () => {
    const error = await fetchError(`${server.origin}/to-file`);
    expect(error.kind).toBe('invalid-url');
  });

  it('names an HTTP 500', async () => {
    const error = await fetchError(`${server.origin}/error`);
    expect(error.kind).toBe('http-status');
    expect(error.status).toBe(500);
  });

  it('reads Retry-After in seconds on a 429', async () => {
    const error = await fetchError(`${server.origin}/rate-seconds`);
    expect(error.kind).toBe('rate-limited');
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(120_000);
  });

  it('reads Retry-After as an HTTP date on a 503', async () => {
    const error = await fetchError(`${server.origin}/rate-date`);
    expect(error.kind).toBe('rate-limited');
    expect(error.status).toBe(503);
    // HTTP dates have whole seconds, so up to a second is lost.
    expect(error.retryAfterMs).toBeGreaterThan(88_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(90_000);
  });

  it('names an unparseable URL and an unsupported scheme', async () => {
    expect((await fetchError('not a url')).kind).toBe('invalid-url');
    expect((await fetchError('ftp://example.org/feed.xml')).kind).toBe('invalid-url');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-04-15T09:00:00Z');
  it('reads seconds, dates, past dates and junk', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter(' 5 ', now)).toBe(5_000);
    expect(parseRetryAfter('Tue, 15 Apr 2025 09:02:00 GMT', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 15 Apr 2025 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('address guard in fetchUrl (allowPrivateHosts: false)', () => {
  const guarded = { allowPrivateHosts: false } as const;

  it('refuses literal private and loopback IPs before any request is sent', async () => {
    const before = server.requests.length;
    for (const url of [
      `http://127.0.0.1:${server.port}/page`,
      `http://[::1]:${server.port}/page`,
      `http://[::ffff:127.0.0.1]:${server.port}/page`,
      `http://0x7f000001:${server.port}/page`,
      `http://2130706433:${server.port}/page`,
      `http://127.1:${server.port}/page`,
      `http://169.254.169.254/latest/meta-data/`,
    ]) {
      const error = await fetchError(url, guarded);
      expect(error.kind, url).toBe('blocked-address');
    }
    expect(server.requests.length).toBe(before);
  });

  it('refuses localhost by name before any request is sent', async () => {
    const before = server.requests.length;
    expect((await fetchError(`http://localhost:${server.port}/page`, guarded)).kind).toBe('blocked-address');
    expect((await fetchError(`http://feeds.localhost:${server.port}/page`, guarded)).kind).toBe('blocked-address');
    expect(server.requests.length).toBe(before);
  });

  it.runIf(resolvesPrivate)('refuses a host name that resolves to a blocked address, at connect time, with no request sent', async () => {
    const wide = await startLoopbackServer('0.0.0.0');
    wide.route('/page', (_request, response) => { response.end(PAGE); });
    try {
      const error = await fetchError(`http://${hostName}:${wide.port}/page`, guarded);
      expect(error.kind).toBe('blocked-address');
      expect(error.message).toContain(hostName);
      expect(wide.requests.length).toBe(0);
      // The same name is fetched when private hosts are allowed, so the refusal above was the guard.
      const allowed = await fetchUrl(`http://${hostName}:${wide.port}/page`, { ...options, allowPrivateHosts: true });
      expect(allowed.status).toBe(200);
      expect(wide.requests.length).toBe(1);
    } finally {
      await wide.close();
    }
  });
});

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1', '127.255.255.254', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.20.1.1', '172.31.255.255',
    '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.127.255.255', '0.0.0.0', '224.0.0.1', '239.255.255.250',
    '255.255.255.255', '::', '::1', '[::1]', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    '::ffff:10.0.0.1', '::ffff:a00:1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::127.0.0.1',
    '64:ff9b::7f00:1', '64:ff9b::10.0.0.1', '2002:7f00:1::', '2002:a00:1::1', 'fe80::1%eth0',
  ])('blocks %s', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34', '8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1',
    '192.169.0.1', '11.0.0.1', '2606:4700::1111', '2001:4860:4860::8888', '[2a00:1450:4001:80b::200e]',
    // NAT64 and 6to4 forms of a public IPv4 address (93.184.216.34): judged by the address they carry.
    '64:ff9b::5db8:d822', '64:ff9b::93.184.216.34', '2002:5db8:d822::1',
  ])('allows public %s', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  it('treats a host name as not an address', () => {
    expect(isBlockedAddress('example.org')).toBe(false);
  });
});

describe('guardedLookup', () => {
  const lookup = (hostname: string, all: boolean) => new Promise<{ error: Error | null; address: unknown; family?: number }>((resolve) => {
    guardedLookup(hostname, { all }, (error, address, family) => resolve({ error, address, family }));
  });

  it('fails for localhost, which resolves to loopback', async () => {
    for (const all of [false, true]) {
      const { error } = await lookup('localhost', all);
      expect(error).toBeInstanceOf(BlockedAddressError);
      expect(error?.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1)/);
    }
  });

  it('passes through a resolver failure', async () => {
    const { error } = await lookup('no-such-host.invalid', false);
    expect(error).not.toBeNull();
    expect(error).not.toBeInstanceOf(BlockedAddressError);
  });

  it('resolves a public address literal in both callback shapes', async () => {
    const single = await lookup('93.184.216.34', false);
    expect(single).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    const list = await lookup('2606:4700::1111', true);
    expect(list.error).toBeNull();
    expect(list.address).toEqual([{ address: '2606:4700::1111', family: 6 }]);
  });
});
