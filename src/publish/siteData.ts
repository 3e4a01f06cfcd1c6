// What the site build reads: the explainers, topics and articles, straight from the database,
// opened read-only. The Astro content loaders call this at build time.
import { siteTopicSchema, topicRulesSchema, type Explainer, type SiteArticle, type SiteEntity, type SiteMeta, type SiteTopic } from '../stories/types.ts';
import { readStoredExplainers } from '../stories/storedExplainer.ts';
import { parseStringArray } from '../text/json.ts';
import { isEntityType } from '../extract/entityTypes.ts';
import { openDatabaseReadOnly, type TrackerDb } from '../db/client.ts';
import { CorrectionOverlay } from '../editorial/corrections.ts';
import { DEFAULT_BASE_URL, DEFAULT_SITE_TITLE } from '../config/schema.ts';

export interface SiteData {
  meta: SiteMeta;
  topics: SiteTopic[];
  stories: Explainer[];
  articles: SiteArticle[];
  /** Entities with a page: mentioned in at least two on-topic articles, or curated. */
  entities: SiteEntity[];
}

export function collectSiteData(db: TrackerDb, meta: { title: string; baseUrl: string }, warn: (message: string) => void = () => {}): SiteData {
  const client = db.$client;
  const topics = (client.prepare('SELECT slug, name, description, rules, viewpoints FROM topics ORDER BY slug').all() as
    { slug: string; name: string; description: string; rules: string | null; viewpoints: string }[]).map(siteTopic);
  const stories = readStoredExplainers(client.prepare('SELECT id, explainer FROM stories WHERE explainer IS NOT NULL ORDER BY last_published DESC, id').all() as { id: string; explainer: string }[], warn);
  linkRelatedBothWays(stories);
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
  const entities = collectEntities(client, CorrectionOverlay.load(db), stories, articles);
  return { meta: { title: meta.title, baseUrl: meta.baseUrl, generatedAt }, topics, stories, articles, entities };
}

/** Most links a story page shows to related stories, its own and the ones pointing at it. */
const MAX_RELATED = 6;

/**
 * Related stories link both ways: a story assembled later finds the earlier one, and the earlier
 * one (not reassembled since) shows the later one too. Only stories on the site are linked.
 */
export function linkRelatedBothWays(stories: Explainer[]): void {
  const byId = new Map(stories.map((story) => [story.id, story]));
  for (const story of stories) {
    for (const link of story.related) {
      const other = byId.get(link.id);
      if (!other || other.id === story.id || other.related.some((back) => back.id === story.id) || other.related.length >= MAX_RELATED) continue;
      other.related.push({ id: story.id, slug: story.slug, title: story.title });
    }
  }
  for (const story of stories) story.related = story.related.filter((link) => byId.has(link.id) && link.id !== story.id);
}

/** A topic row with its stored rules and viewpoints (JSON columns) read back; unreadable ones are left empty. */
function siteTopic(row: { slug: string; name: string; description: string; rules: string | null; viewpoints: string }): SiteTopic {
  return { slug: row.slug, name: row.name, description: row.description, rules: parseJsonWith(topicRulesSchema, row.rules), viewpoints: parseJsonWith(siteTopicSchema.shape.viewpoints, row.viewpoints) ?? [] };
}

/** A JSON column read with the model's schema: missing, broken or foreign JSON gives null. */
function parseJsonWith<T>(schema: { safeParse: (value: unknown) => { success: true; data: T } | { success: false } }, json: string | null): T | null {
  if (!json) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Lowercase ASCII words joined by hyphens; the fallback keeps a name with no Latin letters addressable. */
export function entitySlug(name: string, fallback = 'entity'): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return slug || fallback;
}

type Client = TrackerDb['$client'];

