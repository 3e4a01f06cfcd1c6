// `npm run bench:stories`: clustering cost per new article against synthetic archives of
// 10,000 and 100,000 articles (it must not grow with the archive), and explainer assembly time
// per story. The archive is written straight into a fresh SQLite file as already-clustered
// stories; then a batch of new articles is clustered on top of it and timed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, closeDatabase, type TrackerDb } from '../src/db/client.ts';
import { parseConfig } from '../src/config/load.ts';
import { clusterArticles } from '../src/stories/cluster.ts';
import { clusterStage } from '../src/stories/clusterStage.ts';
import { assembleExplainer } from '../src/stories/explainer.ts';
import { CorrectionOverlay } from '../src/editorial/corrections.ts';
import { textHash } from '../src/extract/fingerprint.ts';
import { topTerms, termVector } from '../src/stories/terms.ts';
import { minhashBands } from '../src/stories/nearDuplicates.ts';

const config = parseConfig({}, '(bench)');
const sizes = process.argv.includes('--quick') ? [2000, 10000] : [10000, 100000];
const NEW_ARTICLES = 300;
const DAY = 86400000;

// A deterministic pseudo-random generator, so runs are comparable.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const common = 'the a of to and in on for with that said would could officials company government new rules market analysts industry week report statement plan move decision companies chips models exports'.split(' ');
const topicWords = {
  'export-controls': 'export controls licence chips semiconductor commerce bureau entity list restrictions nvidia china accelerator rule tier'.split(' '),
  distillation: 'distillation model outputs training rival lab api terms service evidence accused harvested student teacher openai'.split(' '),
};

function syllableWord(next: () => number): string {
  const syllables = ['ka', 'lo', 'ven', 'tri', 'sor', 'mal', 'den', 'qui', 'rex', 'zan', 'pel', 'dor', 'fin', 'gar', 'hul', 'jen'];
  let word = '';
  const count = 2 + Math.floor(next() * 2);
  for (let i = 0; i < count; i++) word += syllables[Math.floor(next() * syllables.length)];
  return word;
}

interface Happening { topic: 'export-controls' | 'distillation'; words: string[]; start: number }

// Coverage density stays constant (about 40 articles a day), so a bigger archive means a longer
// history, as it does for a newsroom that keeps the tracker for years.
function makeHappenings(count: number, next: () => number): Happening[] {
  const start = Date.UTC(2015, 0, 1);
  const days = Math.max(30, Math.round((count * 10) / 40));
  return Array.from({ length: count }, () => ({
    topic: next() < 0.5 ? 'export-controls' : 'distillation',
    words: Array.from({ length: 12 }, () => syllableWord(next)),
    start: start + Math.floor(next() * days) * DAY,
  }));
}

function articleText(happening: Happening, next: () => number): { title: string; text: string } {
  const pick = (list: string[]) => list[Math.floor(next() * list.length)];
  const sentence = () => {
    const words: string[] = [];
    for (let i = 0; i < 18; i++) {
      const roll = next();
      words.push(roll < 0.35 ? pick(happening.words) : roll < 0.6 ? pick(topicWords[happening.topic]) : pick(common));
    }
    return `${words.join(' ')}.`;
  };
  const title = Array.from({ length: 8 }, () => (next() < 0.5 ? pick(happening.words) : pick(topicWords[happening.topic]))).join(' ');
  const paragraphs = Array.from({ length: 8 }, () => Array.from({ length: 3 }, sentence).join(' '));
  return { title, text: paragraphs.join('\n\n') };
}

