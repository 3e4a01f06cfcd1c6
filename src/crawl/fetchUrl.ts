// The crawler's own HTTP: deadlines, a body cap counted after decompression, manual redirects
// with loop detection, conditional GET, and the address guard on every hop.
import { Agent, request, type Dispatcher } from 'undici';
import zlib from 'node:zlib';
import net from 'node:net';
import { guardedLookup, isBlockedAddress, BlockedAddressError } from './addressGuard.ts';

export type FetchErrorKind =
  | 'timeout' | 'too-large' | 'blocked-address' | 'too-many-redirects' | 'redirect-loop'
  | 'http-status' | 'rate-limited' | 'content-type' | 'network' | 'invalid-url' | 'parse-error' | 'robots';

export class FetchError extends Error {
  constructor(readonly kind: FetchErrorKind, message: string, readonly status?: number, readonly retryAfterMs?: number) {
    super(message);
  }
}

export interface FetchOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  allowPrivateHosts: boolean;
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  maxRedirects?: number;
  /** Keep the first `maxBytes` bytes of a longer body instead of failing with too-large
   * (robots.txt: the RFC asks for at least 500 KiB to be parsed, the rest may be ignored). */
  truncate?: boolean;
}

export interface FetchResult {
  url: string;
  finalUrl: string;
  status: number;
  notModified: boolean;
  headers: Record<string, string>;
  contentType: string | null;
  body: Buffer;
}

