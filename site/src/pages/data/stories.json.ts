// All published explainers as one JSON download.
import type { APIRoute } from 'astro';
import { allStories, allTopics, siteMeta } from '../../lib/data.ts';
import { absoluteUrl, storyPath } from '../../lib/links.ts';

export const GET: APIRoute = async ({ site }) => {
  const [stories, topics, meta] = await Promise.all([allStories(), allTopics(), siteMeta()]);
  const body = {
    title: meta.title,
    generatedAt: meta.generatedAt,
    topics,
    stories: stories.map((story) => ({ url: absoluteUrl(storyPath(story.slug), site, meta.baseUrl), ...story })),
  };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
