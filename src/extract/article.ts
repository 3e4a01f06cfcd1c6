// Article body and metadata from a page: title, byline, publication time, site name, language and
// the body text, with the feed item as a fallback for what the page does not say.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { parseLooseDate } from '../crawl/looseDate.ts';
import { canonicalizeUrl } from './canonicalUrl.ts';

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

type Json = unknown;

function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function stringOf(value: Json): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, Json>;
    if (typeof record.name === 'string') return record.name.trim() || null;
    if (typeof record['@value'] === 'string') return (record['@value'] as string).trim() || null;
  }
  return null;
}

const articleTypes = /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|TechArticle|ScholarlyArticle|Report|WebPage|LiveBlogPosting)$/;

interface JsonLdArticle { headline: string | null; datePublished: string | null; authors: string[]; publisher: string | null; url: string | null; lang: string | null; type: string }

function readJsonLd(document: Document): JsonLdArticle[] {
  const found: JsonLdArticle[] = [];
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: Json;
    try {
      data = JSON.parse((script.textContent ?? '').trim().replace(/^<!--|-->$/g, ''));
    } catch {
      continue;
    }
    const queue: Json[] = [data];
    let guard = 0;
    while (queue.length > 0 && guard++ < 200) {
      const node = queue.shift();
      if (Array.isArray(node)) { queue.push(...node); continue; }
      if (!node || typeof node !== 'object') continue;
      const record = node as Record<string, Json>;
      if (record['@graph']) queue.push(record['@graph']);
      const types = asArray(record['@type'] as string | string[]).map(String);
      const type = types.find((candidate) => articleTypes.test(candidate));
      if (!type) continue;
      found.push({
        type,
        headline: stringOf(record.headline) ?? stringOf(record.name),
        datePublished: stringOf(record.datePublished) ?? stringOf(record.dateCreated),
        authors: asArray(record.author as Json[]).map(stringOf).filter((name): name is string => !!name),
        publisher: stringOf(record.publisher),
        url: stringOf(record.url) ?? stringOf(record.mainEntityOfPage) ?? (record.mainEntityOfPage && typeof record.mainEntityOfPage === 'object' ? stringOf((record.mainEntityOfPage as Record<string, Json>)['@id']) : null),
        lang: stringOf(record.inLanguage),
      });
    }
  }
  // Prefer real article types over a generic WebPage.
  return found.sort((a, b) => Number(a.type === 'WebPage') - Number(b.type === 'WebPage'));
}

