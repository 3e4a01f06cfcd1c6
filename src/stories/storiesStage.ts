// The stories stage: cluster new articles, then (re)assemble the explainers of the stories that
// changed, refresh statuses, and link related stories.
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { TrackerDb } from '../db/client.ts';
import { stories, articles, corrections } from '../../db/schema.ts';
import type { Config } from '../config/schema.ts';
import { CorrectionOverlay } from '../editorial/corrections.ts';
import { clusterArticles } from './cluster.ts';
import { assembleExplainer } from './explainer.ts';
import { cosine, type TermVector } from './terms.ts';
import type { Explainer } from './types.ts';

export interface StoriesSummary { assigned: number; newStories: number; duplicates: number; explainers: number; stories: number }

/** The time statuses are measured against: now, or the newest article when the archive is older. */
export function referenceTime(db: TrackerDb): number {
  const newest = db.select({ at: sql<string | null>`max(${articles.publishedAt})` }).from(articles).get()?.at;
  return Math.min(Date.now(), newest ? Date.parse(newest) : Date.now());
}

export function storiesStage(db: TrackerDb, config: Config, options: { all?: boolean } = {}): StoriesSummary {
  const clustered = clusterArticles(db, config);
  const overlay = CorrectionOverlay.load(db);
  const now = referenceTime(db);
  // Corrections can touch any story, so a run after a correction reassembles them all; otherwise only touched ones.
  const lastCorrection = db.select({ at: sql<string | null>`max(${corrections.at})` }).from(corrections).get()?.at ?? null;
  const allStories = db.select().from(stories).all();
  const touched = new Set(clustered.touchedStories);
  const toAssemble = allStories.filter((story) => options.all || touched.has(story.id) || !story.explainer || (lastCorrection && lastCorrection > story.updatedAt));

  const explainers = new Map<string, Explainer>();
  for (const story of allStories) {
    if (story.explainer) explainers.set(story.id, JSON.parse(story.explainer) as Explainer);
  }
  for (const story of toAssemble) {
    const explainer = assembleExplainer(db, config, story.id, overlay, now);
    if (explainer) explainers.set(story.id, explainer);
  }
  // Status can change with time alone; related links with every new story. Both are cheap.
  linkRelated(db, config, explainers);
  let written = 0;
  db.transaction((tx) => {
    for (const explainer of explainers.values()) {
      const dormantAfter = config.stories.dormantAfterDays * 86400000;
      explainer.status = explainer.lastPublished && now - Date.parse(explainer.lastPublished) <= dormantAfter ? 'developing' : 'dormant';
      const json = JSON.stringify(explainer);
      const digest = crypto.createHash('sha1').update(json).digest('hex');
      const current = allStories.find((story) => story.id === explainer.id);
      if (current?.digest === digest) continue;
      tx.update(stories).set({
        explainer: json, digest, title: explainer.title, status: explainer.status,
        firstPublished: explainer.firstPublished, lastPublished: explainer.lastPublished, updatedAt: new Date().toISOString(),
      }).where(eq(stories.id, explainer.id)).run();
      written++;
    }
  });
  return { assigned: clustered.assigned, newStories: clustered.newStories, duplicates: clustered.duplicates, explainers: written, stories: explainers.size };
}

function storyVector(db: TrackerDb, storyId: string): TermVector {
  const rows = db.$client.prepare('SELECT term, weight FROM story_terms WHERE story_id = ?').all(storyId) as { term: string; weight: number }[];
  return new Map(rows.map((row) => [row.term, row.weight]));
}

/** Related stories: same topic, similar terms (for example an earlier wave of the same dispute). */
function linkRelated(db: TrackerDb, config: Config, explainers: Map<string, Explainer>): void {
  const vectors = new Map([...explainers.keys()].map((id) => [id, storyVector(db, id)]));
  for (const explainer of explainers.values()) {
    const mine = vectors.get(explainer.id)!;
    explainer.related = [...explainers.values()]
      .filter((other) => other.id !== explainer.id)
      .map((other) => ({ other, score: cosine(mine, vectors.get(other.id)!) + (other.topic === explainer.topic ? 0.05 : 0) }))
      .filter((entry) => entry.score >= 0.12)
      .sort((a, b) => b.score - a.score)
      .slice(0, 4)
      .map((entry) => ({ id: entry.other.id, slug: entry.other.slug, title: entry.other.title }));
  }
  void config;
}
