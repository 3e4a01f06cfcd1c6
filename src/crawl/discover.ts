// Feed autodiscovery: the feeds a page advertises with <link rel="alternate" type="…">.
import { parseDocument } from 'htmlparser2';
import { findAll } from 'domutils';
import type { Element } from 'domhandler';

const feedTypes = /^(application\/(rss|atom|rdf|feed)\+(xml|json)|application\/json|text\/xml|application\/xml)$/i;

export function discoverFeedLinks(html: string, pageUrl: string): string[] {
  const document = parseDocument(html.slice(0, 512 * 1024));
  const links = findAll((element: Element) => element.name === 'link', document.children);
  const found: string[] = [];
  for (const link of links) {
    const rel = (link.attribs.rel ?? '').toLowerCase().split(/\s+/);
    const type = (link.attribs.type ?? '').trim();
    if (!rel.includes('alternate') || !feedTypes.test(type) || !link.attribs.href) continue;
    try {
      const url = new URL(link.attribs.href, pageUrl).href;
      if (!found.includes(url)) found.push(url);
    } catch { /* an unusable href is skipped */ }
  }
  return found;
}
