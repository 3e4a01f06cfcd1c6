// Every story's timeline as an iCalendar file: one all-day event per entry, spanning the day,
// month or year the sources give.
import type { APIRoute } from 'astro';
import { allStories, siteMeta } from '../../lib/data.ts';
import { absoluteUrl, storyPath } from '../../lib/links.ts';
import { icsCalendar } from '../../lib/formats.ts';

export const GET: APIRoute = async ({ site }) => {
  const [stories, meta] = await Promise.all([allStories(), siteMeta()]);
  const host = (() => {
    try {
      return new URL(site ?? meta.baseUrl).host;
    } catch {
      return 'tracker.invalid';
    }
  })();
  const events = stories.flatMap((story) =>
    story.timeline.map((entry, index) => ({
      uid: `${story.slug}-${index + 1}@${host}`,
      date: entry.date,
      precision: entry.precision,
      summary: entry.text,
      description: `${entry.background ? 'Background to' : 'From'} the story "${story.title}" (${entry.articleIds.length} source${entry.articleIds.length === 1 ? '' : 's'}).`,
      url: absoluteUrl(storyPath(story.slug), site, meta.baseUrl),
    })),
  );
  return new Response(icsCalendar(`${meta.title} timeline`, meta.generatedAt, events), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
