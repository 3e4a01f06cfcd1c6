// The curated entity registry as the extractor uses it: the built-in entries of
// src/extract/registry/entities.yaml merged with the entries editors add from the command line
// (`tracker entities add`, table registry_entities). Adding or removing an entry marks the stored
// articles that mention it for re-extraction, so the next extract run rewrites their facts.
import { eq, sql } from 'drizzle-orm';
import type { TrackerDb } from '../db/client.ts';
import { registryEntities, entities } from '../../db/schema.ts';
import { loadBuiltInRegistry, type RegistryEntry } from '../extract/entities.ts';
import { ENTITY_TYPES, isEntityType, type EntityType } from '../extract/entityTypes.ts';
import { entityKey } from '../extract/keys.ts';
import { CorrectionOverlay } from './corrections.ts';
import { EditorialError } from './errors.ts';

export { ENTITY_TYPES, isEntityType } from '../extract/entityTypes.ts';
export const BUILT_IN_REGISTRY_FILE = 'src/extract/registry/entities.yaml';


type RegistryRow = typeof registryEntities.$inferSelect;

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

function parseAliases(json: string): string[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.filter((alias): alias is string => typeof alias === 'string') : [];
  } catch {
    return [];
  }
}

function uniqueStrings(values: string[]): string[] {
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

/** Which entry already matches a surface: the registry matches names and aliases case-sensitively. */
function ownerOf(listings: RegistryListing[], surface: string): RegistryListing | undefined {
  return listings.find((entry) => entry.name === surface || entry.aliases.includes(surface));
}

function cleanName(value: string, what: string): string {
  const name = value.replace(/\s+/g, ' ').trim();
  if (name.length < 2) throw new EditorialError(`${what} "${value}" is too short: give at least two characters`);
  if (name.length > 200) throw new EditorialError(`${what} is longer than 200 characters`);
  return name;
}

/**
 * Marks for re-extraction every stored article whose text contains one of `names` (as the registry
 * matches them: case-sensitively). Returns how many articles the next extract run will rewrite.
 */
export function markForReextraction(db: TrackerDb, names: string[]): number {
  const client = db.$client;
  const find = client.prepare('SELECT id, document_id AS documentId FROM articles WHERE document_id IS NOT NULL AND instr(text, ?) > 0');
  const articles = new Map<string, number>();
  for (const name of uniqueStrings(names)) {
    for (const row of find.all(name) as { id: string; documentId: number }[]) articles.set(row.id, row.documentId);
  }
  const clearFacts = client.prepare('UPDATE articles SET facts_at = NULL WHERE id = ?');
  const markDocument = client.prepare('UPDATE documents SET needs_extract = 1 WHERE id = ?');
  client.transaction(() => {
    for (const [articleId, documentId] of articles) {
      clearFacts.run(articleId);
      markDocument.run(documentId);
    }
  })();
  return articles.size;
}

export interface AddEntityRequest { name: string; type?: string; aliases: string[]; note?: string; editor: string }
export interface RegistryChange { entry: RegistryListing; created: boolean; changed: boolean; reextract: number }

export function addRegistryEntity(db: TrackerDb, request: AddEntityRequest): RegistryChange {
  const listings = listRegistry(db);
  const requestedName = cleanName(request.name, 'name');
  if (request.type !== undefined && !isEntityType(request.type)) {
    throw new EditorialError(`unknown entity type "${request.type}": use one of ${ENTITY_TYPES.join(', ')}`);
  }
  const type = request.type as EntityType | undefined;
  const existing = listings.find((entry) => entry.name.toLowerCase() === requestedName.toLowerCase());
  const name = existing?.name ?? requestedName;
  const aliases = uniqueStrings(request.aliases.map((alias) => cleanName(alias, 'alias'))).filter((alias) => alias !== name);

  for (const surface of [name, ...aliases]) {
    const owner = ownerOf(listings, surface);
    if (owner && owner.name !== name) {
      throw new EditorialError(`"${surface}" already names ${owner.name} (${owner.origin} registry entry, ${owner.type}); a name can belong to one entry only${surface === requestedName ? `: to extend that entry use \`tracker entities add "${owner.name}" --alias …\`` : ''}`);
    }
  }
  if (!existing && !type) throw new EditorialError(`${name} is not in the registry yet: give its type with --type (${ENTITY_TYPES.join(', ')})`);

  const now = new Date().toISOString();
  const note = request.note?.trim() || null;
  if (!existing) {
    db.insert(registryEntities).values({ name, type: type!, aliases: JSON.stringify(aliases), addedBy: request.editor, addedAt: now, note }).run();
    const reextract = markForReextraction(db, [name, ...aliases]);
    return { entry: listRegistry(db).find((entry) => entry.name === name)!, created: true, changed: true, reextract };
  }

  const newAliases = aliases.filter((alias) => !existing.aliases.includes(alias));
  const typeChanged = type !== undefined && type !== existing.type;
  const noteChanged = note !== null && note !== existing.note;
  if (newAliases.length === 0 && !typeChanged && !noteChanged) return { entry: existing, created: false, changed: false, reextract: 0 };

  const builtIn = loadBuiltInRegistry().find((entry) => entry.name === name);
  const storedAliases = uniqueStrings([...existing.addedAliases, ...newAliases]);
  const storedType = type ?? existing.type;
  if (builtIn && storedAliases.length === 0 && storedType === builtIn.type && note === null) {
    // Back to exactly the built-in entry: nothing left for the database to hold.
    db.delete(registryEntities).where(sql`lower(${registryEntities.name}) = lower(${name})`).run();
  } else {
    // The first editor to add to an entry stays its author; later additions change what it holds.
    db.insert(registryEntities).values({ name, type: storedType, aliases: JSON.stringify(storedAliases), addedBy: request.editor, addedAt: now, note: note ?? existing.note })
      .onConflictDoUpdate({ target: registryEntities.name, set: { type: storedType, aliases: JSON.stringify(storedAliases), note: note ?? existing.note } })
      .run();
  }
  // The record keeps its key (the name alone) and takes the curated type; re-extraction moves the
  // articles' votes and mentions, and new aliases only matter where they occur.
  if (typeChanged) retypeEntity(db, name, storedType);
  const reextract = typeChanged || newAliases.length ? markForReextraction(db, typeChanged ? [name, ...existing.aliases, ...newAliases] : newAliases) : 0;
  return { entry: listRegistry(db).find((entry) => entry.name === name)!, created: false, changed: true, reextract };
}

export function removeRegistryEntity(db: TrackerDb, requestedName: string): RegistryChange {
  const name = requestedName.replace(/\s+/g, ' ').trim();
  const listings = listRegistry(db);
  const entry = listings.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (!entry) {
    const owner = ownerOf(listings, name);
    throw new EditorialError(owner
      ? `"${name}" is an alias of ${owner.name}, not an entry of its own: \`tracker entities remove "${owner.name}"\` removes what was added to that entry`
      : `${name} is not in the registry (\`tracker entities list\` lists it)`);
  }
  if (entry.origin === 'built-in') {
    throw new EditorialError(`${entry.name} is a built-in registry entry: built-in entries live in ${BUILT_IN_REGISTRY_FILE}; edit that file to change or remove it (then run \`tracker extract --all\`)`);
  }
  db.delete(registryEntities).where(sql`lower(${registryEntities.name}) = lower(${entry.name})`).run();
  let names: string[];
  if (entry.origin === 'added') {
    names = [entry.name, ...entry.aliases];
    demoteEntity(db, entry.name);
  } else {
    names = entry.builtInType ? [entry.name, ...entry.aliases] : entry.addedAliases;
    if (entry.builtInType) retypeEntity(db, entry.name, entry.builtInType);
  }
  return { entry, created: false, changed: true, reextract: markForReextraction(db, names) };
}

/**
 * The entity record of a registry entry that no longer exists keeps its key (and the corrections
 * attached to it) but is no longer curated; re-extraction recasts the articles' type votes.
 */
function demoteEntity(db: TrackerDb, name: string): void {
  db.update(entities).set({ origin: 'detected' }).where(eq(entities.id, entityKey(name))).run();
}

/** A registry entry whose type changed: its record (one per name) takes the curated type at once. */
function retypeEntity(db: TrackerDb, name: string, type: EntityType): void {
  db.update(entities).set({ type }).where(eq(entities.id, entityKey(name))).run();
}

export interface DetectedEntity { key: string; name: string; type: string; articles: number; mentions: number }

/** Entities the detector found (not the registry), most-mentioned first, with editors' corrections applied. */
export function detectedEntities(db: TrackerDb, options: { limit: number; type?: string; search?: string }): DetectedEntity[] {
  const overlay = CorrectionOverlay.load(db);
  const rows = db.$client.prepare(`
    SELECT e.id, e.name, e.type, count(DISTINCT m.article_id) AS articles, count(*) AS mentions
    FROM entities e JOIN entity_mentions m ON m.entity_id = e.id
    WHERE e.origin = 'detected'
    GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name`).all() as { id: string; name: string; type: string; articles: number; mentions: number }[];
  const search = options.search?.toLowerCase();
  return overlay.apply(rows)
    .filter((row) => (!options.type || row.type === options.type) && (!search || row.name.toLowerCase().includes(search)))
    .slice(0, options.limit)
    .map((row) => ({ key: row.id, name: row.name, type: row.type, articles: row.articles, mentions: row.mentions }));
}
