// Atom feed of a topic: one entry per story, newest coverage first.
import type { APIRoute, GetStaticPaths } from 'astro';
import { allStories, allTopics, siteMeta } from '../../lib/data.ts';
import { absoluteUrl, storyPath, topicFeedPath, topicPath } from '../../lib/links.ts';
import { atomDate, atomFeed } from '../../lib/formats.ts';
import type { Explainer, SiteTopic } from '../../../../src/stories/types.ts';

export const getStaticPaths = (async () => {
  const [topics, stories] = await Promise.all([allTopics(), allStories()]);
  return topics.map((topic) => ({
    params: { topic: topic.slug },
    props: { topic, stories: stories.filter((story) => story.topic === topic.slug) },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ topic: SiteTopic; stories: Explainer[] }> = async ({ props, site }) => {
  const { topic, stories } = props;
  const meta = await siteMeta();
  const url = (path: string) => absoluteUrl(path, site, meta.baseUrl);
  const entries = stories.map((story) => ({
    id: url(storyPath(story.slug)),
    title: story.title,
    updated: atomDate(story.lastPublished, meta.generatedAt),
    link: url(storyPath(story.slug)),
    summary: story.summary.map((sentence) => sentence.text).join(' '),
  }));
  const updated = entries.map((entry) => entry.updated).sort().at(-1) ?? atomDate(meta.generatedAt, meta.generatedAt);
  const body = atomFeed({
    id: url(topicFeedPath(topic.slug)),
    title: `${topic.name} — ${meta.title}`,
    subtitle: topic.description,
    selfUrl: url(topicFeedPath(topic.slug)),
    pageUrl: url(topicPath(topic.slug)),
    updated,
    author: meta.title,
    entries,
  });
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
