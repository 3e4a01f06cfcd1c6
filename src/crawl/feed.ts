// Feed parsing: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0, JSON Feed 1.x, and OPML.
//
// XML goes through htmlparser2 in XML mode: it recovers from ill-formed markup the way a browser
// would, and it never expands DTD-declared entities, so entity-expansion attacks (billion laughs)
// and external entities have nothing to work with. Parsed values are read field by field into
// fresh objects; nothing parsed is ever merged into a plain object.
import { parseDocument } from 'htmlparser2';
import type { Element, AnyNode } from 'domhandler';
import { parseLooseDate } from './looseDate.ts';
import { isElement, localName, prefixOf, childElements, textOf, decodeXmlEntities } from './xmlTree.ts';

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'jsonfeed' | 'opml';

export interface FeedItem {
  id: string;
  title: string;
  link: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  summary: string | null;
  content: string | null;
  author: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  link: string | null;
  items: FeedItem[];
  /** For OPML: the feeds it lists. */
  outlines?: { url: string; title: string | null; htmlUrl: string | null }[];
}

export class FeedParseError extends Error {}

const MAX_ITEMS = 50000;

/** Text of an element; for XHTML content in Atom, the serialised markup is not needed, the text is. */
function text(element: Element | undefined): string {
  return element ? textOf(element).trim() : '';
}

/** An attribute by name regardless of case (XML mode keeps `isPermaLink` as written). */
function attribute(element: Element | undefined, name: string): string | undefined {
  if (!element?.attribs) return undefined;
  const key = Object.keys(element.attribs).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : element.attribs[key];
}

function find(element: Element, name: string, prefix?: string): Element | undefined {
  return childElements(element).find((child) => localName(child) === name && (prefix === undefined || prefixOf(child) === prefix));
}

/** The feed format's own element, not an extension's of the same local name (media:title, dc:title, itunes:summary). */
const extensionPrefixes = new Set(['media', 'dc', 'dcterms', 'itunes', 'content', 'slash', 'wfw', 'georss', 'googleplay']);
function findOwn(element: Element, name: string): Element | undefined {
  return childElements(element).find((child) => localName(child) === name && !extensionPrefixes.has(prefixOf(child)));
}

function findAll(element: Element, name: string): Element[] {
  return childElements(element).filter((child) => localName(child) === name);
}

/** An absolute http(s) URL from a possibly relative one, or null. Shared by the feed and sitemap parsers. */
export function resolveUrl(value: string | null | undefined, base: string | null): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** xml:base on an element and its ancestors, resolved against the feed URL. */
function baseFor(element: Element, feedUrl: string | null): string | null {
  const chain: string[] = [];
  let current: Element | null = element;
  while (current) {
    const value = current.attribs?.['xml:base'];
    if (value) chain.unshift(value);
    current = current.parent && isElement(current.parent as AnyNode) ? (current.parent as Element) : null;
  }
  let base = feedUrl;
  for (const value of chain) base = resolveUrl(value, base) ?? base;
  return base;
}

// Elements whose text is never shown, and inline elements that do not separate words.
const hiddenElements = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'head', 'title']);
const inlineElements = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var']);

/** Plain text of an HTML fragment, as a reader would see it: tags dropped (with script and style
 * contents), every HTML entity decoded, whitespace collapsed. A bare `<` that opens no tag stays. */
function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  const parts: string[] = [];
  const walk = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') parts.push((node as unknown as { data: string }).data);
      else if (node.type === 'cdata' || node.type === 'root') walk((node as unknown as { children: AnyNode[] }).children);
      else if (isElement(node)) {
        const name = node.name.toLowerCase();
        if (hiddenElements.has(name) || node.type !== 'tag') continue;
        const inline = inlineElements.has(name);
        if (!inline) parts.push(' ');
        walk(node.children);
        if (!inline) parts.push(' ');
      }
    }
  };
  walk(parseDocument(html).children);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function plainSummary(value: string): string | null {
  return htmlToText(value) || null;
}

/** The RSS <link>: the plain one first, since WordPress and others put an <atom:link rel="self">
 * (the feed's own address) before it. */
function rssLinkElement(element: Element): Element | undefined {
  return find(element, 'link', '') ?? findAll(element, 'link').find((link) => (attribute(link, 'rel') ?? 'alternate') === 'alternate');
}

/** A Media RSS element (media:title, media:description, media:content …) on the item itself, or
 * inside its media:group or media:content, as publishers nest them either way. */
function mediaElement(item: Element, name: string): Element | undefined {
  const direct = find(item, name, 'media');
  if (direct) return direct;
  for (const container of childElements(item).filter((child) => prefixOf(child) === 'media' && ['group', 'content'].includes(localName(child)))) {
    const nested = find(container, name, 'media') ?? mediaElement(container, name);
    if (nested) return nested;
  }
  return undefined;
}

