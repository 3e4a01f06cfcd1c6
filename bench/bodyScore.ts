// Scoring of article-body extraction with the extraction corpus's own metric (see
// ../shared/corpora/extraction-dev/README.md): whitespace-normalised substring matching of annotated
// snippets; every `with` snippet found is a true positive, every one missing a false negative, every
// `without` snippet found a false positive. bench/extract.ts applies it to the corpus; the quality
// gate (test/quality/bodies.test.ts) applies it to the sample site in the repository, whose expected
// bodies are the articles' own sources (below).
import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { parse as parseYaml } from 'yaml';
import { decodeBody } from '../src/crawl/charset.ts';
import { extractArticle } from '../src/extract/article.ts';
import { repoRoot } from './corpusPages.ts';

export interface SnippetItem { with: string[]; without: string[] }

export const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

export interface Outcome { tp: number; fn: number; fp: number; missed: string[]; kept: string[] }

export function score(text: string | null, item: SnippetItem): Outcome {
  const outcome: Outcome = { tp: 0, fn: 0, fp: 0, missed: [], kept: [] };
  if (text === null) {
    outcome.fn = item.with.length;
    outcome.missed = item.with;
    return outcome;
  }
  const haystack = normalise(text);
  for (const snippet of item.with) {
    if (haystack.includes(normalise(snippet))) outcome.tp++;
    else { outcome.fn++; outcome.missed.push(snippet); }
  }
  for (const snippet of item.without) {
    if (haystack.includes(normalise(snippet))) { outcome.fp++; outcome.kept.push(snippet); }
  }
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// The sample site (samples/site/, rendered by samples/render.ts from samples/articles/**/*.md) as a
// body-extraction set. Each page is an article in its outlet's template, with navigation, share
// bars, ads, newsletter boxes, paywall teasers, related lists, disclaimers and footers around it.
//
// - `with`: every block of the article's Markdown source (paragraph, subheading, block quote), as
//   samples/render.ts splits it: the text written as the body, not anything the extractor made.
// - `without`: every other piece of text on the rendered page: the text of each element that holds
//   text of its own (an element inside such an element belongs to it), less what the body or the
//   standfirst (the `summary`, acceptable either way) contains, less pieces that are part of a
//   longer piece (so a brand name inside a disclaimer counts once), less pieces under 4 characters
//   or without a letter (they match by accident).

export interface SamplePage { id: string; file: string; url: string; html: string; item: SnippetItem }

const SAMPLE_ORIGIN = 'https://samples.example';

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => entry.isDirectory() ? markdownFiles(path.join(dir, entry.name)) : entry.name.endsWith('.md') ? [path.join(dir, entry.name)] : []);
}

/** Blocks and standfirst of each sample article, by id (the block split of samples/render.ts). */
function sampleSources(): Map<string, { blocks: string[]; summary: string }> {
  const sources = new Map<string, { blocks: string[]; summary: string }>();
  for (const file of markdownFiles(path.join(repoRoot, 'samples', 'articles'))) {
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(fs.readFileSync(file, 'utf8'));
    if (!match) throw new Error(`${file}: no frontmatter`);
    const data = parseYaml(match[1]) as { id: string; summary?: string };
    const blocks = match[2]
      .split(/\n\s*\n/)
      .map((chunk) => chunk.trim().replace(/\s*\n\s*/g, ' '))
      .filter((chunk) => chunk !== '')
      .map((chunk) => chunk.startsWith('## ') ? chunk.slice(3).trim() : chunk.startsWith('> ') ? chunk.replace(/(^|\s)> /g, ' ').trim() : chunk);
    sources.set(data.id, { blocks, summary: data.summary ?? '' });
  }
  return sources;
}

const hasOwnText = (node: { children?: unknown[] } | null | undefined): boolean =>
  !!node?.children?.some((child) => (child as { type: string }).type === 'text' && !!(child as { data: string }).data.trim());

function furniture(html: string, body: string, summary: string): string[] {
  const $ = cheerio.load(html);
  const pieces = new Set<string>();
  $('body *').not('script, style, template, noscript').each((_, element) => {
    if (!hasOwnText(element) || hasOwnText(element.parent as never)) return;
    const text = normalise($(element).text());
    if (text.length < 4 || !/\p{L}/u.test(text) || body.includes(text) || summary.includes(text)) return;
    pieces.add(text);
  });
  return [...pieces].filter((piece) => ![...pieces].some((other) => other !== piece && other.includes(piece))).sort();
}

/** Every article page of the sample site with its expected snippets, in manifest order. */
export function samplePages(): SamplePage[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'samples', 'manifest.json'), 'utf8')) as { articles: { id: string; path: string; file: string }[] };
  const sources = sampleSources();
  return manifest.articles.map((article) => {
    const source = sources.get(article.id);
    if (!source) throw new Error(`samples/manifest.json: no Markdown source for ${article.id}`);
    const html = decodeBody(fs.readFileSync(path.join(repoRoot, article.file)), null).text.replaceAll('{{BASE}}', SAMPLE_ORIGIN);
    const body = normalise(source.blocks.join(' '));
    return {
      id: article.id, file: article.file, url: SAMPLE_ORIGIN + article.path, html,
      item: { with: source.blocks, without: furniture(html, body, normalise(source.summary)) },
    };
  });
}

export interface BodyScores { pages: number; tp: number; fn: number; fp: number; perPage: { id: string; outcome: Outcome }[] }

/** The article extractor on the sample site, summed over pages (a page it throws on is a full miss). */
export function scoreSamplePages(pages: SamplePage[] = samplePages()): BodyScores {
  const scores: BodyScores = { pages: pages.length, tp: 0, fn: 0, fp: 0, perPage: [] };
  for (const page of pages) {
    let text: string | null = null;
    try { text = extractArticle(page.html, page.url).text; } catch { /* scored as a full miss */ }
    const outcome = score(text, page.item);
    scores.tp += outcome.tp; scores.fn += outcome.fn; scores.fp += outcome.fp;
    scores.perPage.push({ id: page.id, outcome });
  }
  return scores;
}
