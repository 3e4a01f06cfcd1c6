// Renders the sample corpus: every samples/articles/**/*.md becomes a static article page in its
// outlet's own template, plus one feed per outlet and samples/manifest.json (the ground truth the
// tests compare against). Deterministic: the same inputs give the same bytes, so the generated
// samples/site/ can be committed and the demo needs no generation step.
//
//   node bin/run-ts.mjs samples/render.ts
//
// Absolute URLs are written with the placeholder {{BASE}}; samples/server.ts replaces it with the
// loopback origin at serve time.
import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const samplesDir = path.dirname(fileURLToPath(import.meta.url));
const articlesDir = path.join(samplesDir, 'articles');
const siteDir = path.join(samplesDir, 'site');
const BASE = '{{BASE}}';

export type FeedFormat = 'rss' | 'atom' | 'json';

export interface Outlet {
  slug: string;
  name: string;
  kind: string;
  feedFormat: FeedFormat;
  feedPath: string;
  style: string;
  lang: string | null;
  charset: 'utf-8' | 'windows-1252';
  urlPattern: string;
}

export interface SampleArticle {
  id: string;
  group: string;
  outlet: string;
  title: string;
  byline: string;
  publishedAt: string;
  updatedAt: string;
  happening: string | null;
  topic: string | null;
  syndicatedFrom: string | null;
  section: string;
  summary: string;
  blocks: Block[];
  sourceFile: string;
}

type Block = { kind: 'p' | 'h2' | 'quote'; text: string };

interface Happening { id: string; topic: string; title: string; date: string; precision: 'day' | 'month' | 'year' }
type KnownHappening = { title: string; topic?: string; date?: string; precision?: Happening['precision'] };

// ---------------------------------------------------------------------------------------------
// Reading the article files

function listMarkdown(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listMarkdown(full));
    else if (entry.isFile() && entry.name.endsWith('.md')) found.push(full);
  }
  return found;
}

function requireString(data: Record<string, unknown>, key: string, file: string, allowEmpty = false): string {
  const value = data[key];
  if (typeof value !== 'string' || (!allowEmpty && value.trim() === '')) {
    throw new Error(`${file}: frontmatter key "${key}" must be a ${allowEmpty ? '' : 'non-empty '}string`);
  }
  return value;
}

function optionalString(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  if (value === null || value === undefined || value === '' || value === 'null') return null;
  return String(value);
}

export function parseArticleFile(file: string): SampleArticle {
  const raw = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(raw);
  if (!match) throw new Error(`${file}: expected frontmatter between "---" lines at the top`);
  const data = parseYaml(match[1]) as Record<string, unknown>;
  if (!data || typeof data !== 'object') throw new Error(`${file}: frontmatter is not a mapping`);
  const publishedAt = requireString(data, 'publishedAt', file);
  if (Number.isNaN(Date.parse(publishedAt)) || !/(Z|[+-]\d\d:\d\d)$/.test(publishedAt)) {
    throw new Error(`${file}: publishedAt "${publishedAt}" must be ISO 8601 with an offset`);
  }
  const blocks: Block[] = match[2]
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim().replace(/\s*\n\s*/g, ' '))
    .filter((chunk) => chunk !== '')
    .map((chunk): Block => {
      if (chunk.startsWith('## ')) return { kind: 'h2', text: chunk.slice(3).trim() };
      if (chunk.startsWith('> ')) return { kind: 'quote', text: chunk.replace(/(^|\s)> /g, ' ').trim() };
      return { kind: 'p', text: chunk };
    });
  const relative = path.relative(articlesDir, file);
  return {
    id: requireString(data, 'id', file),
    group: relative.split(path.sep)[0],
    outlet: requireString(data, 'outlet', file),
    title: requireString(data, 'title', file),
    byline: typeof data.byline === 'string' ? data.byline : '',
    publishedAt,
    updatedAt: optionalString(data, 'updatedAt') ?? '',
    happening: optionalString(data, 'happening'),
    topic: optionalString(data, 'topic'),
    syndicatedFrom: optionalString(data, 'syndicatedFrom'),
    section: typeof data.section === 'string' ? data.section : '',
    summary: requireString(data, 'summary', file),
    blocks,
    sourceFile: relative.split(path.sep).join('/'),
  };
}

// ---------------------------------------------------------------------------------------------
// Dates. Display and URL paths use the wall-clock time written in publishedAt (its own offset),
// the way a newsroom's CMS would show local time.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface LocalTime { y: number; m: number; d: number; hh: number; mm: number; ss: number; offset: string; dow: number }

