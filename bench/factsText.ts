// Prints the article text the facts bench works on, for annotating the gold set by hand:
// the body our extractor takes from a page of the extraction development corpus, with its title and
// the publication time read from the page, paragraphs numbered.
//
//   node bin/run-ts.mjs bench/factsText.ts URL-OR-FILE-SUBSTRING
import fs from 'node:fs';
import { extractArticle } from '../src/extract/article.ts';
import { corpusAvailable, corpusIndex, readCorpusHtml } from './corpusPages.ts';

const wanted = process.argv[2];
if (wanted && /\.html?$/.test(wanted) && fs.existsSync(wanted)) {
  // A page written for a gold set of its own (kept under <goldDir>/pages/).
  const article = extractArticle(fs.readFileSync(wanted, 'utf8'), `https://example.test/${wanted.split('/').pop()}`);
  console.log(`file: ${wanted}\ntitle: ${article.title}\npublishedAt (from page metadata): ${article.publishedAt}\nwords: ${article.text.split(/\s+/).filter(Boolean).length}\n`);
  article.text.split(/\n{2,}/).forEach((paragraph, index) => console.log(`[${index + 1}] ${paragraph}\n`));
  process.exit(0);
}
if (!wanted || !corpusAvailable()) {
  console.error('usage: bench/factsText.ts URL-OR-FILE-SUBSTRING (with the extraction corpus present)');
  process.exit(2);
}
const matches = Object.entries(corpusIndex()).filter(([url, item]) => url === wanted || item.file === wanted || url.includes(wanted));
if (matches.length !== 1) {
  console.error(matches.length ? `ambiguous: ${matches.map(([url]) => url).join(', ')}` : 'no such page');
  process.exit(2);
}
const [url, item] = matches[0];
const article = extractArticle(readCorpusHtml(item.file), url);
console.log(`url: ${url}\nfile: ${item.file}\ntitle: ${article.title}\npublishedAt (from page metadata): ${article.publishedAt}\nwords: ${article.text.split(/\s+/).filter(Boolean).length}\n`);
article.text.split(/\n{2,}/).forEach((paragraph, index) => console.log(`[${index + 1}] ${paragraph}\n`));
