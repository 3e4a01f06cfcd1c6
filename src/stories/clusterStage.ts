// The cluster stage: group new articles into stories, then (re)assemble only the explainers of the stories
// that changed (new articles, or an editor's correction to one of their facts), link them to
// related stories through the inverted index of story terms, and turn stories without recent
// coverage dormant. The cost follows the new work, not the size of the archive.
import crypto from 'node:crypto';
import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { writeTransaction, type TrackerDb } from '../db/client.ts';
import { stories, articles, storyArticles, storyTerms, figures, events, quotes, claims, viewpoints, entityMentions } from '../../db/schema.ts';
import type { Config } from '../config/schema.ts';
import { CorrectionOverlay } from '../editorial/corrections.ts';
import { clusterArticles } from './cluster.ts';
import { assembleExplainer } from './explainer.ts';
import { cosine, topTerms, type TermVector } from './terms.ts';
import { EXPLAINER_VERSION, type Explainer } from './types.ts';
import { readStoredExplainer } from './storedExplainer.ts';

export interface ClusterStageSummary { assigned: number; newStories: number; duplicates: number; explainers: number; stories: number }

const DAY = 86400000;
const RELATED_LOOKUP_TERMS = 25;
const RELATED_CANDIDATES = 40;

/** The time statuses are measured against: now, or the newest article when the archive is older. */
export function referenceTime(db: TrackerDb): number {
  const newest = db.select({ at: sql<string | null>`max(${articles.publishedAt})` }).from(articles).get()?.at;
  return Math.min(Date.now(), newest ? Date.parse(newest) : Date.now());
}

/**
 * The stories that show any of these facts (keys f_, ev_, q_, vp_, e_, a_, or a story's own s_),
 * found through the facts' articles. Used when a correction is recorded, to mark them for
 * reassembly in the same transaction.
 */
export function storiesOfFacts(db: TrackerDb, targets: string[]): string[] {
  if (targets.length === 0) return [];
  const articleIds = new Set<string>();
  for (const table of [figures, events, quotes, claims, viewpoints]) {
    for (const row of db.select({ articleId: table.articleId }).from(table).where(inArray(table.id, targets)).all()) articleIds.add(row.articleId);
  }
  for (const target of targets) if (target.startsWith('a_')) articleIds.add(target);
  const entityTargets = targets.filter((target) => target.startsWith('e_'));
  if (entityTargets.length) {
    for (const row of db.selectDistinct({ articleId: entityMentions.articleId }).from(entityMentions).where(inArray(entityMentions.entityId, entityTargets)).all()) articleIds.add(row.articleId);
  }
  const direct = targets.filter((target) => target.startsWith('s_'));
  const viaArticles = articleIds.size
    ? db.selectDistinct({ id: storyArticles.storyId }).from(storyArticles).where(inArray(storyArticles.articleId, [...articleIds])).all().map((row) => row.id)
    : [];
  return [...new Set([...direct, ...viaArticles])];
}

/** Marks stories for reassembly by the next stories stage; call inside the transaction that changed them. */
export function markStoriesForAssembly(db: TrackerDb, storyIds: string[]): void {
  if (storyIds.length) db.update(stories).set({ needsAssembly: true }).where(inArray(stories.id, storyIds)).run();
}

function storyVector(db: TrackerDb, storyId: string): TermVector {
  return new Map(db.select({ term: storyTerms.term, weight: storyTerms.weight }).from(storyTerms).where(eq(storyTerms.storyId, storyId)).all().map((row) => [row.term, row.weight]));
}

/** Related stories: other stories sharing the story's main terms (an earlier wave, a later reversal). */
/**
 * Related stories: other stories sharing the story's distinctive terms (an earlier wave, a later
 * reversal). Only terms rare in the archive are looked up, so each posting list stays short
 * however large the archive grows.
 */
function relatedStories(db: TrackerDb, storyId: string, topic: string): Explainer['related'] {
  const mine = storyVector(db, storyId);
  if (mine.size === 0) return [];
  const total = db.$client.prepare('SELECT count(*) FROM stories').pluck().get() as number;
  const terms = [...mine.keys()];
  const storyCounts = new Map((db.$client.prepare(`SELECT term, count(*) AS n FROM story_terms WHERE term IN (${terms.map(() => '?').join(',')}) GROUP BY term`)
    .all(...terms) as { term: string; n: number }[]).map((row) => [row.term, row.n]));
  const rareLimit = Math.max(20, Math.ceil(total * 0.01));
  const lookup = [...mine].filter(([term]) => (storyCounts.get(term) ?? 0) <= rareLimit)
    .sort((a, b) => b[1] - a[1]).slice(0, RELATED_LOOKUP_TERMS).map(([term]) => term);
  if (lookup.length === 0) return [];
  const candidates = db.select({ id: storyTerms.storyId, overlap: sql<number>`sum(${storyTerms.weight})` }).from(storyTerms)
    .where(and(inArray(storyTerms.term, lookup), sql`${storyTerms.storyId} <> ${storyId}`))
    .groupBy(storyTerms.storyId).orderBy(sql`2 desc`).limit(RELATED_CANDIDATES).all();
  const scored: { id: string; score: number }[] = [];
  for (const candidate of candidates) {
    const other = db.select({ topic: stories.topic }).from(stories).where(eq(stories.id, candidate.id)).get();
    if (!other) continue;
    const score = cosine(mine, storyVector(db, candidate.id)) + (other.topic === topic ? 0.05 : 0);
    if (score >= 0.12) scored.push({ id: candidate.id, score });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, 4).flatMap(({ id }) => {
    const row = db.select({ id: stories.id, slug: stories.slug, title: stories.title }).from(stories).where(eq(stories.id, id)).get();
    return row ? [row] : [];
  });
}

