// The extract stage: turn stored raw documents into articles, assign topics, and pull the facts
// out of on-topic articles. Works from the stored HTML only (no refetching), one transaction per
// document, so it can be re-run alone and a crash leaves nothing half-written.
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { writeTransaction, type TrackerDb } from '../db/client.ts';
import {
  documents, sources, articles, articleTopics, topics as topicsTable, entities, entityMentions, entityTypeVotes, figures, events, quotes, claims, viewpoints,
  stories, storyArticles,
} from '../../db/schema.ts';
import type { Config } from '../config/schema.ts';
import { gunzipText } from '../text/compress.ts';
import { parseStringArray } from '../text/json.ts';
import { isEntityType } from './entityTypes.ts';
import { extractArticle, type FeedItemHint } from './article.ts';
import { articleKey, entityKey, figureKey, eventKey, quoteKey, claimKey, viewpointKey, mentionKey } from './keys.ts';
import { textHash } from './fingerprint.ts';
import { assignTopics } from './topics.ts';
import { extractFacts } from './facts.ts';
import type { RegistryEntry } from './entities.ts';
import { loadRegistry } from './entityRegistry.ts';
import { entityAliases, preferredEntityName, votedEntityType } from './entityKeyMigration.ts';

export interface ExtractSummary { documents: number; articles: number; onTopic: number; failed: number; errors: { url: string; message: string }[] }

export interface ExtractOptions {
  /** Re-extract every stored document, not only new or changed ones. */
  all?: boolean;
  log?: (line: string) => void;
}

function outletName(siteName: string | null, sourceName: string | null, url: string): string {
  if (siteName) return siteName;
  if (sourceName) return sourceName;
  try { return new URL(url).hostname.replace(/^www\./, ''); } catch { return url; }
}

// Every write transaction here is IMMEDIATE (writeTransaction): a deferred one that reads and then
// writes fails with SQLITE_BUSY, whatever the busy timeout, when another process commits in between.
export function syncTopics(db: TrackerDb, config: Config): void {
  writeTransaction(db, (tx) => {
    for (const topic of config.topics) {
      // The rules and viewpoints are stored with the topic, so the site's methodology page shows
      // what articles were actually sorted by, whatever configuration the site is built from.
      const values = { name: topic.name, description: topic.description, rules: JSON.stringify(topic.rules), viewpoints: JSON.stringify(topic.viewpoints) };
      tx.insert(topicsTable).values({ slug: topic.slug, ...values })
        .onConflictDoUpdate({ target: topicsTable.slug, set: values }).run();
    }
  });
}

/** The registry entries by entity key: a curated entry fixes its record's type and spelling. */
type RegistryByKey = Map<string, RegistryEntry>;

function registryByKey(registry: RegistryEntry[]): RegistryByKey {
  const byKey: RegistryByKey = new Map();
  for (const entry of registry) {
    const key = entityKey(entry.name);
    if (!byKey.has(key)) byKey.set(key, entry);
  }
  return byKey;
}