const agents = new Map<string, Agent>();
function agentFor(allowPrivateHosts: boolean, connectTimeoutMs: number): Agent {
  const key = `${allowPrivateHosts}:${connectTimeoutMs}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: allowPrivateHosts
        ? { timeout: connectTimeoutMs }
        : { timeout: connectTimeoutMs, lookup: guardedLookup as never },
      keepAliveTimeout: 4000,
    });
    agents.set(key, agent);
  }
  return agent;
}

/** Drops a response body we do not read, without an unhandled 'aborted' error event. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

function headerValue(headers: Dispatcher.ResponseData['headers'], name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Retry-After as milliseconds from now (seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function checkTarget(url: URL, allowPrivateHosts: boolean): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('invalid-url', `unsupported protocol ${url.protocol} in ${url.href}`);
  }
  if (allowPrivateHosts) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // The lookup never sees literal IPs, so they are checked here.
  if (net.isIP(host) && isBlockedAddress(host)) {
    throw new FetchError('blocked-address', new BlockedAddressError(host, host).message);
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    throw new FetchError('blocked-address', `${host} is a loopback name (set fetch.allowPrivateHosts to allow)`);
  }
}

async function readCapped(body: Dispatcher.ResponseData['body'], encoding: string | null, maxBytes: number, signal: AbortSignal, truncate = false): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  let decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null = null;
  const kind = (encoding ?? '').toLowerCase().trim();
  if (kind === 'gzip' || kind === 'x-gzip') decoder = zlib.createGunzip();
  else if (kind === 'deflate') decoder = zlib.createInflate();
  else if (kind === 'br') decoder = zlib.createBrotliDecompress();
  else if (kind && kind !== 'identity') {
    body.on('error', () => {});
    body.destroy();
    throw new FetchError('parse-error', `unsupported Content-Encoding "${encoding}"`);
  }

  const tooLarge = () => new FetchError('too-large', `body exceeds the limit of ${maxBytes} bytes`);
  if (!decoder) {
    for await (const chunk of body) {
      total += chunk.length;
      if (total > maxBytes) {
        body.on('error', () => {});
        body.destroy();
        if (!truncate) throw tooLarge();
        chunks.push((chunk as Buffer).subarray(0, (chunk as Buffer).length - (total - maxBytes)));
        break;
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }
  // Count bytes after decompression, so a small compressed bomb stops at the limit.
  return await new Promise<Buffer>((resolve, reject) => {
    const stream = decoder!;
    const onAbort = () => fail(new FetchError('timeout', 'the response took too long'));
    const fail = (error: Error) => { signal.removeEventListener('abort', onAbort); body.destroy(); stream.destroy(); reject(error); };
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) chunks.push(chunk);
      else if (!truncate) fail(tooLarge());
      else {
        chunks.push(chunk.subarray(0, chunk.length - (total - maxBytes)));
        signal.removeEventListener('abort', onAbort);
        body.destroy();
        stream.destroy();
        resolve(Buffer.concat(chunks));
      }
    });
    stream.on('end', () => { signal.removeEventListener('abort', onAbort); resolve(Buffer.concat(chunks)); });
    stream.on('error', (error) => fail(new FetchError('parse-error', `cannot decompress ${kind} body: ${error.message}`)));
    body.on('error', (error) => fail(error));
    body.pipe(stream);
  });
}

/** Fetches one URL, following at most `maxRedirects` redirects. Throws FetchError with a named kind. */
export async function fetchUrl(address: string, options: FetchOptions): Promise<FetchResult> {
  let url: URL;
  try { url = new URL(address); } catch { throw new FetchError('invalid-url', `not a valid URL: ${address}`); }
  const maxRedirects = options.maxRedirects ?? 5;
  const seen = new Set<string>();
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const agent = agentFor(options.allowPrivateHosts, Math.min(options.timeoutMs, 10000));

  for (let hop = 0; ; hop++) {
    checkTarget(url, options.allowPrivateHosts);
    seen.add(url.href);
    const headers: Record<string, string> = {
      'user-agent': options.userAgent,
      accept: options.accept ?? '*/*',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;

    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: 'GET', headers, dispatcher: agent, signal: deadline,
        headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs,
      });
    } catch (error) {
      throw classifyNetworkError(error, url);
    }
    const status = response.statusCode;
    if (status >= 300 && status < 400 && status !== 304) {
      discard(response.body);
      const location = headerValue(response.headers, 'location');
      if (!location) throw new FetchError('http-status', `HTTP ${status} without a Location header`, status);
      const next = new URL(location, url);
      if (seen.has(next.href)) throw new FetchError('redirect-loop', `redirect loop at ${next.href}`, status);
      if (hop + 1 > maxRedirects) throw new FetchError('too-many-redirects', `more than ${maxRedirects} redirects`, status);
      url = next;
      continue;
    }
    const flatHeaders: Record<string, string> = {};
    for (const name of Object.keys(response.headers)) flatHeaders[name] = headerValue(response.headers, name) ?? '';
    const contentType = headerValue(response.headers, 'content-type');
    if (status === 304) {
      discard(response.body);
      return { url: address, finalUrl: url.href, status, notModified: true, headers: flatHeaders, contentType, body: Buffer.alloc(0) };
    }
    if (status === 429 || status === 503) {
      discard(response.body);
      const retryAfterMs = parseRetryAfter(headerValue(response.headers, 'retry-after'));
      throw new FetchError('rate-limited', `HTTP ${status}${retryAfterMs !== undefined ? `, retry after ${Math.round(retryAfterMs / 1000)} s` : ''}`, status, retryAfterMs);
    }
    if (status < 200 || status >= 300) {
      discard(response.body);
      throw new FetchError('http-status', `HTTP ${status}`, status);
    }
    const declaredLength = Number(headerValue(response.headers, 'content-length') ?? NaN);
    if (!options.truncate && !headerValue(response.headers, 'content-encoding') && declaredLength > options.maxBytes) {
      discard(response.body);
      throw new FetchError('too-large', `Content-Length ${declaredLength} exceeds the limit of ${options.maxBytes} bytes`);
    }
    let body: Buffer;
    try {
      body = await readCapped(response.body, headerValue(response.headers, 'content-encoding'), options.maxBytes, deadline, options.truncate);
    } catch (error) {
      if (error instanceof FetchError) throw error;
      throw classifyNetworkError(error, url);
    }
    return { url: address, finalUrl: url.href, status, notModified: false, headers: flatHeaders, contentType, body };
  }
}

function classifyNetworkError(error: unknown, url: URL): FetchError {
  if (error instanceof FetchError) return error;
  const err = error as Error & { code?: string; cause?: Error };
  const inner = err.cause ?? err;
  if (inner instanceof BlockedAddressError || err instanceof BlockedAddressError) {
    return new FetchError('blocked-address', (inner instanceof BlockedAddressError ? inner : err).message);
  }
  const name = `${err.name} ${err.code ?? ''} ${inner.name ?? ''} ${(inner as { code?: string }).code ?? ''}`;
  if (/Timeout|ABORT|TimeoutError|AbortError/i.test(name)) return new FetchError('timeout', `no complete response from ${url.host} in time`);
  return new FetchError('network', `${url.host}: ${inner.message || err.message}`);
}
