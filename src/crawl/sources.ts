// The sources table: config sources synced on every crawl, and sources imported from OPML files
// (kept in the database only, and crawled like the configured ones).
import { eq, or, inArray } from 'drizzle-orm';
import { writeTransaction, type TrackerDb } from '../db/client.ts';
import { sources } from '../../db/schema.ts';
import type { Config } from '../config/schema.ts';
import { parseFeed, FeedParseError } from './feed.ts';
import { isFederalRegisterApi, FEDERAL_REGISTER_DEFAULT_TOPICS } from './federalRegister.ts';

export type SourceRow = typeof sources.$inferSelect;

/** Topics a source feeds when the config gives none: Federal Register rules are export controls. */
export function defaultTopicsFor(url: string, given: string[] | undefined): string[] | null {
  if (given) return given;
  return isFederalRegisterApi(url) ? FEDERAL_REGISTER_DEFAULT_TOPICS : null;
}

/** Adds the config's sources to the database (new ones) and updates names and topic filters.
 * Returns the sources to crawl: the configured ones and every imported one. */
export function syncSources(db: TrackerDb, config: Config): SourceRow[] {
  const at = new Date().toISOString();
  writeTransaction(db, (tx) => {
    for (const source of config.sources) {
      const topics = defaultTopicsFor(source.url, source.topics);
      const set = { name: source.name ?? null, topics: topics ? JSON.stringify(topics) : null, origin: 'config' as const };
      tx.insert(sources).values({ url: source.url, createdAt: at, ...set })
        .onConflictDoUpdate({ target: sources.url, set })
        .run();
    }
  });
  const configured = config.sources.map((source) => source.url);
  const chunks: string[][] = [];
  for (let index = 0; index < configured.length; index += 500) chunks.push(configured.slice(index, index + 500));
  return db.select().from(sources)
    .where(or(eq(sources.origin, 'import'), ...chunks.map((chunk) => inArray(sources.url, chunk))))
    .orderBy(sources.id)
    .all();
}

export interface ImportSummary { found: number; added: number; alreadyPresent: number; addedUrls: string[] }

/** Adds every feed an OPML document lists (nested outlines too) to the sources table. */
export function importOpml(db: TrackerDb, opmlText: string, file = 'OPML'): ImportSummary {
  let outlines;
  try {
    const parsed = parseFeed(opmlText, null);
    if (parsed.format !== 'opml') throw new FeedParseError(`this is a ${parsed.format} feed, not an OPML list`);
    outlines = parsed.outlines ?? [];
  } catch (error) {
    throw new FeedParseError(`${file}: ${(error as Error).message}`);
  }
  const at = new Date().toISOString();
  const summary: ImportSummary = { found: 0, added: 0, alreadyPresent: 0, addedUrls: [] };
  const seen = new Set<string>();
  writeTransaction(db, (tx) => {
    for (const outline of outlines) {
      if (seen.has(outline.url)) continue;
      seen.add(outline.url);
      summary.found++;
      const topics = defaultTopicsFor(outline.url, undefined);
      const inserted = tx.insert(sources)
        .values({ url: outline.url, name: outline.title?.trim() || null, topics: topics ? JSON.stringify(topics) : null, origin: 'import', createdAt: at })
        .onConflictDoNothing({ target: sources.url })
        .run();
      if (inserted.changes > 0) { summary.added++; summary.addedUrls.push(outline.url); } else summary.alreadyPresent++;
    }
  });
  return summary;
}
