// The database schema. Migrations in db/migrations are generated from this file with
// `npm run db:generate` and are append-only: never edit one that has shipped.
//
// Identifiers of extracted facts are *stable keys* derived from content and source (see
// src/extract/keys.ts), never row ids, so re-extraction finds the same fact again and an editor's
// correction (keyed by the same key) stays attached.
import { sqliteTable, text, integer, real, blob, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ENTITY_TYPES } from '../src/extract/entityTypes.ts';
import { STANCES } from '../src/extract/stances.ts';

/** The values of the enum-like columns: SQLite stores text, the types allow only these. */
export const CRAWL_ITEM_STATES = ['pending', 'fetched', 'failed', 'skipped', 'gave-up'] as const;
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export const STORY_STATUSES = ['developing', 'dormant'] as const;

export const sources = sqliteTable('sources', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull().unique(),
  name: text('name'),
  /** Detected kind: rss, atom, rdf, jsonfeed, opml, html, unknown. */
  kind: text('kind').notNull().default('unknown'),
  /** JSON array of topic slugs this source may feed; null = all topics. */
  topics: text('topics'),
  etag: text('etag'),
  lastModified: text('last_modified'),
  lastFetchAt: text('last_fetch_at'),
  lastSuccessAt: text('last_success_at'),
  /** ok, not-modified, or the name of the last error kind. */
  lastStatus: text('last_status'),
  lastError: text('last_error'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  nextAttemptAt: text('next_attempt_at'),
  itemsSeen: integer('items_seen').notNull().default(0),
  createdAt: text('created_at').notNull(),
  /** Where the source came from: config (synced from the config file on every crawl) or import
   * (`tracker sources import FILE.opml`; kept and crawled although the config does not list it). */
  origin: text('origin', { enum: ['config', 'import'] }).notNull().default('config'),
});

/** robots.txt per origin (scheme://host:port), kept for 24 hours so a run does not refetch it.
 * Only definitive answers are stored: a 5xx or an unreachable server disallows for that run only. */
export const robotsTxt = sqliteTable('robots_txt', {
  origin: text('origin').primaryKey(),
  /** HTTP status of the fetch (after redirects). */
  status: integer('status').notNull(),
  /** The file's text (at most 500 KiB); empty for a 4xx, which allows everything. */
  body: text('body').notNull(),
  fetchedAt: text('fetched_at').notNull(),
});

/** Every failed fetch or parse, named by kind, so health reports can count them. */
export const fetchErrors = sqliteTable('fetch_errors', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sourceId: integer('source_id').references(() => sources.id),
  url: text('url').notNull(),
  /** timeout, too-large, blocked-address, http-status, rate-limited, parse-error, content-type, network … */
  kind: text('kind').notNull(),
  message: text('message').notNull(),
  at: text('at').notNull(),
}, (t) => [index('fetch_errors_source').on(t.sourceId, t.at)]);

/** Raw fetched pages, compressed, kept so extraction can be re-run without refetching. */
export const documents = sqliteTable('documents', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sourceId: integer('source_id').references(() => sources.id),
  url: text('url').notNull().unique(),
  finalUrl: text('final_url').notNull(),
  status: integer('status').notNull(),
  contentType: text('content_type'),
  /** Charset the bytes were decoded with. */
  charset: text('charset'),
  /** gzip of the decoded UTF-8 HTML. */
  body: blob('body', { mode: 'buffer' }).notNull(),
  bodySha256: text('body_sha256').notNull(),
  etag: text('etag'),
  lastModified: text('last_modified'),
  /** JSON of the feed item that pointed at this page (title, summary, date, author), if any. */
  feedItem: text('feed_item'),
  fetchedAt: text('fetched_at').notNull(),
  /** Set when the document changed since it was last extracted; cleared by the extract stage. */
  needsExtract: integer('needs_extract', { mode: 'boolean' }).notNull().default(true),
}, (t) => [index('documents_needs_extract').on(t.needsExtract)]);

/** The article pages a source listed, as pending work: an item is committed together with the
 * feed's validators (ETag, Last-Modified), so a crawl killed before its pages are fetched, or a
 * page that failed or was skipped, is fetched by a later run even when the feed answers 304. */
