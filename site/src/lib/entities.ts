// Which entities a piece of text names: whole-word matches of the name or an alias.
import type { SiteEntity } from '../../../src/stories/types.ts';

function matcher(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Short all-capital names (BIS, AI) only as capitals, so "ai" in a word never counts.
  const acronym = name.length <= 4 && name === name.toUpperCase();
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, acronym ? 'u' : 'iu');
}

/** A test for text that names the entity. */
export function namesEntity(entity: Pick<SiteEntity, 'name' | 'aliases'>): (text: string) => boolean {
  const matchers = [entity.name, ...entity.aliases].filter((name) => name.trim().length >= 2).map(matcher);
  return (text) => matchers.some((pattern) => pattern.test(text));
}
