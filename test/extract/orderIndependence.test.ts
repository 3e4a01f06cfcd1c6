// Extraction must not depend on the order in which articles arrive: two databases built from the
// same stored pages, extracted in opposite orders, hold the same entities (id, name, type, sorted
// aliases), mentions and fact keys, so an editor's correction made on one applies on the other.
// "Albemarle Rowe" is read as a person by one article and as an investment bank by two.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, closeDatabase, type TrackerDb } from '../../src/db/client.ts';
import { parseConfig } from '../../src/config/load.ts';
import { storeDocument } from '../../src/crawl/crawl.ts';
import { extractStage } from '../../src/extract/extractStage.ts';
import { entityKey } from '../../src/extract/keys.ts';
import { migrateEntityKeys } from '../../src/extract/entityKeyMigration.ts';
import { recordCorrection } from '../../src/editorial/correct.ts';
import { exportData } from '../../src/publish/exportData.ts';
import { corrections, sources } from '../../db/schema.ts';

const config = parseConfig({}, 'test');

interface Page { url: string; outlet: string; title: string; publishedAt: string; paragraphs: string[] }

function html(page: Page): string {
  return `<!doctype html><html lang="en"><head><title>${page.title}</title><meta property="og:site_name" content="${page.outlet}">
    <meta property="article:published_time" content="${page.publishedAt}"></head><body><article><h1>${page.title}</h1>
    ${page.paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}</article></body></html>`;
}

// One article reads the name as a person (a speaker with a job), two as a firm.
const asPerson: Page = {
  url: 'https://ledger.example/2025/04/h20-licence',
  outlet: 'Harbour Ledger',
  title: 'Nvidia faces licence rule for H20 exports to China',
  publishedAt: '2025-04-16T09:00:00Z',
  paragraphs: [
    'WASHINGTON — The Commerce Department told Nvidia on Tuesday that exports of its H20 accelerator to China will need a licence, tightening export controls on AI chips.',
    'The company said it expects a charge of about $5.5 billion in the quarter ending April 27 for inventory and purchase commitments.',
    '“This is a direct hit to the data-centre business, and the licences may never come,” said Albemarle Rowe, a semiconductor analyst who follows the company.',
    'Albemarle Rowe said buyers in China would turn to domestic chips such as Huawei\'s Ascend range.',
  ],
};
const asBankOne: Page = {
  url: 'https://courier.example/markets/nvidia-charge',
  outlet: 'Quayside Courier',
  title: 'Analysts cut Nvidia targets after export controls on H20',
  publishedAt: '2025-04-17T14:30:00Z',
  paragraphs: [
    'Analysts at the Albemarle Rowe investment bank said the export controls on the H20 would weigh on Nvidia revenue for at least two quarters.',
    'Nvidia shares fell 6.9% on Wednesday after the company disclosed the licence requirement and a $5.5 billion charge.',
    'The Bureau of Industry and Security, which administers export controls, did not respond to a request for comment.',
  ],
};
const asBankTwo: Page = {
  url: 'https://gazette.example/business/h20-rule',
  outlet: 'Meridian Gazette',
  title: 'Chip export controls to cost Nvidia billions, bank says',
  publishedAt: '2025-04-18T08:15:00Z',
  paragraphs: [
    'The Commerce Department tightened export controls on AI chips this month, requiring a licence for sales of the Nvidia H20 to China.',
    'Albemarle Rowe, the investment bank, estimated the rule would cost Nvidia $15 billion in lost sales this year.',
    'The bank said AMD would also be hit by the licence requirement for its MI308 accelerator.',
  ],
};
const other: Page = {
  url: 'https://wire.example/2025/04/entity-list',
  outlet: 'Wire Service',
  title: 'US adds Chinese AI firms to Entity List',
  publishedAt: '2025-04-15T20:00:00Z',
  paragraphs: [
    'The Commerce Department added 80 organisations to the Entity List on March 25, including Inspur subsidiaries, citing export controls on advanced computing and AI chips.',
    '“These rules protect national security,” said Jeffrey Kessler, the under secretary for industry and security.',
    'Beijing said it firmly opposed the decision and would protect the rights of Chinese firms.',
  ],
};
const pages = [asPerson, asBankOne, asBankTwo, other];

