// Walks test/crawl/fixtures/feeds: every fixture is a real-world feed edge case, named for the case,
// with a sibling <name>.expect.json holding the expected subset of parseFeed's output. Adding a
// regression case is adding a file pair; nothing here needs to change.
//
// expect.json keys: checks (what the case is about), feedUrl, contentLocation (passed to parseFeed
// as the response's Content-Location header), error (regex for a FeedParseError), format, feedId
// (the parsed feed's id, null for none), title, link, itemCount | minItemCount, firstItem, items
// (subsets by index), outlines, absent (strings that must not appear anywhere in the output),
// maxMs (parse time limit).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeed, FeedParseError, type ParsedFeed, type ParseFeedOptions } from '../../src/crawl/feed.ts';
import { decodeBody } from '../../src/crawl/charset.ts';

interface Expectation {
  checks: string;
  feedUrl?: string;
  contentLocation?: string;
  error?: string;
  format?: string;
  feedId?: string | null;
  title?: string;
  link?: string | null;
  itemCount?: number;
  minItemCount?: number;
  firstItem?: Record<string, unknown>;
  items?: Record<string, unknown>[];
  outlines?: Record<string, unknown>[];
  absent?: string[];
  maxMs?: number;
}

const folder = fileURLToPath(new URL('./fixtures/feeds/', import.meta.url));
const files = fs.readdirSync(folder).sort();
const fixtures = files.filter((file) => !file.endsWith('.expect.json'));
const expectFile = (fixture: string) => `${fixture.slice(0, -path.extname(fixture).length)}.expect.json`;

const contentTypes: Record<string, string> = { '.json': 'application/feed+json', '.xml': 'application/xml', '.html': 'text/html' };

function run(bytes: Buffer, fixture: string, feedUrl: string | null, options: ParseFeedOptions): { feed?: ParsedFeed; error?: unknown; ms: number; charset: string } {
  const { text, charset } = decodeBody(bytes, contentTypes[path.extname(fixture)] ?? null);
  const started = performance.now();
  try {
    const feed = parseFeed(text, feedUrl, options);
    return { feed, ms: performance.now() - started, charset };
  } catch (error) {
    return { error, ms: performance.now() - started, charset };
  }
}

describe('feed fixtures folder', () => {
  it('pairs every fixture with an expectation, and every expectation with a fixture', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const fixture of fixtures) expect(files, `${fixture} needs ${expectFile(fixture)}`).toContain(expectFile(fixture));
    for (const file of files.filter((name) => name.endsWith('.expect.json'))) {
      expect(fixtures.some((fixture) => expectFile(fixture) === file), `${file} has no fixture`).toBe(true);
    }
  });

  it('opens every markup fixture with a comment saying what it checks', () => {
    for (const fixture of fixtures.filter((name) => /\.(xml|html)$/.test(name))) {
      const text = fs.readFileSync(path.join(folder, fixture), 'utf8');
      if (text.length === 0) continue; // the empty-document case explains itself in its expect.json
      const opening = text.replace(/^\uFEFF/, '').trimStart().replace(/^<\?xml[^>]*\?>/, '').trimStart();
      expect(opening.startsWith('<!--'), fixture).toBe(true);
    }
  });
});

describe.each(fixtures)('%s', (fixture) => {
  const expectation = JSON.parse(fs.readFileSync(path.join(folder, expectFile(fixture)), 'utf8')) as Expectation;
  const bytes = fs.readFileSync(path.join(folder, fixture));

  it(expectation.checks, () => {
    expect(expectation.checks.length).toBeGreaterThan(10);
    const options: ParseFeedOptions = expectation.contentLocation === undefined ? {} : { contentLocation: expectation.contentLocation };
    const { feed, error, ms, charset } = run(bytes, fixture, expectation.feedUrl ?? null, options);
    if (expectation.maxMs !== undefined) expect(ms).toBeLessThan(expectation.maxMs);

    if (expectation.error) {
      expect(feed).toBeUndefined();
      expect(error).toBeInstanceOf(FeedParseError);
      expect((error as Error).message).toMatch(new RegExp(expectation.error, 'i'));
      return;
    }
    if (error) throw error;
    const result = feed!;
    if (expectation.format !== undefined) expect(result.format).toBe(expectation.format);
    if ('feedId' in expectation) expect(result.id).toBe(expectation.feedId);
    if (expectation.title !== undefined) expect(result.title).toBe(expectation.title);
    if ('link' in expectation) expect(result.link).toBe(expectation.link);
    if (expectation.itemCount !== undefined) expect(result.items).toHaveLength(expectation.itemCount);
    if (expectation.minItemCount !== undefined) expect(result.items.length).toBeGreaterThanOrEqual(expectation.minItemCount);
    if (expectation.firstItem) expect(result.items[0]).toMatchObject(expectation.firstItem);
    expectation.items?.forEach((subset, index) => expect(result.items[index], `item ${index}`).toMatchObject(subset));
    if (expectation.outlines) expect(result.outlines).toEqual(expectation.outlines);
    const serialised = JSON.stringify(result);
    for (const text of expectation.absent ?? []) expect(serialised).not.toContain(text);

    // Parsed objects are plain data with the ordinary prototype, and nothing leaked into Object.prototype.
    for (const item of result.items) expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // A caller that did not strip the BOM (or decoded the bytes itself) gets the same feed.
    if (charset === 'utf-8') expect(parseFeed(bytes.toString('utf8'), expectation.feedUrl ?? null, options)).toEqual(result);
  });
});

describe('generated feeds', () => {
  it('parses a 10,000-item RSS feed quickly and completely', () => {
    const items = Array.from({ length: 10_000 }, (_, index) =>
      `<item><title>Item ${index} &amp; more</title><link>https://big.example/${index}</link>` +
      `<pubDate>Tue, 15 Apr 2025 09:${String(index % 60).padStart(2, '0')}:00 GMT</pubDate>` +
      `<description>&lt;p&gt;Summary ${index}&lt;/p&gt;</description></item>`).join('\n');
    const source = `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${items}</channel></rss>`;
    expect(source.length).toBeGreaterThan(1_500_000);
    const started = performance.now();
    const feed = parseFeed(source);
    const elapsed = performance.now() - started;
    expect(feed.items).toHaveLength(10_000);
    expect(feed.items[9_999]).toMatchObject({ title: 'Item 9999 & more', link: 'https://big.example/9999', summary: 'Summary 9999', publishedAt: '2025-04-15T09:39:00.000Z' });
    expect(elapsed).toBeLessThan(3000);
  });

  it('parses a 10,000-item JSON Feed with __proto__ in every item without polluting anything', () => {
    const items = Array.from({ length: 10_000 }, (_, index) =>
      `{"__proto__":{"polluted":"yes","isAdmin":true},"id":"${index}","url":"https://big.example/${index}","title":"T${index}"}`).join(',');
    const feed = parseFeed(`{"version":"https://jsonfeed.org/version/1.1","title":"Big JSON","items":[${items}]}`);
    expect(feed.items).toHaveLength(10_000);
    expect(feed.items[123]).toEqual({ id: '123', title: 'T123', link: 'https://big.example/123', publishedAt: null, updatedAt: null, summary: null, content: null, author: null });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
