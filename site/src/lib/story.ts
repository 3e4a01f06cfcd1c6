// Computations the story components share: citation numbers, viewpoint percentages, and the
// timelines that merge entries from several stories.
import type { Explainer, FigureMove, StorySource, TimelineEntry, ViewpointShare } from '../../../src/stories/types.ts';
import { dateSortKey } from './format.ts';

export type CitationNumbers = ReadonlyMap<string, number>;

/** articleId → citation number; a syndicated copy is cited as the original it copies. */
export function citationNumbers(sources: StorySource[]): CitationNumbers {
  const numbers = new Map<string, number>();
  for (const source of sources) {
    numbers.set(source.articleId, source.n);
    for (const copy of source.copies) {
      if (!numbers.has(copy.articleId)) numbers.set(copy.articleId, source.n);
    }
  }
  return numbers;
}

/** Distinct citation numbers for some articles, ascending; articles not in the source list are dropped. */
export function citedNumbers(articleIds: string[], numbers: CitationNumbers): number[] {
  const found = new Set<number>();
  for (const id of articleIds) {
    const n = numbers.get(id);
    if (n !== undefined) found.add(n);
  }
  return [...found].sort((a, b) => a - b);
}

export interface ViewpointPercent extends ViewpointShare {
  percent: number;
}

/**
 * Whole percentages that add up to exactly 100 (largest remainder), so that the bar and its
 * legend never show 33 + 33 + 33.
 */
export function viewpointPercents(viewpoints: ViewpointShare[]): ViewpointPercent[] {
  const total = viewpoints.reduce((sum, viewpoint) => sum + Math.max(0, viewpoint.share), 0);
  if (total <= 0) return viewpoints.map((viewpoint) => ({ ...viewpoint, percent: 0 }));
  const exact = viewpoints.map((viewpoint) => (Math.max(0, viewpoint.share) / total) * 100);
  const percents = exact.map(Math.floor);
  let missing = 100 - percents.reduce((sum, value) => sum + value, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    percents[index] += 1;
    missing -= 1;
  }
  return viewpoints.map((viewpoint, index) => ({ ...viewpoint, percent: percents[index] }));
}

export interface StoryTimelineEntry extends TimelineEntry {
  stories: { slug: string; title: string }[];
}

/**
 * The timelines of several stories as one list, newest first, without the dates still ahead. An
 * event that two stories both record (same date and text) is listed once, under both stories.
 */
export function mergedTimeline(
  stories: Explainer[],
  options: { includeBackground: boolean; limit?: number },
): StoryTimelineEntry[] {
  const byKey = new Map<string, StoryTimelineEntry>();
  for (const story of stories) {
    for (const entry of story.timeline) {
      if (entry.background && !options.includeBackground) continue;
      // What has happened: a date still ahead is on its story's page under What's next.
      if (isAhead(entry, story.lastPublished)) continue;
      const key = `${dateSortKey(entry.date)}\u0000${entry.text}`;
      const existing = byKey.get(key);
      const storyLink = { slug: story.slug, title: story.title };
      if (existing) {
        if (!existing.stories.some((s) => s.slug === story.slug)) existing.stories.push(storyLink);
        existing.background = existing.background && entry.background;
      } else {
        byKey.set(key, { ...entry, stories: [storyLink] });
      }
    }
  }
  const entries = [...byKey.values()].sort(
    (a, b) => compareDesc(dateSortKey(a.date), dateSortKey(b.date)) || compareAsc(a.text, b.text),
  );
  return options.limit === undefined ? entries : entries.slice(0, options.limit);
}

/**
 * Whether a timeline entry is still ahead: scheduled, and dated after the story's latest coverage
 * (a date that has passed since is part of the story's timeline, tagged as scheduled).
 */
export function isAhead(entry: TimelineEntry, lastPublished: string | null): boolean {
  if (entry.role !== 'scheduled') return false;
  const latest = lastPublished ? lastPublished.slice(0, 10) : '';
  // A month or a year is ahead when it ends after the latest coverage.
  const end = entry.date.length === 4 ? `${entry.date}-12-31` : entry.date.length === 7 ? `${entry.date}-31` : entry.date;
  return end > latest;
}

/** A story's own timeline in reading order: oldest first, background before news on the same day. */
export function storyTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort(
    (a, b) =>
      compareAsc(dateSortKey(a.date), dateSortKey(b.date)) || Number(b.background) - Number(a.background),
  );
}

export interface MovedFigure extends FigureMove {
  story: { slug: string; title: string };
  label: string;
  unit: string;
  sourceCount: number;
}

/**
 * Figures whose reported value changed as coverage went on (KeyFigure.moved, computed when the
 * explainer was assembled), newest change first.
 */
export function movedFigures(stories: Explainer[], limit = 6): MovedFigure[] {
  const moved: MovedFigure[] = [];
  for (const story of stories) {
    for (const figure of story.figures) {
      if (!figure.moved) continue;
      moved.push({ ...figure.moved, story: { slug: story.slug, title: story.title }, label: figure.label, unit: figure.unit, sourceCount: figure.sourceCount });
    }
  }
  return moved.sort((a, b) => compareDesc(a.latest.date, b.latest.date) || b.sourceCount - a.sourceCount).slice(0, limit);
}

/** Stories newest first by their latest coverage. */
export function latestFirst(stories: Explainer[]): Explainer[] {
  return [...stories].sort(
    (a, b) =>
      compareDesc(dateSortKey(a.lastPublished), dateSortKey(b.lastPublished)) || compareAsc(a.title, b.title),
  );
}

function compareAsc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareDesc(a: string, b: string): number {
  return compareAsc(b, a);
}
