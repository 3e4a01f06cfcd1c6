// The site's collections, each filled by a loader over the tracker's site data. Entries are
// validated in the loader against the story model's own schemas (src/stories/types.ts, the one
// definition); the collection schema only carries that model's type to the pages.
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { siteDataLoader } from './lib/siteSource.ts';
import { parseExplainer } from '../../src/stories/storedExplainer.ts';
import {
  siteArticleSchema, siteEntitySchema, siteMetaSchema, siteTopicSchema,
  type Explainer, type SiteArticle, type SiteEntity, type SiteMeta, type SiteTopic,
} from '../../src/stories/types.ts';

/** A story: an older explainer is upgraded, then validated; the problem names the first bad field. */
function validStory(data: unknown) {
  const result = parseExplainer(data);
  return result.explainer ? { success: true as const, data: result.explainer } : { success: false as const, problem: result.problem };
}

const stories = defineCollection({
  loader: siteDataLoader('stories', (data) => data.stories.map((story) => ({ id: story.slug, data: story })), validStory),
  schema: z.custom<Explainer>(),
});

const articles = defineCollection({
  loader: siteDataLoader('articles', (data) => data.articles.map((article) => ({ id: article.id, data: article })), siteArticleSchema),
  schema: z.custom<SiteArticle>(),
});

const topics = defineCollection({
  loader: siteDataLoader('topics', (data) => data.topics.map((topic) => ({ id: topic.slug, data: topic })), siteTopicSchema),
  schema: z.custom<SiteTopic>(),
});

const entities = defineCollection({
  loader: siteDataLoader('entities', (data) => (data.entities ?? []).map((entity) => ({ id: entity.slug, data: entity })), siteEntitySchema),
  schema: z.custom<SiteEntity>(),
});

const meta = defineCollection({
  loader: siteDataLoader('meta', (data) => [{ id: 'site', data: data.meta }], siteMetaSchema),
  schema: z.custom<SiteMeta>(),
});

export const collections = { stories, articles, topics, entities, meta };
