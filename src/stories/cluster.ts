// Incremental clustering of on-topic articles into stories. A new article first checks whether it
// is a (near-)copy of an earlier one (syndicated wire copy: counted once, listed under each outlet),
// then looks up candidate stories through the inverted index of story terms, restricted to its
// topic and to stories with coverage recent enough to be the same happening. Cost grows with the
// new articles, not with the archive.
import crypto from 'node:crypto';
import { eq, and, gte, lte, inArray, isNull, sql } from 'drizzle-orm';
import { writeTransaction, type TrackerDb } from '../db/client.ts';
import { articles, articleTopics, articleBands, stories, storyArticles, storyTerms, entityMentions, termStats, events, figures } from '../../db/schema.ts';
import type { Config } from '../config/schema.ts';
import { termVector, cosine, topTerms, type TermVector } from './terms.ts';
import { shingles } from '../extract/fingerprint.ts';
import { minhashBands, containment } from './nearDuplicates.ts';

export interface ClusterSummary { assigned: number; newStories: number; duplicates: number; touchedStories: string[] }

const DAY = 86400000;
const STORY_TERMS = 60;
const LOOKUP_TERMS = 40;
const CANDIDATE_STORIES = 12;
/** The row of term_stats that counts the articles weighed so far (no clustering term has a space). */
const DOCUMENT_COUNT_TERM = ' documents';

function slugify(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 70).replace(/-[^-]*$/, '') || 'story';
}

interface DuplicateMatch {
  /** The earlier article this one copies. */
  originalOf?: string;
  /** Articles already stored that turn out to be later copies of this one. */
  laterCopies?: string[];
}

/** Finds whether an article is a (near-)copy of another: same text, or nearly all its 4-word shingles shared. */
function findDuplicates(db: TrackerDb, article: typeof articles.$inferSelect): DuplicateMatch {
  const exact = db.select({ id: articles.id }).from(articles)
    .where(and(eq(articles.textHash, article.textHash), sql`${articles.id} <> ${article.id}`, isNull(articles.duplicateOf)))
    .orderBy(articles.publishedAt).get();
  if (exact) return { originalOf: exact.id };
  if (!article.publishedAt || article.wordCount < 80) return {};
  // Candidates share a MinHash band (LSH) and ran within days of each other, as syndicated copies do.
  const published = Date.parse(article.publishedAt);
  const bands = minhashBands(article.text);
  if (bands.length === 0) return {};
  const candidateIds = db.selectDistinct({ id: articleBands.articleId }).from(articleBands).where(inArray(articleBands.band, bands)).all()
    .map((row) => row.id).filter((id) => id !== article.id);
  if (candidateIds.length === 0) return {};
  const window = db.select({ id: articles.id, text: articles.text, publishedAt: articles.publishedAt }).from(articles)
    .where(and(inArray(articles.id, candidateIds.slice(0, 200)), gte(articles.publishedAt, new Date(published - 4 * DAY).toISOString()), lte(articles.publishedAt, new Date(published + 4 * DAY).toISOString()), isNull(articles.duplicateOf)))
    .all();
  const mine = shingles(article.text, 4);
  const matches = window.filter((candidate) => containment(mine, shingles(candidate.text, 4)) >= 0.6)
    .sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''));
  if (matches.length === 0) return {};
  // The earliest is the original, whichever order the crawl found them in.
  if ((matches[0].publishedAt ?? '') <= article.publishedAt) return { originalOf: matches[0].id };
  return { laterCopies: matches.map((match) => match.id) };
}

function loadStoryVector(db: TrackerDb, storyId: string): TermVector {
  return new Map(db.select({ term: storyTerms.term, weight: storyTerms.weight }).from(storyTerms).where(eq(storyTerms.storyId, storyId)).all().map((row) => [row.term, row.weight]));
}

function saveStoryVector(db: TrackerDb, storyId: string, vector: TermVector): void {
  db.delete(storyTerms).where(eq(storyTerms.storyId, storyId)).run();
  for (const [term, weight] of topTerms(vector, STORY_TERMS)) db.insert(storyTerms).values({ term, storyId, weight }).run();
}

/**
 * An article's clustering vector: title and lead words, its entities, and two features that tell
 * one happening from another on the same subject: the dates of the events it reports near its
 * publication, and the figures it gives (the same happening is reported with the same numbers).
 */