/** A media:content that is itself the story (a web page), usable when the item has no link. */
function mediaPageUrl(item: Element): string | undefined {
  const candidates = [...findAll(item, 'content').filter((child) => prefixOf(child) === 'media'),
    ...findAll(item, 'group').filter((child) => prefixOf(child) === 'media').flatMap((group) => findAll(group, 'content'))];
  const page = candidates.find((content) => /html/i.test(attribute(content, 'type') ?? '') || (attribute(content, 'medium') ?? '').toLowerCase() === 'document');
  return page ? attribute(page, 'url') : undefined;
}

function firstText(...elements: (Element | undefined)[]): string {
  for (const element of elements) {
    const value = text(element);
    if (value) return value;
  }
  return '';
}

function parseRssItem(item: Element, feedUrl: string | null): FeedItem {
  const base = baseFor(item, feedUrl);
  const linkElement = rssLinkElement(item);
  const link = resolveUrl(text(linkElement) || linkElement?.attribs?.href || linkElement?.attribs?.['rdf:resource'], base);
  const guid = find(item, 'guid');
  const guidText = text(guid);
  const permalink = guid && attribute(guid, 'ispermalink')?.trim().toLowerCase() !== 'false' && /^https?:/i.test(guidText) ? resolveUrl(guidText, base) : null;
  // Dublin Core (RSS 1.0 and many RSS 2.0 feeds) stands in for the RSS elements it duplicates.
  const dateText = firstText(find(item, 'pubdate'), find(item, 'date', 'dc'), find(item, 'issued'), find(item, 'created', 'dcterms'), find(item, 'published'));
  const content = text(find(item, 'encoded', 'content'));
  const description = firstText(findOwn(item, 'description'), findOwn(item, 'summary'), find(item, 'description', 'dc'), mediaElement(item, 'description'));
  const author = firstText(find(item, 'creator', 'dc'), find(item, 'author'), mediaElement(item, 'credit'));
  const title = plainSummary(firstText(findOwn(item, 'title'), find(item, 'title', 'dc'), mediaElement(item, 'title'))) ?? '';
  const finalLink = link ?? permalink ?? resolveUrl(mediaPageUrl(item), base);
  return {
    id: guidText || finalLink || title,
    title,
    link: finalLink,
    publishedAt: parseLooseDate(dateText),
    updatedAt: parseLooseDate(firstText(find(item, 'updated'), find(item, 'modified', 'dcterms'))),
    // content:encoded is the full article; its opening stands in for a missing description.
    summary: description ? plainSummary(description) : content ? plainSummary(content)?.slice(0, 500) ?? null : null,
    content: content || null,
    author: author || null,
  };
}

function atomLink(entry: Element, base: string | null): string | null {
  const links = findAll(entry, 'link');
  const alternate = links.find((link) => !link.attribs.rel || link.attribs.rel === 'alternate') ?? links[0];
  return resolveUrl(alternate?.attribs?.href || text(alternate), base);
}

function parseAtomEntry(entry: Element, feedUrl: string | null): FeedItem {
  const base = baseFor(entry, feedUrl);
  const link = atomLink(entry, base);
  const title = plainSummary(firstText(findOwn(entry, 'title'), mediaElement(entry, 'title'))) ?? '';
  const summary = firstText(findOwn(entry, 'summary'), mediaElement(entry, 'description'));
  const content = text(find(entry, 'content'));
  const authorElement = find(entry, 'author');
  const author = authorElement ? text(find(authorElement, 'name')) || text(authorElement) : '';
  return {
    id: text(find(entry, 'id')) || link || title,
    title,
    link,
    publishedAt: parseLooseDate(text(find(entry, 'published')) || text(find(entry, 'issued')) || text(find(entry, 'updated')) || text(find(entry, 'modified'))),
    updatedAt: parseLooseDate(text(find(entry, 'updated')) || text(find(entry, 'modified'))),
    summary: summary ? plainSummary(summary) : content ? plainSummary(content)?.slice(0, 500) ?? null : null,
    content: content || null,
    author: author || null,
  };
}

