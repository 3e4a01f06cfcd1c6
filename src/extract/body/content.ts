// The main text of a page: prune page chrome (navigation, sidebars, share bars, newsletter and
// cookie boxes, comments, related links, hidden elements), score the blocks that hold running
// text the way Readability does (length, commas, link density, propagated to ancestors), pick the
// best container plus the siblings that continue it, then emit its blocks while dropping the
// link-heavy or empty boxes inside it. Everything walks an htmlparser2 tree iteratively, so deep
// or huge documents cannot overflow the stack.
import { isElement, type HElement, type HNode } from './dom.ts';

const dropTags = new Set([
  'script', 'style', 'template', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed', 'video', 'audio', 'source',
  'track', 'picture', 'img', 'select', 'option', 'optgroup', 'button', 'input', 'textarea', 'head', 'title', 'meta', 'link', 'base',
  'map', 'area', 'dialog', 'frameset', 'frame', 'applet', 'param', 'datalist', 'output', 'progress', 'meter', 'nav', 'menu', 'aside',
  'footer', 'label', 'fieldset', 'figcaption',
]);

export const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'ul', 'caption', 'legend', 'html', 'menu', 'listing', 'plaintext', 'xmp',
]);

const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const chromeRoles = new Set(['navigation', 'menu', 'menubar', 'complementary', 'contentinfo', 'search', 'dialog', 'alertdialog', 'banner', 'toolbar', 'tablist']);

// Class and id words of page chrome. Matched against the words of each class/id token (split on
// -, _ and camelCase), so "commentary" or "shared-content" are not taken for comments or sharing.
const strongNegativeWords = new Set([
  'nav', 'navbar', 'navigation', 'menu', 'menus', 'breadcrumb', 'breadcrumbs', 'sidebar', 'sidebars', 'footer', 'masthead',
  'share', 'shares', 'sharing', 'sharer', 'social', 'socials', 'related', 'recommended', 'recommendations', 'recirc', 'comment',
  'comments', 'newsletter', 'subscribe', 'subscription', 'signup', 'login', 'cookie', 'cookies', 'consent', 'gdpr', 'promo',
  'promotion', 'ad', 'ads', 'advert', 'adverts', 'advertisement', 'advertising', 'sponsor', 'sponsored', 'popup', 'modal',
  'overlay', 'outbrain', 'taboola', 'disqus', 'banner', 'toolbar', 'pagination', 'pager', 'skiplink', 'skip',
  'print', 'widget', 'widgets', 'respond', 'replies', 'trending', 'popular', 'tags', 'tagcloud', 'tagline', 'keywords', 'categories', 'topics', 'rating', 'ratings', 'byline', 'dateline',
  'author', 'authors', 'bio', 'avatar', 'meta', 'postmeta', 'timestamp', 'date', 'datetime', 'published', 'posted', 'caption', 'figcaption',
  'credit', 'credits', 'copyright', 'disclaimer', 'lightbox', 'slideshow', 'gallery', 'carousel', 'slider', 'tooltip',
  'screenreader', 'sronly', 'visuallyhidden', 'shoutbox', 'cta', 'follow', 'donate', 'donation', 'subnav', 'toc', 'jump', 'prev',
  'next', 'previous', 'more', 'readmore', 'also', 'mostread', 'most', 'tools', 'utility', 'utilities', 'actions', 'login',
  'register', 'search', 'alert', 'notice', 'notification', 'feedback', 'survey', 'poll', 'rss', 'syndication', 'lang', 'language',
  'languages', 'switcher', 'cart', 'shop', 'header', 'topbar', 'header', 'logo', 'brand', 'copyright', 'legal', 'imprint',
  'impressum', 'contact', 'extra', 'extras', 'supplemental', 'addthis', 'sociable',
  'printfriendly', 'shariff', 'sharedaddy', 'crayons',
]);
const negativeCompound = /sharebar|sharing|socialshare|socialmedia|relatedpost|relatedarticle|relatedlink|relatedstor|newsletter|cookiebanner|cookienotice|breadcrumb|sidebar|navbar|subnav|advert|taboola|outbrain|disqus|addtoany|sharethis|addthis|jp-relatedposts|sharedaddy|wpcomments|commentlist|comment-list|comment-respond|mostpopular|mostread|readmore|readalso|seealso|skip-link|screen-reader|sr-only|visually-hidden|u-hidden|is-hidden/i;
const positiveWords = new Set([
  'article', 'articles', 'body', 'content', 'contents', 'entry', 'main', 'post', 'story', 'text', 'prose', 'blog', 'richtext',
  'articlebody', 'postbody', 'storybody', 'entrycontent', 'postcontent', 'articlecontent', 'page', 'hentry', 'single', 'column',
]);
// Words that mark a box as chrome even when a positive word is present too ("comment-content").
const overridingNegative = new Set([
  'comment', 'comments', 'respond', 'replies', 'share', 'sharing', 'social', 'related', 'recommended', 'newsletter', 'subscribe',
  'cookie', 'cookies', 'consent', 'gdpr', 'ad', 'ads', 'advert', 'advertisement', 'promo', 'sidebar', 'nav', 'navigation',
  'navbar', 'menu', 'breadcrumb', 'breadcrumbs', 'footer', 'byline', 'dateline', 'author', 'meta', 'postmeta', 'tags', 'timestamp',
  'date', 'popular', 'trending', 'toc', 'pagination', 'pager', 'widget', 'widgets',
]);