function localTime(iso: string): LocalTime {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?(?:\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(iso);
  if (!m) throw new Error(`unsupported date "${iso}"`);
  const [y, mo, d, hh, mi, ss] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const dow = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return { y, m: mo, d, hh, mm: mi, ss, offset: m[7], dow };
}

const pad = (n: number) => String(n).padStart(2, '0');

function rfc822(iso: string, keepOffset: boolean): string {
  if (keepOffset) {
    const t = localTime(iso);
    const off = t.offset === 'Z' ? '+0000' : t.offset.replace(':', '');
    return `${DAYS[t.dow].slice(0, 3)}, ${pad(t.d)} ${MONTHS[t.m - 1].slice(0, 3)} ${t.y} ${pad(t.hh)}:${pad(t.mm)}:${pad(t.ss)} ${off}`;
  }
  return new Date(iso).toUTCString();
}

function isoUtc(iso: string): string {
  return new Date(iso).toISOString().replace('.000Z', 'Z');
}

function longDate(iso: string): string {
  const t = localTime(iso);
  return `${MONTHS[t.m - 1]} ${t.d}, ${t.y}`;
}

function clock12(t: LocalTime): string {
  const h = t.hh % 12 === 0 ? 12 : t.hh % 12;
  return `${h}:${pad(t.mm)} ${t.hh < 12 ? 'a.m.' : 'p.m.'}`;
}

function zoneLabel(t: LocalTime): string {
  if (t.offset === 'Z' || t.offset === '+00:00') return 'GMT';
  return `GMT${t.offset.replace(':00', '')}`;
}

// ---------------------------------------------------------------------------------------------
// URLs

function slugify(text: string): string {
  return text.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'news';
}

function articlePath(outlet: Outlet, article: SampleArticle): string {
  const t = localTime(article.publishedAt);
  const rel = outlet.urlPattern
    .replace('{yyyy}', String(t.y))
    .replace('{mm}', pad(t.m))
    .replace('{dd}', pad(t.d))
    .replace('{section}', slugify(article.section))
    .replace('{id}', article.id);
  return `/${outlet.slug}${rel}`;
}

/** The file on disk that serves a URL path: directories and extension-less page paths get index.html. */
function fileForUrlPath(urlPath: string, isFeed: boolean): string {
  if (urlPath.endsWith('/')) return urlPath + (isFeed ? 'index.xml' : 'index.html');
  if (!isFeed && !/\.[a-z]+$/.test(urlPath)) return urlPath + '/index.html';
  return urlPath;
}

// ---------------------------------------------------------------------------------------------
// HTML helpers

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function jsonLd(value: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(value, null, 2).replace(/</g, '\\u003c')}</script>`;
}

function words(article: SampleArticle): number {
  return article.blocks.reduce((n, b) => n + b.text.split(/\s+/).filter(Boolean).length, 0);
}

function readingMinutes(article: SampleArticle): number {
  return Math.max(1, Math.ceil(words(article) / 220));
}

function renderBlocks(blocks: Block[], options: { insertAfter?: Record<number, string>; quoteClass?: string } = {}): string {
  const out: string[] = [];
  let paragraphIndex = 0;
  for (const block of blocks) {
    if (block.kind === 'h2') out.push(`<h2>${esc(block.text)}</h2>`);
    else if (block.kind === 'quote') out.push(`<blockquote${options.quoteClass ? ` class="${options.quoteClass}"` : ''}><p>${esc(block.text)}</p></blockquote>`);
    else {
      out.push(`<p>${esc(block.text)}</p>`);
      paragraphIndex += 1;
      const extra = options.insertAfter?.[paragraphIndex];
      if (extra) out.push(extra);
    }
  }
  return out.join('\n');
}

/** A stable small number from a string, for choosing deterministic decorations per article. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

function pick<T>(items: T[], seed: string): T {
  return items[hash(seed) % items.length];
}

const FIGURE_CAPTIONS: Record<string, string[]> = {
  distillation: [
    'A smartphone displaying a chatbot app. Photo: Stock image / Illustration',
    'Server racks in a data centre. File photo.',
    'A developer at a laptop running a small language model locally. (Illustration)',
  ],
  'export-controls': [
    'A wafer of processors on a fabrication line. File photo.',
    'Containers stacked at a port terminal. Photo: Stock image',
    'A graphics card of the kind used in AI data centres. (Illustration)',
  ],
  none: ['File photo.', 'Photo: Stock image', 'Illustration: Staff artist'],
};

function figureFor(article: SampleArticle, cls = 'article-figure'): string {
  const caption = pick(FIGURE_CAPTIONS[article.topic ?? 'none'] ?? FIGURE_CAPTIONS.none, article.id);
  const n = hash(article.id) % 90 + 10;
  return `<figure class="${cls}"><img src="${BASE}/static/img/photo-${n}.jpg" alt="" width="1200" height="675" loading="lazy"><figcaption>${esc(caption)}</figcaption></figure>`;
}

function initials(name: string): string {
  return name.split(/\s+/).map((w) => w[0] ?? '').join('').toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Page context shared by the templates

interface PageContext {
  outlet: Outlet;
  article: SampleArticle;
  url: string;           // absolute, with {{BASE}}
  feedUrl: string;       // absolute
  related: { title: string; url: string }[];
  byId: Map<string, SampleArticle>;
}

function feedMime(format: FeedFormat): string {
  return format === 'rss' ? 'application/rss+xml' : format === 'atom' ? 'application/atom+xml' : 'application/feed+json';
}

function alternateLink(ctx: PageContext): string {
  return `<link rel="alternate" type="${feedMime(ctx.outlet.feedFormat)}" title="${esc(ctx.outlet.name)}" href="${ctx.feedUrl}">`;
}

function ogTags(ctx: PageContext, extra: { author?: boolean; type?: string } = {}): string {
  const a = ctx.article;
  const tags = [
    `<meta property="og:site_name" content="${esc(ctx.outlet.name)}">`,
    `<meta property="og:type" content="${extra.type ?? 'article'}">`,
    `<meta property="og:title" content="${esc(a.title)}">`,
    `<meta property="og:description" content="${esc(a.summary)}">`,
    `<meta property="og:url" content="${ctx.url}">`,
    `<meta property="og:image" content="${BASE}/static/img/photo-${hash(a.id) % 90 + 10}.jpg">`,
    `<meta property="article:published_time" content="${a.publishedAt}">`,
  ];
  if (a.updatedAt) tags.push(`<meta property="article:modified_time" content="${a.updatedAt}">`);
  if (a.section) tags.push(`<meta property="article:section" content="${esc(a.section)}">`);
  if (extra.author && a.byline) tags.push(`<meta property="article:author" content="${esc(a.byline)}">`);
  return tags.join('\n');
}

function newsArticleLd(ctx: PageContext, options: { graph?: boolean; type?: string; authorsAsArray?: boolean } = {}): string {
  const a = ctx.article;
  const author = a.byline
    ? a.byline.split(/\s+and\s+/).map((part) => part.split(',')[0].trim()).map((name) => ({ '@type': name === ctx.outlet.name || /Service|Staff/.test(name) ? 'Organization' : 'Person', name }))
    : [];
  const article: Record<string, unknown> = {
    '@type': options.type ?? 'NewsArticle',
    headline: a.title,
    description: a.summary,
    datePublished: a.publishedAt,
    dateModified: a.updatedAt || a.publishedAt,
    inLanguage: ctx.outlet.lang ?? undefined,
    mainEntityOfPage: ctx.url,
    image: [`${BASE}/static/img/photo-${hash(a.id) % 90 + 10}.jpg`],
    articleSection: a.section || undefined,
    wordCount: words(a),
    author: options.authorsAsArray ? author : author[0],
    publisher: { '@type': 'Organization', name: ctx.outlet.name, logo: { '@type': 'ImageObject', url: `${BASE}/${ctx.outlet.slug}/logo.png` } },
  };
  if (!options.graph) return jsonLd({ '@context': 'https://schema.org', ...article });
  return jsonLd({
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'Organization', '@id': `${BASE}/${ctx.outlet.slug}/#org`, name: ctx.outlet.name, url: `${BASE}/${ctx.outlet.slug}/` },
      { '@type': 'WebPage', '@id': ctx.url, url: ctx.url, name: a.title, isPartOf: { '@id': `${BASE}/${ctx.outlet.slug}/#website` } },
      { '@type': 'BreadcrumbList', itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'Home', item: `${BASE}/${ctx.outlet.slug}/` },
        { '@type': 'ListItem', position: 2, name: a.section || 'News', item: `${BASE}/${ctx.outlet.slug}/${slugify(a.section)}/` },
      ] },
      { ...article, '@id': `${ctx.url}#article`, isPartOf: { '@id': ctx.url }, publisher: { '@id': `${BASE}/${ctx.outlet.slug}/#org` } },
    ],
  });
}

function relatedList(ctx: PageContext, heading: string, cls: string, limit = 4): string {
  const items = ctx.related.slice(0, limit);
  if (items.length === 0) return '';
  return `<aside class="${cls}"><h3>${esc(heading)}</h3><ul>${items.map((r) => `<li><a href="${r.url}">${esc(r.title)}</a></li>`).join('')}</ul></aside>`;
}

function shareBar(ctx: PageContext, cls = 'share-bar'): string {
  const u = encodeURIComponent(ctx.url);
  return `<div class="${cls}" aria-label="Share this article"><span>Share</span>
<a href="https://twitter.com/intent/tweet?url=${u}">X</a>
<a href="https://www.facebook.com/sharer/sharer.php?u=${u}">Facebook</a>
<a href="https://www.linkedin.com/shareArticle?url=${u}">LinkedIn</a>
<a href="mailto:?subject=${encodeURIComponent(ctx.article.title)}">Email</a>
<button type="button" class="copy-link">Copy link</button></div>`;
}

function cookieBanner(text: string): string {
  return `<div id="cookie-consent" class="cookie-banner" role="dialog"><p>${esc(text)}</p><button type="button">Accept all</button><button type="button">Manage preferences</button></div>`;
}

function head(ctx: PageContext, metaHtml: string, options: { charset?: string; title?: string; canonical?: boolean } = {}): string {
  const charset = options.charset ?? 'utf-8';
  return `<head>
<meta charset="${charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title ?? `${ctx.article.title} | ${ctx.outlet.name}`)}</title>
${options.canonical === false ? '' : `<link rel="canonical" href="${ctx.url}">\n`}${alternateLink(ctx)}
<link rel="stylesheet" href="${BASE}/${ctx.outlet.slug}/static/site.css">
${metaHtml}
</head>`;
}

function htmlOpen(lang: string | null, extra = ''): string {
  return `<!DOCTYPE html>\n<html${lang ? ` lang="${lang}"` : ''}${extra}>`;
}

// ---------------------------------------------------------------------------------------------
// The outlet templates. Each one has chrome an extractor must strip.