function writeExplainer(db: TrackerDb, explainer: Explainer, previousDigest: string | null): boolean {
  const json = JSON.stringify(explainer);
  const digest = crypto.createHash('sha1').update(json).digest('hex');
  if (previousDigest === digest) return false;
  db.update(stories).set({
    explainer: json, digest, title: explainer.title, status: explainer.status,
    firstPublished: explainer.firstPublished, lastPublished: explainer.lastPublished, updatedAt: new Date().toISOString(),
  }).where(eq(stories.id, explainer.id)).run();
  return true;
}

/** Explainers assembled per write transaction: short enough that an editor's correction never waits long. */
const ASSEMBLY_BATCH = 25;

export function clusterStage(db: TrackerDb, config: Config, options: { all?: boolean } = {}): ClusterStageSummary {
  const clustered = clusterArticles(db, config);
  const now = referenceTime(db);
  const dormantBefore = new Date(now - config.stories.dormantAfterDays * DAY).toISOString();

  // What to reassemble is on disk, not in memory: a story marked by clustering, re-extraction or a
  // correction stays marked until its explainer is written, so a run killed halfway loses nothing.
  const toAssemble = db.select({ id: stories.id }).from(stories)
    .where(options.all ? undefined : or(
      eq(stories.needsAssembly, true), isNull(stories.explainer),
      // An explainer stored by an older (or newer) tracker is assembled again in today's shape.
      sql`coalesce(json_extract(${stories.explainer}, '$.version'), 1) <> ${EXPLAINER_VERSION}`,
    ))
    .orderBy(stories.id).all().map((row) => row.id);

  let written = 0;
  for (let start = 0; start < toAssemble.length; start += ASSEMBLY_BATCH) {
    const batch = toAssemble.slice(start, start + ASSEMBLY_BATCH);
    writeTransaction(db, (t) => {
      // Read inside the write transaction: a correction recorded while this batch is assembled
      // waits for the commit, and its mark then survives to the next run.
      const overlay = CorrectionOverlay.load(t);
      for (const id of batch) {
        const explainer = assembleExplainer(t, config, id, overlay, now);
        if (explainer) {
          explainer.related = relatedStories(t, id, explainer.topic);
          // The digest says "unchanged" only of an explainer stored in the current shape.
          const previous = t.select({ digest: stories.digest, version: sql<number | null>`json_extract(${stories.explainer}, '$.version')` })
            .from(stories).where(eq(stories.id, id)).get();
          if (writeExplainer(t, explainer, previous?.version === EXPLAINER_VERSION ? previous.digest : null)) written++;
        }
        t.update(stories).set({ needsAssembly: false }).where(eq(stories.id, id)).run();
      }
    });
  }
  const reassembled = new Set(toAssemble);
  writeTransaction(db, (t) => {
    // Time alone turns a story dormant (and a correction of dates could revive one): only stories
    // whose stored status disagrees with their dates are touched.
    const stale = t.select({ id: stories.id, explainer: stories.explainer, digest: stories.digest, status: stories.status, lastPublished: stories.lastPublished }).from(stories)
      .where(or(
        and(eq(stories.status, 'developing'), lt(stories.lastPublished, dormantBefore)),
        and(eq(stories.status, 'dormant'), gt(stories.lastPublished, dormantBefore)),
      )).all();
    for (const row of stale) {
      if (!row.explainer || reassembled.has(row.id)) continue;
      const { explainer } = readStoredExplainer(row.explainer);
      if (!explainer) continue;
      explainer.status = row.status === 'developing' ? 'dormant' : 'developing';
      if (writeExplainer(t, explainer, row.digest)) written++;
    }
  });
  const total = db.select({ n: sql<number>`count(*)` }).from(stories).get()?.n ?? 0;
  return { assigned: clustered.assigned, newStories: clustered.newStories, duplicates: clustered.duplicates, explainers: written, stories: total };
}
