// The site's collections, each filled by a loader over the tracker's site data.
import { defineCollection } from 'astro:content';
import { siteDataLoader } from './lib/siteSource.ts';
import { articleSchema, entitySchema, metaSchema, storySchema, topicSchema } from './lib/schemas.ts';

const stories = defineCollection({
  loader: siteDataLoader('stories', (data) =>
    data.stories.map((story) => ({ id: story.slug, data: { ...story } })),
  ),
  schema: storySchema,
});

const articles = defineCollection({
  loader: siteDataLoader('articles', (data) =>
    data.articles.map((article) => ({ id: article.id, data: { ...article } })),
  ),
  schema: articleSchema,
});

const topics = defineCollection({
  loader: siteDataLoader('topics', (data) =>
    data.topics.map((topic) => ({ id: topic.slug, data: { ...topic } })),
  ),
  schema: topicSchema,
});

const entities = defineCollection({
  loader: siteDataLoader('entities', (data) =>
    (data.entities ?? []).map((entity) => ({ id: entity.slug, data: { ...entity } })),
  ),
  schema: entitySchema,
});

const meta = defineCollection({
  loader: siteDataLoader('meta', (data) => [{ id: 'site', data: { ...data.meta } }]),
  schema: metaSchema,
});

export const collections = { stories, articles, topics, entities, meta };