export function extractStage(db: TrackerDb, config: Config, options: ExtractOptions = {}): ExtractSummary {
  const summary: ExtractSummary = { documents: 0, articles: 0, onTopic: 0, failed: 0, errors: [] };
  syncTopics(db, config);
  // The registry (built-in entries plus the ones editors added) is read once per run, not per document.
  const registry = loadRegistry(db);
  const curated = registryByKey(registry);
  const pending = db.select({ id: documents.id }).from(documents).where(options.all ? undefined : eq(documents.needsExtract, true)).all();
  for (const { id } of pending) {
    const document = db.select().from(documents).where(eq(documents.id, id)).get();
    if (!document) continue;
    summary.documents++;
    const source = document.sourceId ? db.select().from(sources).where(eq(sources.id, document.sourceId)).get() : undefined;
    try {
      const html = gunzipText(document.body);
      const hint = document.feedItem ? (JSON.parse(document.feedItem) as FeedItemHint) : null;
      const extracted = extractArticle(html, document.finalUrl, hint);
      if (!extracted.title && !extracted.text) throw new Error('no article title or text found on the page');
      const id = articleKey(extracted.canonicalUrl);
      const allowed = source?.topics ? parseStringArray(source.topics) : null;
      const assigned = assignTopics(extracted.title, extracted.text, config.topics, allowed);
      const now = new Date().toISOString();
      const hash = textHash(extracted.text);

      writeTransaction(db, (tx) => {
        // Read under the write lock: another process may have rewritten the article meanwhile.
        const previous = tx.select({ textHash: articles.textHash, factsAt: articles.factsAt }).from(articles).where(eq(articles.id, id)).get();
        const unchanged = previous?.textHash === hash && previous.factsAt !== null;
        const row = {
          id, documentId: document.id, url: document.url, canonicalUrl: extracted.canonicalUrl,
          outlet: outletName(extracted.siteName, source?.name ?? null, extracted.canonicalUrl),
          title: extracted.title || '(untitled)', byline: extracted.byline, publishedAt: extracted.publishedAt, lang: extracted.lang,
          text: extracted.text, wordCount: extracted.text.split(/\s+/).filter(Boolean).length,
          textHash: hash, extractedAt: now,
        };
        tx.insert(articles).values(row).onConflictDoUpdate({ target: articles.id, set: row }).run();
        tx.delete(articleTopics).where(eq(articleTopics.articleId, id)).run();
        for (const assignment of assigned) {
          tx.insert(articleTopics).values({ articleId: id, topic: assignment.topic, score: assignment.score, cues: JSON.stringify(assignment.cues) }).run();
        }
        if (!unchanged || options.all) writeFacts(tx, config, registry, curated, id, extracted.title, extracted.text, extracted.publishedAt, assigned.map((a) => a.topic), now);
        tx.update(documents).set({ needsExtract: false }).where(eq(documents.id, document.id)).run();
      });
      summary.articles++;
      if (assigned.length > 0) summary.onTopic++;
    } catch (error) {
      summary.failed++;
      const message = error instanceof Error ? error.message : String(error);
      summary.errors.push({ url: document.url, message });
      options.log?.(`  ! extract ${document.url}: ${message}`);
      db.update(documents).set({ needsExtract: false }).where(eq(documents.id, document.id)).run();
    }
  }
  return summary;
}

/**
 * Replaces an article's facts, and marks the stories that hold the article for reassembly. Keys are
 * stable, so corrections keyed by them stay attached.
 *
 * Entities are one record per name (the key is the name alone), so what a record holds must not
 * depend on the order in which articles arrive: its type is a vote (each article that names it
 * gives one vote to the type its extraction found; the article's previous votes are taken back
 * first), the curated registry's type when the name is a registry entry; its spelling and aliases
 * are the same whatever the order (preferredEntityName, sorted aliases); its origin is registry
 * once any article matched it through the registry.
 */