// Whole class tokens that hide an element (a word like "hidden" inside "overflow-hidden" does not).
const hiddenTokens = /^(?:hidden|hide|is-hidden|u-hidden|d-none|display-none|invisible|offscreen|sr-only|visually-hidden|visuallyhidden|screen-reader-text|screenreader|element-invisible|a11y-hidden|hidden-xs-up|print-only|noscript)$/i;

// Generated class names (styled-components, CSS modules, emotion) are not split into words:
// "jpYiwZ" is not "jp" + "yiw", and "sc-AbCd" or "css-1x2y3z" mean nothing.
const generatedToken = /^(?:sc|css|jsx|emotion|svelte)-/;
const hashLikeToken = /^(?=[a-zA-Z]*[A-Z])(?=[a-zA-Z]*[a-z])[a-zA-Z]{5,8}$/;

// An id made of many words is an anchor generated from the text ("what-are-you-looking-forward-to-next"),
// not the name of a page component.
function isSlugId(id: string): boolean {
  return id.split(/[-_]+/).filter(Boolean).length >= 5;
}

function classWords(element: HElement): string[] {
  const id = element.attribs.id ?? '';
  const attribute = `${element.attribs.class ?? ''} ${isSlugId(id) ? '' : id}`;
  if (attribute.length <= 1) return [];
  const words: string[] = [];
  for (const token of attribute.split(/\s+/)) {
    if (!token || generatedToken.test(token)) continue;
    const spaced = hashLikeToken.test(token) ? token : token.replace(/([a-z])([A-Z])/g, '$1 $2');
    for (const word of spaced.toLowerCase().split(/[\s\-_:.\d]+/)) if (word) words.push(word);
  }
  return words;
}

/** -1 chrome, +1 content, 0 neither. */
interface Verdict { negative: boolean; positive: boolean; overriding: boolean; comments: boolean; onlyHeader: boolean }
const neutral: Verdict = { negative: false, positive: false, overriding: false, comments: false, onlyHeader: false };
const commentWords = new Set(['comment', 'comments', 'respond', 'replies', 'reply', 'disqus', 'commentlist', 'discussion']);

