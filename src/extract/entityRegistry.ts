// The curated entity registry the extractor matches: the built-in entries of
// src/extract/registry/entities.yaml merged with the ones editors added in the database
// (src/editorial/registry.ts records those), plus the outlets the tracker reads. Read once per
// extract run.
import { sql } from 'drizzle-orm';
import type { TrackerDb } from '../db/client.ts';
import { registryEntities } from '../../db/schema.ts';
import { loadBuiltInRegistry, type RegistryEntry } from './entities.ts';
import { isEntityType, type EntityType } from './entityTypes.ts';
import { parseStringArray as parseAliases } from '../text/json.ts';

/** built-in: only in the YAML file; added: only in the database; built-in+added: a YAML entry the database extends. */
export type RegistryOrigin = 'built-in' | 'added' | 'built-in+added';

export interface RegistryListing {
  name: string;
  type: EntityType;
  aliases: string[];
  origin: RegistryOrigin;
  /** Aliases that come from the database (all of them for an added entry). */
  addedAliases: string[];
  /** The built-in type when the database changed it. */
  builtInType: EntityType | null;
  addedBy: string | null;
  addedAt: string | null;
  note: string | null;
}


export function uniqueStrings(values: string[]): string[] {
  return [...new Set(values)];
}

/** Every registry entry, built-in first (in file order), then the added ones by name. */
export function listRegistry(db: TrackerDb): RegistryListing[] {
  const rows = db.select().from(registryEntities).orderBy(registryEntities.name).all();
  const rowByName = new Map(rows.map((row) => [row.name.toLowerCase(), row]));
  const listings: RegistryListing[] = [];
  const used = new Set<string>();
  for (const entry of loadBuiltInRegistry()) {
    const row = rowByName.get(entry.name.toLowerCase());
    if (!row) {
      listings.push({ name: entry.name, type: entry.type, aliases: [...entry.aliases], origin: 'built-in', addedAliases: [], builtInType: null, addedBy: null, addedAt: null, note: null });
      continue;
    }
    used.add(row.name.toLowerCase());
    const addedAliases = parseAliases(row.aliases).filter((alias) => !entry.aliases.includes(alias));
    const type = isEntityType(row.type) ? row.type : entry.type;
    listings.push({
      name: entry.name, type, aliases: uniqueStrings([...entry.aliases, ...addedAliases]), origin: 'built-in+added', addedAliases,
      builtInType: type !== entry.type ? entry.type : null, addedBy: row.addedBy, addedAt: row.addedAt, note: row.note,
    });
  }
  for (const row of rows) {
    if (used.has(row.name.toLowerCase())) continue;
    const aliases = parseAliases(row.aliases);
    listings.push({
      name: row.name, type: isEntityType(row.type) ? row.type : 'other', aliases, origin: 'added', addedAliases: aliases,
      builtInType: null, addedBy: row.addedBy, addedAt: row.addedAt, note: row.note,
    });
  }
  return listings;
}

/**
 * The registry the extractor matches: built-in entries merged with the database's. Called once per
 * extract run; with no added entries it is the built-in array itself, whose compiled matcher the
 * extractor caches.
 */
export function loadRegistry(db: TrackerDb): RegistryEntry[] {
  const added = db.select({ n: sql<number>`count(*)` }).from(registryEntities).get()?.n ?? 0;
  const entries = added === 0 ? [...loadBuiltInRegistry()] : listRegistry(db).map(({ name, type, aliases }) => ({ name, type, aliases }));
  return [...entries, ...outletEntries(db, entries)];
}

/**
 * The outlets the tracker reads (configured source names and the site names of stored articles)
 * are organisations when an article names them ("according to the Pacific Trade Monitor"), whatever
 * their words look like ("Silicon Harbor" is no harbour).
 */
function outletEntries(db: TrackerDb, known: RegistryEntry[]): RegistryEntry[] {
  const taken = new Set(known.flatMap((entry) => [entry.name, ...entry.aliases]));
  const names = db.$client.prepare(`SELECT name FROM sources WHERE name IS NOT NULL UNION SELECT DISTINCT outlet FROM articles`).pluck().all() as string[];
  const outlets: RegistryEntry[] = [];
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').trim();
    // Host names stand in for outlets without a site name: not how prose names them.
    if (name.length < 3 || name.length > 80 || taken.has(name) || /^[\w.-]+\.[a-z]{2,}$/i.test(name) || !/^\p{Lu}/u.test(name)) continue;
    taken.add(name);
    outlets.push({ name, type: 'organization', aliases: [] });
  }
  return outlets;
}

