// Every story's key figures as CSV, one row per figure.
import type { APIRoute } from 'astro';
import { allStories } from '../../lib/data.ts';
import { csvFile } from '../../lib/formats.ts';

export const GET: APIRoute = async () => {
  const stories = await allStories();
  const rows = stories.flatMap((story) =>
    story.figures.map((figure) => [
      story.slug, story.title, figure.value, figure.unit, figure.label, figure.text, figure.sentence,
      figure.sourceCount, figure.conflict, figure.articleIds.join(' '),
    ]),
  );
  const header = ['story_slug', 'story_title', 'value', 'unit', 'label', 'text', 'sentence', 'source_count', 'conflict', 'article_ids'];
  return new Response(csvFile(header, rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