function buildArchive(db: TrackerDb, size: number, next: () => number): Happening[] {
  const happenings = makeHappenings(Math.ceil(size / 10), next);
  const client = db.$client;
  const insertArticle = client.prepare(`INSERT INTO articles (id, url, canonical_url, outlet, title, published_at, text, word_count, text_hash, extracted_at, facts_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertTopic = client.prepare('INSERT INTO article_topics (article_id, topic, score, cues) VALUES (?, ?, 10, \'[]\')');
  const insertStory = client.prepare(`INSERT INTO stories (id, slug, topic, title, status, first_published, last_published, updated_at) VALUES (?, ?, ?, ?, 'dormant', ?, ?, ?)`);
  const insertMember = client.prepare('INSERT INTO story_articles (story_id, article_id, similarity) VALUES (?, ?, 1)');
  const insertTerm = client.prepare('INSERT OR REPLACE INTO story_terms (term, story_id, weight) VALUES (?, ?, ?)');
  const insertBand = client.prepare('INSERT OR IGNORE INTO article_bands (band, article_id) VALUES (?, ?)');
  const now = new Date().toISOString();
  client.transaction(() => {
    happenings.forEach((happening, index) => {
      const storyId = `s_bench${index}`;
      const first = new Date(happening.start).toISOString();
      const last = new Date(happening.start + 5 * DAY).toISOString();
      insertStory.run(storyId, `bench-${index}`, happening.topic, happening.words.slice(0, 5).join(' '), first, last, now);
      const vector = new Map<string, number>();
      for (let k = 0; k < 10 && index * 10 + k < size; k++) {
        const id = `a_bench${index}_${k}`;
        const { title, text } = articleText(happening, next);
        const published = new Date(happening.start + Math.floor(next() * 5) * DAY).toISOString();
        insertArticle.run(id, `https://bench.example/${id}`, `https://bench.example/${id}`, `Outlet ${k}`, title, published, text, 200, textHash(text), now, now);
        insertTopic.run(id, happening.topic);
        insertMember.run(storyId, id);
        for (const band of minhashBands(text)) insertBand.run(band, id);
        for (const [term, weight] of termVector(title, text.slice(0, 1500), [])) vector.set(term, (vector.get(term) ?? 0) + weight);
      }
      for (const [term, weight] of topTerms(vector, 60)) insertTerm.run(term, storyId, weight);
    });
  })();
  return happenings;
}

function addNewArticles(db: TrackerDb, happenings: Happening[], next: () => number, batch: string): void {
  const client = db.$client;
  const insertArticle = client.prepare(`INSERT INTO articles (id, url, canonical_url, outlet, title, published_at, text, word_count, text_hash, extracted_at, facts_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertTopic = client.prepare('INSERT INTO article_topics (article_id, topic, score, cues) VALUES (?, ?, 10, \'[]\')');
  const now = new Date().toISOString();
  client.transaction(() => {
    for (let i = 0; i < NEW_ARTICLES; i++) {
      const happening = happenings[Math.floor(next() * happenings.length)];
      const id = `a_${batch}${i}`;
      const { title, text } = articleText(happening, next);
      const published = new Date(happening.start + Math.floor(next() * 6) * DAY).toISOString();
      insertArticle.run(id, `https://new.example/${id}`, `https://new.example/${id}`, 'New Outlet', title, published, text, 200, textHash(text), now, now);
      insertTopic.run(id, happening.topic);
    }
  })();
}

for (const size of sizes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-bench-stories-'));
  const db = openDatabase(path.join(dir, 'bench.sqlite'));
  const next = random(42);
  const buildStart = performance.now();
  const happenings = buildArchive(db, size, next);
  const buildMs = performance.now() - buildStart;
  // The archive's explainers exist already: a run only assembles what the new articles touch.
  db.$client.prepare("UPDATE stories SET explainer = '{}', digest = 'bench'").run();
  addNewArticles(db, happenings, next, 'new');
  const clusterStart = performance.now();
  const summary = clusterArticles(db, config);
  const clusterMs = performance.now() - clusterStart;
  const overlay = CorrectionOverlay.load(db);
  const storyIds = summary.touchedStories.slice(0, 50);
  const assembleStart = performance.now();
  for (const id of storyIds) assembleExplainer(db, config, id, overlay, Date.now());
  const assembleMs = performance.now() - assembleStart;
  addNewArticles(db, happenings, next, 'stage');
  const stageStart = performance.now();
  const stage = clusterStage(db, config);
  const stageMs = performance.now() - stageStart;
  console.log(`archive ${size.toLocaleString('en')} articles: whole stories stage (clustering, explainers, related, statuses) ${(stageMs / NEW_ARTICLES).toFixed(2)} ms per new article (${stage.explainers} explainers written)`);
  console.log(`archive ${size.toLocaleString('en')} articles (built in ${(buildMs / 1000).toFixed(1)} s): clustering ${(clusterMs / NEW_ARTICLES).toFixed(2)} ms per new article (${NEW_ARTICLES} new, ${summary.newStories} new stories), explainer assembly ${(assembleMs / Math.max(1, storyIds.length)).toFixed(1)} ms per story`);
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
}
