// The one-time backfill from the old entity keys (type and name) to name-only keys: on rows written
// the old way (built by hand here, as the old code wrote them), it rekeys entities, mentions,
// corrections and clustering terms, merges records whose names now share a key, fills the type votes,
// and does nothing the second time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, closeDatabase, type TrackerDb } from '../../src/db/client.ts';
import { parseConfig } from '../../src/config/load.ts';
import { storeDocument } from '../../src/crawl/crawl.ts';
import { extractStage } from '../../src/extract/extractStage.ts';
import { entityKey, hashKey, mentionKey, normaliseForKey } from '../../src/extract/keys.ts';
import { ENTITY_KEYS_VERSION, migrateEntityKeys, preferredEntityName, votedEntityType } from '../../src/extract/entityKeyMigration.ts';
import { exportData } from '../../src/publish/exportData.ts';
import { sources } from '../../db/schema.ts';

const config = parseConfig({}, 'test');
/** The entity key before keys were name-only. */
const oldEntityKey = (type: string, name: string) => `e_${hashKey(type, normaliseForKey(name))}`;

let dir: string;
let db: TrackerDb;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-entity-keys-'));
  db = openDatabase(path.join(dir, 'old.sqlite'));
});
afterEach(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (query: string, ...params: unknown[]) => db.$client.prepare(query).run(...params);
const all = (query: string, ...params: unknown[]) => db.$client.prepare(query).all(...params);
const userVersion = () => db.$client.pragma('user_version', { simple: true });

function article(id: string): void {
  run(`INSERT INTO articles (id, url, canonical_url, outlet, title, text, word_count, text_hash, extracted_at, facts_at)
    VALUES (?, ?, ?, 'Outlet', 'Title', 'Text', 1, ?, '2025-04-01T00:00:00Z', '2025-04-01T00:00:00Z')`, id, `https://x.example/${id}`, `https://x.example/${id}`, id);
}
/** An entity and its mentions as the old code stored them: old key, no mention type, no votes. */
function oldEntity(type: string, name: string, origin: string, aliases: string[], mentions: [string, number][]): string {
  const id = oldEntityKey(type, name);
  run('INSERT INTO entities (id, name, type, aliases, origin) VALUES (?, ?, ?, ?, ?)', id, name, type, JSON.stringify(aliases), origin);
  for (const [articleId, start] of mentions) {
    run('INSERT INTO entity_mentions (id, entity_id, article_id, surface, sentence, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)',
      mentionKey(articleId, id, start), id, articleId, name, `${name} said so.`, start, start + name.length);
  }
  return id;
}

describe('migrateEntityKeys', () => {
  it('rekeys old rows, merges records that now share a key, moves corrections and terms, and fills the votes', () => {
    // An old database: user_version 0, as every database before this change.
    run('PRAGMA user_version = 0');
    for (const id of ['a_1', 'a_2', 'a_3']) article(id);
    // Older extractions kept one record per type and name: a person in one article, a firm in two.
    const rowePerson = oldEntity('person', 'Albemarle Rowe', 'detected', [], [['a_1', 10]]);
    const roweFirm = oldEntity('organization', 'Albemarle Rowe', 'detected', ['Rowe'], [['a_2', 5], ['a_3', 7], ['a_3', 90]]);
    // A spelling that differs only in case (the old key was case-blind, so the detector's record had
    // another type) is the same name now; the curated record wins.
    const nvidiaCaps = oldEntity('product', 'NVIDIA', 'detected', [], [['a_2', 40]]);
    const nvidia = oldEntity('organization', 'Nvidia', 'registry', ['Nvidia Corp.', 'NVIDIA Corporation'], [['a_1', 0], ['a_3', 0]]);
    const bis = oldEntity('organization', 'Bureau of Industry and Security', 'registry', [], [['a_3', 200]]);
    run(`INSERT INTO corrections (id, target, field, before, after, reason, editor, at) VALUES
      ('c1', ?, 'name', 'Albemarle Rowe', 'Albemarle Rowe & Co.', 'full name', 'ed', '2025-04-02T00:00:00Z'),
      ('c2', ?, 'type', 'organization', 'organization', 'check', 'ed', '2025-04-02T00:00:01Z'),
      ('c3', 'f_untouchedFigure1', 'value', '1', '2', 'typo', 'ed', '2025-04-02T00:00:02Z')`, roweFirm, bis);
    run(`INSERT INTO stories (id, slug, topic, title, updated_at) VALUES ('s1', 's1', 'export-controls', 'H20', '2025-04-02T00:00:00Z')`);
    run('INSERT INTO story_terms (term, story_id, weight) VALUES (?, ?, 1.5), (?, ?, 2.5), (?, ?, 0.7), (?, ?, 3)', rowePerson, 's1', roweFirm, 's1', nvidia, 's1', 'licence', 's1');
    run('INSERT INTO term_stats (term, documents) VALUES (?, 1), (?, 2), (?, 2), (?, 1), (\'licence\', 9)', rowePerson, roweFirm, nvidia, nvidiaCaps);

    const result = migrateEntityKeys(db);
    expect(result).toMatchObject({ ran: true, rekeyed: 5, merged: 2, corrections: 2 });
    expect(userVersion()).toBe(ENTITY_KEYS_VERSION);

    const rowe = entityKey('Albemarle Rowe');
    expect(all('SELECT id, name, type, aliases, origin FROM entities ORDER BY name')).toEqual([
      { id: rowe, name: 'Albemarle Rowe', type: 'organization', aliases: '["Rowe"]', origin: 'detected' },
      { id: entityKey('Bureau of Industry and Security'), name: 'Bureau of Industry and Security', type: 'organization', aliases: '[]', origin: 'registry' },
      // The registry's spelling, the other one an alias; aliases sorted.
      { id: entityKey('Nvidia'), name: 'Nvidia', type: 'organization', aliases: '["NVIDIA","NVIDIA Corporation","Nvidia Corp."]', origin: 'registry' },
    ]);
    // Mentions: the new entity id, a mention id derived from it, and the old record's type.
    const mentions = all('SELECT id, entity_id AS entityId, article_id AS articleId, start, type FROM entity_mentions ORDER BY article_id, start') as { id: string; entityId: string; articleId: string; start: number; type: string }[];
    expect(mentions).toHaveLength(8);
    for (const mention of mentions) expect(mention.id).toBe(mentionKey(mention.articleId, mention.entityId, mention.start));
    expect(mentions.filter((mention) => mention.entityId === rowe).map((mention) => [mention.articleId, mention.type])).toEqual([
      ['a_1', 'person'], ['a_2', 'organization'], ['a_3', 'organization'], ['a_3', 'organization'],
    ]);
    // Votes: one per entity, type and article (a_3's two mentions are one vote).
    expect(all('SELECT type, articles FROM entity_type_votes WHERE entity_id = ? ORDER BY type', rowe)).toEqual([
      { type: 'organization', articles: 2 }, { type: 'person', articles: 1 },
    ]);
    expect(all('SELECT type, articles FROM entity_type_votes WHERE entity_id = ? ORDER BY type', entityKey('Nvidia'))).toEqual([
      { type: 'organization', articles: 2 }, { type: 'product', articles: 1 },
    ]);
    expect(all('SELECT id, target FROM corrections ORDER BY id')).toEqual([
      { id: 'c1', target: rowe }, { id: 'c2', target: entityKey('Bureau of Industry and Security') }, { id: 'c3', target: 'f_untouchedFigure1' },
    ]);
    expect(all('SELECT term, weight FROM story_terms ORDER BY term')).toEqual([
      ...[{ term: rowe, weight: 2.5 }, { term: entityKey('Nvidia'), weight: 0.7 }].sort((a, b) => (a.term < b.term ? -1 : 1)),
      { term: 'licence', weight: 3 },
    ].sort((a, b) => (a.term < b.term ? -1 : 1)));
    expect(all('SELECT term, documents FROM term_stats ORDER BY term')).toEqual([
      { term: rowe, documents: 3 }, { term: entityKey('Nvidia'), documents: 3 }, { term: 'licence', documents: 9 },
    ].sort((a, b) => (a.term < b.term ? -1 : 1)));
    expect(all('SELECT needs_assembly AS flag FROM stories')).toEqual([{ flag: 1 }]);
    // The corrected name shows under the new key.
    expect(exportData(db).entities.find((entity) => entity.id === rowe)?.name).toBe('Albemarle Rowe & Co.');
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);

    // Idempotent: the second call sees user_version and does nothing.
    const before = all('SELECT * FROM entity_mentions ORDER BY id');
    expect(migrateEntityKeys(db)).toEqual({ ran: false, rekeyed: 0, merged: 0, mentions: 0, corrections: 0 });
    expect(all('SELECT * FROM entity_mentions ORDER BY id')).toEqual(before);
  });

  it('on a new database only records that it is done', () => {
    // As a database is before the call (openDatabase may already have made it).
    run('PRAGMA user_version = 0');
    expect(migrateEntityKeys(db)).toMatchObject({ ran: true, rekeyed: 0, merged: 0 });
    expect(userVersion()).toBe(ENTITY_KEYS_VERSION);
  });

  it('turns a real database with old keys into the one a fresh build makes, once its articles are re-extracted', () => {
    const sourceId = db.insert(sources).values({ url: 'https://feeds.example/all', createdAt: '2025-04-01T00:00:00Z' }).returning({ id: sources.id }).get().id;
    const page = (url: string, title: string, paragraphs: string[]) => {
      const html = `<!doctype html><html lang="en"><head><title>${title}</title><meta property="article:published_time" content="2025-04-16T09:00:00Z"></head>
        <body><article><h1>${title}</h1>${paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}</article></body></html>`;
      storeDocument(db, sourceId, url, { url, finalUrl: url, status: 200, notModified: false, headers: {}, contentType: 'text/html', body: Buffer.from(html) }, html, null);
    };
    page('https://one.example/h20', 'Nvidia faces licence rule for H20 exports', [
      'The Commerce Department told Nvidia on Tuesday that exports of its H20 accelerator to China will need a licence, tightening export controls on AI chips.',
      '“This is a direct hit to the data-centre business,” said Albemarle Rowe, a semiconductor analyst.',
    ]);
    page('https://two.example/h20', 'Analysts cut Nvidia targets after export controls', [
      'Analysts at the Albemarle Rowe investment bank said the export controls on the H20 would weigh on Nvidia revenue for at least two quarters.',
      'Nvidia shares fell 6.9% on Wednesday after the company disclosed a $5.5 billion charge.',
    ]);
    migrateEntityKeys(db);
    extractStage(db, config);
    const snapshot = () => ({
      entities: all('SELECT id, name, type, aliases, origin FROM entities ORDER BY id'),
      mentions: all('SELECT id, entity_id, article_id, type FROM entity_mentions ORDER BY id'),
      votes: all('SELECT * FROM entity_type_votes ORDER BY entity_id, type'),
      corrections: all('SELECT id, target FROM corrections ORDER BY id'),
    });
    const rowe = entityKey('Albemarle Rowe');
    run(`INSERT INTO corrections (id, target, field, before, after, reason, editor, at) VALUES ('c1', ?, 'type', 'organization', 'person', 'check', 'ed', '2025-04-02T00:00:00Z')`, rowe);
    const fresh = snapshot();

    // Write it back the old way: keys from type and name, mentions without a type, no votes.
    const entities = all('SELECT id, name, type FROM entities') as { id: string; name: string; type: string }[];
    db.$client.pragma('foreign_keys = OFF');
    for (const entity of entities) {
      const oldId = oldEntityKey(entity.type, entity.name);
      run('UPDATE entities SET id = ? WHERE id = ?', oldId, entity.id);
      for (const mention of all('SELECT id, article_id AS articleId, start FROM entity_mentions WHERE entity_id = ?', entity.id) as { id: string; articleId: string; start: number }[]) {
        run('UPDATE entity_mentions SET id = ?, entity_id = ?, type = NULL WHERE id = ?', mentionKey(mention.articleId, oldId, mention.start), oldId, mention.id);
      }
      run('UPDATE corrections SET target = ? WHERE target = ?', oldId, entity.id);
    }
    db.$client.pragma('foreign_keys = ON');
    run('DELETE FROM entity_type_votes');
    run('PRAGMA user_version = 0');
    expect(all('SELECT count(*) AS n FROM entities WHERE id = ?', rowe)).toEqual([{ n: 0 }]);

    expect(migrateEntityKeys(db)).toMatchObject({ ran: true, rekeyed: entities.length, merged: 0, corrections: 1 });
    const migrated = snapshot();
    expect(migrated.entities).toEqual(fresh.entities);
    expect(migrated.corrections).toEqual(fresh.corrections);
    expect((migrated.mentions as { id: string }[]).map((mention) => mention.id)).toEqual((fresh.mentions as { id: string }[]).map((mention) => mention.id));
    // The old rows knew one type per record: every mention gets its record's type until re-extracted.
    const typeOf = new Map((fresh.entities as { id: string; type: string }[]).map((entity) => [entity.id, entity.type]));
    for (const mention of migrated.mentions as { entity_id: string; type: string }[]) expect(mention.type).toBe(typeOf.get(mention.entity_id));

    // Re-extraction takes back the votes the backfill cast and casts the articles' own.
    extractStage(db, config, { all: true });
    expect(snapshot()).toEqual(fresh);
  });
});

