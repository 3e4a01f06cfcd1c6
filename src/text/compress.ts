// Stored pages are gzip of their decoded UTF-8 text: written by the crawl, read by extraction.
import zlib from 'node:zlib';

export function gzipText(text: string): Buffer {
  return zlib.gzipSync(Buffer.from(text, 'utf8'));
}

export function gunzipText(body: Buffer): string {
  return zlib.gunzipSync(body).toString('utf8');
}