function parseJsonFeed(source: string, feedUrl: string | null): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new FeedParseError(`invalid JSON: ${(error as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new FeedParseError('JSON Feed must be an object');
  const feed = data as Record<string, unknown>;
  const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
  const rawItems = Array.isArray(feed.items) ? feed.items.slice(0, MAX_ITEMS) : [];
  const items: FeedItem[] = [];
  for (const raw of rawItems) {
    if (!raw || typeof raw !== 'object') continue;
    const item = raw as Record<string, unknown>;
    const link = resolveUrl(str(item.url) ?? str(item.external_url), feedUrl);
    const authors = Array.isArray(item.authors) ? item.authors : item.author ? [item.author] : [];
    const firstAuthor = authors.find((entry) => entry && typeof entry === 'object') as Record<string, unknown> | undefined;
    const html = str(item.content_html);
    items.push({
      id: str(item.id) ?? (typeof item.id === 'number' ? String(item.id) : null) ?? link ?? str(item.title) ?? '',
      title: str(item.title) ? htmlToText(str(item.title)!) : '',
      link,
      publishedAt: parseLooseDate(str(item.date_published)),
      updatedAt: parseLooseDate(str(item.date_modified)),
      summary: str(item.summary) ? htmlToText(str(item.summary)!) : str(item.content_text)?.slice(0, 500) ?? (html ? htmlToText(html).slice(0, 500) : null),
      content: html ?? str(item.content_text),
      author: firstAuthor ? str(firstAuthor.name) : null,
    });
  }
  return { format: 'jsonfeed', title: str(feed.title) ?? '', link: resolveUrl(str(feed.home_page_url), feedUrl), items };
}

function parseOpml(root: Element, feedUrl: string | null): ParsedFeed {
  const outlines: { url: string; title: string | null; htmlUrl: string | null }[] = [];
  const walk = (element: Element) => {
    for (const child of childElements(element)) {
      if (localName(child) === 'outline') {
        const url = resolveUrl(child.attribs.xmlurl ?? child.attribs.xmlUrl, feedUrl);
        if (url) outlines.push({ url, title: child.attribs.title ?? child.attribs.text ?? null, htmlUrl: resolveUrl(child.attribs.htmlurl ?? child.attribs.htmlUrl, feedUrl) });
      }
      walk(child);
    }
  };
  walk(root);
  const head = find(root, 'head');
  return { format: 'opml', title: text(head && find(head, 'title')), link: null, items: [], outlines };
}

/** Detects a feed document's format from its text without parsing it fully. */
export function sniffFeedFormat(source: string): FeedFormat | 'html' | null {
  const head = source.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return /"version"\s*:\s*"https:\/\/jsonfeed\.org/i.test(source.slice(0, 20000)) || /"items"\s*:/.test(source) ? 'jsonfeed' : null;
  const withoutProlog = head.replace(/<\?xml[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '').trimStart();
  if (/^<(rss)\b/i.test(withoutProlog)) return 'rss';
  if (/^<(\w+:)?RDF\b/i.test(withoutProlog)) return 'rdf';
  if (/^<feed\b/i.test(withoutProlog)) return 'atom';
  if (/^<opml\b/i.test(withoutProlog)) return 'opml';
  if (/^<(!doctype html|html|head|body)\b/i.test(withoutProlog) || /<html[\s>]/i.test(head)) return 'html';
  if (/<rss[\s>]/i.test(head)) return 'rss';
  if (/<feed[\s>]/i.test(head)) return 'atom';
  return null;
}

/** Drops the last item of a truncated document when it was cut before its closing tag: the parser
 * closes it at the end of the text, and its half-written link or title would be taken at face value. */
function complete(items: Element[], source: string, name: string): Element[] {
  const last = items[items.length - 1];
  if (!last || last.startIndex === null) return items;
  const closing = new RegExp(`</(\\w+:)?${name}\\s*>`, 'i');
  return closing.test(source.slice(last.startIndex)) ? items : items.slice(0, -1);
}

/** Parses a decoded feed document. `feedUrl` resolves relative links. Throws FeedParseError. */
export function parseFeed(source: string, feedUrl: string | null = null): ParsedFeed {
  const format = sniffFeedFormat(source);
  if (format === 'jsonfeed') return parseJsonFeed(source, feedUrl);
  if (format === 'html') throw new FeedParseError('this is an HTML page, not a feed');
  if (!format) {
    if (!source.trim()) throw new FeedParseError('the document is empty');
    throw new FeedParseError('not a recognised feed (expected RSS, Atom, RDF, JSON Feed or OPML)');
  }
  const document = parseDocument(source, { xmlMode: true, recognizeCDATA: true, decodeEntities: false, withStartIndices: true });
  const root = document.children.filter(isElement).find((element) => ['rss', 'rdf', 'feed', 'opml'].includes(localName(element)));
  if (!root) throw new FeedParseError(`no ${format} root element found`);
  if (format === 'opml') return parseOpml(root, feedUrl);
  if (format === 'atom') {
    const base = baseFor(root, feedUrl);
    const entries = complete(findAll(root, 'entry'), source, 'entry').slice(0, MAX_ITEMS);
    return { format, title: plainSummary(text(find(root, 'title'))) ?? '', link: atomLink(root, base), items: entries.map((entry) => parseAtomEntry(entry, feedUrl)) };
  }
  const channel = find(root, 'channel');
  // RSS 1.0 puts items beside the channel; RSS 2.0 inside it. Accept either, as real feeds mix them up.
  const items = complete([...(channel ? findAll(channel, 'item') : []), ...findAll(root, 'item')], source, 'item').slice(0, MAX_ITEMS);
  if (!channel && items.length === 0) throw new FeedParseError('the feed has no channel and no items');
  const channelBase = channel ? baseFor(channel, feedUrl) : feedUrl;
  const channelLink = channel ? rssLinkElement(channel) : undefined;
  return {
    format,
    title: channel ? plainSummary(text(find(channel, 'title'))) ?? '' : '',
    link: resolveUrl(text(channelLink) || channelLink?.attribs?.href, channelBase),
    items: items.map((item) => parseRssItem(item, feedUrl)),
  };
}
