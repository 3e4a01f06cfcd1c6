// parseFeed's optional third argument (the response's Content-Location), the feed id, and the
// linear-time guarantees of the newer decoding paths (base64 content, unclosed hidden elements in
// titles) on hostile input. The real-world cases themselves are fixtures in fixtures/feeds/.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFeed } from '../../src/crawl/feed.ts';

const fixture = (name: string) => fs.readFileSync(fileURLToPath(new URL(`./fixtures/feeds/${name}`, import.meta.url)), 'utf8');
const escape = (html: string) => html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('parseFeed options', () => {
  const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><link href="home/" /><id>tag:t.example,2025:f</id>
    <entry><title>E</title><link href="posts/1" /><id>tag:t.example,2025:1</id></entry></feed>`;

  it('keeps the one- and two-argument calls, and an absent or empty Content-Location changes nothing', () => {
    const twoArguments = parseFeed(atom, 'https://t.example/feeds/atom.xml');
    expect(twoArguments.items[0].link).toBe('https://t.example/feeds/posts/1');
    expect(parseFeed(atom, 'https://t.example/feeds/atom.xml', {})).toEqual(twoArguments);
    expect(parseFeed(atom, 'https://t.example/feeds/atom.xml', { contentLocation: null })).toEqual(twoArguments);
    expect(parseFeed(atom, 'https://t.example/feeds/atom.xml', { contentLocation: '' })).toEqual(twoArguments);
    expect(parseFeed(atom).items[0].link).toBeNull();
  });

  it('takes the Content-Location, resolved against the feed URL, as the base for relative links', () => {
    const feed = parseFeed(atom, 'https://proxy.example/get?id=1', { contentLocation: 'https://t.example/blog/atom.xml' });
    expect(feed.link).toBe('https://t.example/blog/home/');
    expect(feed.items[0].link).toBe('https://t.example/blog/posts/1');
    expect(parseFeed(atom, 'https://t.example/a/b/feed', { contentLocation: '../c/atom.xml' }).items[0].link).toBe('https://t.example/a/c/posts/1');
    // With no feed URL an absolute Content-Location still serves as the base.
    expect(parseFeed(atom, null, { contentLocation: 'https://t.example/x/' }).items[0].link).toBe('https://t.example/x/posts/1');
  });

  it('ignores a Content-Location that is not an http(s) URL', () => {
    const feed = parseFeed(atom, 'https://t.example/feeds/atom.xml', { contentLocation: 'javascript:alert(1)' });
    expect(feed.items[0].link).toBe('https://t.example/feeds/posts/1');
  });

  it('applies the Content-Location to JSON Feed and OPML too', () => {
    const json = '{"version":"https://jsonfeed.org/version/1.1","title":"J","home_page_url":"./","items":[{"id":"1","url":"p/1"}]}';
    const feed = parseFeed(json, 'https://proxy.example/j', { contentLocation: 'https://j.example/feed/' });
    expect(feed).toMatchObject({ id: null, link: 'https://j.example/feed/', items: [{ link: 'https://j.example/feed/p/1' }] });
    const opml = '<?xml version="1.0"?><opml version="2.0"><head><title>O</title></head><body><outline text="A" xmlUrl="a.xml" /></body></opml>';
    expect(parseFeed(opml, 'https://proxy.example/o', { contentLocation: 'https://o.example/lists/' }).outlines).toEqual([{ url: 'https://o.example/lists/a.xml', title: 'A', htmlUrl: null }]);
  });
});

describe('feed id', () => {
  it('is the Atom feed <id>, the RDF channel rdf:about, and null where the format has none', () => {
    expect(parseFeed(fixture('atom-1.0-xml-base.xml'), 'https://cdn.example/feeds/atom.xml').id).toBe('tag:thinktank.example,2025:feed');
    expect(parseFeed(fixture('rss-1.0-rdf-dc-date.xml')).id).toBe('https://ministry.example/rss');
    expect(parseFeed(fixture('rss-2.0-basic.xml')).id).toBeNull();
    expect(parseFeed(fixture('atom-0.3.xml')).id).toBeNull();
    expect(parseFeed(fixture('jsonfeed-1.1-authors.json')).id).toBeNull();
    expect(parseFeed(fixture('opml-subscriptions.xml')).id).toBeNull();
  });
});

describe('hostile input on the new decoding paths', () => {
  const rss = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>H</title><item><title>${escape(title)}</title><description>${escape(title)}</description><link>https://h.example/1</link></item></channel></rss>`;
  const timed = (source: string) => {
    const started = performance.now();
    const feed = parseFeed(source);
    return { feed, ms: performance.now() - started };
  };

  it('handles tens of thousands of unclosed script and style start tags in a title in linear time', () => {
    const { feed, ms } = timed(rss(`${'<script>'.repeat(20_000)}${'<style media="print">'.repeat(20_000)} still here`));
    expect(feed.items[0].title).toBe('still here');
    expect(ms).toBeLessThan(3000);
  });

  it('handles closed and unclosed scripts interleaved, keeping only the text after the last unclosed one', () => {
    const { feed, ms } = timed(rss(`${'<script>drop()</script>kept '.repeat(10_000)}<script> tail`));
    expect(feed.items[0].title).toMatch(/^kept kept .* kept tail$/);
    expect(feed.items[0].title).not.toContain('drop');
    expect(ms).toBeLessThan(3000);
  });

  it('keeps the text in deeply nested unclosed objects without overflowing the stack', () => {
    const { feed, ms } = timed(rss(`${'<object> a '.repeat(5_000)}end`));
    expect(feed.items[0].title.endsWith('a a end')).toBe(true);
    expect(ms).toBeLessThan(3000);
  });

  it('decodes a multi-megabyte base64 content quickly, and gives up on a long non-base64 one quickly', () => {
    const text = 'Grid capacity figures for the quarter. '.repeat(60_000);
    const body = Buffer.from(text).toString('base64').replace(/.{76}/g, '$&\n');
    const atom = (content: string, type: string) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>B</title><entry><id>tag:b,1</id><title>x</title><content type="${type}">${content}</content></entry></feed>`;
    const decoded = timed(atom(body, 'application/octet-stream'));
    expect(decoded.feed.items[0].content).toBe(text.trim());
    expect(decoded.feed.items[0].summary!.length).toBeLessThanOrEqual(500);
    expect(decoded.ms).toBeLessThan(3000);
    const junk = timed(atom(`${'A'.repeat(2_000_000)}!`, 'application/pdf'));
    expect(junk.ms).toBeLessThan(3000);
  });
});