type Template = (ctx: PageContext) => string;

const circuit: Template = (ctx) => {
  const a = ctx.article;
  const t = localTime(a.publishedAt);
  return `${htmlOpen(ctx.outlet.lang)}
${head(ctx, `<meta name="description" content="${esc(a.summary)}">\n<meta name="author" content="${esc(a.byline)}">\n${ogTags(ctx)}\n<meta name="twitter:card" content="summary_large_image">\n${newsArticleLd(ctx)}`)}
<body class="circuit">
${cookieBanner('We use cookies to personalise content and ads and to analyse our traffic. By continuing you agree to our use of cookies.')}
<header class="site-header"><a class="logo" href="${BASE}/the-circuit-desk/">The Circuit Desk</a>
<nav class="main-nav"><ul><li><a href="${BASE}/the-circuit-desk/ai/">AI</a></li><li><a href="${BASE}/the-circuit-desk/chips/">Chips</a></li><li><a href="${BASE}/the-circuit-desk/policy/">Policy</a></li><li><a href="${BASE}/the-circuit-desk/reviews/">Reviews</a></li><li><a href="${BASE}/the-circuit-desk/podcasts/">Podcasts</a></li></ul></nav>
<a class="subscribe-cta" href="${BASE}/the-circuit-desk/subscribe">Subscribe</a></header>
<main>
<article class="story">
<header class="story-header">
<p class="kicker"><a href="${BASE}/the-circuit-desk/${slugify(a.section)}/">${esc(a.section)}</a></p>
<h1 class="headline">${esc(a.title)}</h1>
<p class="dek">${esc(a.summary)}</p>
<div class="meta">${a.byline ? `<span class="byline">By <a rel="author" href="${BASE}/the-circuit-desk/authors/${slugify(a.byline)}">${esc(a.byline)}</a></span> · ` : ''}<time datetime="${a.publishedAt}">${t.d} ${MONTHS[t.m - 1]} ${t.y} · ${pad(t.hh)}:${pad(t.mm)} UTC</time> · <span class="reading-time">${readingMinutes(a)} min read</span></div>
${shareBar(ctx)}
</header>
${figureFor(a, 'lead-image')}
<div class="story-body">
${renderBlocks(a.blocks, { insertAfter: { 3: `<div class="ad-slot" data-ad="inline-1">Advertisement</div>`, 5: `<div class="inline-newsletter"><strong>Get The Circuit Desk Daily</strong><p>The day's most important tech news, in your inbox every weekday morning.</p><form><input type="email" placeholder="Your email"><button>Sign up</button></form></div>` } })}
</div>
<footer class="story-footer"><p class="tags">Topics: <a href="#">${esc(a.section)}</a> <a href="#">Big Tech</a></p>
${a.byline ? `<div class="author-bio"><span class="avatar">${initials(a.byline)}</span><p><strong>${esc(a.byline)}</strong> is a staff reporter at The Circuit Desk covering artificial intelligence and the companies building it. Send tips securely via Signal.</p></div>` : ''}</footer>
</article>
${relatedList(ctx, 'More from The Circuit Desk', 'related-stories')}
</main>
<footer class="site-footer"><nav><a href="#">About</a> <a href="#">Ethics policy</a> <a href="#">Careers</a> <a href="#">Privacy</a> <a href="#">Terms of use</a></nav><p>© ${t.y} The Circuit Desk Media. All rights reserved.</p></footer>
</body>
</html>
`;
};

const meridian: Template = (ctx) => {
  const a = ctx.article;
  const t = localTime(a.publishedAt);
  const comments = [
    ['HarbourView', '3 hours ago', 'Nobody seems to have read the terms and conditions until it suited them.'],
    ['J. Pennington', '2 hours ago', 'Excellent piece. The Post should do more of this sort of explanatory reporting.'],
    ['oldtimer52', '1 hour ago', 'I remember when the biggest worry was the price of a stamp.'],
  ];
  return `${htmlOpen(ctx.outlet.lang, ' dir="ltr"')}
${head(ctx, `<meta name="description" content="${esc(a.summary)}">\n${a.byline ? `<meta name="author" content="${esc(a.byline)}">\n` : ''}${ogTags(ctx, { author: true })}\n${newsArticleLd(ctx, { graph: true })}`)}
<body>
<div class="skip"><a href="#content">Skip to main content</a></div>
<div class="masthead"><a href="${BASE}/meridian-post/" class="brand">The Meridian Post</a><span class="edition">UK edition</span>
<ul class="sections"><li><a href="#">News</a></li><li><a href="#">Politics</a></li><li><a href="#">Business</a></li><li><a href="#">Technology</a></li><li><a href="#">Opinion</a></li><li><a href="#">Sport</a></li><li><a href="#">Culture</a></li></ul>
<a class="support" href="#">Support the Post from £1</a></div>
<ol class="breadcrumbs"><li><a href="${BASE}/meridian-post/">Home</a></li><li><a href="#">${esc(a.section || 'News')}</a></li></ol>
<div class="ad-leaderboard" aria-hidden="true">Advertisement</div>
<div id="content" class="content-wrap">
<div class="article-column">
<h1 itemprop="headline">${esc(a.title)}</h1>
<div class="standfirst"><p>${esc(a.summary)}</p></div>
<div class="byline-block">${a.byline ? `<address class="byline">${esc(a.byline)}</address>` : ''}<p class="dateline">${DAYS[t.dow]} ${t.d} ${MONTHS[t.m - 1]} ${t.y} ${pad(t.hh)}.${pad(t.mm)} ${zoneLabel(t)}</p>${a.updatedAt ? `<p class="updated">Last modified on ${longDate(a.updatedAt)}</p>` : ''}</div>
${figureFor(a)}
<div class="article-body" itemprop="articleBody">
${renderBlocks(a.blocks, { insertAfter: { 4: relatedList(ctx, 'Related', 'inline-related', 2) } })}
</div>
<p class="article-end-note">This article was amended to add context. Comments on this piece are premoderated.</p>
</div>
<aside class="most-viewed"><h2>Most viewed</h2><ol><li><a href="#">Ten walks for a bank holiday weekend</a></li><li><a href="#">The quiet return of the allotment</a></li><li><a href="#">Why your energy bill is about to change</a></li></ol></aside>
</div>
<section id="comments" class="comments"><h2>Comments (${comments.length})</h2>
${comments.map(([who, when, text]) => `<div class="comment"><p class="comment-author">${esc(who)} <span>${when}</span></p><p>${esc(text)}</p><a href="#">Reply</a> <a href="#">Report</a></div>`).join('\n')}
</section>
<footer class="site-footer"><ul><li><a href="#">About us</a></li><li><a href="#">Contact</a></li><li><a href="#">Complaints &amp; corrections</a></li><li><a href="#">Cookie policy</a></li></ul><p>© ${t.y} Meridian News &amp; Media Limited or its affiliated companies. All rights reserved.</p></footer>
${cookieBanner('The Meridian Post and our partners use cookies to give you the best experience. Select "Accept all" to agree.')}
</body>
</html>
`;
};

const wire: Template = (ctx) => {
  const a = ctx.article;
  const t = localTime(a.publishedAt);
  const monthShort = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'][t.m - 1];
  return `${htmlOpen(ctx.outlet.lang)}
${head(ctx, `<meta name="author" content="${esc(a.byline || 'Capitol Wire Service')}">\n${ogTags(ctx)}`)}
<body class="wire">
<div class="topbar"><a href="${BASE}/capitol-wire/">CAPITOL WIRE SERVICE</a> <span>|</span> <a href="#">Top News</a> <a href="#">Washington</a> <a href="#">Business</a> <a href="#">Technology</a> <a href="#">World</a> <a href="#">Photos</a> <a class="login" href="#">Client login</a></div>
<div class="container">
<div class="slug-line">${esc((a.section || 'NEWS').toUpperCase())}</div>
<h1>${esc(a.title)}</h1>
<div class="byline-row">${a.byline ? `<span class="author">By ${esc(a.byline)}</span>` : ''}<span class="ts">${monthShort} ${t.d}, ${t.y} ${clock12(t)} ${zoneLabel(t) === 'GMT' ? 'UTC' : zoneLabel(t)}</span></div>
${shareBar(ctx, 'wire-share')}
<div class="wire-body">
${renderBlocks(a.blocks)}
</div>
<p class="wire-credit">Reporting by Capitol Wire Service staff; editing by the Washington desk.</p>
<p class="rights">Our standards: The Capitol Wire Service Trust Principles. © ${t.y} Capitol Wire Service. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without a licence.</p>
${relatedList(ctx, 'Read next', 'read-next', 3)}
</div>
<footer class="wire-footer"><p><a href="#">Products</a> · <a href="#">Licensing</a> · <a href="#">Accessibility</a> · <a href="#">Privacy</a></p><p>All quotes delayed a minimum of 15 minutes.</p></footer>
</body>
</html>
`;
};

const ledger: Template = (ctx) => {
  const a = ctx.article;
  const t = localTime(a.publishedAt);
  return `${htmlOpen(ctx.outlet.lang)}
${head(ctx, `<meta name="description" content="${esc(a.summary)}">\n${ogTags(ctx)}\n${newsArticleLd(ctx, { authorsAsArray: true })}`)}
<body>
<header class="ll-header"><div class="ll-brand"><a href="${BASE}/ledger-and-line/">Ledger &amp; Line</a></div>
<nav><a href="#">Markets</a> <a href="#">Companies</a> <a href="#">Tech</a> <a href="#">Economy</a> <a href="#">Personal finance</a></nav>
<div class="ticker" aria-label="Market data"><span>S&amp;P 500 ▲ 0.4%</span> <span>Nasdaq ▼ 0.2%</span> <span>10-yr yield 4.52%</span> <span>Brent $76.10</span> <span>Gold $2,741</span></div></header>
<div class="layout"><main>
<article>
<p class="section-label">${esc(a.section)}</p>
<h1 class="ll-title">${esc(a.title)}</h1>
<h2 class="ll-summary">${esc(a.summary)}</h2>
<p class="ll-meta">${a.byline ? `${esc(a.byline)} · ` : ''}<time datetime="${isoUtc(a.publishedAt)}">${MONTHS[t.m - 1].slice(0, 3)} ${t.d}, ${t.y}</time>${a.updatedAt ? ` · Updated <time datetime="${a.updatedAt}">${longDate(a.updatedAt)}</time>` : ''}</p>
${shareBar(ctx, 'll-share')}
<section class="article-content">
${renderBlocks(a.blocks, { insertAfter: { 2: `<div class="paywall-teaser"><p>You have 3 free articles left this month. <a href="#">Subscribe for $1 a week</a>.</p></div>`, 6: `<aside class="ad-mid">Sponsored content</aside>` } })}
</section>
<p class="disclosure">Ledger &amp; Line may hold positions in securities mentioned. This is not investment advice.</p>
</article>
</main>
<aside class="rail"><h3>Markets snapshot</h3><table><tr><td>Dow</td><td>+112.40</td></tr><tr><td>Nasdaq</td><td>-31.02</td></tr><tr><td>Dollar index</td><td>107.9</td></tr></table>
${relatedList(ctx, 'Trending', 'trending', 4)}</aside></div>
<footer><p>© ${t.y} Ledger &amp; Line Inc. Market data provided for information only.</p><p><a href="#">Terms</a> <a href="#">Privacy</a> <a href="#">Do not sell my personal information</a></p></footer>
</body>
</html>
`;
};

const signal: Template = (ctx) => {
  const a = ctx.article;
  const t = localTime(a.publishedAt);
  return `${htmlOpen(ctx.outlet.lang)}
${head(ctx, `<meta name="description" content="${esc(a.summary)}">\n${a.byline ? `<meta name="author" content="${esc(a.byline)}">\n` : ''}${ogTags(ctx, { author: true })}`)}
<body class="blog">
<header class="blog-header"><a href="${BASE}/signal-policy/" class="title">Signal Policy Review</a><p class="tagline">Analysis at the intersection of technology, security and trade</p>
<nav><a href="#">Research</a> <a href="#">Commentary</a> <a href="#">Events</a> <a href="#">Experts</a> <a href="#">About</a> <a href="#">Donate</a></nav></header>
<div class="post-wrap">
<article class="post">
<p class="post-type">Commentary</p>
<h1 class="post-title">${esc(a.title)}</h1>
<div class="post-meta"><span>${a.byline ? esc(a.byline) : 'Staff'}</span> — <time datetime="${a.publishedAt}" class="published">${MONTHS[t.m - 1]} ${t.d}, ${t.y}</time></div>
<div class="entry-content">
${renderBlocks(a.blocks, { quoteClass: 'pullquote' })}
</div>
<p class="views-disclaimer"><em>The views expressed are the author's own and do not necessarily reflect those of Signal Policy Review, its staff or its funders.</em></p>
<div class="post-tags">Filed under: <a href="#">${esc(a.section)}</a>, <a href="#">Technology policy</a></div>
${a.byline ? `<div class="author-box"><h4>About the author</h4><p><strong>${esc(a.byline)}</strong> writes on technology and national security for Signal Policy Review. Previously worked in government and in industry.</p></div>` : ''}
</article>
${relatedList(ctx, 'Further reading', 'further-reading', 3)}
</div>
<div class="newsletter-signup"><h3>The Signal, weekly</h3><p>Our best analysis, every Friday.</p><form><input type="email" name="email"><button>Subscribe</button></form></div>
<footer><p>Signal Policy Review is a non-partisan research organisation. © ${t.y}.</p></footer>
</body>
</html>
`;
};

const dispatch: Template = (ctx) => {
  const a = ctx.article;
  const t = localTime(a.publishedAt);
  const issue = 100 + (hash(a.id) % 50);
  return `${htmlOpen(ctx.outlet.lang)}
${head(ctx, `${ogTags(ctx)}\n<meta name="twitter:card" content="summary">\n<meta name="twitter:title" content="${esc(a.title)}">`, { title: a.title })}
<body class="newsletter">
<div class="nl-top"><a href="${BASE}/open-weights-dispatch/">Open Weights Dispatch</a><a class="btn" href="#">Subscribe</a><a href="#">Sign in</a></div>
<div class="post">
<div class="post-header">
<h1 class="post-title">${esc(a.title)}</h1>
<h3 class="subtitle">${esc(a.summary)}</h3>
<div class="post-meta"><div class="author">${a.byline ? esc(a.byline) : 'Open Weights Dispatch'}</div><div class="date">${MONTHS[t.m - 1].slice(0, 3)} ${t.d}, ${t.y}</div><div class="post-stats">♥ ${20 + (hash(a.id) % 80)} · 💬 ${hash(a.title) % 30}</div></div>
</div>
<div class="body markup">
<p class="issue-intro"><em>You're reading issue #${issue} of Open Weights Dispatch, a free newsletter about open models. Forwarded this? <a href="#">Subscribe here</a>.</em></p>
${renderBlocks(a.blocks, { insertAfter: { 4: `<div class="subscription-widget"><p>Open Weights Dispatch is reader-supported. To receive new posts and support our work, consider becoming a free or paid subscriber.</p><form><input type="email" placeholder="Type your email…"><button>Subscribe</button></form></div>` } })}
<p class="signoff"><em>Thanks for reading. Reply to this email with tips, corrections or model releases we missed.</em></p>
</div>
<div class="post-footer"><a href="#">♥ Like</a> <a href="#">Comment</a> <a href="#">Restack</a> <a href="#">Share</a></div>
${relatedList(ctx, 'Recent posts', 'recent-posts', 3)}
<div class="comments-section"><h4>Discussion</h4><p class="comment">modelwrangler: Quantised the 7B distil overnight and it runs fine on my laptop.</p><p class="comment">gradient_ghost: Would love a follow-up on licences.</p></div>
</div>
<footer class="nl-footer">© ${t.y} Open Weights Dispatch · <a href="#">Privacy</a> · <a href="#">Terms</a> · <a href="#">Collection notice</a></footer>
</body>
</html>
`;
};

const securestack: Template = (ctx) => {
  const a = ctx.article;
  const t = localTime(a.publishedAt);
  return `${htmlOpen(ctx.outlet.lang)}
${head(ctx, `<meta name="author" content="${esc(a.byline)}">\n<meta name="description" content="${esc(a.summary)}">\n${newsArticleLd(ctx)}`)}
<body>
<div class="alert-strip">Webinar: Hardening LLM APIs against abuse — register now</div>
<header><div class="logo"><a href="${BASE}/securestack/">SecureStack Journal</a></div><nav><a href="#">Threats</a> <a href="#">Vulnerabilities</a> <a href="#">AI Security</a> <a href="#">Cloud</a> <a href="#">Compliance</a> <a href="#">Podcast</a></nav></header>
<div class="grid">
<main>
<nav class="crumbs"><a href="${BASE}/securestack/">Home</a> › <a href="#">${esc(a.section)}</a> › <span>Article</span></nav>
<article id="post-${hash(a.id) % 9000 + 1000}">
<h1 class="entry-title">${esc(a.title)}</h1>
<div class="entry-meta">Posted by <span class="author vcard">${esc(a.byline || 'SecureStack Staff')}</span> on <time class="entry-date" datetime="${a.publishedAt}">${pad(t.m)}/${pad(t.d)}/${t.y}</time> <span class="rt">${readingMinutes(a)} min read</span></div>
${figureFor(a)}
<div class="entry-content">
${renderBlocks(a.blocks, { insertAfter: { 3: `<p class="related-inline"><strong>Related:</strong> <a href="#">Five ways attackers abuse public AI endpoints</a></p>` } })}
</div>
</article>
${shareBar(ctx)}
</main>
<aside class="sidebar"><section><h3>Latest advisories</h3><ul><li>CVE-2024-3094 backdoor retrospective</li><li>Patch Tuesday: 159 fixes</li><li>Critical flaw in VPN appliance, CVSS 9.8</li></ul></section>
${relatedList(ctx, 'Popular this week', 'popular', 4)}
<section class="sponsor"><p>Sponsored: Zero-trust for AI workloads. Download the whitepaper.</p></section></aside>
</div>
<footer><p>SecureStack Journal is published by Stackline Media Group. © ${t.y}. All rights reserved.</p></footer>
${cookieBanner('This site uses cookies and similar technologies for analytics and advertising.')}
</body>
</html>
`;
};

const northgate: Template = (ctx) => {
  const a = ctx.article;
  const t = localTime(a.publishedAt);
  // An old regional CMS: table layout, windows-1252, sparse metadata.
  return `${htmlOpen(ctx.outlet.lang)}
${head(ctx, `<meta name="author" content="${esc(a.byline)}">\n<meta property="og:title" content="${esc(a.title)}">\n<meta property="og:site_name" content="The Northgate Times">\n<meta name="keywords" content="${esc(a.section)}, news, Northgate">`, { charset: 'windows-1252', title: `${a.title} - The Northgate Times` })}
<body bgcolor="#ffffff">
<table width="100%" class="masthead"><tr><td><a href="${BASE}/northgate-times/"><img src="${BASE}/northgate-times/masthead.gif" alt="The Northgate Times"></a></td><td class="weather-box">Northgate: 41°F, cloudy</td></tr></table>
<table width="100%" class="navbar"><tr><td><a href="#">Home</a> | <a href="#">Local</a> | <a href="#">Nation/World</a> | <a href="#">Business</a> | <a href="#">Sports</a> | <a href="#">Obituaries</a> | <a href="#">Classifieds</a> | <a href="#">e-Edition</a></td></tr></table>
<table width="100%"><tr>
<td valign="top" class="story-cell">
<div class="headline"><h1>${esc(a.title)}</h1></div>
<div class="byline">${a.byline ? `${esc(a.byline)}<br>` : ''}Posted ${MONTHS[t.m - 1].slice(0, 3)} ${t.d}, ${t.y}${a.updatedAt ? ` | Updated ${longDate(a.updatedAt)}` : ''}</div>
<div class="print-email"><a href="#">Print</a> | <a href="#">Email</a> | <a href="#">Font size: A A A</a></div>
<div class="storytext">
${renderBlocks(a.blocks)}
</div>
<p class="copyright">Copyright © ${t.y} The Northgate Times. Wire copy used under licence.</p>
<div class="comments-closed">Comments are closed on this story.</div>
</td>
<td valign="top" width="220" class="right-rail">
<div class="ad-box">ADVERTISEMENT<br>Visit Kessler’s Café — “best brunch in the valley” — menus from €12 for our overseas visitors</div>
${relatedList(ctx, 'Also in the news', 'also-news', 5)}
<div class="classifieds">Classifieds: Garage sale Saturday, 12 Elm St. Piano for sale, best offer.</div>
</td></tr></table>
<div class="footer">The Northgate Times · 200 Market Street · Northgate · Subscriber services · © ${t.y}</div>
</body>
</html>
`;
};

const harbor: Template = (ctx) => {
  const a = ctx.article;
  const t = localTime(a.publishedAt);
  return `${htmlOpen(ctx.outlet.lang)}
${head(ctx, `<meta name="description" content="${esc(a.summary)}">\n${ogTags(ctx)}\n${newsArticleLd(ctx, { graph: true })}`)}
<body>
<header class="sh-head"><a class="brand" href="${BASE}/silicon-harbor/">Silicon Harbor</a><nav><a href="#">Foundry</a> <a href="#">Equipment</a> <a href="#">Memory</a> <a href="#">Supply chain</a> <a href="#">Policy</a> <a href="#">Events</a></nav><a href="#" class="login">Log in</a></header>
<div class="breadcrumb"><a href="${BASE}/silicon-harbor/">Home</a> / <a href="#">${esc(a.section)}</a></div>
<main class="sh-main">
<article class="sh-article">
<h1>${esc(a.title)}</h1>
<p class="sh-standfirst">${esc(a.summary)}</p>
<div class="sh-byline">${a.byline ? `<a href="#" class="author-name">${esc(a.byline)}</a>` : ''}<time datetime="${a.publishedAt}">${t.d} ${MONTHS[t.m - 1].slice(0, 3)} ${t.y}</time><span>${readingMinutes(a)} minute read</span></div>
${figureFor(a)}
<div class="sh-body">
${renderBlocks(a.blocks, { insertAfter: { 3: `<div class="ad-unit">ADVERTISEMENT — SEMICON booth 4410: metrology that keeps up</div>` } })}
</div>
<div class="sh-tags"><a href="#">${esc(a.section)}</a></div>
</article>
${relatedList(ctx, 'Related coverage', 'sh-related', 4)}
</main>
<section class="sh-events"><h3>Upcoming events</h3><p>Advanced Packaging Summit — register by 30 June</p></section>
<footer class="sh-foot"><p>© ${t.y} Silicon Harbor. All rights reserved. <a href="#">Privacy</a> <a href="#">Advertise</a></p></footer>
</body>
</html>
`;
};

const pacific: Template = (ctx) => {
  const a = ctx.article;
  const t = localTime(a.publishedAt);
  return `${htmlOpen(ctx.outlet.lang)}
${head(ctx, `${ogTags(ctx)}\n<meta name="author" content="${esc(a.byline)}">`)}
<body>
<div class="ptm-top"><span class="ptm-date-now">Trade news across the Asia-Pacific</span><a href="#">Singapore</a> <a href="#">Hong Kong</a> <a href="#">Tokyo</a> <a href="#">Seoul</a> <a href="#">Taipei</a></div>
<header><h2 class="ptm-logo"><a href="${BASE}/pacific-trade-monitor/">Pacific Trade Monitor</a></h2><nav><a href="#">Trade policy</a> <a href="#">Shipping</a> <a href="#">Tech supply chains</a> <a href="#">Markets</a></nav></header>
<div class="ptm-content">
<article>
<h1 class="ptm-headline">${esc(a.title)}</h1>
<p class="ptm-byline">${a.byline ? `${esc(a.byline)} | ` : ''}<time datetime="${a.publishedAt}">${pad(t.d)} ${MONTHS[t.m - 1]} ${t.y}, ${pad(t.hh)}:${pad(t.mm)} (${zoneLabel(t)})</time></p>
<div class="ptm-text">
${renderBlocks(a.blocks)}
</div>
</article>
<div class="ptm-fx"><h4>Currencies</h4><p>USD/SGD 1.35 · USD/CNY 7.29 · USD/JPY 151.2</p></div>
${relatedList(ctx, 'Related', 'ptm-related', 4)}
</div>
<footer><p>Pacific Trade Monitor © ${t.y}. Reproduction without permission prohibited.</p></footer>
${cookieBanner('We use cookies. See our privacy policy.')}
</body>
</html>
`;
};

const boardroom: Template = (ctx) => {
  const a = ctx.article;
  const t = localTime(a.publishedAt);
  return `${htmlOpen(ctx.outlet.lang)}
${head(ctx, `<meta name="description" content="${esc(a.summary)}">\n${ogTags(ctx)}\n${newsArticleLd(ctx, { type: 'Article', authorsAsArray: true })}`)}
<body>
<header class="bb-nav"><a href="${BASE}/boardroom-brief/">Boardroom Brief</a> <a href="#">Governance</a> <a href="#">Risk</a> <a href="#">Technology buying</a> <a href="#">Events</a> <a href="#" class="cta">Become a member</a></header>
<main class="bb-main">
<article>
<div class="bb-eyebrow">${esc(a.section)} · <span>${readingMinutes(a)} min read</span></div>
<h1>${esc(a.title)}</h1>
<p class="bb-lede">${esc(a.summary)}</p>
<div class="bb-author">${a.byline ? `<span>By ${esc(a.byline)}</span>` : ''} <time datetime="${a.publishedAt}">${MONTHS[t.m - 1]} ${t.d}, ${t.y}</time></div>
<div class="bb-body">
${renderBlocks(a.blocks, { insertAfter: { 3: `<aside class="bb-callout"><h4>Members-only toolkit</h4><p>Download our AI vendor due-diligence checklist. <a href="#">Log in to access</a>.</p></aside>` } })}
</div>
</article>
${relatedList(ctx, 'Recommended for you', 'bb-recommended', 3)}
<div class="bb-newsletter"><h3>The Monday Brief</h3><p>Governance news for directors and buyers, weekly.</p><form><input type="email"><button>Join</button></form></div>
</main>
<footer class="bb-foot">© ${t.y} Boardroom Brief LLC · <a href="#">Membership terms</a> · <a href="#">Privacy</a></footer>
</body>
</html>
`;
};

const lex: Template = (ctx) => {
  const a = ctx.article;
  const t = localTime(a.publishedAt);
  return `${htmlOpen(ctx.outlet.lang)}
${head(ctx, `<meta name="author" content="${esc(a.byline)}">\n<meta name="description" content="${esc(a.summary)}">\n${newsArticleLd(ctx, { type: 'BlogPosting' })}`)}
<body>
<header class="lx-header"><a href="${BASE}/lex-and-trade/">Lex &amp; Trade</a><span> — Notes on trade law, sanctions and technology</span><nav><a href="#">Export controls</a> <a href="#">Sanctions</a> <a href="#">IP &amp; licensing</a> <a href="#">Contributors</a> <a href="#">Contact</a></nav></header>
<div class="lx-wrap">
<article class="lx-post">
<header><h1>${esc(a.title)}</h1><p class="lx-meta">${a.byline ? `${esc(a.byline)} · ` : ''}<time datetime="${a.publishedAt}">${t.d} ${MONTHS[t.m - 1]} ${t.y}</time></p></header>
<div class="lx-content">
${renderBlocks(a.blocks)}
</div>
<div class="lx-disclaimer"><p>This post is provided for general information only and does not constitute legal advice. Reading it does not create a lawyer–client relationship. Contact counsel about your specific circumstances.</p></div>
</article>
<aside class="lx-sidebar"><h3>Subscribe by email</h3><form><input type="email"><button>Follow</button></form>
${relatedList(ctx, 'Recent posts', 'lx-recent', 5)}
<h3>Archives</h3><ul><li><a href="#">${MONTHS[t.m - 1]} ${t.y}</a></li></ul></aside>
</div>
<footer class="lx-foot"><p>Lex &amp; Trade is an independent publication. © ${t.y}. Attorney advertising.</p></footer>
</body>
</html>
`;
};

const bare: Template = (ctx) => {
  const a = ctx.article;
  // Deliberately no metadata at all: no lang, no canonical, no meta tags, no <time>.
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>${esc(a.title)}</title>
<link rel="stylesheet" href="/the-daily-compute/style.css">
</head>
<body>
<div id="top"><a href="/the-daily-compute/">THE DAILY COMPUTE</a> &middot; <a href="/the-daily-compute/archive.html">archive</a> &middot; <a href="/the-daily-compute/about.html">about</a></div>
<div id="post">
<h2>${esc(a.title)}</h2>
<div class="date">${longDate(a.publishedAt)}</div>
${renderBlocks(a.blocks)}
<hr>
<div class="postfoot">Liked this? Forward it to a friend. Reply to this email with feedback. Unsubscribe any time.</div>
</div>
<div id="links"><b>Elsewhere this week:</b> ${ctx.related.slice(0, 3).map((r) => `<a href="${r.url}">${esc(r.title)}</a>`).join(' &middot; ')}</div>
<div id="bottom">The Daily Compute is written by a small team. No ads, no trackers.</div>
</body>
</html>
`;
};

