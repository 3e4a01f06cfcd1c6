// A loopback HTTP server for the sample corpus in samples/site/, used by `tracker demo` and the tests.
// It replaces the {{BASE}} placeholder with its own origin, sends validators (ETag,
// Last-Modified) and answers conditional requests with 304, like a well-behaved news site.
//
//   node bin/run-ts.mjs samples/server.ts [--port 8080] [--host 127.0.0.1]   (serves it alone)
import http from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SampleSource { url: string; name: string; topics?: string[] }
export interface SampleServer { baseUrl: string; port: number; sources: SampleSource[]; close(): Promise<void> }

/** The corpus is data in the repository's samples/ folder; this module is the code that serves it. */
const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));
const siteRoot = path.join(samplesDir, 'site');
const PLACEHOLDER = '{{BASE}}';

interface OutletEntry { slug: string; name: string; feedPath: string; feedFormat: 'rss' | 'atom' | 'json' }

function loadOutlets(): OutletEntry[] {
  return JSON.parse(readFileSync(path.join(samplesDir, 'outlets.json'), 'utf8')) as OutletEntry[];
}

const STATIC_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.opml': 'text/x-opml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
};

/** Content-Type from the extension, and for .xml/.json/extension-less files from the content. */
function contentType(file: string, body: Buffer): string {
  const ext = path.extname(file).toLowerCase();
  const head = body.subarray(0, 1024).toString('latin1');
  if (ext === '.html' || ext === '.htm') {
    const declared = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
    return `text/html; charset=${declared}`;
  }
  if (ext === '.atom') return 'application/atom+xml; charset=utf-8';
  if (ext === '.json') return /jsonfeed\.org/.test(head) ? 'application/feed+json; charset=utf-8' : 'application/json; charset=utf-8';
  if (ext === '.xml' || ext === '.rss' || ext === '') {
    if (/<feed[\s>]/.test(head)) return 'application/atom+xml; charset=utf-8';
    if (/<rss[\s>]/.test(head)) return 'application/rss+xml; charset=utf-8';
    if (/^\s*</.test(head)) return 'application/xml; charset=utf-8';
    return 'application/octet-stream';
  }
  return STATIC_TYPES[ext] ?? 'application/octet-stream';
}

const isText = (type: string) => /^text\/|xml|json/.test(type);

/** Maps a request path to a file inside samples/site/, or null when it escapes the root. */
async function resolveFile(urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const candidate = path.join(siteRoot, ...segments);
  if (candidate !== siteRoot && !candidate.startsWith(siteRoot + path.sep)) return null;
  const info = await stat(candidate).catch(() => null);
  if (info?.isFile()) return candidate;
  if (info?.isDirectory()) {
    // A directory serves its page, or the single feed file written for feed paths ending in "/".
    for (const name of ['index.html', 'index.xml', 'index.json']) {
      const inner = path.join(candidate, name);
      if ((await stat(inner).catch(() => null))?.isFile()) return inner;
    }
  }
  return null;
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: http.OutgoingHttpHeaders = {}, headOnly = false): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(headOnly ? undefined : body);
}

/** delayMs: answer each request after this long (a slower site, so tests can interrupt a crawl halfway). */
export async function startSampleServer(options: { port?: number; host?: string; delayMs?: number } = {}): Promise<SampleServer> {
  const host = options.host ?? '127.0.0.1';
  const outlets = loadOutlets();
  let baseUrl = '';

  const server = http.createServer((req, res) => {
    void (async () => {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      const method = req.method ?? 'GET';
      const headOnly = method === 'HEAD';
      if (method !== 'GET' && method !== 'HEAD') {
        send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD' });
        return;
      }
      const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (urlPath === '/robots.txt') {
        send(res, 200, 'text/plain; charset=utf-8', 'User-agent: *\nAllow: /\n', {}, headOnly);
        return;
      }
      const file = await resolveFile(urlPath);
      if (!file) {
        send(res, 404, 'text/plain; charset=utf-8', 'not found\n', {}, headOnly);
        return;
      }
      const [raw, info] = await Promise.all([readFile(file), stat(file)]);
      const type = contentType(file, raw);
      // latin1 round-trips every byte, so the replacement is safe for UTF-8 and windows-1252 alike.
      const body = isText(type) ? Buffer.from(raw.toString('latin1').split(PLACEHOLDER).join(baseUrl), 'latin1') : raw;
      const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
      const modified = new Date(Math.floor(info.mtimeMs / 1000) * 1000);
      const validators = { ETag: etag, 'Last-Modified': modified.toUTCString(), 'Cache-Control': 'max-age=60' };

      const ifNoneMatch = req.headers['if-none-match'];
      const ifModifiedSince = req.headers['if-modified-since'];
      const notModified = ifNoneMatch !== undefined
        ? ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === etag || t === '*')
        : ifModifiedSince !== undefined && !Number.isNaN(Date.parse(ifModifiedSince)) && modified.getTime() <= Date.parse(ifModifiedSince);
      if (notModified) {
        res.writeHead(304, validators);
        res.end();
        return;
      }
      send(res, 200, type, body, validators, headOnly);
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `server error: ${String(error)}\n`);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('sample server: could not read the listening address');
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${hostForUrl}:${address.port}`;

  const sources: SampleSource[] = outlets.map((o) => ({ url: `${baseUrl}${o.feedPath}`, name: o.name }));

  return {
    baseUrl,
    port: address.port,
    sources,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections?.();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}

