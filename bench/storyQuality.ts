// Clustering quality on the sample corpus: runs the pipeline on the bundled corpus and compares
// the stories with the happenings the corpus was written about (samples/manifest.json).
// Prints pairwise precision and recall, singleton stories, and topic assignment accuracy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSampleServer } from '../samples/server.ts';
import { parseConfig } from '../src/config/load.ts';
import { openDatabase, closeDatabase } from '../src/db/client.ts';
import { crawl } from '../src/crawl/crawl.ts';
import { extractStage } from '../src/extract/extractStage.ts';
import { clusterStage } from '../src/stories/clusterStage.ts';
import { evaluateClustering } from '../test/support/storyQuality.ts';

const verbose = process.argv.includes('--verbose');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-quality-'));
const server = await startSampleServer();
const threshold = process.argv.find((arg) => arg.startsWith('--threshold='))?.split('=')[1];
const config = parseConfig({ sources: server.sources, fetch: { allowPrivateHosts: true, minDelayMs: 0, perHostConcurrency: 8 }, ...(threshold ? { stories: { joinThreshold: Number(threshold) } } : {}) }, '(bench)');
const db = openDatabase(path.join(dir, 'q.sqlite'));
const t0 = performance.now();
await crawl(db, config);
const t1 = performance.now();
extractStage(db, config);
const t2 = performance.now();
clusterStage(db, config);
const t3 = performance.now();
await server.close();
const report = evaluateClustering(db, verbose);
console.log(`pipeline on the sample corpus: crawl ${(t1 - t0).toFixed(0)} ms, extract ${(t2 - t1).toFixed(0)} ms, stories ${(t3 - t2).toFixed(0)} ms`);
console.log(`topics: ${report.topicCorrect}/${report.topicTotal} articles with the right topic set (false in: ${report.falseIn.join(', ') || 'none'}; missed: ${report.missed.join(', ') || 'none'})`);
console.log(`stories: ${report.stories} for ${report.happenings} happenings; pairwise precision ${report.precision.toFixed(3)}, recall ${report.recall.toFixed(3)}; singletons ${report.singletons}`);
closeDatabase(db);
fs.rmSync(dir, { recursive: true, force: true });
