// Entity records are one per name: the key is the normalised name alone (src/extract/keys.ts
// entityKey) and the type is a vote over the articles that name it. This file holds the rules that
// pick a record's type and spelling (shared by the extract stage and the backfill) and the one-time
// backfill that moves a database written with the old keys (type and name) to the new ones.
import type { TrackerDb } from '../db/client.ts';
import { entityKey, mentionKey } from './keys.ts';
import { parseStringArray as parseAliases } from '../text/json.ts';

/**
 * Types with the same number of article votes are ranked in this fixed order, never by arrival:
 * organisation first, because the commonest split reading is a firm named after people ("Albemarle
 * Rowe", "Morgan Stanley") and the detector's person guess rests on a list of given names while its
 * organisation guess rests on what the text says about the name; then person, place, model, product
 * and law; 'other' (the detector's "no idea") last.
 */
export const ENTITY_TYPE_TIE_ORDER: readonly string[] = ['organization', 'person', 'place', 'model', 'product', 'law', 'other'];

function tieRank(type: string): number {
  const rank = ENTITY_TYPE_TIE_ORDER.indexOf(type);
  return rank < 0 ? ENTITY_TYPE_TIE_ORDER.length : rank;
}

/**
 * An entity's type: the curated registry's type when the name is a registry entry; else the type
 * most articles gave it (ties by ENTITY_TYPE_TIE_ORDER, then by name for a type outside it); with
 * no votes at all (a record written before votes were kept) the type it has.
 */
