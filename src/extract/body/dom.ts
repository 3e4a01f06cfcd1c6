// A minimal view of the htmlparser2 (domhandler) tree the body and metadata extractors walk. The
// tree is parsed once with htmlparser2, which is many times faster than building a full DOM.
import { parseDocument } from 'htmlparser2';

export interface HNode {
  type: string; // 'tag' | 'script' | 'style' | 'text' | 'comment' | 'directive' | 'cdata' | 'root'
  parent: HNode | null;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: HNode[];
}

export interface HElement extends HNode {
  name: string;
  attribs: Record<string, string>;
  children: HNode[];
}

export function isElement(node: HNode): node is HElement {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function parse(html: string): HNode {
  const source = html.length > 200_000 ? limitNesting(html, 1500) : html;
  return parseDocument(source, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }) as unknown as HNode;
}

const voidTags = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'p', 'li', 'option', 'dt', 'dd', 'tr', 'td', 'th']);

/**
 * htmlparser2 keeps its open-element stack with Array.unshift, so parsing is quadratic in the
 * nesting depth: a few MB of unclosed <div>s or <table>s would take minutes. Opening tags
 * (and their end tags) that would nest deeper than maxDepth are dropped before parsing. Tags
 * that close themselves implicitly (p, li, td…) are not counted.
 */
export function limitNesting(html: string, maxDepth: number): string {
  const tagPattern = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(\/?)>|<!--[\s\S]*?-->/g;
  let depth = 0;
  let maxSeen = 0;
  // Cheap check first: most large pages are shallow.
  for (let match = tagPattern.exec(html); match; match = tagPattern.exec(html)) {
    if (!match[2]) continue;
    const name = match[2].toLowerCase();
    if (voidTags.has(name) || match[3]) continue;
    if (match[1]) depth = Math.max(0, depth - 1);
    else if (++depth > maxSeen) maxSeen = depth;
  }
  if (maxSeen <= maxDepth) return html;
  depth = 0;
  const dropped = new Map<string, number>();
  tagPattern.lastIndex = 0;
  return html.replace(tagPattern, (whole: string, slash: string, rawName: string | undefined, selfClosing: string) => {
    if (!rawName) return whole;
    const name = rawName.toLowerCase();
    if (voidTags.has(name) || selfClosing) return whole;
    if (slash) {
      const pending = dropped.get(name) ?? 0;
      if (pending > 0) { dropped.set(name, pending - 1); return ''; }
      depth = Math.max(0, depth - 1);
      return whole;
    }
    if (depth >= maxDepth) { dropped.set(name, (dropped.get(name) ?? 0) + 1); return ''; }
    depth++;
    return whole;
  });
}

/** All text under a node, without any whitespace handling. Skips scripts, styles and comments. */
export function rawText(node: HNode): string {
  if (node.type === 'text') return node.data ?? '';
  if (node.type === 'script' || node.type === 'style' || node.type === 'comment') return '';
  if (!node.children) return '';
  let out = '';
  for (const child of node.children) out += rawText(child);
  return out;
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Depth-first walk over elements; the visitor returns false to skip an element's subtree. */
export function walkElements(node: HNode, visit: (element: HElement) => boolean | void): void {
  const stack: HNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (isElement(current) && visit(current) === false) continue;
    const children = current.children;
    if (children) for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
  }
}

export function findFirst(node: HNode, test: (element: HElement) => boolean): HElement | null {
  let found: HElement | null = null;
  walkElements(node, (element) => {
    if (found) return false;
    if (test(element)) { found = element; return false; }
    return true;
  });
  return found;
}

export function hasAncestor(node: HNode, test: (element: HElement) => boolean): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isElement(current) && test(current)) return true;
  }
  return false;
}