const courier: Template = (ctx) => {
  const a = ctx.article;
  const t = localTime(a.publishedAt);
  return `${htmlOpen(ctx.outlet.lang)}
${head(ctx, `${a.byline ? `<meta name="author" content="${esc(a.byline)}">\n` : ''}<meta name="description" content="${esc(a.summary)}">\n${ogTags(ctx)}`)}
<body class="courier">
<div class="courier-top"><span>${DAYS[t.dow]} ${t.d} ${MONTHS[t.m - 1]} ${t.y}</span> <a href="#">Sign in</a> <a href="#">Subscribe</a></div>
<header><a class="masthead" href="${BASE}/evening-courier/">The Evening Courier</a>
<nav><a href="#">News</a> <a href="#">Sport</a> <a href="#">Business</a> <a href="#">Weather</a> <a href="#">Tech</a> <a href="#">What's on</a> <a href="#">Puzzles</a></nav></header>
<main>
<article class="ec-article">
<p class="ec-section">${esc(a.section)}</p>
<h1>${esc(a.title)}</h1>
<p class="ec-standfirst">${esc(a.summary)}</p>
<div class="ec-byline">${a.byline ? `<span class="ec-author">${esc(a.byline)}</span>` : ''}<time datetime="${a.publishedAt}">${pad(t.hh)}:${pad(t.mm)}, ${t.d} ${MONTHS[t.m - 1].slice(0, 3)} ${t.y}</time></div>
${shareBar(ctx, 'ec-share')}
${figureFor(a)}
<div class="ec-body">
${renderBlocks(a.blocks, { insertAfter: { 2: `<div class="ec-readmore">READ MORE: <a href="#">Council confirms new bin collection days</a></div>` } })}
</div>
</article>
${relatedList(ctx, 'Most read', 'ec-mostread', 5)}
<section class="ec-comments"><h3>Have your say</h3><p class="ec-comment">NorthStand_Steve: About time.</p><p class="ec-comment">Marigold: Lovely to read some good news for once.</p><a href="#">Load more comments</a></section>
</main>
<footer><p>The Evening Courier, part of Courier Regional Media. © ${t.y}. <a href="#">Contact</a> <a href="#">Advertise</a> <a href="#">Cookie settings</a></p></footer>
</body>
</html>
`;
};