export function votedEntityType(registryType: string | null | undefined, votes: { type: string; articles: number }[], current: string): string {
  if (registryType) return registryType;
  const counted = votes.filter((vote) => vote.articles > 0);
  if (counted.length === 0) return current;
  counted.sort((a, b) => b.articles - a.articles || tieRank(a.type) - tieRank(b.type) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  return counted[0].type;
}

/**
 * The spelling a record shows when articles spell its name differently (one key covers case,
 * spacing and quote styles): the registry's name when it has one, else the first spelling in code
 * point order, so that the spelling does not depend on which article came first.
 */
export function preferredEntityName(registryName: string | null | undefined, spellings: Iterable<string>): string {
  if (registryName) return registryName;
  let best: string | null = null;
  for (const spelling of spellings) if (best === null || spelling < best) best = spelling;
  if (best === null) throw new Error('an entity needs a name');
  return best;
}

/** Aliases as stored: every other name seen for the record, without its own name, sorted (code point order). */
export function entityAliases(name: string, names: Iterable<string>): string[] {
  const set = new Set(names);
  set.delete(name);
  return [...set].sort();
}


/** `PRAGMA user_version` from this value on: entity keys are name-only and the type votes are filled. */
export const ENTITY_KEYS_VERSION = 1;

export interface EntityKeyMigration {
  /** False when the database was already migrated (the cheap path taken on every open). */
  ran: boolean;
  /** Entity records whose id changed (old type-and-name keys). */
  rekeyed: number;
  /** Records folded into another one with the same name-only key. */
  merged: number;
  mentions: number;
  corrections: number;
}

interface EntityRow { id: string; name: string; type: string; aliases: string; origin: string }
interface MentionRow { id: string; entityId: string; articleId: string; start: number; type: string | null }

/**
 * One-time backfill from the old entity keys (type and name) to name-only keys, idempotent and
 * cheap on every open once done: guarded by `PRAGMA user_version` (ENTITY_KEYS_VERSION), read
 * before any transaction. In one IMMEDIATE transaction it
 *  - rekeys every entity record to entityKey(name), merging the records whose names now share a
 *    key (registry origin wins; the spelling and aliases by the rules above),
 *  - moves their mentions (mention ids embed the entity id, so they are rewritten too; a mention
 *    that becomes a duplicate is dropped) and gives a mention without a type its old record's type
 *    (the only type known for it),
 *  - moves editors' corrections (`corrections.target`) and the clustering terms that hold entity
 *    ids (`story_terms`, `term_stats`) to the new keys,
 *  - refills `entity_type_votes` from the mentions (one vote per entity, type and article) and sets
 *    each merged record's type by the vote,
 *  - marks every story for reassembly when anything changed (explainers list entity ids).
 * Call it after the schema migrations, on a database opened for writing.
 */
export function migrateEntityKeys(db: TrackerDb): EntityKeyMigration {
  const client = db.$client;
  const result: EntityKeyMigration = { ran: false, rekeyed: 0, merged: 0, mentions: 0, corrections: 0 };
  if ((client.pragma('user_version', { simple: true }) as number) >= ENTITY_KEYS_VERSION) return result;
  client.transaction(() => {
    // Another process may have migrated between the check and the write lock.
    if ((client.pragma('user_version', { simple: true }) as number) >= ENTITY_KEYS_VERSION) return;
    result.ran = true;
    // Mentions point at entities: check the foreign keys at commit, after every row has moved.
    client.pragma('defer_foreign_keys = ON');
    const rows = client.prepare('SELECT id, name, type, aliases, origin FROM entities').all() as EntityRow[];
    const groups = new Map<string, EntityRow[]>();
    for (const row of rows) {
      const key = entityKey(row.name);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    const newIdOf = new Map<string, string>();
    const oldTypeOf = new Map<string, string>();
    const touched = new Set<string>();
    const deleteEntity = client.prepare('DELETE FROM entities WHERE id = ?');
    const insertEntity = client.prepare('INSERT INTO entities (id, name, type, aliases, origin) VALUES (?, ?, ?, ?, ?)');
    for (const [key, group] of groups) {
      if (group.length === 1 && group[0].id === key) continue;
      for (const row of group) {
        oldTypeOf.set(row.id, row.type);
        if (row.id !== key) newIdOf.set(row.id, key);
      }
      touched.add(key);
      result.merged += group.length - 1;
      result.rekeyed += group.filter((row) => row.id !== key).length;
      // Registry origin wins, and a curated record's spelling and type with it.
      const curated = group.filter((row) => row.origin === 'registry').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0];
      const name = preferredEntityName(curated?.name, group.map((row) => row.name));
      const aliases = entityAliases(name, group.flatMap((row) => [row.name, ...parseAliases(row.aliases)]));
      // The type is set from the votes below; until then the curated one, or the first by the tie order.
      const type = curated?.type ?? [...group].sort((a, b) => tieRank(a.type) - tieRank(b.type))[0].type;
      for (const row of group) deleteEntity.run(row.id);
      insertEntity.run(key, name, type, JSON.stringify(aliases), curated ? 'registry' : group[0].origin);
    }

    // Mentions: new entity id, new mention id, and a type for the old ones without.
    const mentions = client.prepare('SELECT id, entity_id AS entityId, article_id AS articleId, start, type FROM entity_mentions').all() as MentionRow[];
    const typeOfEntity = new Map((client.prepare('SELECT id, type FROM entities').all() as { id: string; type: string }[]).map((row) => [row.id, row.type]));
    const updateMention = client.prepare('UPDATE entity_mentions SET id = ?, entity_id = ?, type = ? WHERE id = ?');
    const deleteMention = client.prepare('DELETE FROM entity_mentions WHERE id = ?');
    // Ids a mention keeps or takes, to find the ones two merged records both held.
    const taken = new Set<string>();
    const moves: { row: MentionRow; id: string; entityId: string; type: string | null }[] = [];
    for (const row of mentions) {
      const entityId = newIdOf.get(row.entityId) ?? row.entityId;
      const id = entityId === row.entityId ? row.id : mentionKey(row.articleId, entityId, row.start);
      const type = row.type ?? oldTypeOf.get(row.entityId) ?? typeOfEntity.get(entityId) ?? null;
      if (id === row.id && type === row.type) { taken.add(id); continue; }
      moves.push({ row, id, entityId, type });
    }
    // Moved mentions leave their old ids first, so a new id never meets an old one still in place.
    for (const move of moves) if (move.id !== move.row.id) updateMention.run(`tmp_${move.row.id}`, move.row.entityId, move.row.type, move.row.id);
    for (const move of moves) {
      const current = move.id !== move.row.id ? `tmp_${move.row.id}` : move.row.id;
      if (taken.has(move.id)) { deleteMention.run(current); continue; }
      taken.add(move.id);
      updateMention.run(move.id, move.entityId, move.type, current);
      result.mentions++;
    }

    if (newIdOf.size > 0) {
      const retarget = client.prepare('UPDATE corrections SET target = ? WHERE target = ?');
      for (const [oldId, newId] of newIdOf) result.corrections += retarget.run(newId, oldId).changes;
      // Clustering terms: a story's entity term takes the larger weight of the records merged into it,
      // a term's document count the sum.
      const terms = client.prepare("SELECT term, story_id AS storyId, weight FROM story_terms WHERE term LIKE 'e\\_%' ESCAPE '\\'").all() as { term: string; storyId: string; weight: number }[];
      const deleteTerm = client.prepare('DELETE FROM story_terms WHERE term = ? AND story_id = ?');
      const upsertTerm = client.prepare('INSERT INTO story_terms (term, story_id, weight) VALUES (?, ?, ?) ON CONFLICT (term, story_id) DO UPDATE SET weight = max(weight, excluded.weight)');
      for (const term of terms) {
        const newId = newIdOf.get(term.term);
        if (!newId) continue;
        deleteTerm.run(term.term, term.storyId);
        upsertTerm.run(newId, term.storyId, term.weight);
      }
      const stats = client.prepare("SELECT term, documents FROM term_stats WHERE term LIKE 'e\\_%' ESCAPE '\\'").all() as { term: string; documents: number }[];
      const deleteStat = client.prepare('DELETE FROM term_stats WHERE term = ?');
      const upsertStat = client.prepare('INSERT INTO term_stats (term, documents) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET documents = documents + excluded.documents');
      for (const stat of stats) {
        const newId = newIdOf.get(stat.term);
        if (!newId) continue;
        deleteStat.run(stat.term);
        upsertStat.run(newId, stat.documents);
      }
    }

    // Votes from the mentions: one per entity, type and article.
    client.prepare('DELETE FROM entity_type_votes').run();
    client.prepare(`INSERT INTO entity_type_votes (entity_id, type, articles)
      SELECT entity_id, type, count(DISTINCT article_id) FROM entity_mentions WHERE type IS NOT NULL GROUP BY entity_id, type`).run();
    // A rekeyed or merged record's type by the vote (a curated one keeps the registry's type).
    const votesOf = client.prepare('SELECT type, articles FROM entity_type_votes WHERE entity_id = ?');
    const entityOf = client.prepare('SELECT type, origin FROM entities WHERE id = ?');
    const setType = client.prepare('UPDATE entities SET type = ? WHERE id = ?');
    for (const id of touched) {
      const entity = entityOf.get(id) as { type: string; origin: string };
      const type = votedEntityType(entity.origin === 'registry' ? entity.type : null, votesOf.all(id) as { type: string; articles: number }[], entity.type);
      if (type !== entity.type) setType.run(type, id);
    }
    if (result.rekeyed > 0 || result.mentions > 0) client.prepare('UPDATE stories SET needs_assembly = 1').run();
    client.pragma(`user_version = ${ENTITY_KEYS_VERSION}`);
  }).immediate();
  return result;
}
