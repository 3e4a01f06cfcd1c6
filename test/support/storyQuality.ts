// Compares the stories and topics in a database built from the sample corpus with the ground
// truth in samples/manifest.json. Used by the story-quality benchmark and the end-to-end test.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrackerDb } from '../../src/db/client.ts';

interface ManifestArticle { id: string; path: string; happening: string | null; topic: string | null; syndicatedFrom: string | null }
export interface Manifest { articles: ManifestArticle[]; happenings: { id: string; topic: string }[] }

export function loadManifest(): Manifest {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples/manifest.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

export interface QualityReport {
  precision: number; recall: number; singletons: number; stories: number; happenings: number;
  topicCorrect: number; topicTotal: number; falseIn: string[]; missed: string[];
}

export function evaluateClustering(db: TrackerDb, verbose = false): QualityReport {
  const manifest = loadManifest();
  const rows = db.$client.prepare(`
    SELECT a.url, sa.story_id AS story, (SELECT group_concat(topic) FROM article_topics t WHERE t.article_id = a.id) AS topics
    FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id`).all() as { url: string; story: string | null; topics: string | null }[];
  const byPath = new Map(manifest.articles.map((article) => [article.path.replace(/^\//, ''), article]));
  const labelled: { truth: ManifestArticle; story: string | null; topics: string[] }[] = [];
  for (const row of rows) {
    const pathname = new URL(row.url).pathname.replace(/^\//, '');
    const truth = byPath.get(pathname);
    if (truth) labelled.push({ truth, story: row.story, topics: row.topics ? row.topics.split(',') : [] });
  }
  let topicCorrect = 0;
  const falseIn: string[] = [];
  const missed: string[] = [];
  for (const item of labelled) {
    const expected = item.truth.topic;
    if (expected ? item.topics.includes(expected) : item.topics.length === 0) topicCorrect++;
    if (!expected && item.topics.length) falseIn.push(item.truth.id);
    if (expected && !item.topics.includes(expected)) missed.push(item.truth.id);
  }
  const clustered = labelled.filter((item) => item.truth.happening && item.story);
  let tp = 0; let fp = 0; let fn = 0;
  for (let i = 0; i < clustered.length; i++) {
    for (let j = i + 1; j < clustered.length; j++) {
      const same = clustered[i].truth.happening === clustered[j].truth.happening;
      const together = clustered[i].story === clustered[j].story;
      if (same && together) tp++; else if (together) fp++; else if (same) fn++;
    }
  }
  const sizes = new Map<string, number>();
  for (const item of clustered) sizes.set(item.story!, (sizes.get(item.story!) ?? 0) + 1);
  if (verbose) {
    const byStory = new Map<string, string[]>();
    for (const item of clustered) byStory.set(item.story!, [...(byStory.get(item.story!) ?? []), `${item.truth.happening}:${item.truth.id}`]);
    for (const [story, members] of byStory) console.log(story, members.join('  '));
  }
  return {
    precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1,
    singletons: [...sizes.values()].filter((size) => size === 1).length, stories: sizes.size,
    happenings: new Set(manifest.articles.map((article) => article.happening).filter(Boolean)).size,
    topicCorrect, topicTotal: labelled.length, falseIn, missed,
  };
}
