// Every story's timeline as CSV, one row per entry, oldest first within each story.
import type { APIRoute } from 'astro';
import { allStories } from '../../lib/data.ts';
import { storyTimeline } from '../../lib/story.ts';
import { csvFile } from '../../lib/formats.ts';

export const GET: APIRoute = async () => {
  const stories = await allStories();
  const rows = stories.flatMap((story) =>
    storyTimeline(story.timeline).map((entry) => [
      story.slug, story.title, entry.date, entry.precision, entry.background, entry.text, entry.articleIds.join(' '),
    ]),
  );
  const header = ['story_slug', 'story_title', 'date', 'precision', 'background', 'text', 'article_ids'];
  return new Response(csvFile(header, rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