const TEMPLATES: Record<string, Template> = {
  circuit, meridian, wire, ledger, signal, dispatch, securestack, northgate, harbor, pacific, boardroom, lex, bare, courier,
};

// ---------------------------------------------------------------------------------------------
// windows-1252 encoding for the outlet that still serves it. Characters outside the code page
// become numeric character references, as old CMSs did.

const CP1252_HIGH: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
  'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
  '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

function encodeWindows1252(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else if (CP1252_HIGH[ch] !== undefined) bytes.push(CP1252_HIGH[ch]);
    else for (const b of Buffer.from(`&#${code};`, 'ascii')) bytes.push(b);
  }
  return Buffer.from(bytes);
}

// ---------------------------------------------------------------------------------------------
// Feeds

function xmlEsc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

interface FeedEntry { article: SampleArticle; url: string }

function withTracking(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}utm_source=rss&utm_medium=feed&utm_campaign=${'meridian'}`;
}

function rssFeed(outlet: Outlet, entries: FeedEntry[], feedUrl: string): string {
  const homepage = `${BASE}/${outlet.slug}/`;
  const dublinCore = outlet.slug === 'securestack';
  const contentEncoded = outlet.slug === 'the-circuit-desk';
  const cdataSummary = outlet.slug === 'meridian-post';
  const tracking = outlet.slug === 'meridian-post';
  const keepOffset = outlet.slug === 'pacific-trade-monitor';
  const namespaces = [
    'xmlns:atom="http://www.w3.org/2005/Atom"',
    contentEncoded ? 'xmlns:content="http://purl.org/rss/1.0/modules/content/"' : '',
    dublinCore || contentEncoded ? 'xmlns:dc="http://purl.org/dc/elements/1.1/"' : '',
  ].filter(Boolean).join(' ');
  const newest = entries[0]?.article.publishedAt;
  const items = entries.map(({ article: a, url }) => {
    const link = tracking ? withTracking(url) : url;
    const lines = [
      `<title>${xmlEsc(a.title)}</title>`,
      `<link>${xmlEsc(link)}</link>`,
      outlet.slug === 'the-daily-compute' ? `<guid isPermaLink="true">${xmlEsc(url)}</guid>` : `<guid isPermaLink="false">${outlet.slug}:${a.id}</guid>`,
    ];
    if (dublinCore) {
      lines.push(`<dc:date>${isoUtc(a.publishedAt)}</dc:date>`);
      if (a.byline) lines.push(`<dc:creator>${xmlEsc(a.byline)}</dc:creator>`);
    } else {
      lines.push(`<pubDate>${rfc822(a.publishedAt, keepOffset)}</pubDate>`);
      if (a.byline) lines.push(contentEncoded ? `<dc:creator>${xmlEsc(a.byline)}</dc:creator>` : `<author>newsdesk@${outlet.slug}.example (${xmlEsc(a.byline)})</author>`);
    }
    if (a.section) lines.push(`<category>${xmlEsc(a.section)}</category>`);
    if (cdataSummary) lines.push(`<description>${cdata(`<p><strong>${esc(a.section || 'News')}:</strong> ${esc(a.summary)}</p><p><a href="${link}">Continue reading…</a></p>`)}</description>`);
    else lines.push(`<description>${xmlEsc(a.summary)}</description>`);
    if (contentEncoded) lines.push(`<content:encoded>${cdata(renderBlocks(a.blocks))}</content:encoded>`);
    return `<item>\n${lines.map((l) => `  ${l}`).join('\n')}\n</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" ${namespaces}>
