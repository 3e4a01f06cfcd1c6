// Feed autodiscovery: the feeds a page advertises in its <head>, resolved to absolute URLs.
import { describe, expect, it } from 'vitest';
import { discoverFeedLinks } from '../../src/crawl/discover.ts';

const page = (head: string) => `<!doctype html><html><head><title>News</title>${head}</head><body><p>Hello</p></body></html>`;

describe('discoverFeedLinks', () => {
  it('finds RSS, Atom and JSON feeds in document order, resolved against the page URL', () => {
    const html = page(`
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/rss+xml" title="RSS" href="/feed/">
      <link rel="alternate" type="application/atom+xml" href="atom.xml">
      <link rel="alternate" type="application/feed+json" href="https://cdn.example/feed.json">
      <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/rss+xml" href="/feed/">`);
    expect(discoverFeedLinks(html, 'https://news.example/section/page.html')).toEqual([
      'https://news.example/feed/',
      'https://news.example/section/atom.xml',
      'https://cdn.example/feed.json',
    ]);
  });

  it('accepts case and extra rel tokens, and a type with parameters', () => {
    const html = page(`
      <LINK REL="Alternate Feed" TYPE="Application/RSS+XML" HREF="/upper.xml">
      <link rel="alternate" type="application/rss+xml; charset=utf-8" href="/with-charset.xml">`);
    expect(discoverFeedLinks(html, 'https://news.example/')).toEqual([
      'https://news.example/upper.xml',
      'https://news.example/with-charset.xml',
    ]);
  });

  it('resolves relative hrefs against <base href>', () => {
    const html = page(`<base href="https://static.example/site/"><link rel="alternate" type="application/atom+xml" href="atom.xml">`);
    expect(discoverFeedLinks(html, 'https://news.example/page')).toEqual(['https://static.example/site/atom.xml']);
  });

  it('ignores links that are not feeds, and a page with none', () => {
    const html = page(`
      <link rel="alternate" href="/no-type.xml">
      <link rel="alternate" type="application/rss+xml">
      <link rel="canonical" type="application/rss+xml" href="/canonical.xml">
      <a rel="alternate" type="application/rss+xml" href="/anchor.xml">anchor</a>`);
    expect(discoverFeedLinks(html, 'https://news.example/')).toEqual([]);
    expect(discoverFeedLinks('<p>plain</p>', 'https://news.example/')).toEqual([]);
  });
});
