// The Federal Register documents API as a source: rules and notices published by an agency (the
// Bureau of Industry and Security, for export controls), e.g.
//   https://www.federalregister.gov/api/v1/documents.json?conditions[agencies][]=industry-and-security-bureau&order=newest
// Each result becomes an item pointing at its html_url (fetched like an article page), with the
// abstract as its summary. The JSON is read field by field; nothing parsed is merged into an object.
import { parseLooseDate } from '../text/looseDate.ts';
import { FeedParseError, type FeedItem } from './feed.ts';

export interface FederalRegisterDocument {
  documentNumber: string;
  type: string | null;
  title: string;
  htmlUrl: string;
  publicationDate: string | null;
  abstract: string | null;
  /** Issuing agencies, e.g. "Industry and Security Bureau". */
  agencies: string[];
}

/** Topics a Federal Register source feeds when the config gives none: its rules are export controls. */
export const FEDERAL_REGISTER_DEFAULT_TOPICS = ['export-controls'];

/** True for the documents API (by host and path): /api/v1/documents, .json or not. */
export function isFederalRegisterApi(address: string): boolean {
  try {
    const url = new URL(address);
    return /^(www\.)?federalregister\.gov$/i.test(url.hostname) && /^\/api\/v1\/documents(\.json)?\/?$/i.test(url.pathname);
  } catch {
    return false;
  }
}

/** Content sniffing for the same API served from elsewhere (a mirror, a test server): a JSON
 * object whose `results` carry `document_number` and `html_url`. */
export function looksLikeFederalRegister(text: string): boolean {
  const head = text.slice(0, 8192).replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('{') && /"results"\s*:/.test(head) && /"document_number"\s*:/.test(text.slice(0, 65536)) && /"html_url"\s*:/.test(text.slice(0, 65536));
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim().replace(/\s+/g, ' ') : null);

export function parseFederalRegister(text: string, apiUrl: string | null = null): FederalRegisterDocument[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new FeedParseError(`invalid Federal Register JSON: ${(error as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new FeedParseError('Federal Register answer must be a JSON object');
  const results = (data as Record<string, unknown>).results;
  if (results === undefined && typeof (data as Record<string, unknown>).count === 'number') return [];
  if (!Array.isArray(results)) throw new FeedParseError('Federal Register answer has no results list');
  const documents: FederalRegisterDocument[] = [];
  for (const raw of results) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) continue;
    const result = raw as Record<string, unknown>;
    let htmlUrl: string | null = null;
    const given = str(result.html_url);
    try {
      const url = new URL(given ?? 'invalid:', apiUrl ?? undefined);
      if (url.protocol === 'https:' || url.protocol === 'http:') htmlUrl = url.href;
    } catch { /* a result without a usable page is skipped */ }
    const title = str(result.title);
    if (!htmlUrl || !title) continue;
    documents.push({
      documentNumber: str(result.document_number) ?? htmlUrl,
      type: str(result.type),
      title,
      htmlUrl,
      publicationDate: parseLooseDate(str(result.publication_date)),
      abstract: str(result.abstract),
      agencies: Array.isArray(result.agencies)
        ? result.agencies.map((agency) => (agency && typeof agency === 'object' ? str((agency as Record<string, unknown>).name) : null)).filter((name): name is string => name !== null)
        : [],
    });
  }
  return documents;
}

/** The documents as feed items, newest first. */
export function federalRegisterItems(documents: FederalRegisterDocument[]): FeedItem[] {
  return documents
    .map((document) => ({
      id: document.documentNumber,
      title: document.title,
      link: document.htmlUrl,
      publishedAt: document.publicationDate,
      updatedAt: null,
      summary: document.abstract,
      content: null,
      author: document.agencies.length ? document.agencies.join(', ') : null,
    }))
    .sort((a, b) => (b.publishedAt ? Date.parse(b.publishedAt) : 0) - (a.publishedAt ? Date.parse(a.publishedAt) : 0));
}
