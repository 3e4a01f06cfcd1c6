// `tracker export`: the whole dataset as one JSON document, in the shape CONTRACT.md fixes.
// Corrections are already applied to everything except the corrections list itself.
import type { TrackerDb } from '../db/client.ts';
import { CorrectionOverlay } from '../editorial/corrections.ts';
import { readStoredExplainers } from '../stories/storedExplainer.ts';
import { describeNotRepresented } from '../stories/notRepresented.ts';
import { isEntityType } from '../extract/entityTypes.ts';
import { parseStringArray } from '../text/json.ts';
import type { Stance } from '../extract/stances.ts';
import type { ExportDocument } from './exportSchema.ts';

export type { ExportDocument } from './exportSchema.ts';


export function exportData(db: TrackerDb, warn: (message: string) => void = () => {}): ExportDocument {
  const client = db.$client;
  const overlay = CorrectionOverlay.load(db);
  const topicsByArticle = new Map<string, string[]>();
  for (const row of client.prepare('SELECT article_id AS id, topic FROM article_topics ORDER BY topic').all() as { id: string; topic: string }[]) {
    topicsByArticle.set(row.id, [...(topicsByArticle.get(row.id) ?? []), row.topic]);
  }
  const storyByArticle = new Map((client.prepare('SELECT article_id AS a, story_id AS s FROM story_articles').all() as { a: string; s: string }[]).map((row) => [row.a, row.s]));
  const articleRows = overlay.apply(client.prepare(`SELECT id, url, canonical_url AS canonicalUrl, outlet, title, byline, published_at AS publishedAt, lang, text FROM articles ORDER BY published_at, id`).all() as ExportDocument['articles']);
  const articles = articleRows.map((row) => ({ ...row, topics: topicsByArticle.get(row.id) ?? [], storyId: storyByArticle.get(row.id) ?? null }));

  const stories = readStoredExplainers(client.prepare('SELECT id, explainer FROM stories WHERE explainer IS NOT NULL ORDER BY first_published, id').all() as { id: string; explainer: string }[], warn)
    .map((story) => ({
      id: story.id, slug: story.slug, title: story.title, topic: story.topic,
      summary: story.summary.map((sentence) => sentence.text).join(' '),
      articleIds: story.articleIds,
      keyPoints: story.keyPoints.map(({ text, articleIds }) => ({ text, articleIds })),
      figures: story.figures.map(({ value, unit, label, articleIds, conflict, moved }) => ({ value, unit, label, articleIds, conflict, moved })),
      timeline: story.timeline.map(({ date, precision, text, articleIds, role, end }) => ({ date, precision, text, articleIds, role, end: end ?? null })),
      viewpoints: story.viewpoints.map(({ label, share, articleIds }) => ({ label, share, articleIds })),
      notRepresented: story.notRepresented.map(describeNotRepresented),
      notRepresentedDetail: story.notRepresented,
      unknowns: story.unknowns.map((unknown) => unknown.text),
      terms: story.terms.map(({ term, definition, articleIds }) => ({ term, definition, articleIds })),
    }));

  const mentionArticles = new Map<string, string[]>();
  for (const row of client.prepare('SELECT DISTINCT entity_id AS e, article_id AS a FROM entity_mentions ORDER BY article_id').all() as { e: string; a: string }[]) {
    mentionArticles.set(row.e, [...(mentionArticles.get(row.e) ?? []), row.a]);
  }
  const entities = overlay.apply(client.prepare('SELECT id, name, type, aliases FROM entities ORDER BY name, id').all() as { id: string; name: string; type: string; aliases: string }[])
    .map((row) => ({ id: row.id, name: row.name, type: isEntityType(row.type) ? row.type : 'other' as const, aliases: parseStringArray(row.aliases), articleIds: mentionArticles.get(row.id) ?? [] }));
  const figures = overlay.apply(client.prepare('SELECT id, article_id AS articleId, value, unit, text, sentence, claimant FROM figures ORDER BY article_id, start').all() as ExportDocument['figures']);
  const events = overlay.apply(client.prepare('SELECT id, article_id AS articleId, date, precision, text FROM events ORDER BY date, id').all() as ExportDocument['events']);
  const quotes = overlay.apply(client.prepare('SELECT id, article_id AS articleId, speaker, text FROM quotes ORDER BY article_id, start').all() as ExportDocument['quotes']);
  const claims = overlay.apply(client.prepare('SELECT id, article_id AS articleId, claimant, speaker, stance, text, is_quote AS quote FROM claims ORDER BY article_id, start').all() as
    { id: string; articleId: string; claimant: string | null; speaker: string | null; stance: Stance; text: string; quote: number }[])
    .map((row) => ({ ...row, quote: Boolean(row.quote) }));
  const corrections = overlay.all.map(({ id, target, field, before, after, reason, editor, at }) => ({ id, target, field, before, after, reason, editor, at }));
  return { generatedAt: new Date().toISOString(), articles, stories, entities, figures, events, quotes, claims, corrections };
}
