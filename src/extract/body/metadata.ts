// Page metadata from one walk over the parsed tree: JSON-LD, <meta> tags, <title>, the first
// headline, <time>, byline elements, <html lang> and the canonical link.
import { parseLooseDate } from '../../text/looseDate.ts';
import { decodeXmlEntities } from '../../text/xmlEntities.ts';
import { collapse, isElement, rawText, walkElements, type HElement, type HNode } from './dom.ts';

type Json = unknown;

function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

// Script contents are not entity-decoded by the HTML parser, and many sites escape their JSON-LD
// strings for HTML anyway ("Meghan&#39;s"): decode them once.
function stringOf(value: Json): string | null {
  if (typeof value === 'string') return collapse(value.includes('&') ? decodeXmlEntities(value) : value) || null;
  if (Array.isArray(value)) return value.length > 0 ? stringOf(value[0]) : null;
  if (value && typeof value === 'object') {
    const record = value as Record<string, Json>;
    if (typeof record.name === 'string') return stringOf(record.name);
    if (typeof record['@value'] === 'string') return stringOf(record['@value']);
  }
  return null;
}

const articleTypes = /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|TechArticle|ScholarlyArticle|Report|WebPage|LiveBlogPosting|SocialMediaPosting|DiscussionForumPosting|Blog|Review|Recipe|PressRelease)$/;

export interface JsonLdArticle { headline: string | null; datePublished: string | null; authors: string[]; publisher: string | null; url: string | null; lang: string | null; type: string; articleBody: string | null }

/** An articleBody / text field as plain text: markup removed, paragraphs kept on their own lines. */
function bodyTextOf(value: Json): string | null {
  if (typeof value !== 'string') return null;
  let text = value;
  if (/<\/?(?:p|br|div|h[1-6]|li|ul|ol|blockquote|span|a|strong|em|b|i)\b[^>]*>/i.test(text)) {
    text = text
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/?(?:p|div|h[1-6]|li|ul|ol|blockquote|section|figure|figcaption|table|tr)\b[^>]*>/gi, '\n\n')
      .replace(/<[^>]+>/g, '');
  }
  if (text.includes('&')) text = decodeXmlEntities(text);
  text = text.replace(/\r\n?/g, '\n').split(/\n/).map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return text || null;
}

function readJsonLd(scripts: string[]): JsonLdArticle[] {
  const found: JsonLdArticle[] = [];
  for (const source of scripts) {
    let data: Json;
    try {
      data = JSON.parse(source.trim().replace(/^\s*<!--|-->\s*$/g, '').replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g, ''));
    } catch {
      continue;
    }
    const queue: Json[] = [data];
    let guard = 0;
    while (queue.length > 0 && guard++ < 300) {
      const node = queue.shift();
      if (Array.isArray(node)) { queue.push(...node); continue; }
      if (!node || typeof node !== 'object') continue;
      const record = node as Record<string, Json>;
      if (record['@graph']) queue.push(record['@graph']);
      if (record.mainEntity && typeof record.mainEntity === 'object') queue.push(record.mainEntity);
      const types = asArray(record['@type'] as string | string[]).map(String);
      const type = types.find((candidate) => articleTypes.test(candidate));
      if (!type) continue;
      const mainEntity = record.mainEntityOfPage;
      found.push({
        type,
        headline: stringOf(record.headline) ?? stringOf(record.name),
        datePublished: stringOf(record.datePublished) ?? stringOf(record.dateCreated),
        authors: asArray(record.author as Json[]).map(stringOf).filter((name): name is string => !!name),
        publisher: stringOf(record.publisher),
        url: stringOf(record.url) ?? (typeof mainEntity === 'string' ? stringOf(mainEntity) : mainEntity && typeof mainEntity === 'object' ? stringOf((mainEntity as Record<string, Json>)['@id']) : null),
        lang: stringOf(record.inLanguage),
        articleBody: bodyTextOf(record.articleBody) ?? (type === 'SocialMediaPosting' || type === 'DiscussionForumPosting' ? bodyTextOf(record.text) : null),
      });
    }
  }
  // Prefer real article types over generic page types.
  const generic = (type: string) => Number(type === 'WebPage' || type === 'Blog');
  return found.sort((a, b) => generic(a.type) - generic(b.type));
}

export interface PageMetadata {
  jsonLd: JsonLdArticle | null;
  meta: Map<string, string>;
  title: string | null;
  h1: string | null;
  canonicalHref: string | null;
  lang: string | null;
  timeDatetime: string | null;
  bylineText: string | null;
  /** The longest article body the page carries in structured data (JSON-LD articleBody). */
  structuredBody: string | null;
}

const bylineClass = /(?:^|[-_\s])(?:byline|author|authors|author-name|autor|auteur|writer|dc-creator)(?:$|[-_\s])/i;

