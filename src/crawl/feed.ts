// Feed parsing: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0, JSON Feed 1.x, and OPML.
//
// XML goes through htmlparser2 in XML mode: it recovers from ill-formed markup the way a browser
// would, and it never expands DTD-declared entities, so entity-expansion attacks (billion laughs)
// and external entities have nothing to work with. Parsed values are read field by field into
// fresh objects; nothing parsed is ever merged into a plain object.
import { parseDocument } from 'htmlparser2';
import type { Element, AnyNode } from 'domhandler';
import { parseLooseDate } from '../text/looseDate.ts';
import { isElement, localName, prefixOf, childElements, textOf, decodeXmlEntities, decodeAttributeEntities } from './xmlTree.ts';

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
  /** The feed's own identifier: Atom's feed <id>, an RSS channel's atom:id, an RDF channel's
   * rdf:about; null when there is none (JSON Feed and OPML have none). */
  id: string | null;
  title: string;
  link: string | null;
  items: FeedItem[];
  /** For OPML: the feeds it lists. */
  outlines?: { url: string; title: string | null; htmlUrl: string | null }[];
}

export interface ParseFeedOptions {
  /** The response's Content-Location header: when present it (resolved against the feed URL) is the
   * document's base URL for relative links, instead of the feed URL. */
  contentLocation?: string | null;
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

/** The xml:base attribute of an element, whatever its case. */
function xmlBaseAttribute(element: Element): string | undefined {
  const attribs = element.attribs;
  if (!attribs) return undefined;
  if (attribs['xml:base'] !== undefined) return attribs['xml:base'];
  const key = Object.keys(attribs).find((candidate) => candidate.toLowerCase() === 'xml:base');
  return key === undefined ? undefined : attribs[key];
}

/** The base URL in effect on an element (RFC 3986 resolution of the xml:base on it and on each of its
 * ancestors, outermost first, starting from the document's base URL), and whether any xml:base was
 * declared on the way. An xml:base that does not resolve to an http(s) URL is skipped. */
function xmlBase(element: Element | undefined, documentBase: string | null): { base: string | null; declared: boolean } {
  const chain: string[] = [];
  let current: Element | null = element ?? null;
  while (current) {
    const value = xmlBaseAttribute(current);
    if (value?.trim()) chain.push(value);
    current = current.parent && isElement(current.parent as AnyNode) ? (current.parent as Element) : null;
  }
  let base = documentBase;
  for (let index = chain.length - 1; index >= 0; index -= 1) base = resolveUrl(chain[index], base) ?? base;
  return { base, declared: chain.length > 0 };
}

function baseFor(element: Element | undefined, documentBase: string | null): string | null {
  return xmlBase(element, documentBase).base;
}

/** An identifier (Atom id, RSS guid) as written, or, when it is a relative reference under an
 * xml:base, resolved against that base. Opaque ids (tag:, urn:, a bare number with no xml:base
 * around it) are left as they are. */
function resolveId(value: string, element: Element | undefined, documentBase: string | null): string {
  if (!value || /^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
  const { base, declared } = xmlBase(element, documentBase);
  return declared ? resolveUrl(value, base) ?? value : value;
}

// Elements whose text is never shown, and inline elements that do not separate words.
const hiddenElements = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'head', 'title']);
const inlineElements = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var']);

/** Whether an element of an HTML fragment was ended by its own end tag (`</object>`), rather than
 * left open to the end of the text or closed by an enclosing element's end tag. Looks only at a
 * short window before the element's end, so the check stays constant-time per element. */
function endsWithOwnEndTag(html: string, element: Element, name: string): boolean {
  const end = element.endIndex;
  if (end === null || end >= html.length || html[end] !== '>') return false;
  const window = html.slice(Math.max(0, end - 256), end + 1);
  const at = window.lastIndexOf('</');
  if (at === -1 || window.slice(at + 2, at + 2 + name.length).toLowerCase() !== name) return false;
  const after = window[at + 2 + name.length];
  return after === '>' || after === '/' || /\s/.test(after ?? '');
}

