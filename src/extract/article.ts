// Article body and metadata from a page: title, byline, publication time, site name, language and
// the body text, with the feed item as a fallback for what the page does not say. The page is
// parsed once with htmlparser2; metadata is read first, then the body extractor in ./body/
// prunes page chrome and picks the main text (see body/content.ts).
import { parseLooseDate } from '../text/looseDate.ts';
import { canonicalizeUrl } from './canonicalUrl.ts';
import { parse, collapse } from './body/dom.ts';
import { cleanByline, cleanTitle, metaValue, publishedFrom, readMetadata } from './body/metadata.ts';
import { extractBody } from './body/content.ts';
import { capLength, capRuns, cleanLine, stripControls, MAX_BYLINE, MAX_LANG, MAX_SITE_NAME, MAX_TITLE } from './body/sanitize.ts';

export interface FeedItemHint {
  title?: string | null;
  summary?: string | null;
  publishedAt?: string | null;
  author?: string | null;
}

export interface ExtractedArticle {
  url: string;
  canonicalUrl: string;
  title: string;
  byline: string | null;
  publishedAt: string | null;
  siteName: string | null;
  lang: string | null;
  text: string;
}

const blockTags = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TR', 'FIGCAPTION', 'DD', 'DT', 'TABLE', 'UL', 'OL', 'HEADER', 'FOOTER', 'ASIDE', 'MAIN']);

/** Text of an element with blocks separated by blank lines and inline whitespace collapsed. */
export function blockText(root: Element): string {
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line) parts.push(line);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) { current += node.nodeValue ?? ''; return; }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    const tag = element.tagName.toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') return;
    if (tag === 'BR') { current += ' '; return; }
    const isBlock = blockTags.has(tag);
    if (isBlock) flush();
    for (const child of Array.from(element.childNodes)) walk(child);
    if (isBlock) flush();
  };
  walk(root);
  flush();
  return parts.join('\n\n');
}

const monthPattern = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const visibleDate = new RegExp(`\\b(${monthPattern}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${monthPattern}\\s+\\d{4})\\b`);


/** The last part of a <title> ("Headline | Outlet Name") when its letters spell the host's name, or part of it. */
function siteNameFromTitle(title: string | null, url: string): string | null {
  if (!title) return null;
  const parts = title.split(/\s+[|–—·•»]\s+|\s+-\s+/);
  if (parts.length < 2) return null;
  const candidate = parts[parts.length - 1].trim();
  const letters = candidate.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]/g, '');
  if (letters.length < 3 || candidate.split(/\s+/).length > 6) return null;
  let host: string;
  try { host = new URL(url).hostname.toLowerCase().replace(/^www\./, '').replace(/[^a-z0-9]/g, ''); } catch { return null; }
  return host.startsWith(letters) || (letters.length >= 6 && host.includes(letters)) ? candidate : null;
}

// Pages larger than this are cut before parsing: no article needs more, and it bounds the time.
const maxHtmlLength = 3_000_000;

