import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/article.ts';
import { canonicalizeUrl } from '../../src/extract/canonicalUrl.ts';

const pagesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'pages');

interface Expectation {
  url: string;
  canonicalUrl?: string;
  title: string;
  byline: string | null;
  publishedAt: string | null;
  siteName: string | null;
  lang: string | null;
  textIncludes: string[];
  textExcludes: string[];
}

const pages = fs.readdirSync(pagesDir).filter((file) => file.endsWith('.html')).sort();

describe('extractArticle on the fixture pages', () => {
  it('has an expectation file and an opening comment for every page', () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const page of pages) {
      expect(fs.existsSync(path.join(pagesDir, page.replace(/\.html$/, '.expect.json'))), page).toBe(true);
      expect(fs.readFileSync(path.join(pagesDir, page), 'utf8').trimStart().startsWith('<!--'), page).toBe(true);
    }
  });

  for (const page of pages) {
    it(page.replace(/\.html$/, ''), () => {
      const html = fs.readFileSync(path.join(pagesDir, page), 'utf8');
      const expected = JSON.parse(fs.readFileSync(path.join(pagesDir, page.replace(/\.html$/, '.expect.json')), 'utf8')) as Expectation;
      const article = extractArticle(html, expected.url);
      expect({ title: article.title, byline: article.byline, publishedAt: article.publishedAt, siteName: article.siteName, lang: article.lang }).toEqual({
        title: expected.title, byline: expected.byline, publishedAt: expected.publishedAt, siteName: expected.siteName, lang: expected.lang,
      });
      if (expected.canonicalUrl) expect(article.canonicalUrl).toBe(expected.canonicalUrl);
      for (const snippet of expected.textIncludes) expect(article.text).toContain(snippet);
      for (const snippet of expected.textExcludes) expect(article.text).not.toContain(snippet);
      expect(article.text.startsWith(expected.title)).toBe(false);
    });
  }
});

describe('extractArticle: paragraphs and fallbacks', () => {
  const html = fs.readFileSync(path.join(pagesDir, 'boilerplate-around-article.html'), 'utf8');

  it('keeps paragraphs apart, so sentences and paragraph numbers work downstream', () => {
    const paragraphs = extractArticle(html, 'https://brightline.example/a').text.split('\n\n');
    expect(paragraphs.length).toBeGreaterThanOrEqual(4);
    expect(paragraphs.every((paragraph) => paragraph === paragraph.trim() && !/\s{2,}/.test(paragraph))).toBe(true);
  });

  it('falls back to the feed item for what the page does not say', () => {
    const bare = '<html><body><article><p>' + 'Officials said the licence rule would stay in place for now. '.repeat(8) + '</p></article></body></html>';
    const article = extractArticle(bare, 'https://x.example/a', { title: 'Licence rule stays', publishedAt: 'Tue, 15 Apr 2025 09:00:00 GMT', author: 'By Jane Doe' });
    expect(article).toMatchObject({ title: 'Licence rule stays', publishedAt: '2025-04-15T09:00:00.000Z', byline: 'Jane Doe' });
  });

  it('uses the fetched URL as the canonical one when the page names none', () => {
    const article = extractArticle('<html><body><p>Short.</p></body></html>', 'https://X.example/story?utm_source=rss&page=2#top');
    expect(article.canonicalUrl).toBe('https://x.example/story?page=2');
  });

  it('decodes HTML entities that sites leave in their JSON-LD strings', () => {
    const page = `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Harry and Meghan&#39;s interview &amp; the fallout","datePublished":"2021-03-08T11:15:28Z","articleBody":"The couple&#8217;s interview drew 17 million viewers. ${'More detail followed in the same vein. '.repeat(16)}"}</script></head><body><div>menu</div></body></html>`;
    const article = extractArticle(page, 'https://news.example/royal');
    expect(article.title).toBe('Harry and Meghan\'s interview & the fallout');
    expect(article.text).toContain('The couple’s interview drew 17 million viewers.');
  });
});

describe('canonicalizeUrl', () => {
  it('removes tracking parameters and fragments, sorts the rest and lower-cases the host', () => {
    expect(canonicalizeUrl('https://News.Example/a?b=2&utm_source=x&a=1&gclid=9#frag', 'https://news.example/')).toBe('https://news.example/a?a=1&b=2');
  });

  it('resolves relative links and refuses non-web schemes', () => {
    expect(canonicalizeUrl('../b', 'https://news.example/x/y')).toBe('https://news.example/b');
    expect(canonicalizeUrl('javascript:alert(1)', 'https://news.example/a')).toBe('https://news.example/a');
    expect(canonicalizeUrl('http://[bad', 'https://news.example/a')).toBe('https://news.example/a');
  });
});

describe('extractArticle: boilerplate removal is not fooled by class names', () => {
  it('keeps an article body whose wrapper class mentions sharing', () => {
    const paragraphs = Array.from({ length: 5 }, (_, index) => `<p>Paragraph ${index + 1}: the Commerce Department said the licence rule for accelerators would be enforced from next month across all destinations.</p>`).join('');
    const html = `<html><body><div class="article-body share-enabled">${paragraphs}</div><div class="share-bar"><a>Share on X</a></div></body></html>`;
    const article = extractArticle(html, 'https://x.example/a');
    expect(article.text).toContain('Paragraph 1:');
    expect(article.text).toContain('Paragraph 5:');
    expect(article.text).not.toContain('Share on X');
  });
});

describe('extractArticle: numbers and stamps written in markup', () => {
  const page = (body: string) => `<html><head><title>T</title></head><body><div class="date">05/29/2025 05:00 AM EDT</div><article><h1>Rules</h1>${body}<p>More text here to make the article long enough for the extractor to keep it as the main body of the page, with a few more words.</p></article></body></html>`;

  it('keeps a power of ten written with <sup> and leaves a footnote mark alone', () => {
    const article = extractArticle(page('<p>The rule covers models trained with more than 10<sup>26</sup> operations, a threshold set by the agency in January after a long review.</p><p>Shor’s algorithm is famous.<sup>3</sup> It was published in 1994 and has been cited many thousands of times since then.</p>'), 'https://x.test/a');
    expect(article.text).toContain('more than 10^26 operations');
    expect(article.text).toContain('famous.3 It');
  });

  it('reads a visible American stamp written in figures when the page has no date metadata', () => {
    expect(extractArticle(page('<p>Lawmakers pushed new chip export bills after the rule was rescinded, aides said on Thursday afternoon.</p>'), 'https://x.test/b').publishedAt).toBe('2025-05-29T09:00:00.000Z');
  });
});
