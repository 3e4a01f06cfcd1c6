// Everything extracted from one article, with editors' corrections applied and hidden facts kept
// (marked), for `tracker facts`: what an editor reads to understand a story and to pick the key of
// a fact to correct.
import { asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { TrackerDb } from '../db/client.ts';
import { articles, articleTopics, documents, entities, entityMentions, figures, events, quotes, claims, viewpoints, storyArticles, stories } from '../../db/schema.ts';
import { canonicalizeUrl } from '../extract/canonicalUrl.ts';
import { CorrectionOverlay, type CorrectionRow } from './corrections.ts';
import { EditorialError } from './errors.ts';

export interface AppliedCorrection { id: string; field: string; before: string | null; after: string | null; reason: string; editor: string; at: string; hidden: boolean }

interface Reviewed { key: string; hidden: boolean; corrections: AppliedCorrection[] }

export interface ArticleFacts {
  article: {
    id: string; url: string; canonicalUrl: string; outlet: string; title: string; publishedAt: string | null;
    factsAt: string | null; duplicateOf: string | null; story: { id: string; slug: string } | null;
  };
  topics: { topic: string; score: number; cues: string[] }[];
  entities: (Reviewed & { name: string; type: string; origin: string; mentions: { surface: string; count: number }[] })[];
  figures: (Reviewed & { value: number; unit: string; label: string; text: string; qualifier: string | null; claimant: string | null; sentence: string })[];
  events: (Reviewed & { date: string; precision: string; endDate: string | null; text: string })[];
  quotes: (Reviewed & { speaker: string | null; speakerRole: string | null; text: string })[];
  claims: (Reviewed & { claimant: string | null; speaker: string | null; stance: string; quote: boolean; text: string })[];
  viewpoints: (Reviewed & { topic: string; label: string; score: number; cues: string[]; passage: string | null })[];
}

function parseList(json: string): string[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

function applied(rows: CorrectionRow[]): AppliedCorrection[] {
  return rows.map(({ id, field, before, after, reason, editor, at, hidden }) => ({ id, field, before, after, reason, editor, at, hidden }));
}

/** An article by id (a_…), URL or canonical URL, or the page URL it was fetched from. */
export function findArticle(db: TrackerDb, reference: string): typeof articles.$inferSelect {
  const ref = reference.trim();
  const candidates = [ref];
  // canonicalizeUrl returns its input when it is not an http(s) URL.
  const canonical = canonicalizeUrl(ref, ref);
  if (canonical !== ref) candidates.push(canonical);
  for (const candidate of candidates) {
    const row = db.select().from(articles)
      .where(or(eq(articles.id, candidate), eq(articles.url, candidate), eq(articles.canonicalUrl, candidate))).get();
    if (row) return row;
    const document = db.select({ id: documents.id }).from(documents).where(or(eq(documents.url, candidate), eq(documents.finalUrl, candidate))).get();
    const viaDocument = document ? db.select().from(articles).where(eq(articles.documentId, document.id)).get() : undefined;
    if (viaDocument) return viaDocument;
  }
  throw new EditorialError(`no article ${ref} in the database: give an article id (a_…) or its URL as \`tracker export\` lists them`);
}

export function collectArticleFacts(db: TrackerDb, reference: string): ArticleFacts {
  const article = findArticle(db, reference);
  const overlay = CorrectionOverlay.load(db);
  const review = <T extends { id: string }>(rows: T[]) => rows.map((raw) => {
    const view = overlay.view(raw);
    return { ...view.row, key: raw.id, hidden: view.hidden, corrections: applied(view.corrections) };
  });
  const story = db.select({ id: stories.id, slug: stories.slug }).from(storyArticles)
    .innerJoin(stories, eq(stories.id, storyArticles.storyId)).where(eq(storyArticles.articleId, article.id)).get() ?? null;

  const topics = db.select().from(articleTopics).where(eq(articleTopics.articleId, article.id)).orderBy(desc(articleTopics.score)).all()
    .map((row) => ({ topic: row.topic, score: row.score, cues: parseList(row.cues) }));

  const mentionRows = db.select({ entityId: entityMentions.entityId, surface: entityMentions.surface, start: entityMentions.start })
    .from(entityMentions).where(eq(entityMentions.articleId, article.id)).orderBy(asc(entityMentions.start)).all();
  const surfacesOf = new Map<string, Map<string, number>>();
  for (const mention of mentionRows) {
    const surfaces = surfacesOf.get(mention.entityId) ?? new Map<string, number>();
    surfaces.set(mention.surface, (surfaces.get(mention.surface) ?? 0) + 1);
    surfacesOf.set(mention.entityId, surfaces);
  }
  const entityRows = surfacesOf.size
    ? db.select({ id: entities.id, name: entities.name, type: entities.type, origin: entities.origin }).from(entities).where(inArray(entities.id, [...surfacesOf.keys()])).all()
    : [];
  const mentionCount = (id: string) => [...(surfacesOf.get(id)?.values() ?? [])].reduce((sum, count) => sum + count, 0);
  const entityList = review(entityRows)
    .map(({ id: _id, ...row }) => ({ ...row, mentions: [...(surfacesOf.get(row.key) ?? [])].map(([surface, count]) => ({ surface, count })) }))
    .sort((a, b) => mentionCount(b.key) - mentionCount(a.key) || a.name.localeCompare(b.name));

  const figureList = review(db.select().from(figures).where(eq(figures.articleId, article.id)).orderBy(asc(figures.start)).all())
    .map((row) => ({ key: row.key, hidden: row.hidden, corrections: row.corrections, value: row.value, unit: row.unit, label: row.label, text: row.text, qualifier: row.qualifier, claimant: row.claimant, sentence: row.sentence }));
  const eventList = review(db.select().from(events).where(eq(events.articleId, article.id)).orderBy(asc(events.start)).all())
    .map((row) => ({ key: row.key, hidden: row.hidden, corrections: row.corrections, date: row.date, precision: row.precision, endDate: row.endDate, text: row.text }));
  const quoteList = review(db.select().from(quotes).where(eq(quotes.articleId, article.id)).orderBy(asc(quotes.start)).all())
    .map((row) => ({ key: row.key, hidden: row.hidden, corrections: row.corrections, speaker: row.speaker, speakerRole: row.speakerRole, text: row.text }));
  const claimList = review(db.select().from(claims).where(eq(claims.articleId, article.id)).orderBy(asc(claims.start)).all())
    .map((row) => ({ key: row.key, hidden: row.hidden, corrections: row.corrections, claimant: row.claimant, speaker: row.speaker, stance: row.stance, quote: row.isQuote, text: row.text }));
  const viewpointList = review(db.select().from(viewpoints).where(eq(viewpoints.articleId, article.id)).all())
    .map((row) => ({ key: row.key, hidden: row.hidden, corrections: row.corrections, topic: row.topic, label: row.label, score: row.score, cues: parseList(row.cues), passage: row.passage }))
    .sort((a, b) => a.topic.localeCompare(b.topic) || b.score - a.score);

  return {
    article: {
      id: article.id, url: article.url, canonicalUrl: article.canonicalUrl, outlet: article.outlet, title: article.title,
      publishedAt: article.publishedAt, factsAt: article.factsAt, duplicateOf: article.duplicateOf, story,
    },
    topics,
    entities: entityList,
    figures: figureList,
    events: eventList,
    quotes: quoteList,
    claims: claimList,
    viewpoints: viewpointList,
  };
}