export const crawlItems = sqliteTable('crawl_items', {
  url: text('url').primaryKey(),
  sourceId: integer('source_id').notNull().references(() => sources.id),
  /** JSON of the feed item that pointed at the page (title, summary, dates, author, link). */
  item: text('item'),
  /** pending, fetched, failed (will be retried), skipped (robots.txt or a paused host; retried), gave-up. */
  state: text('state', { enum: CRAWL_ITEM_STATES }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  /** Named kind of the last failure or skip (timeout, http-status, robots, rate-limited …). */
  lastErrorKind: text('last_error_kind'),
  lastError: text('last_error'),
  /** When a failed or skipped item is due again; null for pending items (due now). */
  nextAttemptAt: text('next_attempt_at'),
  /** The item's publication date in the feed, to fetch the newest first. */
  publishedAt: text('published_at'),
  firstSeenAt: text('first_seen_at').notNull(),
  updatedAt: text('updated_at').notNull(),
}, (t) => [index('crawl_items_source_state').on(t.sourceId, t.state), index('crawl_items_state_due').on(t.state, t.nextAttemptAt)]);

export const articles = sqliteTable('articles', {
  /** Stable key of the canonical URL: a_<hash>. */
  id: text('id').primaryKey(),
  documentId: integer('document_id').references(() => documents.id),
  url: text('url').notNull(),
  canonicalUrl: text('canonical_url').notNull().unique(),
  outlet: text('outlet').notNull(),
  title: text('title').notNull(),
  byline: text('byline'),
  publishedAt: text('published_at'),
  lang: text('lang'),
  text: text('text').notNull(),
  wordCount: integer('word_count').notNull(),
  /** Hash of the normalised text: equal hashes are exact duplicates. */
  textHash: text('text_hash').notNull(),
  /** Id of the earlier article this one is a (near-)copy of, if any. */
  duplicateOf: text('duplicate_of'),
  extractedAt: text('extracted_at').notNull(),
  /** Set when facts were extracted; a changed text clears it. */
  factsAt: text('facts_at'),
}, (t) => [index('articles_published').on(t.publishedAt), index('articles_text_hash').on(t.textHash), index('articles_facts_at').on(t.factsAt)]);

export const topics = sqliteTable('topics', {
  slug: text('slug').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** JSON (src/config/schema.ts topic rules) of the rules the topic stage applies; null before migration 0007. */
  rules: text('rules'),
  /** JSON array of the topic's viewpoints ({ label, name }). */
  viewpoints: text('viewpoints').notNull().default('[]'),
});

export const articleTopics = sqliteTable('article_topics', {
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  topic: text('topic').notNull(),
  score: real('score').notNull(),
  /** JSON array of the rule cues that matched. */
  cues: text('cues').notNull(),
}, (t) => [primaryKey({ columns: [t.articleId, t.topic] }), index('article_topics_topic').on(t.topic)]);

export const entities = sqliteTable('entities', {
  /** Stable key from type and normalised canonical name: e_<hash>. */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  type: text('type', { enum: ENTITY_TYPES }).notNull(),
  /** JSON array of other names seen for this entity. */
  aliases: text('aliases').notNull().default('[]'),
  /** registry (curated) or detected. */
  origin: text('origin', { enum: ['registry', 'detected'] }).notNull().default('detected'),
}, (t) => [index('entities_name').on(t.name)]);

export const entityMentions = sqliteTable('entity_mentions', {
  id: text('id').primaryKey(),
  entityId: text('entity_id').notNull().references(() => entities.id),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  surface: text('surface').notNull(),
  /** The type this article's extraction gave the name; the entity's type is the vote over articles. */
  type: text('type'),
  sentence: text('sentence').notNull(),
  start: integer('start').notNull(),
  end: integer('end').notNull(),
}, (t) => [index('mentions_article').on(t.articleId), index('mentions_entity').on(t.entityId)]);

/** How many articles typed an entity each way: the entity's type is the most voted (a curated type
 * wins), so it does not depend on the order in which articles arrive. */
export const entityTypeVotes = sqliteTable('entity_type_votes', {
  entityId: text('entity_id').notNull(),
  type: text('type').notNull(),
  articles: integer('articles').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.entityId, t.type] })]);

export const figures = sqliteTable('figures', {
  id: text('id').primaryKey(),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  value: real('value').notNull(),
  /** USD, EUR, %, count, operations … */
  unit: text('unit').notNull(),
  /** The thing counted ("chips", "charge"). */
  label: text('label').notNull(),
  /** The figure as written ("$5.5bn"). */
  text: text('text').notNull(),
  qualifier: text('qualifier'),
  claimant: text('claimant'),
  sentence: text('sentence').notNull(),
  start: integer('start').notNull(),
  end: integer('end').notNull(),
}, (t) => [index('figures_article').on(t.articleId)]);

export const events = sqliteTable('events', {
  id: text('id').primaryKey(),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  date: text('date').notNull(),
  precision: text('precision', { enum: DATE_PRECISIONS }).notNull(),
  endDate: text('end_date'),
  text: text('text').notNull(),
  sentence: text('sentence').notNull(),
  start: integer('start').notNull(),
  end: integer('end').notNull(),
}, (t) => [index('events_article').on(t.articleId), index('events_date').on(t.date)]);

export const quotes = sqliteTable('quotes', {
  id: text('id').primaryKey(),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  speaker: text('speaker'),
  speakerRole: text('speaker_role'),
  text: text('text').notNull(),
  start: integer('start').notNull(),
  end: integer('end').notNull(),
}, (t) => [index('quotes_article').on(t.articleId)]);