let dir: string;
const opened: TrackerDb[] = [];
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-order-')); });
afterEach(() => {
  for (const db of opened.splice(0)) closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(name: string): { db: TrackerDb; store: (page: Page) => void } {
  const db = openDatabase(path.join(dir, name));
  migrateEntityKeys(db);
  opened.push(db);
  const sourceId = db.insert(sources).values({ url: 'https://feeds.example/all', createdAt: '2025-04-01T00:00:00Z' }).returning({ id: sources.id }).get().id;
  const store = (page: Page) => {
    const text = html(page);
    storeDocument(db, sourceId, page.url, { url: page.url, finalUrl: page.url, status: 200, notModified: false, headers: {}, contentType: 'text/html', body: Buffer.from(text) }, text, null);
  };
  return { db, store };
}

/** Everything extraction wrote that must not depend on arrival order. */
function snapshot(db: TrackerDb) {
  const all = (query: string) => db.$client.prepare(query).all();
  return {
    entities: all('SELECT id, name, type, aliases, origin FROM entities ORDER BY id'),
    votes: all('SELECT entity_id, type, articles FROM entity_type_votes ORDER BY entity_id, type'),
    mentions: all('SELECT id, entity_id, article_id, surface, type, start, "end" FROM entity_mentions ORDER BY id'),
    articles: all('SELECT id, title FROM articles ORDER BY id'),
    figures: all('SELECT id FROM figures ORDER BY id'),
    events: all('SELECT id FROM events ORDER BY id'),
    quotes: all('SELECT id, speaker FROM quotes ORDER BY id'),
    viewpoints: all('SELECT id FROM viewpoints ORDER BY id'),
  };
}

const rowe = entityKey('Albemarle Rowe');

describe('extraction in any order of arrival', () => {
  it('gives the same entities, types, aliases, mentions and fact keys', () => {
    // One database receives the pages one at a time, extracting after each; the other gets them all
    // in the opposite order and extracts once.
    const first = open('first.sqlite');
    for (const page of pages) {
      first.store(page);
      extractStage(first.db, config);
    }
    const second = open('second.sqlite');
    for (const page of [...pages].reverse()) second.store(page);
    extractStage(second.db, config);

    const a = snapshot(first.db);
    const b = snapshot(second.db);
    expect(a.articles).toHaveLength(4);
    expect(a.figures.length).toBeGreaterThan(0);
    expect(a.events.length).toBeGreaterThan(0);
    expect(a.quotes.length).toBeGreaterThan(0);
    expect(b).toEqual(a);

    // The name is one record, typed by the vote: two articles say bank, one says person.
    const record = first.db.$client.prepare('SELECT name, type FROM entities WHERE id = ?').get(rowe);
    expect(record).toEqual({ name: 'Albemarle Rowe', type: 'organization' });
    expect(a.votes.filter((vote) => (vote as { entity_id: string }).entity_id === rowe)).toEqual([
      { entity_id: rowe, type: 'organization', articles: 2 },
      { entity_id: rowe, type: 'person', articles: 1 },
    ]);
    // Each mention keeps the type its own article gave the name.
    const mentionTypes = first.db.$client.prepare('SELECT DISTINCT article_id, type FROM entity_mentions WHERE entity_id = ? ORDER BY type').all(rowe) as { type: string }[];
    expect(mentionTypes.map((row) => row.type)).toEqual(['organization', 'organization', 'person']);
    // Aliases are stored sorted.
    for (const entity of a.entities as { aliases: string }[]) {
      const aliases = JSON.parse(entity.aliases) as string[];
      expect(aliases).toEqual([...aliases].sort());
    }
  });

  it('takes an article\'s vote back when the article is re-extracted, and re-extraction changes nothing else', () => {
    const { db, store } = open('votes.sqlite');
    store(asPerson);
    store(asBankOne);
    extractStage(db, config);
    const typeOf = () => db.$client.prepare('SELECT type FROM entities WHERE id = ?').pluck().get(rowe);
    const votesOf = () => db.$client.prepare('SELECT type, articles FROM entity_type_votes WHERE entity_id = ? ORDER BY type').all(rowe);
    // One vote each way: the fixed tie order puts organisation first, whichever came first.
    expect(votesOf()).toEqual([{ type: 'organization', articles: 1 }, { type: 'person', articles: 1 }]);
    expect(typeOf()).toBe('organization');

    const before = snapshot(db);
    extractStage(db, config, { all: true });
    expect(snapshot(db)).toEqual(before);

    // The bank article is rewritten so that it, too, quotes the analyst: its vote moves to person.
    store({ ...asBankOne, paragraphs: ['“The export controls on the H20 will weigh on Nvidia revenue for two quarters,” said Albemarle Rowe, a semiconductor analyst.', ...asBankOne.paragraphs.slice(1)] });
    extractStage(db, config);
    expect(votesOf()).toEqual([{ type: 'person', articles: 2 }]);
    expect(typeOf()).toBe('person');
  });

  it('marks the stories holding a re-extracted article for reassembly', () => {
    const { db, store } = open('stories.sqlite');
    store(asBankOne);
    extractStage(db, config);
    const articleId = db.$client.prepare('SELECT id FROM articles').pluck().get() as string;
    const now = '2025-04-20T00:00:00Z';
    db.$client.prepare("INSERT INTO stories (id, slug, topic, title, updated_at, needs_assembly) VALUES ('s1', 's1', 'export-controls', 'H20', ?, 0), ('s2', 's2', 'export-controls', 'Other', ?, 0)").run(now, now);
    db.$client.prepare("INSERT INTO story_articles (story_id, article_id) VALUES ('s1', ?)").run(articleId);
    extractStage(db, config, { all: true });
    expect(db.$client.prepare('SELECT id, needs_assembly AS flag FROM stories ORDER BY id').all()).toEqual([{ id: 's1', flag: 1 }, { id: 's2', flag: 0 }]);
  });
});

describe('corrections across a rebuilt database', () => {
  it('a correction keyed on an entity id on one database applies on one rebuilt in another order', () => {
    const first = open('first.sqlite');
    for (const page of pages) first.store(page);
    extractStage(first.db, config);
    recordCorrection(first.db, config, { key: rowe, set: ['name=Albemarle Rowe & Co.'], hide: false, reason: 'the bank\'s full name', editor: 'ed' });

    // The rebuild: the stored pages in the opposite order, and the editors' corrections carried over.
    const second = open('second.sqlite');
    for (const page of [...pages].reverse()) second.store(page);
    extractStage(second.db, config);
    for (const correction of first.db.select().from(corrections).all()) second.db.insert(corrections).values(correction).run();

    const entity = exportData(second.db).entities.find((candidate) => candidate.id === rowe);
    expect(entity).toMatchObject({ name: 'Albemarle Rowe & Co.', type: 'organization' });
    expect(entity?.articleIds).toHaveLength(3);
    expect(exportData(second.db).corrections.map((correction) => correction.target)).toEqual([rowe]);
  });
});
