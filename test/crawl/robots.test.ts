// robots.txt matching as RFC 9309 specifies it (the examples in §2.2.2 and §5), plus the product
// token, group selection, Crawl-delay and what each fetch outcome means.
import { describe, expect, it } from 'vitest';
import { parseRobots, policyForStatus, productToken, normalisePath, ROBOTS_MAX_BYTES } from '../../src/crawl/robots.ts';

const UA = 'tracker/1.0 (+https://example.org/about)';
const at = (path: string) => `https://news.example${path}`;

describe('productToken', () => {
  it('takes the name before the version and comment, lower-cased', () => {
    expect(productToken(UA)).toBe('tracker');
    expect(productToken('ExampleBot/2.1')).toBe('examplebot');
    expect(productToken('policy-tracker')).toBe('policy-tracker');
  });
});

describe('group selection', () => {
  const text = `
# a site with rules for everyone, for us, and for another crawler
User-agent: *
Disallow: /

User-agent: Tracker
Disallow: /drafts/
Crawl-delay: 4

User-agent: otherbot
Allow: /
`;
  it('obeys the group naming our product token (case-insensitive) instead of *', () => {
    const policy = parseRobots(text, UA);
    expect(policy.isAllowed(at('/news/export-controls'))).toBe(true);
    expect(policy.isAllowed(at('/drafts/leak'))).toBe(false);
    expect(policy.crawlDelayMs).toBe(4000);
  });

  it('falls back to * when no group names us', () => {
    const policy = parseRobots(text, 'somebot/1.0');
    expect(policy.isAllowed(at('/news/export-controls'))).toBe(false);
    expect(policy.crawlDelayMs).toBeNull();
  });

  it('prefers the most specific matching user-agent line', () => {
    const policy = parseRobots('User-agent: tracker\nDisallow: /a\n\nUser-agent: tracker-news\nDisallow: /b\n', 'tracker-news/2.0');
    expect(policy.isAllowed(at('/a'))).toBe(true);
    expect(policy.isAllowed(at('/b'))).toBe(false);
  });

  it('combines every group that names the same agent, and shares rules among stacked user-agent lines', () => {
    const policy = parseRobots('User-agent: googlebot\nUser-agent: tracker\nDisallow: /x\n\nUser-agent: tracker\nDisallow: /y\n', UA);
    expect(policy.isAllowed(at('/x/1'))).toBe(false);
    expect(policy.isAllowed(at('/y/1'))).toBe(false);
    expect(policy.isAllowed(at('/z/1'))).toBe(true);
  });

  it('allows everything when no group applies at all, and for an empty Disallow', () => {
    expect(parseRobots('User-agent: otherbot\nDisallow: /\n', UA).isAllowed(at('/any'))).toBe(true);
    expect(parseRobots('User-agent: *\nDisallow:\n', UA).isAllowed(at('/any'))).toBe(true);
    expect(parseRobots('', UA).isAllowed(at('/any'))).toBe(true);
  });
});