function meta(document: Document, ...names: string[]): string | null {
  for (const name of names) {
    const element = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const content = element?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return null;
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

function cleanTitle(raw: string, siteName: string | null): string {
  let title = raw.replace(/\s+/g, ' ').trim();
  if (siteName) {
    const escaped = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    title = title.replace(new RegExp(`\\s*[|\\-–—:·•]\\s*${escaped}\\s*$`, 'i'), '').replace(new RegExp(`^${escaped}\\s*[|\\-–—:·•]\\s*`, 'i'), '');
  }
  return title;
}

function cleanByline(value: string | null): string | null {
  if (!value) return null;
  const cleaned = value.replace(/\s+/g, ' ').replace(/^by\s+/i, '').replace(/\s*[|,]\s*(updated|published).*$/i, '').trim();
  if (!cleaned || cleaned.length > 120 || /^https?:/i.test(cleaned)) return null;
  return cleaned;
}

// Class and id words of the boxes pages put around and inside articles. Readability keeps a
// newsletter box or share bar that sits between two paragraphs, so they are removed first.
const boilerplateWord = /(?:^|[-_])(?:newsletter|signup|sign-up|subscribe|subscription|share|sharing|social|related|comments?|cookies?|consent|gdpr|promo|advert|advertisement|ads?|paywall|outbrain|taboola|recirc|more-from|read-more|most-read|popular)(?:$|[-_])/i;

function removeBoilerplate(document: Document): void {
  // A wrapper whose class merely mentions sharing ("article-body share-enabled") holds the story:
  // nothing that carries a large part of the page's text is removed.
  const pageLength = (document.body?.textContent ?? '').length;
  for (const element of Array.from(document.querySelectorAll('[class], [id], form, button, [role="dialog"]'))) {
    const tag = element.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML' || tag === 'ARTICLE' || tag === 'MAIN') continue;
    if (!element.parentNode) continue;
    const words = [...(element.getAttribute('class') ?? '').split(/\s+/), element.getAttribute('id') ?? ''].filter(Boolean);
    const marked = tag === 'FORM' || tag === 'BUTTON' || element.getAttribute('role') === 'dialog' || words.some((word) => boilerplateWord.test(word));
    if (!marked || element.querySelector('h1, article')) continue;
    if ((element.textContent ?? '').length > pageLength * 0.4) continue;
    element.parentNode.removeChild(element);
  }
}

export function extractArticle(html: string, url: string, hint: FeedItemHint | null = null): ExtractedArticle {
  const { document } = parseHTML(html);
  const jsonLd = readJsonLd(document as unknown as Document)[0];
  const doc = document as unknown as Document;

  const siteName = meta(doc, 'og:site_name', 'application-name', 'publisher') ?? jsonLd?.publisher ?? null;
  const canonicalHref = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(doc, 'og:url') ?? jsonLd?.url ?? null;
  let canonicalUrl = canonicalizeUrl(url, url);
  if (canonicalHref) canonicalUrl = canonicalizeUrl(canonicalHref, url);

  const h1 = doc.querySelector('article h1, main h1, h1')?.textContent?.trim() ?? null;
  const rawTitle = jsonLd?.headline ?? meta(doc, 'og:title', 'twitter:title') ?? h1 ?? doc.querySelector('title')?.textContent ?? hint?.title ?? '';
  const title = cleanTitle(rawTitle, siteName) || hint?.title || '';

  const timeElement = doc.querySelector('article time[datetime], time[datetime]');
  const publishedAt =
    parseLooseDate(jsonLd?.datePublished) ??
    parseLooseDate(meta(doc, 'article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'DC.date.issued', 'dc.date', 'parsely-pub-date', 'sailthru.date')) ??
    parseLooseDate(timeElement?.getAttribute('datetime')) ??
    parseLooseDate(hint?.publishedAt) ??
    null;

  const byline = cleanByline(
    (jsonLd?.authors.length ? jsonLd.authors.join(', ') : null) ??
    meta(doc, 'author', 'article:author', 'byl', 'parsely-author', 'dc.creator') ??
    doc.querySelector('[rel="author"], .byline, .author, [itemprop="author"]')?.textContent ??
    hint?.author ?? null,
  );

  const lang = (doc.documentElement?.getAttribute('lang') ?? meta(doc, 'og:locale', 'content-language') ?? jsonLd?.lang ?? '')
    .split(/[-_]/)[0].toLowerCase() || null;

  // Readability mutates the document; metadata has been read already.
  removeBoilerplate(doc);
  let text = '';
  try {
    const reader = new Readability(doc, { charThreshold: 200 });
    const result = reader.parse();
    if (result?.content) {
      const { document: contentDocument } = parseHTML(`<!doctype html><html><body>${result.content}</body></html>`);
      text = blockText(contentDocument.body as unknown as Element);
    }
  } catch {
    text = '';
  }
  if (!text) {
    const body = doc.querySelector('article, main, body');
    text = body ? blockText(body as Element) : '';
  }
  // Drop a leading repetition of the title, which Readability sometimes keeps.
  if (title && text.startsWith(title)) text = text.slice(title.length).trimStart();

  let finalPublished = publishedAt;
  if (!finalPublished) {
    const pageText = blockText((doc.body ?? doc.documentElement) as Element).slice(0, 3000);
    const match = pageText.match(visibleDate);
    finalPublished = parseLooseDate(match?.[1]);
  }

  return { url, canonicalUrl, title, byline, publishedAt: finalPublished, siteName: siteName?.trim() || null, lang, text };
}