<channel>
<title>${xmlEsc(outlet.name)}</title>
<link>${homepage}</link>
<description>${xmlEsc(`Latest from ${outlet.name}`)}</description>
<language>${(outlet.lang ?? 'en').toLowerCase()}</language>
<atom:link href="${feedUrl}" rel="self" type="application/rss+xml"/>
${newest ? `<lastBuildDate>${rfc822(newest, keepOffset)}</lastBuildDate>\n` : ''}<ttl>30</ttl>
${items.join('\n')}
</channel>
</rss>
`;
}

function atomFeed(outlet: Outlet, entries: FeedEntry[], feedUrl: string): string {
  const newest = entries[0]?.article;
  const items = entries.map(({ article: a, url }) => `<entry>
  <title type="text">${xmlEsc(a.title)}</title>
  <link rel="alternate" type="text/html" href="${url}"/>
  <id>tag:${outlet.slug}.example,${a.publishedAt.slice(0, 10)}:${a.id}</id>
  <published>${a.publishedAt}</published>
  <updated>${a.updatedAt || a.publishedAt}</updated>
${a.byline ? `  <author><name>${xmlEsc(a.byline)}</name></author>\n` : ''}${a.section ? `  <category term="${xmlEsc(slugify(a.section))}" label="${xmlEsc(a.section)}"/>\n` : ''}  <summary type="text">${xmlEsc(a.summary)}</summary>
</entry>`);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"${outlet.lang ? ` xml:lang="${outlet.lang}"` : ''}>
<title>${xmlEsc(outlet.name)}</title>
<subtitle>${xmlEsc(outlet.kind)}</subtitle>
<link rel="self" type="application/atom+xml" href="${feedUrl}"/>
<link rel="alternate" type="text/html" href="${BASE}/${outlet.slug}/"/>
<id>tag:${outlet.slug}.example,2025:feed</id>
<updated>${newest ? newest.updatedAt || newest.publishedAt : '2025-01-01T00:00:00Z'}</updated>
${items.join('\n')}
</feed>
`;
}