describe('rule matching', () => {
  it('lets the longest matching rule win, and Allow win a tie', () => {
    const policy = parseRobots('User-agent: *\nDisallow: /example/\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\nAllow: /tie\nDisallow: /tie\n', UA);
    expect(policy.isAllowed(at('/example/page/'))).toBe(true);
    expect(policy.isAllowed(at('/example/page/ok.html'))).toBe(true);
    expect(policy.isAllowed(at('/example/other'))).toBe(false);
    expect(policy.isAllowed(at('/example/page/disallowed.gif'))).toBe(false);
    expect(policy.isAllowed(at('/tie'))).toBe(true);
  });

  it('supports * wildcards and the $ end anchor (RFC 9309 §2.2.3)', () => {
    const policy = parseRobots('User-agent: *\nDisallow: /*.gif$\nDisallow: /private*/secret\nAllow: /$\nDisallow: /\n', UA);
    expect(policy.isAllowed(at('/'))).toBe(true);
    expect(policy.isAllowed(at('/image.gif'))).toBe(false);
    expect(policy.isAllowed(at('/privately/secret/plans'))).toBe(false);
    expect(parseRobots('User-agent: *\nDisallow: /*.gif$\n', UA).isAllowed(at('/image.gif?size=2'))).toBe(true);
    expect(parseRobots('User-agent: *\nDisallow: /*.gif$\n', UA).isAllowed(at('/image.gifs'))).toBe(true);
  });

  it('matches the query string as part of the path', () => {
    const policy = parseRobots('User-agent: *\nDisallow: /search?q=\nDisallow: /*?session=\n', UA);
    expect(policy.isAllowed(at('/search?q=chips'))).toBe(false);
    expect(policy.isAllowed(at('/search'))).toBe(true);
    expect(policy.isAllowed(at('/news/1?session=abc'))).toBe(false);
  });

  it('compares paths after percent-encoding normalisation (RFC 9309 §2.2.2 table)', () => {
    const policy = parseRobots('User-agent: *\nDisallow: /foo/bar?baz=quz\nDisallow: /foo/bar/ツ\nDisallow: /foo/bar/%E3%83%84\nDisallow: /foo/bar/%62%61%7A\nDisallow: /%7Euser\n', UA);
    expect(policy.isAllowed(at('/foo/bar?baz=quz'))).toBe(false);
    expect(policy.isAllowed(at('/foo/bar/%E3%83%84'))).toBe(false);
    expect(policy.isAllowed(at('/foo/bar/%e3%83%84'))).toBe(false);
    expect(policy.isAllowed(at('/foo/bar/baz'))).toBe(false);
    expect(policy.isAllowed(at('/~user/home'))).toBe(false);
    expect(policy.isAllowed(at('/%7euser/home'))).toBe(false);
    expect(normalisePath('/a%2fb')).toBe('/a%2Fb');
    expect(normalisePath('/ü')).toBe('/%C3%BC');
  });

  it('always allows /robots.txt itself, and ignores comments, odd spacing and unknown lines', () => {
    const policy = parseRobots('  USER-AGENT :  *   # everyone\nDISALLOW: /   # nothing\nNoindex: /x\nSitemap: https://news.example/sitemap.xml\n', UA);
    expect(policy.isAllowed(at('/robots.txt'))).toBe(true);
    expect(policy.isAllowed(at('/news'))).toBe(false);
    expect(policy.sitemaps).toEqual(['https://news.example/sitemap.xml']);
  });

  it('parses no more than 500 KiB', () => {
    const filler = `# ${'x'.repeat(1000)}\n`.repeat(Math.ceil(ROBOTS_MAX_BYTES / 1000) + 10);
    const policy = parseRobots(`User-agent: *\nDisallow: /early\n${filler}Disallow: /late\n`, UA);
    expect(policy.isAllowed(at('/early'))).toBe(false);
    expect(policy.isAllowed(at('/late'))).toBe(true);
  });

  it('stays fast on a pathological wildcard pattern', () => {
    const policy = parseRobots(`User-agent: *\nDisallow: /${'*a'.repeat(40)}$\n`, UA);
    const started = performance.now();
    expect(policy.isAllowed(at(`/${'a'.repeat(60)}b`))).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('policyForStatus', () => {
  const rules = 'User-agent: *\nDisallow: /private/\n';
  it('applies the rules of a 2xx, allows everything on a 4xx, disallows everything on 5xx, 429 or no answer', () => {
    expect(policyForStatus(200, rules, UA).isAllowed(at('/private/1'))).toBe(false);
    expect(policyForStatus(200, rules, UA).isAllowed(at('/public/1'))).toBe(true);
    for (const status of [401, 403, 404, 410]) expect(policyForStatus(status, '', UA).isAllowed(at('/private/1'))).toBe(true);
    for (const status of [429, 500, 503, null]) {
      expect(policyForStatus(status, '', UA).isAllowed(at('/public/1'))).toBe(false);
      expect(policyForStatus(status, '', UA).isAllowed(at('/robots.txt'))).toBe(true);
    }
  });
});
