// What the site build reads: the explainers, topics and articles, straight from the database,
// opened read-only. The Astro content loaders call this at build time.
import type { Explainer, SiteArticle, SiteMeta, SiteTopic } from '../stories/types.ts';
import { openDatabaseReadOnly, type TrackerDb } from '../db/client.ts';

export interface SiteData {
  meta: SiteMeta;
  topics: SiteTopic[];
  stories: Explainer[];
  articles: SiteArticle[];
}

export function collectSiteData(db: TrackerDb, meta: { title: string; baseUrl: string }): SiteData {
  const client = db.$client;
  const topics = client.prepare('SELECT slug, name, description FROM topics ORDER BY slug').all() as SiteTopic[];
  const stories = (client.prepare('SELECT explainer FROM stories WHERE explainer IS NOT NULL ORDER BY last_published DESC, id').all() as { explainer: string }[])
    .map((row) => JSON.parse(row.explainer) as Explainer);
  const storyOf = new Map<string, Explainer>();
  for (const story of stories) for (const id of story.articleIds) storyOf.set(id, story);
  const articleRows = client.prepare(`
    SELECT a.id, a.title, a.outlet, a.url, a.published_at AS publishedAt, group_concat(t.topic) AS topics
    FROM articles a JOIN article_topics t ON t.article_id = a.id
    GROUP BY a.id ORDER BY a.published_at DESC, a.id`).all() as { id: string; title: string; outlet: string; url: string; publishedAt: string | null; topics: string }[];
  const articles: SiteArticle[] = articleRows.map((row) => ({
    id: row.id, title: row.title, outlet: row.outlet, url: row.url, publishedAt: row.publishedAt,
    topics: row.topics.split(',').sort(),
    storySlug: storyOf.get(row.id)?.slug ?? null,
    storyTitle: storyOf.get(row.id)?.title ?? null,
  }));
  const generatedAt = (client.prepare('SELECT max(updated_at) AS at FROM stories').get() as { at: string | null }).at ?? new Date(0).toISOString();
  return { meta: { title: meta.title, baseUrl: meta.baseUrl, generatedAt }, topics, stories, articles };
}

export function readSiteData(dbPath: string): SiteData {
  const db = openDatabaseReadOnly(dbPath);
  try {
    return collectSiteData(db, {
      title: process.env.TRACKER_SITE_TITLE ?? 'AI Policy Tracker',
      baseUrl: process.env.TRACKER_SITE_BASE_URL ?? 'https://example.org/',
    });
  } finally {
    db.$client.close();
  }
}