/** Reads metadata. Must run before the body extractor prunes the tree. */
export function readMetadata(root: HNode): PageMetadata {
  const meta = new Map<string, string>();
  const scripts: string[] = [];
  let title: string | null = null;
  let h1: string | null = null;
  let h1InArticle = false;
  let canonicalHref: string | null = null;
  let lang: string | null = null;
  let timeDatetime: string | null = null;
  let bylineText: string | null = null;
  let visited = 0;

  walkElements(root, (element: HElement) => {
    if (++visited > 200000) return false;
    const name = element.name;
    const attribs = element.attribs;
    switch (name) {
      case 'html':
        if (!lang && attribs.lang) lang = attribs.lang;
        if (!lang && attribs['xml:lang']) lang = attribs['xml:lang'];
        return true;
      case 'meta': {
        const content = attribs.content?.trim();
        if (!content) return false;
        for (const key of [attribs.property, attribs.name, attribs.itemprop, attribs['http-equiv']]) {
          if (key) {
            const normalised = key.trim().toLowerCase();
            if (!meta.has(normalised)) meta.set(normalised, content);
          }
        }
        return false;
      }
      case 'title':
        if (title === null && !(element.parent && isElement(element.parent) && element.parent.name === 'svg')) title = collapse(rawText(element));
        return false;
      case 'link':
        if (!canonicalHref && /(?:^|\s)canonical(?:\s|$)/i.test(attribs.rel ?? '') && attribs.href) canonicalHref = attribs.href.trim();
        return false;
      case 'script':
        if (/ld\+json/i.test(attribs.type ?? '')) scripts.push(rawTextOfScript(element));
        return false;
      case 'style':
        return false;
      case 'h1': {
        const text = collapse(rawText(element));
        if (!text) return false;
        const inArticle = hasArticleAncestor(element);
        if (h1 === null || (inArticle && !h1InArticle)) { h1 = text; h1InArticle = inArticle; }
        return false;
      }
      case 'time':
        if (!timeDatetime && (attribs.datetime || attribs.content)) timeDatetime = attribs.datetime ?? attribs.content;
        break;
      default:
        break;
    }
    if (attribs.itemprop === 'datePublished' && !meta.has('datepublished')) {
      const value = attribs.datetime ?? attribs.content ?? collapse(rawText(element));
      if (value) meta.set('datepublished', value);
    }
    if (!bylineText && (attribs.rel === 'author' || attribs.itemprop === 'author' || bylineClass.test(attribs.class ?? ''))) {
      const text = collapse(rawText(element));
      if (text && text.length <= 120) bylineText = text;
    }
    return true;
  });

  const articles = readJsonLd(scripts);
  const jsonLd = articles[0] ?? null;
  let structuredBody: string | null = null;
  for (const article of articles) if (article.articleBody && article.articleBody.length > (structuredBody?.length ?? 0)) structuredBody = article.articleBody;
  return { jsonLd, meta, title, h1, canonicalHref, lang, timeDatetime, bylineText, structuredBody };
}

function rawTextOfScript(element: HElement): string {
  let out = '';
  for (const child of element.children) if (child.type === 'text') out += child.data ?? '';
  return out;
}

function hasArticleAncestor(element: HElement): boolean {
  for (let current = element.parent; current; current = current.parent) {
    if (isElement(current) && (current.name === 'article' || current.name === 'main' || current.attribs.itemprop === 'articleBody')) return true;
  }
  return false;
}

export function metaValue(metadata: PageMetadata, ...names: string[]): string | null {
  for (const name of names) {
    const value = metadata.meta.get(name.toLowerCase());
    if (value) return value;
  }
  return null;
}

const separators = /\s+[|\-–—·•»:/]\s+|\s+::\s+|\s*\|\s*/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A page title without the site's name before or after it. */
export function cleanTitle(raw: string, siteName: string | null, headline: string | null, url: string): string {
  let title = collapse(raw);
  if (!title) return title;
  if (siteName) {
    const escaped = escape(siteName.trim());
    const stripped = title
      .replace(new RegExp(`\\s*[|\\-–—:·•»]\\s*${escaped}\\s*$`, 'i'), '')
      .replace(new RegExp(`^${escaped}\\s*[|\\-–—:·•»]\\s*`, 'i'), '');
    if (stripped) title = stripped;
  }
  const parts = title.split(separators).map((part) => part.trim()).filter(Boolean);
  if (parts.length < 2) return title;
  // The headline printed on the page, when it is one of the parts, is the title.
  if (headline) {
    const clean = collapse(headline).toLowerCase();
    const match = parts.find((part) => part.toLowerCase() === clean);
    if (match) return match;
  }
  // Otherwise drop a first or last part that names the site (host name words).
  let host = '';
  try { host = new URL(url).hostname.replace(/^www\d?\./, '').split('.').slice(0, -1).join('').toLowerCase(); } catch { /* not a URL */ }
  const squash = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, '');
  const namesSite = (part: string) => !!host && host.length >= 3 && (squash(part).includes(host) || (squash(part).length >= 3 && host.includes(squash(part))));
  const last = parts[parts.length - 1];
  const first = parts[0];
  if (namesSite(last) && last.length < title.length / 2) return title.slice(0, title.lastIndexOf(last)).replace(/[\s|\-–—·•»:/]+$/, '').trim() || title;
  if (namesSite(first) && first.length < title.length / 2) return title.slice(first.length).replace(/^[\s|\-–—·•»:/]+/, '').trim() || title;
  return title;
}

export function cleanByline(value: string | null): string | null {
  if (!value) return null;
  const cleaned = collapse(value)
    .replace(/^(?:by|von|par|por|di|door|av|af|przez|от)\s*:?\s+/i, '')
    .replace(/\s*[|,]\s*(?:updated|published|posted).*$/i, '')
    .trim();
  if (!cleaned || cleaned.length > 120 || /^https?:/i.test(cleaned) || !/\p{L}/u.test(cleaned)) return null;
  return cleaned;
}

export const publishedMetaNames = [
  'article:published_time', 'og:article:published_time', 'datepublished', 'datePublished', 'pubdate', 'publishdate', 'publish_date', 'publication_date',
  'date', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'dcterms.created', 'dc.date.created', 'citation_publication_date',
  'parsely-pub-date', 'sailthru.date', 'article.published', 'published_time', 'og:published_time', 'release_date',
];

export function publishedFrom(metadata: PageMetadata): string | null {
  return parseLooseDate(metadata.jsonLd?.datePublished) ??
    parseLooseDate(metaValue(metadata, ...publishedMetaNames)) ??
    parseLooseDate(metadata.timeDatetime);
}
