// Pages of the extraction development corpus (TRACKER_EXTRACTION_CORPUS, default
// ../shared/corpora/extraction-dev from the repo root), read and decoded as the crawler would.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { decodeBody } from '../src/crawl/charset.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const corpusDir = path.resolve(repoRoot, process.env.TRACKER_EXTRACTION_CORPUS ?? '../shared/corpora/extraction-dev');

export interface CorpusItem { file: string; with: string[]; without: string[] }

export function corpusAvailable(): boolean {
  return fs.existsSync(path.join(corpusDir, 'evaldata.json'));
}

export function corpusIndex(): Record<string, CorpusItem> {
  return JSON.parse(fs.readFileSync(path.join(corpusDir, 'evaldata.json'), 'utf8')) as Record<string, CorpusItem>;
}

/** The decoded HTML of one corpus file ('' when the file is missing); a gold set may keep its own
 *  pages (written for the project) under `<goldDir>/pages/`, looked at first. */
export function readCorpusHtml(file: string, goldDir?: string): string {
  const candidates = [path.join(corpusDir, 'cache', file), path.join(corpusDir, 'eval', file)];
  if (goldDir) candidates.unshift(path.join(goldDir, 'pages', file));
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) return '';
  let bytes: Buffer = fs.readFileSync(found);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = zlib.gunzipSync(bytes);
  return decodeBody(bytes, null).text;
}