/** Editors' corrections apply here as in the export: a renamed or retyped entity, a hidden quote or a corrected speaker. */
function collectEntities(client: Client, overlay: CorrectionOverlay, stories: Explainer[], articles: SiteArticle[]): SiteEntity[] {
  // On-topic articles are the ones with a topic row; the site lists only those.
  const articleById = new Map(articles.map((article) => [article.id, article]));
  const storiesOf = new Map<string, Explainer[]>();
  for (const story of stories) {
    for (const id of story.articleIds) {
      const list = storiesOf.get(id);
      if (list) list.push(story);
      else storiesOf.set(id, [story]);
    }
  }
  const entityRows = overlay.apply(client.prepare('SELECT id, name, type, aliases, origin FROM entities ORDER BY name, id').all() as
    { id: string; name: string; type: string; aliases: string; origin: string }[]);
  const mentionRows = client.prepare(`
    SELECT m.entity_id AS entityId, m.article_id AS articleId
    FROM entity_mentions m WHERE EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = m.article_id)`).all() as
    { entityId: string; articleId: string }[];
  const mentionsOf = new Map<string, string[]>();
  for (const row of mentionRows) {
    const list = mentionsOf.get(row.entityId);
    if (list) list.push(row.articleId);
    else mentionsOf.set(row.entityId, [row.articleId]);
  }
  const quoteRows = overlay.apply(client.prepare(`
    SELECT q.id, q.speaker, q.text, q.article_id AS articleId FROM quotes q
    WHERE EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = q.article_id)
    ORDER BY q.article_id, q.start`).all() as { id: string; speaker: string | null; text: string; articleId: string }[]);
  const quotesBySpeaker = new Map<string, { text: string; articleId: string }[]>();
  for (const quote of quoteRows) {
    if (!quote.speaker) continue;
    const key = quote.speaker.trim().toLowerCase();
    const list = quotesBySpeaker.get(key);
    if (list) list.push(quote);
    else quotesBySpeaker.set(key, [quote]);
  }

  const result: SiteEntity[] = [];
  const usedSlugs = new Set<string>();
  for (const row of entityRows) {
    const mentions = mentionsOf.get(row.id) ?? [];
    const articleIds = [...new Set(mentions)];
    if (row.origin !== 'registry' && articleIds.length < 2) continue;
    // Malformed aliases give the name alone.
    const aliases = parseStringArray(row.aliases).filter((alias) => alias !== row.name);
    const names = [row.name, ...aliases].map((name) => name.toLowerCase());

    const byMonth = new Map<string, number>();
    for (const articleId of mentions) {
      const month = articleById.get(articleId)?.publishedAt?.slice(0, 7);
      if (month && /^\d{4}-\d{2}$/.test(month)) byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
    }
    const quotes = [...new Set(names)]
      .flatMap((name) => quotesBySpeaker.get(name) ?? [])
      .map((quote) => {
        const article = articleById.get(quote.articleId);
        return { text: quote.text, articleId: quote.articleId, articleTitle: article?.title ?? '', url: article?.url ?? '' };
      });
    const storyList = new Map<string, { slug: string; title: string }>();
    for (const articleId of articleIds) {
      for (const story of storiesOf.get(articleId) ?? []) storyList.set(story.slug, { slug: story.slug, title: story.title });
    }
    const figures: SiteEntity['figures'] = [];
    const matchers = [row.name, ...aliases].filter((name) => name.length >= 2).map(wordMatcher);
    for (const story of stories) {
      for (const figure of story.figures) {
        if (matchers.some((matcher) => matcher.test(figure.sentence))) {
          figures.push({ text: figure.text, sentence: figure.sentence, storySlug: story.slug, storyTitle: story.title });
        }
      }
    }
    let slug = entitySlug(row.name);
    for (let n = 2; usedSlugs.has(slug); n += 1) slug = `${entitySlug(row.name)}-${n}`;
    usedSlugs.add(slug);
    result.push({
      id: row.id, slug, name: row.name, type: isEntityType(row.type) ? row.type : 'other', aliases, origin: row.origin === 'registry' ? 'registry' : 'detected',
      articleCount: articleIds.length,
      mentionsByMonth: [...byMonth].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, count]) => ({ month, count })),
      quotes, figures, stories: [...storyList.values()],
    });
  }
  return result;
}

/** The name as a whole word or phrase, case-sensitive for short all-caps acronyms. */
function wordMatcher(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const acronym = name.length <= 4 && name === name.toUpperCase();
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, acronym ? 'u' : 'iu');
}

export function readSiteData(dbPath: string): SiteData {
  const db = openDatabaseReadOnly(dbPath);
  try {
    return collectSiteData(db, {
      title: process.env.TRACKER_SITE_TITLE ?? DEFAULT_SITE_TITLE,
      baseUrl: process.env.TRACKER_SITE_BASE_URL ?? DEFAULT_BASE_URL,
    });
  } finally {
    db.$client.close();
  }
}
