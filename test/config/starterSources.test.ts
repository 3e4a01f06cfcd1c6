// The starter configuration a newcomer deploys with: config/starter-sources.opml parses with the
// tracker's own OPML reader and names only http(s) addresses, every outline carries the attributes
// the file promises, and tracker.config.example.yaml loads and lists the same sources.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { findAll } from 'domutils';
import type { Element } from 'domhandler';
import { parseFeed } from '../../src/crawl/feed.ts';
import { loadConfig } from '../../src/config/load.ts';
import { builtInTopics } from '../../src/config/topics.ts';
import { repoRoot } from '../support/cli.ts';

const opmlFile = path.join(repoRoot, 'config/starter-sources.opml');
const exampleFile = path.join(repoRoot, 'tracker.config.example.yaml');
const opmlText = fs.readFileSync(opmlFile, 'utf8');

/** The feed outlines with their attributes, entities decoded, read independently of the tracker's parser. */
function leafOutlines(): Record<string, string>[] {
  const document = parseDocument(opmlText, { xmlMode: true, decodeEntities: true });
  return findAll((element: Element) => element.name === 'outline' && 'xmlUrl' in element.attribs, document.children).map((element) => element.attribs);
}

describe('config/starter-sources.opml', () => {
  it('parses as OPML with the project parser, every outline an http(s) feed address', () => {
    const parsed = parseFeed(opmlText, null);
    expect(parsed.format).toBe('opml');
    expect(parsed.outlines!.length).toBeGreaterThanOrEqual(25);
    for (const outline of parsed.outlines!) {
      expect(new URL(outline.url).protocol, outline.url).toMatch(/^https?:$/);
      expect(outline.title, outline.url).toBeTruthy();
    }
    expect(new Set(parsed.outlines!.map((outline) => outline.url)).size).toBe(parsed.outlines!.length);
  });

  it('says when and how it was checked, and every outline has text, title, type, xmlUrl, htmlUrl, category and verified', () => {
    const comment = opmlText.match(/<!--([\s\S]*?)-->/)?.[1] ?? '';
    expect(comment).toContain('2026-12-03');
    expect(comment).toMatch(/not fetched live/i);
    const outlines = leafOutlines();
    expect(outlines.length).toBe(parseFeed(opmlText, null).outlines!.length);
    for (const outline of outlines) {
      for (const attribute of ['text', 'title', 'xmlUrl', 'htmlUrl', 'category']) expect(outline[attribute], `${outline.xmlUrl} ${attribute}`).toBeTruthy();
      expect(outline.type).toBe('rss');
      expect(['yes', 'no']).toContain(outline.verified);
      expect(new URL(outline.xmlUrl).protocol).toMatch(/^https?:$/);
      expect(new URL(outline.htmlUrl).protocol).toMatch(/^https?:$/);
    }
    // The groups the list promises.
    const categories = new Set(outlines.map((outline) => outline.category.split('/')[1]));
    expect([...categories].sort()).toEqual(['government', 'labs', 'other-side', 'press', 'think-tanks']);
    // The Bureau of Industry and Security through the Federal Register documents API, newest first.
    expect(outlines.map((outline) => outline.xmlUrl)).toContain('https://www.federalregister.gov/api/v1/documents.json?conditions[agencies][]=industry-and-security-bureau&order=newest');
  });
});

describe('tracker.config.example.yaml', () => {
  it('loads, with the starter sources and topics the built-in ones', () => {
    const { config } = loadConfig(exampleFile);
    expect(config.sources.length).toBeGreaterThanOrEqual(25);
    const slugs = builtInTopics.map((topic) => topic.slug);
    for (const source of config.sources) {
      expect(new URL(source.url).protocol).toMatch(/^https?:$/);
      for (const topic of source.topics ?? []) expect(slugs).toContain(topic);
    }
    // The same list as the OPML file, address for address.
    expect(config.sources.map((source) => source.url).sort()).toEqual(leafOutlines().map((outline) => outline.xmlUrl).sort());
  });
});