function classVerdict(element: HElement): Verdict {
  const attribute = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`;
  if (attribute.length <= 1) return neutral;
  const words = classWords(element);
  let negative = negativeCompound.test(words.join(' '));
  let positive = false;
  let overriding = negative;
  let comments = false;
  let onlyHeader = !negative;
  for (const word of words) {
    if (commentWords.has(word)) comments = true;
    if (strongNegativeWords.has(word)) { negative = true; if (word !== 'header') onlyHeader = false; }
    if (overridingNegative.has(word)) overriding = true;
    if (positiveWords.has(word)) positive = true;
  }
  return { negative, positive, overriding, comments, onlyHeader: negative && onlyHeader };
}

function isHidden(element: HElement): boolean {
  const attribs = element.attribs;
  if ('hidden' in attribs) return true;
  if (attribs['aria-hidden'] === 'true') return true;
  const classes = attribs.class;
  if (classes && classes.split(/\s+/).some((token) => hiddenTokens.test(token))) return true;
  const style = attribs.style;
  return !!style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

// Counts text length, ignoring whitespace runs.
function textLength(text: string): number {
  let length = 0;
  let space = true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const isSpace = code === 32 || code === 10 || code === 9 || code === 13 || code === 12 || code === 160;
    if (isSpace) {
      if (!space) { length++; space = true; }
    } else {
      length++;
      space = false;
    }
  }
  return length;
}

const commaPattern = /[\u002C\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C\u3001]/g;

function countCommas(text: string): number {
  const matches = text.match(commaPattern);
  return matches ? matches.length : 0;
}

interface Stats {
  length: number; // text length after pruning
  linkLength: number;
  commas: number;
  inlineLength: number; // text reachable without crossing a block boundary
  inlineLinkLength: number;
  inlineCommas: number;
  hasBlockChild: boolean;
  paragraphs: number;
  listItems: number;
  score: number;
  scored: boolean;
  headings: number;
}

function newStats(): Stats {
  return { length: 0, linkLength: 0, commas: 0, inlineLength: 0, inlineLinkLength: 0, inlineCommas: 0, hasBlockChild: false, paragraphs: 0, listItems: 0, score: 0, scored: false, headings: 0 };
}

/** Post-order traversal without recursion. */
function postOrder(root: HNode, visit: (node: HNode) => void): void {
  const stack: Array<{ node: HNode; index: number }> = [{ node: root, index: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const children = top.node.children;
    if (children && top.index < children.length) {
      stack.push({ node: children[top.index++], index: 0 });
    } else {
      stack.pop();
      visit(top.node);
    }
  }
}

/** First pass: raw text length and link length per element, and whether it holds the headline. */
function measureRaw(root: HNode): Map<HNode, { length: number; linkLength: number; main: boolean }> {
  const raw = new Map<HNode, { length: number; linkLength: number; main: boolean }>();
  postOrder(root, (node) => {
    if (!isElement(node)) return;
    if (node.type !== 'tag' || dropTags.has(node.name)) { raw.set(node, { length: 0, linkLength: 0, main: false }); return; }
    let length = 0; let linkLength = 0;
    let main = node.name === 'h1' || node.attribs.itemprop === 'articleBody' || node.name === 'main';
    for (const child of node.children) {
      if (child.type === 'text') length += textLength(child.data ?? '');
      else if (isElement(child)) {
        const stats = raw.get(child);
        if (stats) { length += stats.length; linkLength += child.name === 'a' ? stats.length : stats.linkLength; main ||= stats.main; }
      }
    }
    raw.set(node, { length, linkLength, main });
  });
  return raw;
}

/** Second pass: removes chrome from the tree, top-down. */
function prune(root: HNode, raw: Map<HNode, { length: number; linkLength: number; main: boolean }>, pageLength: number, light: boolean): void {
  const stack: HNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!node.children) continue;
    const kept: HNode[] = [];
    for (const child of node.children) {
      if (child.type === 'text') { kept.push(child); continue; }
      if (!isElement(child) || child.type !== 'tag') continue; // comments, directives, scripts, styles
      if (shouldDrop(child, raw, pageLength, light)) { debugHooks.onDrop?.(child); continue; }
      kept.push(child);
      stack.push(child);
    }
    node.children = kept;
  }
}

function shouldDrop(element: HElement, raw: Map<HNode, { length: number; linkLength: number; main: boolean }>, pageLength: number, light: boolean): boolean {
  const name = element.name;
  if (name === 'html' || name === 'body') return false;
  const stats = raw.get(element) ?? { length: 0, linkLength: 0, main: false };
  // A box that holds the headline, the marked-up article body or most of the page is a wrapper.
  const wrapper = stats.main || stats.length > pageLength * 0.5;
  if (name === 'noscript') {
    // Some platforms (Blogger) put the whole post in <noscript>; a "please enable JavaScript" is short.
    return stats.length < 400 || stats.linkLength > stats.length * 0.3;
  }
  if (dropTags.has(name)) {
    if (name === 'nav' || name === 'aside' || name === 'footer' || name === 'menu' || name === 'label' || name === 'fieldset') return !wrapper && !light;
    return true;
  }
  if (isHidden(element)) return !stats.main && !light;
  if (light) return false;
  const role = element.attribs.role;
  if (role && chromeRoles.has(role.toLowerCase()) && !wrapper) return true;
  // Headings and code are text whatever their classes or ids say (ids of headings are anchors made
  // from their text); a heading left without content is removed when the text is emitted.
  if (headingTags.has(name) || name === 'pre' || name === 'code') return false;
  const verdict = classVerdict(element);
  if (name === 'article' || name === 'main') return verdict.overriding && !wrapper && !verdict.positive;
  if (verdict.negative) {
    if (wrapper) return false;
    // A data table or definition list is content; only the strongest chrome words (share, ads,
    // comments, navigation) remove it: "table-header" or "specs-meta" name its parts.
    if ((name === 'table' || name === 'dl') && !verdict.overriding) return false;
    if (verdict.positive && !verdict.overriding) return false;
    // "header" names the page banner (logo, menu, login: mostly links) but also the head of any
    // component ("card-header", "recipe-header" with the title and the intro): like <header>,
    // it is chrome only when link-heavy.
    if (verdict.onlyHeader && stats.linkLength <= stats.length * 0.3) return false;
    // A long stretch of prose is not a share bar or a newsletter box, whatever its class says;
    // comments are the exception.
    if (!verdict.comments && stats.length >= 800 && stats.linkLength < stats.length * 0.15) return false;
    return true;
  }
  if (name === 'header' && !stats.main && stats.linkLength > stats.length * 0.3) return true;
  return false;
}

function addScore(element: HElement, stats: Map<HNode, Stats>, amount: number): void {
  const entry = stats.get(element);
  if (!entry) return;
  if (!entry.scored) {
    entry.scored = true;
    entry.score += initialScore(element, entry.length);
  }
  entry.score += amount;
}

function initialScore(element: HElement, length: number): number {
  let score = 0;
  switch (element.name) {
    case 'div': case 'article': case 'main': case 'section': score += 5; break;
    case 'pre': case 'td': case 'blockquote': score += 3; break;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': score -= 3; break;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': score -= 5; break;
    default: break;
  }
  // A content-like class or tag is worth the most on a box with real text in it: a tiny
  // "dock-text" or "footer-content" must not outrank the article.
  const scale = Math.min(1, length / 500);
  const verdict = classVerdict(element);
  if (verdict.positive) score += 25 * scale;
  if (verdict.negative) score -= 25;
  if (element.name === 'article' || element.attribs.itemprop === 'articleBody') score += 10 * scale;
  return score;
}

/** Third pass: text statistics on the pruned tree and Readability-style paragraph scores. */
function measure(root: HNode): Map<HNode, Stats> {
  const stats = new Map<HNode, Stats>();
  // Ancestors are measured after their descendants, so scores are handed out at the end.
  const addScoreLater: Array<[HNode, number]> = [];
  postOrder(root, (node) => {
    if (!isElement(node)) return;
    const entry = newStats();
    const block = blockTags.has(node.name);
    const isLink = node.name === 'a';
    for (const child of node.children) {
      if (child.type === 'text') {
        const text = child.data ?? '';
        const length = textLength(text);
        const commas = countCommas(text);
        entry.length += length; entry.commas += commas;
        entry.inlineLength += length; entry.inlineCommas += commas;
        if (isLink) { entry.linkLength += length; entry.inlineLinkLength += length; }
        continue;
      }
      if (!isElement(child)) continue;
      const inner = stats.get(child);
      if (!inner) continue;
      entry.length += inner.length;
      entry.commas += inner.commas;
      entry.linkLength += isLink ? inner.length : inner.linkLength;
      entry.paragraphs += inner.paragraphs;
      entry.listItems += inner.listItems + (child.name === 'li' ? 1 : 0);
      entry.headings += inner.headings + (headingTags.has(child.name) ? 1 : 0);
      if (blockTags.has(child.name)) {
        entry.hasBlockChild = true;
      } else {
        entry.inlineLength += inner.inlineLength;
        entry.inlineCommas += inner.inlineCommas;
        entry.inlineLinkLength += isLink ? inner.inlineLength : inner.inlineLinkLength;
        entry.hasBlockChild ||= inner.hasBlockChild;
      }
    }
    if (block) {
      if (entry.inlineLength >= 25 && !headingTags.has(node.name)) entry.paragraphs += 1;
    }
    stats.set(node, entry);
    if (!block || node.name === 'body' || node.name === 'html') return;
    // Score the inline run this block holds, as Readability scores a paragraph.
    const length = entry.inlineLength;
    if (length < 25 || headingTags.has(node.name)) return;
    const linkDensity = entry.inlineLinkLength / length;
    const amount = (1 + entry.inlineCommas + Math.min(3, Math.floor(length / 100))) * (1 - linkDensity) * (1 - linkDensity);
    if (amount <= 0) return;
    let target: HNode | null = entry.hasBlockChild ? node : node.parent;
    for (let level = 0; target && level < 5; level++, target = target.parent) {
      if (!isElement(target)) break;
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      addScoreLater.push([target, amount / divider]);
    }
  });
  for (const [element, amount] of addScoreLater) addScore(element as HElement, stats, amount);
  return stats;
}

function linkDensity(entry: Stats | undefined): number {
  if (!entry || entry.length === 0) return 0;
  return entry.linkLength / entry.length;
}

function finalScore(element: HElement, stats: Map<HNode, Stats>): number {
  const entry = stats.get(element);
  if (!entry || !entry.scored) return -Infinity;
  return entry.score * (1 - linkDensity(entry));
}

function selectContent(body: HElement, stats: Map<HNode, Stats>): HElement[] {
  const candidates: Array<{ element: HElement; score: number }> = [];
  for (const [node, entry] of stats) {
    if (!entry.scored || !isElement(node)) continue;
    candidates.push({ element: node, score: entry.score * (1 - linkDensity(entry)) });
  }
  if (candidates.length === 0) return [body];
  candidates.sort((a, b) => b.score - a.score);
  let top = candidates[0].element;
  let topScore = candidates[0].score;

  // When several strong candidates share an ancestor, the ancestor is the article.
  const alternatives = candidates.slice(1, 5).filter((candidate) => candidate.score >= topScore * 0.75).map((candidate) => candidate.element);
  if (alternatives.length >= 3) {
    for (let parent = top.parent; parent && isElement(parent) && parent !== body; parent = parent.parent) {
      let containing = 0;
      for (const alternative of alternatives) if (contains(parent, alternative)) containing++;
      if (containing >= 3) { top = parent; break; }
    }
  }
  // Climb while the parent scores higher, or while the candidate is an only child.
  let lastScore = finalScore(top, stats);
  for (let parent = top.parent; parent && isElement(parent) && parent.name !== 'body' && parent.name !== 'html'; parent = parent.parent) {
    const parentScore = finalScore(parent, stats);
    if (parentScore === -Infinity) break;
    if (parentScore < lastScore / 3) break;
    if (parentScore > lastScore) { top = parent; }
    lastScore = parentScore;
  }
  while (top.parent && isElement(top.parent) && top.parent.name !== 'body' && top.parent.name !== 'html' && top.parent.children.filter(isElement).length === 1) {
    top = top.parent;
  }
  topScore = finalScore(top, stats);

  const parent = top.parent;
  if (!parent || !isElement(parent) || !parent.children) return [top];
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs.class ?? '';
  const chosen: HElement[] = [];
  for (const sibling of parent.children) {
    if (!isElement(sibling)) continue;
    if (sibling === top) { chosen.push(sibling); continue; }
    const entry = stats.get(sibling);
    if (!entry) continue;
    let bonus = 0;
    if (topClass && sibling.attribs.class === topClass) bonus += topScore * 0.2;
    if (entry.scored && finalScore(sibling, stats) + bonus >= threshold) { chosen.push(sibling); continue; }
    // A box of prose next to the article (a second text block, a fact box) continues it.
    if (entry.paragraphs >= 1 && entry.length >= 150 && linkDensity(entry) < 0.1 && entry.commas >= 1) { chosen.push(sibling); continue; }
    if (sibling.name === 'p' || (!entry.hasBlockChild && sibling.name !== 'a')) {
      const density = linkDensity(entry);
      if (entry.length > 80 && density < 0.25) chosen.push(sibling);
      else if (entry.length > 0 && entry.length <= 80 && density === 0 && /[.!?。]\s*$/.test(textOf(sibling))) chosen.push(sibling);
    }
  }
  return chosen;
}

function contains(ancestor: HNode, node: HNode): boolean {
  for (let current: HNode | null = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

function textOf(node: HNode): string {
  let out = '';
  const stack: HNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'text') { out += current.data ?? ''; continue; }
    const children = current.children;
    if (children) for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
  }
  return out;
}

const conditionalTags = new Set(['div', 'section', 'ul', 'ol', 'dl', 'table', 'form', 'header', 'figure', 'center', 'aside', 'details']);

/** Readability's "clean conditionally": boxes inside the article that are mostly links or empty. */
function isJunkBox(element: HElement, stats: Map<HNode, Stats>, rootLength: number): boolean {
  if (!conditionalTags.has(element.name)) return false;
  const entry = stats.get(element);
  if (!entry) return true;
  if (entry.length === 0) return true;
  // A wrapper around most of the chosen text is the article itself, not a box inside it.
  if (entry.length > rootLength * 0.6) return false;
  if (entry.commas >= 10) return false;
  const density = linkDensity(entry);
  const verdict = classVerdict(element);
  const weight = (verdict.positive ? 25 : 0) - (verdict.negative ? 25 : 0);
  const isList = element.name === 'ul' || element.name === 'ol' || element.name === 'dl';
  if (isList) {
    if (density > 0.5) return true;
    return false;
  }
  if (entry.length < 25 && entry.paragraphs === 0) return !entry.hasBlockChild && density > 0;
  if (weight < 25 && density > 0.33) return true;
  if (weight >= 25 && density > 0.5) return true;
  return false;
}

const invisibleChars = /[\u00ad\u200b\u2060\ufeff]/g;

/** A paragraph that is only a link with a prefix ("Read also: …"), or a bare date or counter. */
function isJunkParagraph(element: HElement, stats: Map<HNode, Stats>): boolean {
  const name = element.name;
  if (name !== 'p' && name !== 'div' && name !== 'section' && name !== 'span' && name !== 'center') return false;
  const entry = stats.get(element);
  if (!entry || entry.hasBlockChild) return false;
  if (entry.length > 0 && entry.length < 250 && entry.linkLength > entry.length * 0.7 && name !== 'span') return true;
  if (entry.length > 0 && entry.length < 40 && !/\p{L}/u.test(textOf(element))) return true;
  return false;
}

/** Emits the blocks under the chosen elements as text: blank lines between blocks. */
function emit(roots: HElement[], stats: Map<HNode, Stats>, keepHeadings = false): string {
  const parts: string[] = [];
  const headingParts = new Map<number, number>(); // part index -> heading level
  let current = '';
  let inHeading = 0;
  let headingLevel = 0;
  const flush = () => {
    const line = current.replace(/[ \t\r\f\u00a0]*\n[ \t\r\f\u00a0\n]*/g, '\n').replace(/[ \t\r\f\u00a0]+/g, ' ').trim();
    if (line) {
      if (inHeading > 0) headingParts.set(parts.length, headingLevel);
      parts.push(line);
    }
    current = '';
  };
  type Frame = { node: HNode; exit: boolean };
  for (const root of roots) {
    const stack: Frame[] = [{ node: root, exit: false }];
    const rootLength = stats.get(root)?.length ?? 0;
    let first = true;
    while (stack.length > 0) {
      const { node, exit } = stack.pop()!;
      if (node.type === 'text') { current += (node.data ?? '').replace(invisibleChars, '').replace(/\s+/g, ' '); continue; }
      if (!isElement(node)) continue;
      const name = node.name;
      const block = blockTags.has(name);
      if (exit) {
        if (name === 'td' || name === 'th') current += ' ';
        else if (block) flush();
        if (headingTags.has(name)) inHeading--;
        continue;
      }
      if (!first && (isJunkBox(node, stats, rootLength) || isJunkParagraph(node, stats))) continue;
      first = false;
      if (name === 'br') {
        // Two line breaks in a row end a paragraph; one is a line break inside it.
        if (/\n\s*$/.test(current)) flush();
        else current += '\n';
        continue;
      }
      if (name === 'hr') { flush(); continue; }
      // "10<sup>26</sup> operations": a power of ten keeps its exponent mark, not "1026".
      if (name === 'sup' && /(?:^|[^\d.,])10$/.test(current) && /^\s*[-−]?\d{1,3}\s*$/.test(textOf(node))) current += '^';
      if (name === 'td' || name === 'th') current += ' ';
      else if (block) flush();
      if (headingTags.has(name)) { inHeading++; headingLevel = Number(name[1]); }
      stack.push({ node, exit: true });
      const children = node.children;
      for (let index = children.length - 1; index >= 0; index--) stack.push({ node: children[index], exit: false });
    }
    flush();
  }
  // A heading with nothing under it (its box was removed, or it ends the text) is chrome:
  // "Related stories", "Comments", "Share this". A heading followed by a subheading is kept.
  const kept = keepHeadings ? parts : parts.filter((_, index) => {
    const level = headingParts.get(index);
    if (level === undefined) return true;
    if (index + 1 >= parts.length) return false;
    const next = headingParts.get(index + 1);
    return next === undefined || next > level;
  });
  return kept.join('\n\n');
}

/** Emits every paragraph-like block of the page with little link text: the fallback. */
function allParagraphs(body: HElement, stats: Map<HNode, Stats>): string {
  const parts: string[] = [];
  const stack: HNode[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    const entry = stats.get(node);
    if (!entry) continue;
    if (blockTags.has(node.name) && !entry.hasBlockChild && entry.length >= 40 && linkDensity(entry) < 0.3) {
      parts.push(emit([node], stats));
      continue;
    }
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]);
  }
  return parts.filter(Boolean).join('\n\n');
}

/**
 * The standfirst or lede that pages put between the headline and the article body, outside the
 * body's container (in the article header, an intro box): prose paragraphs after the <h1> and
 * before the chosen content.
 */
function ledeBefore(body: HElement, chosen: HElement[], stats: Map<HNode, Stats>): string {
  if (chosen.length === 0 || chosen[0] === body) return '';
  const first = chosen[0];
  const blocks: HElement[] = [];
  let seenHeadline = false;
  let total = 0;
  const stack: HNode[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (node === first) break;
    if (chosen.includes(node)) break;
    if (node.name === 'h1') {
      if (contains(node, first)) return '';
      seenHeadline = true;
      blocks.length = 0;
      total = 0;
      continue;
    }
    const entry = stats.get(node);
    if (!entry) continue;
    // A subheading that holds sentences (a standfirst set as <h2>) is a lede too.
    const isHeading = headingTags.has(node.name);
    const proseHeading = isHeading && entry.length >= 100 && /[.!?。…»"“”]\s*$/.test(textOf(node).trim());
    if (seenHeadline && blockTags.has(node.name) && !entry.hasBlockChild && (!isHeading || proseHeading)) {
      if (entry.length >= 60 && linkDensity(entry) < 0.2 && blocks.length < 3 && !contains(node, first)) {
        blocks.push(node);
        total += entry.length;
      }
      continue;
    }
    for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]);
  }
  if (!seenHeadline || blocks.length === 0 || total > 1500) return '';
  return emit(blocks, stats, true);
}

const headOnlyTags = new Set(['title', 'meta', 'link', 'base', 'script', 'style', 'noscript', 'template']);

/**
 * A page without a <body> tag: the parser leaves everything after an unclosed <head> inside it,
 * where a browser would have closed the head at the first visible element. The visible elements
 * are moved to a body of their own; the rest of the head is dropped as usual.
 */
function syntheticBody(root: HNode): HElement {
  const body: HElement = { type: 'tag', name: 'body', attribs: {}, children: [], parent: null };
  const stack: HNode[] = [...(root.children ?? [])].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isElement(node) && (node.name === 'html' || node.name === 'head')) {
      const children = node.name === 'head' ? node.children.filter((child) => !(isElement(child) && headOnlyTags.has(child.name))) : node.children;
      for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
      continue;
    }
    node.parent = body;
    body.children.push(node);
  }
  return body;
}

// Page chrome that sits at the edges of the chosen text: picture credits and source lines,
// disclosure labels, comment/share/related/subscribe prompts, copyright lines and bare dates. Matched only on short paragraphs at the start
// or the end of the text, never inside it.
const creditLine = /^[(\[]?\s*(?:photos?|fotos?|fotografía|foto(?:grafie)?s?|bild(?:er)?|bildquelle|titelbild|beitragsbild|headerbild|image|images|picture|pictures|credits?|crédits?(?: photos?)?|quelle|quellen|source|sources|fuente|fuentes|fonte|źródło|zdroj|fot\.?|copyright|©|\(c\))\s*(?::|\||©|-\s)/i;
const disclosureLine = /^[*\s-]*(?:anzeige|werbung|advertisement|sponsored(?: content)?|publicidad|publicité|reklama|affiliate[- ]links?|enthält affiliate[- ]links|\*?werbung\b)[\s\-,.:*]*(?:$|enthält|contains|–)/i;
const copyrightLine = /^(?:©|copyright\b|\(c\)\s*\d{4}|all rights reserved|alle rechte vorbehalten|todos los derechos reservados|tous droits réservés)/i;
const promptLine = /^(?:share(?: this)?(?: article| post| story)?|teilen|diesen (?:artikel|beitrag) teilen|möchten sie (?:den|diesen) artikel teilen|compartir|partager|condividi|udostępnij|related(?: articles| posts| stories)?|more from\b|more on\b|read more|read also|see also|you may also like|you might also like|recommended(?: for you)?|auch interessant|das könnte (?:sie|dich) auch interessieren|mehr zum thema|mehr themen|lesen sie auch|weitere artikel|weitere beiträge|schon gelesen|zum weiterlesen|lee también|leer más|te puede interesar|lire aussi|à lire aussi|voir aussi|leggi anche|zobacz również|czytaj (?:też|także|również)|comments?|\d+ comments?|no comments|leave a (?:comment|reply)|kommentare?|keine kommentare|kommentieren|kommentar (?:verfassen|schreiben)|schreibe einen kommentar|comentarios?|commentaires?|subscribe\b|sign up\b|newsletter\b|abonnieren|jetzt abonnieren|follow us|folgen sie uns|síguenos|suivez-nous|tags?\s*:|schlagw(?:ö|o)rter\s*:|filed under|posted in|this entry was posted|dieser eintrag wurde|kategorie(?:n)?\s*:|categories?\s*:|category\s*:|war (?:der|dieser) artikel (?:nützlich|hilfreich)|was this (?:article|page) helpful|back to top|nach oben|zurück zur|back to\b|print\b|drucken)(?![A-Za-zÀ-ÿ0-9])/i;
const authorBoxStart = /^(?:about the author|about me|über den autor|über die autorin|über mich|zur person|sobre el autor|sobre la autora|à propos de l'auteur|o autorze|l'autore|the author)\b/i;
const dateLike = /\b\d{4}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b/;

function isDateOnly(line: string): boolean {
  if (line.length > 45 || !dateLike.test(line)) return false;
  const letters = line.match(/\p{L}/gu)?.length ?? 0;
  return letters <= 16;
}

function isEdgeChrome(line: string): boolean {
  if (line.length > 160) return false;
  if (creditLine.test(line) || copyrightLine.test(line) || disclosureLine.test(line)) return true;
  if (isDateOnly(line)) return true;
  return line.length <= 100 && promptLine.test(line);
}

// A picture credit on its own line: a photographer or agency credit with no sentence in it.
const agencyCredit = /(?:getty ?images|\bafp\b|\bdpa\b|reuters|\bap photo\b|associated press|picture[- ]alliance|\bimago\b|shutterstock|istock(?:photo)?|wenn\.com|\bepa\b|keystone|\bxinhua\b|unsplash|pixabay|adobe ?stock|fotolia)/i;

function isCreditParagraph(line: string): boolean {
  if (line.length > 100) return false;
  if (creditLine.test(line)) return true;
  return agencyCredit.test(line) && !/[.!?。]\s*$/.test(line.replace(/\([^)]*\)\s*$/, '')) && line.split(/\s+/).length <= 8;
}

/** Drops chrome paragraphs from the start and the end of the text, and picture credits anywhere. */
export function trimEdges(text: string): string {
  const parts = text.split('\n\n').filter((part) => !isCreditParagraph(part));
  if (parts.length < 3) return parts.join('\n\n');
  let end = parts.length;
  let removed = 0;
  const trimTail = () => { while (end > 1 && removed < 8 && isEdgeChrome(parts[end - 1])) { end--; removed++; } };
  trimTail();
  // An author box at the end: everything from its heading on.
  for (let index = Math.max(1, end - 4); index < end; index++) {
    if (parts[index].length <= 60 && authorBoxStart.test(parts[index])) {
      let rest = 0;
      for (let after = index; after < end; after++) rest += parts[after].length;
      if (rest <= 1200) { end = index; trimTail(); break; }
    }
  }
  let start = 0;
  removed = 0;
  while (start < end - 1 && removed < 3 && isEdgeChrome(parts[start])) { start++; removed++; }
  return parts.slice(start, end).join('\n\n');
}

export interface BodyResult { text: string; method: 'main' | 'paragraphs' | 'empty' }

/** Debugging aid: the chosen elements and the best-scored candidates. */
export const debugHooks: { onDrop?: (element: HElement) => void; onSelect?: (chosen: HElement[], stats: Map<HNode, Stats>, finalScoreOf: (element: HElement) => number) => void } = {};

export function extractBody(root: HNode, options: { light?: boolean } = {}): BodyResult {
  let body: HElement | null = null;
  const stack: HNode[] = [root];
  let guard = 0;
  while (stack.length > 0 && guard++ < 100000) {
    const node = stack.pop()!;
    if (isElement(node) && node.name === 'body') { body = node; break; }
    if (node.children) for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]);
  }
  if (!body) body = syntheticBody(root);
  const raw = measureRaw(body);
  const pageLength = raw.get(body)?.length ?? 0;
  if (pageLength === 0) return { text: '', method: 'empty' };
  prune(body, raw, pageLength, options.light ?? false);
  const stats = measure(body);
  const chosen = selectContent(body, stats);
  debugHooks.onSelect?.(chosen, stats, (element) => finalScore(element, stats));
  let text = emit(chosen, stats);
  const lede = ledeBefore(body, chosen, stats);
  if (lede) text = text ? `${lede}\n\n${text}` : lede;
  if (text.length < 200) {
    const fallback = allParagraphs(body, stats);
    if (fallback.length > text.length * 2) return { text: trimEdges(fallback), method: 'paragraphs' };
  }
  text = trimEdges(text);
  return { text, method: text ? 'main' : 'empty' };
}