describe('entity record rules', () => {
  it('vote on the type, the registry first, ties in a fixed order, no votes keep the type', () => {
    expect(votedEntityType(null, [{ type: 'person', articles: 1 }, { type: 'organization', articles: 2 }], 'person')).toBe('organization');
    expect(votedEntityType(null, [{ type: 'person', articles: 1 }, { type: 'organization', articles: 1 }], 'person')).toBe('organization');
    expect(votedEntityType(null, [{ type: 'organization', articles: 1 }, { type: 'person', articles: 1 }], 'place')).toBe('organization');
    expect(votedEntityType(null, [{ type: 'other', articles: 1 }, { type: 'place', articles: 1 }], 'other')).toBe('place');
    expect(votedEntityType('product', [{ type: 'organization', articles: 5 }], 'organization')).toBe('product');
    expect(votedEntityType(null, [], 'law')).toBe('law');
    expect(votedEntityType(null, [{ type: 'person', articles: 0 }], 'law')).toBe('law');
  });

  it('pick a spelling that does not depend on arrival', () => {
    expect(preferredEntityName(null, ['Nvidia', 'NVIDIA'])).toBe(preferredEntityName(null, ['NVIDIA', 'Nvidia']));
    expect(preferredEntityName('Nvidia', ['NVIDIA'])).toBe('Nvidia');
  });
});
