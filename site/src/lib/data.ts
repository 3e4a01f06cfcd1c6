// The collections as the pages use them: plain typed arrays, in a stable order. Each is read from
// the content layer once per build and shared by every page: getCollection walks every entry on
// each call, which made page renders grow with the size of the whole archive. Pages must not
// mutate what they get.
import { getCollection, getEntry } from 'astro:content';
import type { Explainer, SiteArticle, SiteEntity, SiteMeta, SiteTopic } from '../../../src/stories/types.ts';
import { dateSortKey } from './format.ts';
import { latestFirst } from './story.ts';

export async function siteMeta(): Promise<SiteMeta> {
  const entry = await getEntry('meta', 'site');
  if (!entry) throw new Error('The site data has no meta entry (title, baseUrl, generatedAt)');
  return entry.data;
}

const memo = new Map<string, Promise<unknown>>();
function once<T>(name: string, read: () => Promise<T>): Promise<T> {
  let value = memo.get(name) as Promise<T> | undefined;
  if (!value) {
    value = read();
    memo.set(name, value);
  }
  return value;
}

export function allTopics(): Promise<SiteTopic[]> {
  return once('topics', readTopics);
}

async function readTopics(): Promise<SiteTopic[]> {
  const entries = await getCollection('topics');
  return entries.map((entry) => entry.data).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function allStories(): Promise<Explainer[]> {
  return once('stories', readStories);
}

async function readStories(): Promise<Explainer[]> {
  const entries = await getCollection('stories');
  return latestFirst(entries.map((entry) => entry.data));
}

/** Articles newest first; undated ones last. */
export function allArticles(): Promise<SiteArticle[]> {
  return once('articles', readArticles);
}

async function readArticles(): Promise<SiteArticle[]> {
  const entries = await getCollection('articles');
  return entries
    .map((entry) => entry.data)
    .sort((a, b) => {
      const left = dateSortKey(a.publishedAt);
      const right = dateSortKey(b.publishedAt);
      if (left !== right) return left < right ? 1 : -1;
      return a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
    });
}

/** Links between stories only to stories that are on the site (a dropped entry leaves no dead link). */
export function publishedRelated(story: Explainer, stories: Explainer[]): Explainer['related'] {
  const published = new Set(stories.map((s) => s.slug));
  return story.related.filter((related) => published.has(related.slug) && related.slug !== story.slug);
}

/** Entities by name. */
export function allEntities(): Promise<SiteEntity[]> {
  return once('entities', readEntities);
}

async function readEntities(): Promise<SiteEntity[]> {
  const entries = await getCollection('entities');
  return entries
    .map((entry) => entry.data)
    .sort((a, b) => compareText(a.name.toLowerCase(), b.name.toLowerCase()) || compareText(a.slug, b.slug));
}

/** Every correction of every story, newest first, with the story it belongs to. */
export function allCorrections(stories: Explainer[]) {
  return stories
    .flatMap((story) => story.corrections.map((correction) => ({ ...correction, storySlug: story.slug, storyTitle: story.title })))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? -1 : 1));
}

// Plain code-point order: the same on every machine, unlike locale collation.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
