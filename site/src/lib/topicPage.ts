// What a topic page and its per-entity filter pages share: the merged timeline, the entities it
// names, and the coverage per month.
import type { Explainer, SiteArticle, SiteEntity } from '../../../src/stories/types.ts';
import { mergedTimeline, type StoryTimelineEntry } from './story.ts';
import { namesEntity } from './entities.ts';
import { countByMonth, monthlyBars, type Bar } from './chart.ts';

export interface TopicFilter {
  entity: SiteEntity;
  entries: StoryTimelineEntry[];
}

export function topicTimeline(stories: Explainer[]): StoryTimelineEntry[] {
  return mergedTimeline(stories, { includeBackground: true });
}

/** Entities named by at least one timeline entry, with those entries; most entries first. */
export function timelineFilters(timeline: StoryTimelineEntry[], entities: SiteEntity[]): TopicFilter[] {
  return entities
    .map((entity) => {
      const names = namesEntity(entity);
      return { entity, entries: timeline.filter((entry) => names(entry.text)) };
    })
    .filter((filter) => filter.entries.length > 0)
    .sort((a, b) => b.entries.length - a.entries.length || (a.entity.name < b.entity.name ? -1 : 1));
}

export function coverageBars(articles: SiteArticle[], topic: string): Bar[] {
  return monthlyBars(countByMonth(articles.filter((article) => article.topics.includes(topic)).map((article) => article.publishedAt)));
}
