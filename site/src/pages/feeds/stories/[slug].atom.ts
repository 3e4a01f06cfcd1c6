// Atom feed of a story: one entry per source, newest first, so a reader hears of new coverage.
import type { APIRoute, GetStaticPaths } from 'astro';
import { allStories, siteMeta } from '../../../lib/data.ts';
import { absoluteUrl, externalUrl, storyFeedPath, storyPath } from '../../../lib/links.ts';
import { atomDate, atomFeed } from '../../../lib/formats.ts';
import type { Explainer } from '../../../../../src/stories/types.ts';

export const getStaticPaths = (async () => {
  const stories = await allStories();
  return stories.map((story) => ({ params: { slug: story.slug }, props: { story } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ story: Explainer }> = async ({ props, site }) => {
  const { story } = props;
  const meta = await siteMeta();
  const url = (path: string) => absoluteUrl(path, site, meta.baseUrl);
  const page = url(storyPath(story.slug));
  const entries = story.sources
    .map((source) => ({
      // The source's place on the story page: stable, and ours, whatever the article's URL is.
      id: `${page}#source-${source.n}`,
      title: source.title,
      updated: atomDate(source.publishedAt, meta.generatedAt),
      link: externalUrl(source.url),
      author: source.outlet,
      summary: `${source.outlet}${source.viewpointName ? ` · ${source.viewpointName}` : ''} · source ${source.n} of "${story.title}"`,
    }))
    .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  const body = atomFeed({
    id: url(storyFeedPath(story.slug)),
    title: `${story.title} — sources`,
    subtitle: `Coverage cited by the story "${story.title}" on ${meta.title}.`,
    selfUrl: url(storyFeedPath(story.slug)),
    pageUrl: page,
    updated: entries[0]?.updated ?? atomDate(story.lastPublished, meta.generatedAt),
    author: meta.title,
    entries,
  });
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
