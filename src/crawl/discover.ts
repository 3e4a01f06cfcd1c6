// Feed autodiscovery: the feeds a page advertises with <link rel="alternate" type="…">.
import { parseDocument } from 'htmlparser2';
import { findAll, findOne } from 'domutils';
import type { Element } from 'domhandler';

const feedTypes = /^(application\/(rss|atom|rdf|feed)\+(xml|json)|application\/json|text\/xml|application\/xml)$/i;

export function discoverFeedLinks(html: string, pageUrl: string): string[] {
  const document = parseDocument(html.slice(0, 512 * 1024));
  const links = findAll((element: Element) => element.name === 'link', document.children);
  const found: string[] = [];
  // Relative hrefs resolve against <base href> when the page has one, as a browser would.
  const base = findOne((element: Element) => element.name === 'base' && Boolean(element.attribs.href), document.children);
  let baseUrl = pageUrl;
  try { if (base) baseUrl = new URL(base.attribs.href, pageUrl).href; } catch { /* an unusable base is ignored */ }
  for (const link of links) {
    const rel = (link.attribs.rel ?? '').toLowerCase().split(/\s+/);
    // "application/rss+xml; charset=utf-8" is still RSS.
    const type = (link.attribs.type ?? '').split(';')[0].trim();
    if (!rel.includes('alternate') || !feedTypes.test(type) || !link.attribs.href) continue;
    try {
      const url = new URL(link.attribs.href, baseUrl).href;
      if (!found.includes(url)) found.push(url);
    } catch { /* an unusable href is skipped */ }
  }
  return found;
}