// Elements whose body HTML reads as raw text up to their end tag (htmlparser2 follows the HTML spec).
const rawTextElements = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
const rawTextOpening = /<(script|style|title|textarea|xmp)(?=[\s/>]|$)[^>]*>?/gi;
const rawTextClosing = /<\/(script|style|title|textarea|xmp)[\s>]/gi;

/** Drops the start tag of every raw-text element (script, style …) that has no end tag after it,
 * so that the rest of the fragment is read as the HTML it is instead of as the element's raw body.
 * Two linear scans: the last end tag of each name, then the start tags after it. */
function dropUnclosedRawText(html: string): string {
  if (!/<(script|style|title|textarea|xmp)/i.test(html)) return html;
  const lastClosing = new Map<string, number>();
  for (const match of html.matchAll(rawTextClosing)) lastClosing.set(match[1].toLowerCase(), match.index);
  return html.replace(rawTextOpening, (tag: string, name: string, offset: number) => offset > (lastClosing.get(name.toLowerCase()) ?? -1) ? ' ' : tag);
}

/** Plain text of an HTML fragment, as a reader would see it: tags dropped (with script and style
 * contents), every HTML entity decoded, whitespace collapsed. A bare `<` that opens no tag stays.
 * A hidden element that is never closed (`Hello <object data="x"> world`, a `<script>` without its
 * end tag) is dropped alone: the text after it is the feed's text, not the element's body. */
function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  const source = dropUnclosedRawText(html);
  // Depth-first over an explicit stack (a string on it is text to emit), so that deeply nested
  // markup cannot overflow the call stack.
  const parts: string[] = [];
  const stack: (AnyNode | string)[] = [];
  const pushChildren = (children: AnyNode[]) => {
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]);
  };
  pushChildren(parseDocument(source, { withStartIndices: true, withEndIndices: true }).children);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') parts.push(node);
    else if (node.type === 'text') parts.push((node as unknown as { data: string }).data);
    else if (node.type === 'cdata' || node.type === 'root') pushChildren((node as unknown as { children: AnyNode[] }).children);
    else if (isElement(node)) {
      if (node.type !== 'tag') continue; // script and style
      const name = node.name.toLowerCase();
      // A raw-text element left in the source has its end tag (dropUnclosedRawText): drop it whole.
      if (hiddenElements.has(name) && (rawTextElements.has(name) || endsWithOwnEndTag(source, node, name))) continue;
      const inline = inlineElements.has(name);
      if (!inline) {
        parts.push(' ');
        stack.push(' ');
      }
      pushChildren(node.children);
    }
  }
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

/** Text from base64, when it decodes to UTF-8 text; null when it decodes to binary data (an image)
 * or is not base64 at all. */
function decodeBase64Text(value: string): string | null {
  const compact = value.replace(/\s+/g, '');
  if (!compact || compact.length % 4 === 1 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return null;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    return null;
  }
  // Control characters other than whitespace mean binary data that happened to be valid UTF-8.
  return /[\u0000-\u0008\u000e-\u001f\u007f]/.test(decoded) ? null : decoded.trim();
}

/** Whether an Atom 1.0 content type says the element holds base64 (RFC 4287 4.1.3.3): a media type
 * that is neither text/* nor an XML type, nor one of the text/html/xhtml keywords. */
function isBase64MediaType(type: string): boolean {
  if (!type.includes('/')) return false;
  const mediaType = type.split(';')[0].trim();
  return !mediaType.startsWith('text/') && !mediaType.endsWith('+xml') && !mediaType.endsWith('/xml') && !mediaType.endsWith('/xml-dtd');
}

/** The value of an Atom text or content construct (title, summary, content) decoded as its mode
 * (Atom 0.3: `xml`, `escaped` HTML, `base64`) or its type (Atom 1.0: a media type that is not text
 * or XML is base64) says. Escaped HTML and inline markup come back as text to be read as HTML. */
