// Stable keys for extracted facts: derived from content and source, never from row ids, so that
// re-extracting an article finds the same facts again and corrections (keyed by them) stay attached.
import crypto from 'node:crypto';

export function hashKey(...parts: (string | number | null | undefined)[]): string {
  return crypto.createHash('sha1').update(parts.map((part) => String(part ?? '')).join('\u241f')).digest('base64url').slice(0, 16);
}

/** Normalises text for keys: case, whitespace and quote styles do not change a key. */
export function normaliseForKey(text: string): string {
  return text.toLowerCase().replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim();
}

export const articleKey = (canonicalUrl: string) => `a_${hashKey(canonicalUrl)}`;
/** An entity's key is its normalised name alone: one name is one record whatever type an article
 * gives it, so the key does not depend on which article arrived first. The record's type is a vote
 * over articles (src/extract/extractStage.ts writeFacts). */
export const entityKey = (name: string) => `e_${hashKey(normaliseForKey(name))}`;
export const figureKey = (articleId: string, sentence: string, surface: string) => `f_${hashKey(articleId, normaliseForKey(sentence), normaliseForKey(surface))}`;
export const eventKey = (articleId: string, date: string, text: string) => `ev_${hashKey(articleId, date, normaliseForKey(text))}`;
export const quoteKey = (articleId: string, text: string) => `q_${hashKey(articleId, normaliseForKey(text))}`;
export const claimKey = (articleId: string, sentence: string, text: string) => `cl_${hashKey(articleId, normaliseForKey(sentence), normaliseForKey(text))}`;
export const viewpointKey = (articleId: string, topic: string, label: string) => `vp_${hashKey(articleId, topic, label)}`;
export const mentionKey = (articleId: string, entityId: string, start: number) => `m_${hashKey(articleId, entityId, start)}`;