export function extractArticle(html: string, url: string, hint: FeedItemHint | null = null): ExtractedArticle {
  const source = typeof html === 'string' ? (html.length > maxHtmlLength ? html.slice(0, maxHtmlLength) : html) : '';
  const root = parse(source);
  const metadata = readMetadata(root);
  const jsonLd = metadata.jsonLd;

  // Every text field is stored without control characters and with a bounded length (body/sanitize.ts).
  // The publisher as the page names it: OpenGraph, Dublin Core and citation tags, JSON-LD, else the
  // name its <title> ends with when that name is the site's address spelled out ("… — Ashgrove
  // Markets" on ashgrovemarkets.example).
  const siteName = cleanLine(metaValue(metadata, 'og:site_name', 'application-name', 'publisher', 'dcterms.publisher', 'dc.publisher', 'citation_publisher', 'twitter:site:name')
    ?? jsonLd?.publisher ?? siteNameFromTitle(metadata.title, url) ?? '', MAX_SITE_NAME) || null;
  const canonicalHref = metadata.canonicalHref ?? metaValue(metadata, 'og:url') ?? jsonLd?.url ?? null;
  let canonicalUrl = canonicalizeUrl(url, url);
  if (canonicalHref) canonicalUrl = canonicalizeUrl(canonicalHref, url);

  const rawTitle = jsonLd?.headline ?? metaValue(metadata, 'og:title', 'twitter:title') ?? metadata.h1 ?? metadata.title ?? hint?.title ?? '';
  // Capped in length only after the body has dropped a leading copy of it (below).
  let title = cleanLine(cleanTitle(rawTitle, siteName, metadata.h1, url) || hint?.title || '', Infinity);

  const publishedAt = publishedFrom(metadata) ?? parseLooseDate(hint?.publishedAt) ?? null;

  const rawByline = cleanByline(
    (jsonLd?.authors.length ? jsonLd.authors.join(', ') : null) ??
    metaValue(metadata, 'author', 'article:author', 'byl', 'parsely-author', 'dc.creator', 'dcterms.creator', 'sailthru.author') ??
    metadata.bylineText ??
    hint?.author ?? null,
  );
  const byline = rawByline === null ? null : cleanLine(rawByline, MAX_BYLINE) || null;

  const langSource = metadata.lang ?? metaValue(metadata, 'content-language', 'og:locale', 'language', 'dc.language') ?? jsonLd?.lang ?? '';
  const lang = stripControls(langSource).trim().split(/[-_,;\s]/)[0].toLowerCase().slice(0, MAX_LANG) || null;

  // The page text before pruning, for the visible-date fallback.
  let pageStart = '';
  if (!publishedAt) pageStart = collapse(textHead(root, 4000));

  let text = '';
  try {
    text = extractBody(root).text;
    // Too little text: the chrome filters may have eaten the article (a forum thread whose posts
    // are marked as comments, a body classed "share"); retry with tag-level filtering only.
    if (text.length < 300) {
      const light = extractBody(parse(source), { light: true }).text;
      if (light.length > Math.max(text.length * 2, text.length + 200)) text = light;
    }
  } catch {
    text = '';
  }
  // The page carries the body in structured data (JSON-LD articleBody) and the DOM gave much less:
  // the body is rendered by script, paywalled in the markup, or split where the scorer missed it.
  const structured = metadata.structuredBody;
  if (structured && structured.length >= 500 && textLength(text) < textLength(structured) * 0.5) text = structured;
  const stripped = stripControls(text);
  // What a removed control character stood between is one space.
  text = capRuns(stripped === text ? text : stripped.replace(/[^\S\n]{2,}/g, ' ').replace(/ ?\n ?/g, '\n'));
  // Drop a leading repetition of the title.
  if (title && text.startsWith(title)) text = text.slice(title.length).trimStart();
  title = capLength(title, MAX_TITLE);

  let finalPublished = publishedAt;
  if (!finalPublished && pageStart) {
    const match = pageStart.match(visibleDate);
    finalPublished = parseLooseDate(match?.[1]) ?? numericStamp(pageStart);
  }

  return { url, canonicalUrl, title, byline, publishedAt: finalPublished, siteName, lang, text };
}

const zoneOffsets: Record<string, number> = { EDT: -4, EST: -5, CDT: -5, CST: -6, MDT: -6, MST: -7, PDT: -7, PST: -8, UTC: 0, GMT: 0, BST: 1, CET: 1, CEST: 2 };

/**
 * A visible stamp written in figures, as US outlets print it: "05/29/2025 05:00 AM EDT". Month first
 * only where the stamp says it is American (a US time zone) or the first number cannot be a month.
 */
function numericStamp(text: string): string | null {
  const match = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})\s*([AaPp])\.?[Mm]\.?)?\s*([A-Z]{3,4})?\b/.exec(text);
  if (!match) return null;
  const [first, second, year] = [+match[1], +match[2], +match[3]];
  const zone = match[7] && match[7] in zoneOffsets ? match[7] : null;
  const american = zone ? /^(?:E|C|M|P)[SD]T$/.test(zone) : false;
  const [month, day] = american || first > 12 === false && second > 12 ? [first, second] : [second, first];
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1990 || year > 2100) return null;
  let hours = match[4] ? +match[4] % 12 + (/[Pp]/.test(match[6]) ? 12 : 0) : 0;
  const minutes = match[5] ? +match[5] : 0;
  hours -= zone ? zoneOffsets[zone] : 0;
  const date = new Date(Date.UTC(year, month - 1, day, hours, minutes));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function textLength(text: string): number {
  return text.replace(/\s+/g, '').length;
}

/** The first characters of a page's visible text (skips head, scripts and styles). */
function textHead(root: ReturnType<typeof parse>, limit: number): string {
  let out = '';
  const stack = [root];
  while (stack.length > 0 && out.length < limit) {
    const node = stack.pop()!;
    if (node.type === 'text') { out += `${node.data ?? ''} `; continue; }
    if (node.type === 'script' || node.type === 'style' || node.type === 'comment' || node.name === 'head' || node.name === 'title') continue;
    const children = node.children;
    if (children) for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
  }
  return out;
}
