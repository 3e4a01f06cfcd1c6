// parse-article and parse-feed: run the extractors on saved files, one JSON object per line, in
// input order. A file that cannot be read or parsed gives an error line and the run goes on.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Command } from 'commander';
import { UserError } from './context.ts';

function readMaybeGzipped(file: string): Buffer {
  const bytes = fs.readFileSync(file);
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes) : bytes;
}

function loadUrlMap(file: string): Map<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`--url-map ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const map = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.startsWith('#')) return;
    const [name, url] = line.split('\t');
    if (!name || !url) throw new UserError(`--url-map ${file}:${index + 1}: expected NAME<TAB>URL`);
    map.set(name.trim(), url.trim());
  });
  return map;
}

function baseName(file: string): string {
  return path.basename(file).replace(/\.(html?|xhtml|gz)$/i, '').replace(/\.(html?|xhtml)$/i, '');
}

const write = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

export function registerParserCommands(program: Command): void {
  program.command('parse-article')
    .description('run the article extractor on saved HTML files (one JSON line each)')
    .argument('<files...>', 'saved HTML pages')
    .option('--url <url>', 'the URL the pages were fetched from (resolves relative links)')
    .option('--url-map <file>', 'TSV of NAME<TAB>URL lines, NAME being a file\'s basename without extension')
    .action(async (files: string[], options: { url?: string; urlMap?: string }) => {
      const [{ decodeBody }, { extractArticle }] = await Promise.all([import('../crawl/charset.ts'), import('../extract/article.ts')]);
      const urls = options.urlMap ? loadUrlMap(options.urlMap) : new Map<string, string>();
      for (const file of files) {
        try {
          const bytes = readMaybeGzipped(file);
          const { text } = decodeBody(bytes, null);
          const url = urls.get(baseName(file)) ?? urls.get(path.basename(file)) ?? options.url ?? `file://${path.resolve(file)}`;
          const article = extractArticle(text, url);
          write({ file, url, title: article.title, byline: article.byline, publishedAt: article.publishedAt, siteName: article.siteName, lang: article.lang, text: article.text });
        } catch (error) {
          write({ file, error: error instanceof Error ? error.message : String(error) });
        }
      }
    });
  program.command('parse-feed')
    .description('run the feed parser on saved feed documents (one JSON line each)')
    .argument('<files...>', 'saved RSS, Atom, RDF, JSON Feed or OPML documents')
    .option('--url <url>', 'the URL the feeds were fetched from (resolves relative links)')
    .action(async (files: string[], options: { url?: string }) => {
      const [{ decodeBody }, { parseFeed }] = await Promise.all([import('../crawl/charset.ts'), import('../crawl/feed.ts')]);
      for (const file of files) {
        try {
          const bytes = readMaybeGzipped(file);
          const { text } = decodeBody(bytes, null);
          const feed = parseFeed(text, options.url ?? null);
          write({
            file, ok: true, error: null, format: feed.format, title: feed.title, link: feed.link,
            items: feed.items.map((item) => ({ id: item.id, title: item.title, link: item.link, publishedAt: item.publishedAt, summary: item.summary })),
          });
        } catch (error) {
          const message = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
          write({ file, ok: false, error: message, format: null, title: null, link: null, items: [] });
        }
      }
    });
}