export function articleVector(db: TrackerDb, article: { id: string; title: string; text: string; publishedAt: string | null }): TermVector {
  const entityIds = db.selectDistinct({ id: entityMentions.entityId }).from(entityMentions).where(eq(entityMentions.articleId, article.id)).all().map((row) => row.id);
  const vector = termVector(article.title, article.text.slice(0, 1500), entityIds);
  const published = article.publishedAt ? Date.parse(article.publishedAt) : null;
  for (const event of db.select({ date: events.date, precision: events.precision }).from(events).where(eq(events.articleId, article.id)).all()) {
    if (event.precision !== 'day' || published === null) continue;
    if (Math.abs(Date.parse(event.date) - published) > 45 * DAY) continue; // background dates do not identify the happening
    vector.set(`date:${event.date}`, (vector.get(`date:${event.date}`) ?? 0) + 1.5);
  }
  for (const figure of db.select({ value: figures.value, unit: figures.unit }).from(figures).where(eq(figures.articleId, article.id)).all()) {
    if (figure.unit === 'count' && figure.value < 100) continue;
    const key = `figure:${figure.unit}:${Number(figure.value.toPrecision(2))}`;
    vector.set(key, Math.max(vector.get(key) ?? 0, 1.5));
  }
  return vector;
}

export function clusterArticles(db: TrackerDb, config: Config): ClusterSummary {
  const summary: ClusterSummary = { assigned: 0, newStories: 0, duplicates: 0, touchedStories: [] };
  const touched = new Set<string>();
  const touch = (t: TrackerDb, storyId: string) => {
    t.update(stories).set({ needsAssembly: true }).where(eq(stories.id, storyId)).run();
    touched.add(storyId);
  };
  const pending = db.select().from(articles)
    .where(sql`${articles.id} NOT IN (SELECT article_id FROM story_articles) AND ${articles.id} IN (SELECT article_id FROM article_topics)`)
    // Publication order, then id: the same articles cluster the same way whatever order they arrived in.
    .orderBy(articles.publishedAt, articles.id).all();
  // The number of articles the IDF weights count is kept in the database with the term counts,
  // so a run killed halfway and resumed weighs the remaining articles exactly as one clean run would.
  if (!db.select().from(termStats).where(eq(termStats.term, DOCUMENT_COUNT_TERM)).get()) {
    const stored = db.select({ n: sql<number>`count(*)` }).from(storyArticles).get()?.n ?? 0;
    db.insert(termStats).values({ term: DOCUMENT_COUNT_TERM, documents: stored + 1 }).onConflictDoNothing().run();
  }

  for (const article of pending) {
    // One IMMEDIATE transaction per article: it reads then writes, and its story is marked for
    // reassembly in the same commit.
    writeTransaction(db, (t) => {
      const topicRows = t.select().from(articleTopics).where(eq(articleTopics.articleId, article.id)).all().sort((a, b) => b.score - a.score);
      const topic = topicRows[0].topic;
      const duplicates = findDuplicates(t, article);
      for (const band of minhashBands(article.text)) t.insert(articleBands).values({ band, articleId: article.id }).onConflictDoNothing().run();
      if (duplicates.originalOf) {
        const original = duplicates.originalOf;
        t.update(articles).set({ duplicateOf: original }).where(eq(articles.id, article.id)).run();
        const originalStory = t.select({ storyId: storyArticles.storyId }).from(storyArticles).where(eq(storyArticles.articleId, original)).get();
        if (originalStory) {
          t.insert(storyArticles).values({ storyId: originalStory.storyId, articleId: article.id, similarity: 1 }).run();
          touch(t, originalStory.storyId);
          summary.duplicates++;
          summary.assigned++;
          return;
        }
      }
      if (duplicates.laterCopies) {
        // The original arrived after its copies: it takes their place in their story.
        const copies = duplicates.laterCopies;
        t.update(articles).set({ duplicateOf: article.id }).where(inArray(articles.id, copies)).run();
        t.update(articles).set({ duplicateOf: article.id }).where(inArray(articles.duplicateOf, copies)).run();
        const copyStory = t.select({ storyId: storyArticles.storyId }).from(storyArticles).where(inArray(storyArticles.articleId, copies)).get();
        if (copyStory) {
          t.insert(storyArticles).values({ storyId: copyStory.storyId, articleId: article.id, similarity: 1 }).run();
          touch(t, copyStory.storyId);
          summary.duplicates += copies.length;
          summary.assigned++;
          return;
        }
      }
      const raw = articleVector(t, article);
      // IDF from the running document frequencies: common words ("chips", "china") weigh less.
      const terms = [...raw.keys()];
      const dfRows = terms.length ? t.select().from(termStats).where(inArray(termStats.term, terms)).all() : [];
      const df = new Map(dfRows.map((row) => [row.term, row.documents]));
      const totalDocuments = t.select({ n: termStats.documents }).from(termStats).where(eq(termStats.term, DOCUMENT_COUNT_TERM)).get()?.n ?? 1;
      const weighted: TermVector = new Map();
      for (const [term, weight] of raw) weighted.set(term, weight * Math.log((totalDocuments + 1) / ((df.get(term) ?? 0) + 1)) + 0.05);
      for (const term of terms) {
        t.insert(termStats).values({ term, documents: 1 }).onConflictDoUpdate({ target: termStats.term, set: { documents: sql`${termStats.documents} + 1` } }).run();
      }
      t.update(termStats).set({ documents: totalDocuments + 1 }).where(eq(termStats.term, DOCUMENT_COUNT_TERM)).run();

      const published = article.publishedAt ? Date.parse(article.publishedAt) : Date.now();
      // Candidates: stories of the same topic with coverage in the window (index on topic, last
      // published), ranked by overlap with the article's main terms; only the best few are scored fully.
      const lookup = [...topTerms(raw, LOOKUP_TERMS).keys()];
      const since = new Date(published - config.stories.maxGapDays * DAY).toISOString();
      const until = new Date(published + config.stories.maxGapDays * DAY).toISOString();
      const recent = t.select({ id: stories.id }).from(stories)
        .where(and(eq(stories.topic, topic), gte(stories.lastPublished, since), lte(stories.firstPublished, until)))
        .orderBy(sql`${stories.lastPublished} desc`).limit(2000).all().map((row) => row.id);
      // Walk the recent stories' own term lists (index on story_id), not the terms' posting lists,
      // which grow with the archive.
      const candidateIds = recent.length && lookup.length
        ? (db.$client.prepare(`SELECT story_id AS storyId, sum(weight) AS overlap FROM story_terms INDEXED BY story_terms_story
            WHERE story_id IN (${recent.map(() => '?').join(',')}) AND term IN (${lookup.map(() => '?').join(',')})
            GROUP BY story_id ORDER BY overlap DESC LIMIT ${CANDIDATE_STORIES}`).all(...recent, ...lookup) as { storyId: string }[]).map((row) => row.storyId)
        : [];
      let best: { id: string; score: number } | null = null;
      for (const storyId of candidateIds) {
        const story = t.select().from(stories).where(eq(stories.id, storyId)).get();
        if (!story || story.topic !== topic) continue;
        const last = story.lastPublished ? Date.parse(story.lastPublished) : published;
        const first = story.firstPublished ? Date.parse(story.firstPublished) : published;
        if (published - last > config.stories.maxGapDays * DAY || first - published > config.stories.maxGapDays * DAY) continue;
        const score = cosine(weighted, loadStoryVector(t, storyId));
        if (!best || score > best.score) best = { id: storyId, score };
      }
      const now = new Date().toISOString();
      if (best && best.score >= config.stories.joinThreshold) {
        const story = t.select().from(stories).where(eq(stories.id, best.id)).get()!;
        const vector = loadStoryVector(t, best.id);
        for (const [term, weight] of weighted) vector.set(term, (vector.get(term) ?? 0) + weight);
        saveStoryVector(t, best.id, vector);
        const dates = [story.firstPublished, story.lastPublished, article.publishedAt].filter((d): d is string => !!d).sort();
        t.update(stories).set({ firstPublished: dates[0] ?? null, lastPublished: dates[dates.length - 1] ?? null, updatedAt: now }).where(eq(stories.id, best.id)).run();
        t.insert(storyArticles).values({ storyId: best.id, articleId: article.id, similarity: best.score }).run();
        touch(t, best.id);
      } else {
        const id = `s_${crypto.createHash('sha1').update(article.id).digest('base64url').slice(0, 12)}`;
        let slug = slugify(article.title);
        if (t.select({ id: stories.id }).from(stories).where(eq(stories.slug, slug)).get()) slug = `${slug}-${id.slice(2, 8).toLowerCase()}`;
        t.insert(stories).values({
          id, slug, topic, title: article.title, status: 'developing', firstPublished: article.publishedAt, lastPublished: article.publishedAt, updatedAt: now,
        }).run();
        saveStoryVector(t, id, weighted);
        t.insert(storyArticles).values({ storyId: id, articleId: article.id, similarity: 1 }).run();
        touch(t, id);
        summary.newStories++;
      }
      summary.assigned++;
    });
  }
  summary.touchedStories = [...touched];
  return summary;
}