/** Attributed statements: quotes and reported speech, with who they belong to and their stance (src/extract/claims.ts). */
export const claims = sqliteTable('claims', {
  id: text('id').primaryKey(),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  /** The organisation or person the statement belongs to (a spokesperson's, their employer). */
  claimant: text('claimant'),
  /** The person who spoke, when named. */
  speaker: text('speaker'),
  /** accuses, denies, confirms, warns, declines, no-response, says. */
  stance: text('stance', { enum: STANCES }).notNull(),
  /** The quotation, or the sentence that reports the statement. */
  text: text('text').notNull(),
  sentence: text('sentence').notNull(),
  isQuote: integer('is_quote', { mode: 'boolean' }).notNull(),
  start: integer('start').notNull(),
  end: integer('end').notNull(),
}, (t) => [index('claims_article').on(t.articleId)]);

export const viewpoints = sqliteTable('viewpoints', {
  id: text('id').primaryKey(),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  topic: text('topic').notNull(),
  label: text('label').notNull(),
  score: real('score').notNull(),
  /** JSON array of the cue phrases that produced the label. */
  cues: text('cues').notNull(),
  /** The passage that carries the viewpoint most strongly. */
  passage: text('passage'),
}, (t) => [index('viewpoints_article').on(t.articleId)]);

export const stories = sqliteTable('stories', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  topic: text('topic').notNull(),
  title: text('title').notNull(),
  status: text('status', { enum: STORY_STATUSES }).notNull().default('developing'),
  firstPublished: text('first_published'),
  lastPublished: text('last_published'),
  /** The assembled explainer (src/stories/types.ts Explainer), JSON. */
  explainer: text('explainer'),
  /** Hash of the explainer, so the site build can skip unchanged stories. */
  digest: text('digest'),
  /** JSON of the clustering signature (top terms and entities), for the inverted index. */
  signature: text('signature').notNull().default('{}'),
  updatedAt: text('updated_at').notNull(),
  /** Set in the same transaction as whatever changes the story (a new article, re-extracted facts,
   * an editor's correction); cleared when its explainer is reassembled. Survives a crash. */
  needsAssembly: integer('needs_assembly', { mode: 'boolean' }).notNull().default(false),
}, (t) => [index('stories_needs_assembly').on(t.needsAssembly), index('stories_topic').on(t.topic), index('stories_topic_last').on(t.topic, t.lastPublished)]);

export const storyArticles = sqliteTable('story_articles', {
  storyId: text('story_id').notNull().references(() => stories.id, { onDelete: 'cascade' }),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  similarity: real('similarity').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.storyId, t.articleId] }), uniqueIndex('story_articles_article').on(t.articleId)]);

/** Inverted index of story signature terms: term → stories, for incremental clustering. */
export const storyTerms = sqliteTable('story_terms', {
  term: text('term').notNull(),
  storyId: text('story_id').notNull().references(() => stories.id, { onDelete: 'cascade' }),
  weight: real('weight').notNull(),
}, (t) => [primaryKey({ columns: [t.term, t.storyId] }), index('story_terms_story').on(t.storyId)]);

/** MinHash band keys of article texts: articles sharing a band are near-duplicate candidates (LSH). */
export const articleBands = sqliteTable('article_bands', {
  band: text('band').notNull(),
  articleId: text('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.band, t.articleId] }), index('article_bands_article').on(t.articleId)]);

/** Document frequency of clustering terms over on-topic articles, kept incrementally for IDF weights. */
export const termStats = sqliteTable('term_stats', {
  term: text('term').primaryKey(),
  documents: integer('documents').notNull(),
});

/** Editors' corrections, an overlay keyed by the stable key of the fact they correct. */
export const corrections = sqliteTable('corrections', {
  id: text('id').primaryKey(),
  /** Stable key of the corrected fact (f_…, ev_…, q_…, e_…, vp_…, a_…). */
  target: text('target').notNull(),
  field: text('field').notNull(),
  before: text('before'),
  after: text('after'),
  reason: text('reason').notNull(),
  editor: text('editor').notNull(),
  at: text('at').notNull(),
  /** A hidden fact is dropped from every output. */
  hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
}, (t) => [index('corrections_target').on(t.target)]);

/** Entities editors add to the curated registry (`tracker entities add`), merged with the built-in
 * registry (src/extract/registry/entities.yaml) at every extract run. A row whose name is a built-in
 * entry's adds aliases to it and may change its type. */
export const registryEntities = sqliteTable('registry_entities', {
  /** Canonical name, spelled as the registry matches it (case-sensitively). */
  name: text('name').primaryKey(),
  /** person, organization, model, product, place, law or other. */
  type: text('type').notNull(),
  /** JSON array of other names matched as this entity. */
  aliases: text('aliases').notNull().default('[]'),
  addedBy: text('added_by').notNull(),
  addedAt: text('added_at').notNull(),
  note: text('note'),
});

/** Last pipeline runs: what each stage did, for `tracker sources` and the publish skip check. */
export const runs = sqliteTable('runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  stage: text('stage').notNull(),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  /** JSON summary of counts. */
  summary: text('summary'),
});
