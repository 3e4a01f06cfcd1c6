// What the reliability tests share: the real `tracker` in a child process that can be killed at a
// chosen moment, the export reduced to what must be equal between two databases built from the
// same sources, and a look into a database left behind by a killed process.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot, runTracker } from './cli.ts';
import { exportSchema, type ExportShape } from '../../src/publish/exportSchema.ts';

const bin = path.join(repoRoot, 'bin/tracker.mjs');

export interface Spawned { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> }

export function spawnTracker(args: string[], env: NodeJS.ProcessEnv = {}): Spawned {
  const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the command and kills it with SIGKILL after `ms` (if it is still running then). */
export async function killAfter(args: string[], ms: number, env: NodeJS.ProcessEnv = {}): Promise<{ killed: boolean; stderr: string }> {
  const spawned = spawnTracker(args, env);
  const timer = setTimeout(() => spawned.child.kill('SIGKILL'), ms);
  const result = await spawned.done;
  clearTimeout(timer);
  return { killed: result.signal === 'SIGKILL', stderr: result.stderr };
}

/**
 * Runs the command and kills it with SIGKILL as soon as `ready()` is true (polled every 25 ms):
 * a kill at a chosen point of progress, not at a guessed time. Returns whether it was still running.
 */
export async function killWhen(args: string[], ready: () => boolean, env: NodeJS.ProcessEnv = {}): Promise<{ killed: boolean; stderr: string }> {
  const spawned = spawnTracker(args, env);
  let finished = false;
  void spawned.done.then(() => { finished = true; });
  while (!finished) {
    let now = false;
    try { now = ready(); } catch { /* the database may not exist yet */ }
    if (now) { spawned.child.kill('SIGKILL'); break; }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const result = await spawned.done;
  return { killed: result.signal === 'SIGKILL', stderr: result.stderr };
}

/** Runs the command and fails the test with its output when it does not exit 0. */
export async function mustRun(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  const result = await runTracker(args, { env: options.env, timeoutMs: options.timeoutMs ?? 180_000 });
  if (result.code !== 0) throw new Error(`tracker ${args.join(' ')} exited ${result.code}\n${result.stderr}`);
  return result.stdout;
}

export async function exportOf(db: string, config: string): Promise<ExportShape> {
  return exportSchema.parse(JSON.parse(await mustRun(['export', '--config', config, '--db', db])));
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
const sorted = (values: string[]) => [...values].sort();

/**
 * The export as two databases built from the same sources must agree on it: the time of the
 * export left out, every list in a stable order. Articles, stories, entities and facts stay whole.
 */
export function comparable(exported: ExportShape): unknown {
  return {
    articles: byId(exported.articles),
    stories: byId(exported.stories).map((story) => ({ ...story, articleIds: sorted(story.articleIds) })),
    entities: byId(exported.entities).map((entity) => ({ ...entity, aliases: sorted(entity.aliases), articleIds: sorted(entity.articleIds) })),
    figures: byId(exported.figures),
    events: byId(exported.events),
    quotes: byId(exported.quotes),
    corrections: byId(exported.corrections),
  };
}

/** A short account of two exports' differences, for a failure message. */
export function differences(a: ExportShape, b: ExportShape): string {
  const lines: string[] = [];
  for (const key of ['articles', 'stories', 'entities', 'figures', 'events', 'quotes'] as const) {
    const left = new Map((a[key] as { id: string }[]).map((row) => [row.id, JSON.stringify(row)]));
    const right = new Map((b[key] as { id: string }[]).map((row) => [row.id, JSON.stringify(row)]));
    const missing = [...left.keys()].filter((id) => !right.has(id));
    const extra = [...right.keys()].filter((id) => !left.has(id));
    const changed = [...left.keys()].filter((id) => right.has(id) && left.get(id) !== right.get(id));
    if (missing.length || extra.length || changed.length) {
      lines.push(`${key}: ${missing.length} missing, ${extra.length} extra, ${changed.length} changed${changed.length ? ` (e.g. ${left.get(changed[0])!.slice(0, 300)} → ${right.get(changed[0])!.slice(0, 300)})` : ''}`);
    }
  }
  return lines.join('\n') || 'no differences by id (order or nested lists differ)';
}

/** Row counts of a database a killed process left behind (opened read-only; it may lack tables). */
export function counts(db: string): Record<string, number> {
  if (!fs.existsSync(db)) return {};
  const sqlite = new Database(db, { readonly: true });
  try {
    const result: Record<string, number> = {};
    for (const table of ['documents', 'articles', 'story_articles', 'stories']) {
      try { result[table] = sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number; } catch { result[table] = 0; }
    }
    return result;
  } finally {
    sqlite.close();
  }
}

/** A copy of a database (closed by its writer, so the main file holds everything). */
export function copyDatabase(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

/** A random whole number of milliseconds between `low` and `high`, from a seeded generator. */
export function randomBetween(random: () => number, low: number, high: number): number {
  return Math.round(low + random() * (high - low));
}

/** mulberry32: a small seeded generator, so a failing trial can be run again with its seed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
