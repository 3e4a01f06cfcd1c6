// Editors' changes to the curated entity registry (`tracker entities add/remove`, table
// registry_entities); the merged registry the extractor reads is src/extract/entityRegistry.ts. Adding or removing an entry marks the stored
// articles that mention it for re-extraction, so the next extract run rewrites their facts.
import { eq, sql } from 'drizzle-orm';
import type { TrackerDb } from '../db/client.ts';
import { registryEntities, entities } from '../../db/schema.ts';
import { loadBuiltInRegistry } from '../extract/entities.ts';
import { ENTITY_TYPES, isEntityType, type EntityType } from '../extract/entityTypes.ts';
import { entityKey } from '../extract/keys.ts';
import { CorrectionOverlay } from './corrections.ts';
import { EditorialError } from './errors.ts';

export { ENTITY_TYPES, isEntityType } from '../extract/entityTypes.ts';
export { listRegistry, loadRegistry, type RegistryListing, type RegistryOrigin } from '../extract/entityRegistry.ts';
import { listRegistry, uniqueStrings, type RegistryListing } from '../extract/entityRegistry.ts';
export const BUILT_IN_REGISTRY_FILE = 'src/extract/registry/entities.yaml';

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