function atomText(element: Element | undefined, legacy: boolean): string {
  if (!element) return '';
  const value = text(element);
  const mode = attribute(element, 'mode')?.trim().toLowerCase();
  const base64 = mode === 'base64' || (!legacy && !mode && isBase64MediaType((attribute(element, 'type') ?? '').trim().toLowerCase()));
  if (!base64 || !value) return value;
  const decoded = decodeBase64Text(value);
  if (decoded !== null) return decoded;
  // Declared base64 but holding words and punctuation: the publisher mislabelled plain text.
  return /[^A-Za-z0-9+/=_\s-]/.test(value) ? value : '';
}

/** The RDF about attribute (`rdf:about`, under whatever prefix the document binds RDF to). */
function rdfAbout(element: Element): string {
  const attribs = element.attribs ?? {};
  const key = Object.keys(attribs).find((candidate) => /^[^:]+:about$/i.test(candidate)) ?? (attribs.about !== undefined ? 'about' : undefined);
  return key === undefined ? '' : (attribs[key] ?? '').trim();
}

function parseRssItem(item: Element, documentBase: string | null): FeedItem {
  const base = baseFor(item, documentBase);
  const linkElement = rssLinkElement(item);
  const link = resolveUrl(text(linkElement) || linkElement?.attribs?.href || linkElement?.attribs?.['rdf:resource'], baseFor(linkElement, documentBase));
  const guid = find(item, 'guid');
  const rawGuid = text(guid);
  const isPermaLink = attribute(guid, 'ispermalink')?.trim().toLowerCase() !== 'false';
  // A permalink guid is a URL, relative ones resolved under xml:base; an opaque guid stays as written.
  const guidText = guid && isPermaLink ? resolveId(rawGuid, guid, documentBase) : rawGuid;
  const permalink = guid && isPermaLink && /^https?:/i.test(guidText) ? resolveUrl(guidText, baseFor(guid, documentBase)) : null;
  // dc:identifier (any identifier: a URL, a DOI, an ISBN) is taken as written. RSS 1.0 names each
  // item by its rdf:about, a URI reference, usually the item's URL.
  const identifier = find(item, 'identifier', 'dc');
  const about = rdfAbout(item);
  // Dublin Core (RSS 1.0 and many RSS 2.0 feeds) stands in for the RSS elements it duplicates.
  const dateText = firstText(find(item, 'pubdate'), find(item, 'date', 'dc'), find(item, 'issued'), find(item, 'created', 'dcterms'), find(item, 'published'));
  const content = text(find(item, 'encoded', 'content'));
  const description = firstText(findOwn(item, 'description'), findOwn(item, 'summary'), find(item, 'description', 'dc'), mediaElement(item, 'description'));
  const author = firstText(find(item, 'creator', 'dc'), find(item, 'author'), mediaElement(item, 'credit'));
  const title = plainSummary(firstText(findOwn(item, 'title'), find(item, 'title', 'dc'), mediaElement(item, 'title'))) ?? '';
  const finalLink = link ?? permalink ?? resolveUrl(mediaPageUrl(item), base);
  return {
    id: guidText || text(identifier) || resolveId(about, item, documentBase) || finalLink || title,
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

/** The alternate link of an Atom feed or entry, resolved under the xml:base of the link itself
 * and of its ancestors. */
function atomLink(entry: Element, documentBase: string | null): string | null {
  const links = findAll(entry, 'link');
  const alternate = links.find((link) => !link.attribs.rel || link.attribs.rel === 'alternate') ?? links[0];
  return resolveUrl(alternate?.attribs?.href || text(alternate), baseFor(alternate, documentBase));
}

/** The Atom <id> of a feed or entry (not an extension's id), relative ones resolved under xml:base. */
function atomId(element: Element, documentBase: string | null): string {
  const id = find(element, 'id', '') ?? find(element, 'id', 'atom') ?? findOwn(element, 'id');
  return resolveId(text(id), id, documentBase);
}

function parseAtomEntry(entry: Element, documentBase: string | null, legacy: boolean): FeedItem {
  const link = atomLink(entry, documentBase);
  const title = plainSummary(atomText(findOwn(entry, 'title'), legacy) || text(mediaElement(entry, 'title'))) ?? '';
  const summary = atomText(findOwn(entry, 'summary'), legacy) || text(mediaElement(entry, 'description'));
  const content = atomText(findOwn(entry, 'content'), legacy);
  const authorElement = find(entry, 'author');
  const author = authorElement ? text(find(authorElement, 'name')) || text(authorElement) : '';
  return {
    id: atomId(entry, documentBase) || link || title,
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
  return { format: 'jsonfeed', id: null, title: str(feed.title) ?? '', link: resolveUrl(str(feed.home_page_url), feedUrl), items };
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
  return { format: 'opml', id: null, title: text(head && find(head, 'title')), link: null, items: [], outlines };
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

/** Parses a decoded feed document. `feedUrl` resolves relative links, or, when the response had one,
 * `options.contentLocation` resolved against it; xml:base inside the document refines either.
 * Throws FeedParseError. */
export function parseFeed(source: string, feedUrl: string | null = null, options: ParseFeedOptions = {}): ParsedFeed {
  const documentBase = (options.contentLocation ? resolveUrl(options.contentLocation, feedUrl) : null) ?? feedUrl;
  const format = sniffFeedFormat(source);
  if (format === 'jsonfeed') return parseJsonFeed(source, documentBase);
  if (format === 'html') throw new FeedParseError('this is an HTML page, not a feed');
  if (!format) {
    if (!source.trim()) throw new FeedParseError('the document is empty');
    throw new FeedParseError('not a recognised feed (expected RSS, Atom, RDF, JSON Feed or OPML)');
  }
  const document = parseDocument(source, { xmlMode: true, recognizeCDATA: true, decodeEntities: false, withStartIndices: true });
  decodeAttributeEntities(document);
  const root = document.children.filter(isElement).find((element) => ['rss', 'rdf', 'feed', 'opml'].includes(localName(element)));
  if (!root) throw new FeedParseError(`no ${format} root element found`);
  if (format === 'opml') return parseOpml(root, documentBase);
  if (format === 'atom') {
    // Atom 0.3 content constructs say how they are encoded with `mode`; its `type` is only a label.
    const legacy = attribute(root, 'version')?.trim() === '0.3' || /purl\.org\/atom\/ns/i.test(attribute(root, 'xmlns') ?? '');
    const entries = complete(findAll(root, 'entry'), source, 'entry').slice(0, MAX_ITEMS);
    return {
      format,
      id: atomId(root, documentBase) || null,
      title: plainSummary(atomText(findOwn(root, 'title'), legacy)) ?? '',
      link: atomLink(root, documentBase),
      items: entries.map((entry) => parseAtomEntry(entry, documentBase, legacy)),
    };
  }
  const channel = find(root, 'channel');
  // RSS 1.0 puts items beside the channel; RSS 2.0 inside it. Accept either, as real feeds mix them up.
  const items = complete([...(channel ? findAll(channel, 'item') : []), ...findAll(root, 'item')], source, 'item').slice(0, MAX_ITEMS);
  if (!channel && items.length === 0) throw new FeedParseError('the feed has no channel and no items');
  const channelLink = channel ? rssLinkElement(channel) : undefined;
  // RSS has no feed id of its own; an atom:id on the channel, or RSS 1.0's rdf:about, stands in.
  const channelId = channel ? find(channel, 'id') : undefined;
  return {
    format,
    id: (channel && (resolveId(text(channelId), channelId, documentBase) || resolveId(rdfAbout(channel), channel, documentBase))) || null,
    title: channel ? plainSummary(text(find(channel, 'title'))) ?? '' : '',
    link: resolveUrl(text(channelLink) || channelLink?.attribs?.href, baseFor(channelLink ?? channel, documentBase)),
    items: items.map((item) => parseRssItem(item, documentBase)),
  };
}