function jsonFeed(outlet: Outlet, entries: FeedEntry[], feedUrl: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: outlet.name,
    home_page_url: `${BASE}/${outlet.slug}/`,
    feed_url: feedUrl,
    description: outlet.kind,
    language: outlet.lang ?? undefined,
    items: entries.map(({ article: a, url }) => ({
      id: url,
      url,
      title: a.title,
      summary: a.summary,
      content_text: a.summary,
      date_published: a.publishedAt,
      ...(a.updatedAt ? { date_modified: a.updatedAt } : {}),
      ...(a.byline ? { authors: [{ name: a.byline }] } : {}),
      tags: a.section ? [a.section] : [],
    })),
  }, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------
// Outlet home pages, so directory URLs and feed discovery from a home page work.

function outletHome(outlet: Outlet, entries: FeedEntry[], feedUrl: string): string {
  return `<!DOCTYPE html>
<html${outlet.lang ? ` lang="${outlet.lang}"` : ''}>
<head>
<meta charset="utf-8">
<title>${esc(outlet.name)}</title>
<link rel="alternate" type="${feedMime(outlet.feedFormat)}" title="${esc(outlet.name)}" href="${feedUrl}">
</head>
<body>
<h1>${esc(outlet.name)}</h1>
<p>${esc(outlet.kind)}</p>
<ul>
${entries.map(({ article: a, url }) => `<li><a href="${url}">${esc(a.title)}</a> <span>${a.publishedAt.slice(0, 10)}</span></li>`).join('\n')}
</ul>
<p><a href="${feedUrl}">Feed</a></p>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------

function loadOutlets(): Outlet[] {
  return JSON.parse(readFileSync(path.join(samplesDir, 'outlets.json'), 'utf8')) as Outlet[];
}

function loadHappeningTitles(): Map<string, KnownHappening> {
  const file = path.join(samplesDir, 'happenings.json');
  const map = new Map<string, KnownHappening>();
  if (!existsSync(file)) return map;
  for (const h of JSON.parse(readFileSync(file, 'utf8')) as (KnownHappening & { id: string })[]) map.set(h.id, h);
  return map;
}

function writeOut(relativeUrlPath: string, content: string | Buffer): void {
  const file = path.join(siteDir, ...relativeUrlPath.split('/').filter(Boolean));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

export function render(): { articles: number; outlets: number } {
  const outlets = loadOutlets();
  const outletBySlug = new Map(outlets.map((o) => [o.slug, o]));
  const articles = listMarkdown(articlesDir).map(parseArticleFile);

  const seen = new Map<string, string>();
  for (const a of articles) {
    if (seen.has(a.id)) throw new Error(`duplicate article id "${a.id}" in ${a.sourceFile} and ${seen.get(a.id)}`);
    seen.set(a.id, a.sourceFile);
    if (!outletBySlug.has(a.outlet)) throw new Error(`${a.sourceFile}: unknown outlet "${a.outlet}" (see samples/outlets.json)`);
  }
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const a of articles) {
    if (a.syndicatedFrom && !byId.has(a.syndicatedFrom)) throw new Error(`${a.sourceFile}: syndicatedFrom "${a.syndicatedFrom}" is not an article id`);
  }

  rmSync(siteDir, { recursive: true, force: true });
  mkdirSync(siteDir, { recursive: true });

  // Newest first, ties broken by id so the order never depends on the file system.
  const byTime = (x: SampleArticle, y: SampleArticle) => Date.parse(y.publishedAt) - Date.parse(x.publishedAt) || x.id.localeCompare(y.id);

  const urlPathOf = new Map(articles.map((a) => [a.id, articlePath(outletBySlug.get(a.outlet)!, a)]));
  const manifestArticles: unknown[] = [];

  for (const outlet of outlets) {
    const own = articles.filter((a) => a.outlet === outlet.slug).sort(byTime);
    const feedUrl = `${BASE}${outlet.feedPath}`;
    const entries: FeedEntry[] = own.map((a) => ({ article: a, url: `${BASE}${urlPathOf.get(a.id)}` }));
    const template = TEMPLATES[outlet.style];
    if (!template) throw new Error(`samples/outlets.json: outlet "${outlet.slug}" has unknown style "${outlet.style}"`);

    for (const a of own) {
      const urlPath = urlPathOf.get(a.id)!;
      // Related boxes prefer the same topic, then anything else from the outlet, newest first.
      const related = own
        .filter((o) => o.id !== a.id)
        .sort((x, y) => Number(y.topic === a.topic) - Number(x.topic === a.topic) || byTime(x, y))
        .map((o) => ({ title: o.title, url: `${BASE}${urlPathOf.get(o.id)}` }));
      const html = template({ outlet, article: a, url: `${BASE}${urlPath}`, feedUrl, related, byId });
      writeOut(fileForUrlPath(urlPath, false), outlet.charset === 'windows-1252' ? encodeWindows1252(html) : html);
      manifestArticles.push({
        id: a.id, outlet: a.outlet, path: urlPath, file: `samples/site${fileForUrlPath(urlPath, false)}`,
        title: a.title, publishedAt: a.publishedAt, happening: a.happening, topic: a.topic, syndicatedFrom: a.syndicatedFrom,
      });
    }

    const feed = outlet.feedFormat === 'rss' ? rssFeed(outlet, entries, feedUrl)
      : outlet.feedFormat === 'atom' ? atomFeed(outlet, entries, feedUrl)
      : jsonFeed(outlet, entries, feedUrl);
    writeOut(fileForUrlPath(outlet.feedPath, true), feed);
    writeOut(`/${outlet.slug}/index.html`, outletHome(outlet, entries, feedUrl));
  }

  // An OPML list of every feed, for testing OPML import.
  writeOut('/sources.opml', `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
<head><title>Sample corpus feeds</title></head>
<body>
${outlets.map((o) => `<outline type="${o.feedFormat === 'json' ? 'json' : 'rss'}" text="${esc(o.name)}" title="${esc(o.name)}" xmlUrl="${BASE}${o.feedPath}" htmlUrl="${BASE}/${o.slug}/"/>`).join('\n')}
</body>
</opml>
`);
  writeOut('/index.html', `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Sample corpus</title></head>
<body>
<h1>Sample corpus</h1>
<p>Illustrative sample data written for this project: fictional outlets covering real events in their own words.</p>
<ul>
${outlets.map((o) => `<li><a href="${BASE}/${o.slug}/">${esc(o.name)}</a> — <a href="${BASE}${o.feedPath}">feed</a></li>`).join('\n')}
</ul>
</body>
</html>
`);

  // Happenings: title, date (YYYY, YYYY-MM or YYYY-MM-DD by precision) from samples/happenings.json;
  // a happening missing there gets a title from its id and the earliest article's day.
  const titles = loadHappeningTitles();
  const happenings = new Map<string, Happening>();
  for (const a of [...articles].sort((x, y) => Date.parse(x.publishedAt) - Date.parse(y.publishedAt) || x.id.localeCompare(y.id))) {
    if (!a.happening || happenings.has(a.happening)) continue;
    const known = titles.get(a.happening);
    happenings.set(a.happening, {
      id: a.happening,
      topic: known?.topic ?? a.topic ?? 'unknown',
      title: known?.title ?? a.happening.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      date: known?.date ?? new Date(a.publishedAt).toISOString().slice(0, 10),
      precision: known?.precision ?? 'day',
    });
  }

  const manifest = {
    note: 'Illustrative sample data written for this project: fictional outlets covering real events in their own words. Paths are relative to the server origin.',
    outlets: outlets.map((o) => ({ slug: o.slug, name: o.name, feedUrl: o.feedPath, feedFormat: o.feedFormat, charset: o.charset })),
    happenings: [...happenings.values()].sort((x, y) => x.date.localeCompare(y.date) || x.id.localeCompare(y.id)),
    articles: (manifestArticles as { id: string; publishedAt: string }[]).sort((x, y) => Date.parse(x.publishedAt) - Date.parse(y.publishedAt) || x.id.localeCompare(y.id)),
  };
  writeFileSync(path.join(samplesDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { articles: articles.length, outlets: outlets.length };
}

if (process.argv[1] && /render\.ts$/.test(process.argv[1]) || isRunTsEntry()) {
  const result = render();
  console.log(`rendered ${result.articles} articles for ${result.outlets} outlets into samples/site/`);
}

/** bin/run-ts.mjs removes the script from argv, so also look at the original command line. */
function isRunTsEntry(): boolean {
  if (!process.argv[1] || !/run-ts\.mjs$/.test(process.argv[1])) return false;
  try {
    const original = readFileSync('/proc/self/cmdline', 'utf8').split('\0');
    return original.some((arg) => /(^|\/)samples\/render\.ts$/.test(arg) || arg === 'render.ts');
  } catch {
    return true; // no /proc (macOS, Windows): run-ts was started for some script; assume this one
  }
}