function writeFacts(db: TrackerDb, config: Config, registry: RegistryEntry[], curated: RegistryByKey, articleId: string, title: string, text: string, publishedAt: string | null, topicSlugs: string[], now: string): void {
  // The article's votes as its previous extraction cast them: one per entity and type.
  const previousVotes = db.selectDistinct({ entityId: entityMentions.entityId, type: entityMentions.type }).from(entityMentions).where(eq(entityMentions.articleId, articleId)).all();
  const touched = new Set<string>();
  for (const vote of previousVotes) {
    touched.add(vote.entityId);
    // A mention stored before votes were kept has no type and cast no vote.
    if (vote.type === null) continue;
    db.update(entityTypeVotes).set({ articles: sql`${entityTypeVotes.articles} - 1` })
      .where(and(eq(entityTypeVotes.entityId, vote.entityId), eq(entityTypeVotes.type, vote.type))).run();
  }
  if (touched.size > 0) db.delete(entityTypeVotes).where(and(inArray(entityTypeVotes.entityId, [...touched]), lte(entityTypeVotes.articles, 0))).run();
  for (const table of [entityMentions, figures, events, quotes, claims, viewpoints]) db.delete(table).where(eq(table.articleId, articleId)).run();
  db.update(articles).set({ factsAt: now }).where(eq(articles.id, articleId)).run();
  // The explainers built from the article's old facts are out of date (same transaction, so a crash
  // cannot leave new facts behind an old explainer).
  db.update(stories).set({ needsAssembly: true })
    .where(inArray(stories.id, db.select({ storyId: storyArticles.storyId }).from(storyArticles).where(eq(storyArticles.articleId, articleId)))).run();
  // Facts are pulled from on-topic articles only: off-topic coverage would only add noise.
  if (topicSlugs.length === 0) {
    retypeEntities(db, curated, touched);
    return;
  }
  const topicConfigs = config.topics.filter((topic) => topicSlugs.includes(topic.slug));
  const facts = extractFacts(title, text, publishedAt, topicConfigs, registry);

  const votes = new Set<string>();
  const seen = new Set<string>();
  for (const entity of facts.entities) {
    // Two spellings in one article that differ only in case or spacing share a key and a record.
    const id = entityKey(entity.name);
    touched.add(id);
    const existing = db.select().from(entities).where(eq(entities.id, id)).get();
    const entry = curated.get(id);
    const name = preferredEntityName(entry?.name, existing ? [existing.name, entity.name] : [entity.name]);
    const aliases = entityAliases(name, [...(existing ? [existing.name, ...parseStringArray(existing.aliases)] : []), entity.name, ...entity.aliases]);
    // A name the detector found before and an editor has since added to the registry becomes curated.
    const origin = existing?.origin === 'registry' || entity.origin === 'registry' ? 'registry' : existing?.origin ?? entity.origin;
    // The type is settled by the vote below, once every vote of this article is in.
    if (existing) db.update(entities).set({ name, aliases: JSON.stringify(aliases), origin }).where(eq(entities.id, id)).run();
    else db.insert(entities).values({ id, name, type: entity.type, aliases: JSON.stringify(aliases), origin }).run();
    const vote = `${id}\u241f${entity.type}`;
    if (!votes.has(vote)) {
      votes.add(vote);
      db.insert(entityTypeVotes).values({ entityId: id, type: entity.type, articles: 1 })
        .onConflictDoUpdate({ target: [entityTypeVotes.entityId, entityTypeVotes.type], set: { articles: sql`${entityTypeVotes.articles} + 1` } }).run();
    }
    for (const mention of entity.mentions) {
      const key = mentionKey(articleId, id, mention.start);
      if (seen.has(key)) continue;
      seen.add(key);
      db.insert(entityMentions).values({ id: key, entityId: id, articleId, surface: mention.surface, type: entity.type, sentence: mention.sentence, start: mention.start, end: mention.end }).run();
    }
  }
  retypeEntities(db, curated, touched);
  const insertOnce = <T extends { id: string }>(table: typeof figures | typeof events | typeof quotes | typeof claims | typeof viewpoints, rows: T[]) => {
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      db.insert(table).values(row as never).run();
    }
  };
  insertOnce(figures, facts.figures.map((figure) => ({
    id: figureKey(articleId, figure.sentence, figure.text), articleId, value: figure.value, unit: figure.unit, label: figure.label, text: figure.text,
    qualifier: figure.qualifier, claimant: figure.claimant, sentence: figure.sentence, start: figure.start, end: figure.end,
  })));
  insertOnce(events, facts.events.map((event) => ({
    id: eventKey(articleId, event.date, event.text), articleId, date: event.date, precision: event.precision, endDate: event.endDate,
    text: event.text, sentence: event.sentence, start: event.start, end: event.end,
  })));
  insertOnce(quotes, facts.quotes.map((quote) => ({
    id: quoteKey(articleId, quote.text), articleId, speaker: quote.speaker, speakerRole: quote.speakerRole, text: quote.text, start: quote.start, end: quote.end,
  })));
  insertOnce(claims, facts.claims.map((claim) => ({
    id: claimKey(articleId, claim.sentence, claim.text), articleId, claimant: claim.claimant, speaker: claim.speaker, stance: claim.stance,
    text: claim.text, sentence: claim.sentence, isQuote: claim.quote, start: claim.start, end: claim.end,
  })));
  insertOnce(viewpoints, facts.viewpoints.map((viewpoint) => ({
    id: viewpointKey(articleId, viewpoint.topic, viewpoint.label), articleId, topic: viewpoint.topic, label: viewpoint.label,
    score: viewpoint.score, cues: JSON.stringify(viewpoint.cues), passage: viewpoint.passage,
  })));
}

/** Sets each entity's type from the registry or its votes (votedEntityType); an entity without votes keeps its type. */
function retypeEntities(db: TrackerDb, curated: RegistryByKey, ids: Set<string>): void {
  for (const id of ids) {
    const entity = db.select({ type: entities.type }).from(entities).where(eq(entities.id, id)).get();
    if (!entity) continue;
    const votes = db.select({ type: entityTypeVotes.type, articles: entityTypeVotes.articles }).from(entityTypeVotes).where(eq(entityTypeVotes.entityId, id)).all();
    const voted = votedEntityType(curated.get(id)?.type, votes, entity.type);
    const type = isEntityType(voted) ? voted : entity.type;
    if (type !== entity.type) db.update(entities).set({ type }).where(eq(entities.id, id)).run();
  }
}
