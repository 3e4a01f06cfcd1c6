// The extract stage: turn stored raw documents into articles, assign topics, and pull the facts
// out of on-topic articles. Works from the stored HTML only (no refetching), one transaction per
// document, so it can be re-run alone and a crash leaves nothing half-written.
import { eq } from 'drizzle-orm';
import type { TrackerDb } from '../db/client.ts';
import {
  documents, sources, articles, articleTopics, topics as topicsTable, entities, entityMentions, figures, events, quotes, viewpoints,
} from '../../db/schema.ts';
import type { Config } from '../config/schema.ts';
import { gunzipText } from '../crawl/crawl.ts';
import { extractArticle, type FeedItemHint } from './article.ts';
import { articleKey, entityKey, figureKey, eventKey, quoteKey, viewpointKey, mentionKey } from './keys.ts';
import { textHash, simhash } from './fingerprint.ts';
import { assignTopics } from './topics.ts';
import { extractFacts } from './facts.ts';
import type { RegistryEntry } from './entities.ts';
import { loadRegistry } from '../editorial/registry.ts';

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

export function syncTopics(db: TrackerDb, config: Config): void {
  db.transaction((tx) => {
    for (const topic of config.topics) {
      tx.insert(topicsTable).values({ slug: topic.slug, name: topic.name, description: topic.description })
        .onConflictDoUpdate({ target: topicsTable.slug, set: { name: topic.name, description: topic.description } }).run();
    }
  });
}

export function extractStage(db: TrackerDb, config: Config, options: ExtractOptions = {}): ExtractSummary {
  const summary: ExtractSummary = { documents: 0, articles: 0, onTopic: 0, failed: 0, errors: [] };
  syncTopics(db, config);
  // The registry (built-in entries plus the ones editors added) is read once per run, not per document.
  const registry = loadRegistry(db);
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
      const allowed = source?.topics ? (JSON.parse(source.topics) as string[]) : null;
      const assigned = assignTopics(extracted.title, extracted.text, config.topics, allowed);
      const now = new Date().toISOString();
      const hash = textHash(extracted.text);
      const previous = db.select({ textHash: articles.textHash, factsAt: articles.factsAt }).from(articles).where(eq(articles.id, id)).get();
      const unchanged = previous?.textHash === hash && previous.factsAt !== null;

      db.transaction((tx) => {
        const row = {
          id, documentId: document.id, url: document.url, canonicalUrl: extracted.canonicalUrl,
          outlet: outletName(extracted.siteName, source?.name ?? null, extracted.canonicalUrl),
          title: extracted.title || '(untitled)', byline: extracted.byline, publishedAt: extracted.publishedAt, lang: extracted.lang,
          text: extracted.text, wordCount: extracted.text.split(/\s+/).filter(Boolean).length,
          textHash: hash, simhash: simhash(extracted.text), extractedAt: now,
        };
        tx.insert(articles).values(row).onConflictDoUpdate({ target: articles.id, set: row }).run();
        tx.delete(articleTopics).where(eq(articleTopics.articleId, id)).run();
        for (const assignment of assigned) {
          tx.insert(articleTopics).values({ articleId: id, topic: assignment.topic, score: assignment.score, cues: JSON.stringify(assignment.cues) }).run();
        }
        if (!unchanged || options.all) writeFacts(tx as unknown as TrackerDb, config, registry, id, extracted.title, extracted.text, extracted.publishedAt, assigned.map((a) => a.topic), now);
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

/** Replaces an article's facts. Keys are stable, so corrections keyed by them stay attached. */
function writeFacts(db: TrackerDb, config: Config, registry: RegistryEntry[], articleId: string, title: string, text: string, publishedAt: string | null, topicSlugs: string[], now: string): void {
  for (const table of [entityMentions, figures, events, quotes, viewpoints]) db.delete(table).where(eq(table.articleId, articleId)).run();
  db.update(articles).set({ factsAt: now }).where(eq(articles.id, articleId)).run();
  // Facts are pulled from on-topic articles only: off-topic coverage would only add noise.
  if (topicSlugs.length === 0) return;
  const topicConfigs = config.topics.filter((topic) => topicSlugs.includes(topic.slug));
  const facts = extractFacts(title, text, publishedAt, topicConfigs, registry);

  for (const entity of facts.entities) {
    // One record per name across articles: a name another article typed differently ("Santa Clara"
    // the place and the county's agency) keeps the record it already has, so its pages, mentions
    // and corrections stay together; a curated type wins over a guessed one.
    const ownKey = entityKey(entity.type, entity.name);
    const sameName = db.select().from(entities).where(eq(entities.name, entity.name)).all();
    const existing = sameName.find((row) => row.id === ownKey) ?? sameName[0];
    const id = existing?.id ?? ownKey;
    if (existing && existing.type !== entity.type && entity.origin === 'registry' && existing.origin !== 'registry') {
      db.update(entities).set({ type: entity.type }).where(eq(entities.id, id)).run();
    }
    const aliases = new Set<string>(existing ? (JSON.parse(existing.aliases) as string[]) : []);
    for (const alias of entity.aliases) aliases.add(alias);
    // A name the detector found before and an editor has since added to the registry becomes curated.
    const origin = existing?.origin === 'registry' || entity.origin === 'registry' ? 'registry' : existing?.origin ?? entity.origin;
    if (existing) db.update(entities).set({ aliases: JSON.stringify([...aliases]), origin }).where(eq(entities.id, id)).run();
    else db.insert(entities).values({ id, name: entity.name, type: entity.type, aliases: JSON.stringify([...aliases]), origin: entity.origin }).run();
    const seen = new Set<string>();
    for (const mention of entity.mentions) {
      const key = mentionKey(articleId, id, mention.start);
      if (seen.has(key)) continue;
      seen.add(key);
      db.insert(entityMentions).values({ id: key, entityId: id, articleId, surface: mention.surface, sentence: mention.sentence, start: mention.start, end: mention.end }).run();
    }
  }
  const insertOnce = <T extends { id: string }>(table: typeof figures | typeof events | typeof quotes | typeof viewpoints, rows: T[]) => {
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
  insertOnce(viewpoints, facts.viewpoints.map((viewpoint) => ({
    id: viewpointKey(articleId, viewpoint.topic, viewpoint.label), articleId, topic: viewpoint.topic, label: viewpoint.label,
    score: viewpoint.score, cues: JSON.stringify(viewpoint.cues), passage: viewpoint.passage,
  })));
}

