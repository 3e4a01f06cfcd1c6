// The XML element tree helpers shared by the feed and sitemap parsers (htmlparser2 in XML mode).
import type { Element, AnyNode } from 'domhandler';

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function localName(element: Element): string {
  const name = element.name.toLowerCase();
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

export function prefixOf(element: Element): string {
  const colon = element.name.indexOf(':');
  return colon === -1 ? '' : element.name.slice(0, colon).toLowerCase();
}

export function childElements(element: Element): Element[] {
  return element.children.filter(isElement);
}

/** XML text of a node: entities in text are decoded; CDATA is taken as written (an escaped
 * `&lt;script&gt;` inside CDATA is HTML text, and must not turn into a tag). */
export function textOf(node: AnyNode): string {
  if (node.type === 'cdata') return (node.children as AnyNode[]).map((child) => (child as unknown as { data?: string }).data ?? '').join('');
  if (node.type === 'text') return decodeXmlEntities((node as unknown as { data: string }).data);
  if ('children' in node) return (node.children as AnyNode[]).map(textOf).join('');
  return '';
}

import { decodeXmlEntities } from '../text/xmlEntities.ts';

export { decodeXmlEntities };


/**
 * Decodes the entities in every attribute value of the tree, in place (htmlparser2 leaves them as
 * written when entity decoding is off): `href="…?a=1&amp;b=2"` is the address `…?a=1&b=2`. Walks
 * with an explicit stack, so deep nesting cannot overflow the call stack.
 */
export function decodeAttributeEntities(root: { children?: unknown[] }): void {
  const stack: unknown[] = [...(root.children ?? [])];
  while (stack.length) {
    const node = stack.pop() as { attribs?: Record<string, string>; children?: unknown[] };
    if (node.attribs) {
      for (const key of Object.keys(node.attribs)) {
        const value = node.attribs[key];
        if (value.includes('&')) node.attribs[key] = decodeXmlEntities(value);
      }
    }
    if (node.children) for (const child of node.children) stack.push(child);
  }
}
