// Builds the static site from the database (or a JSON file of site data) by running the Astro
// build in a child process: Astro and Vite keep their own module graph, and a failed build
// cannot leave half-initialised state in the tracker's process.
import { spawn } from 'node:child_process';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { acquireFileLock, describeOwner } from '../db/fileLock.ts';
import { TrackerError } from '../errors.ts';

export interface BuildSiteOptions {
  /** The tracker's SQLite database; wins over dataFile when both are given. */
  dbPath?: string;
  /** A JSON file of site data ({ meta, topics, stories, articles }), for development and tests. */
  dataFile?: string;
  outDir: string;
  /** Public address of the site, e.g. https://example.org/tracker/ */
  baseUrl: string;
  title: string;
  /** Astro's cache (entry digests), one per output folder; default TRACKER_SITE_CACHE_DIR, else Astro's own. */
  cacheDir?: string;
}

export interface BuildSiteResult {
  /** Number of HTML files written. */
  pages: number;
  ms: number;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const siteDir = path.join(repoRoot, 'site');
const buildScript = path.join(siteDir, 'build.mjs');
const STDERR_TAIL_LINES = 20;
/**
 * Astro writes generated modules and types into site/.astro whatever the output folder, so two
 * builds at once (even of two databases) would read each other's half-written files: they take
 * turns on this lock. Waiting is long because the other build is making progress.
 */
const BUILD_LOCK = path.join(siteDir, '.astro-build.lock');
const BUILD_LOCK_WAIT_MS = 60 * 60_000;

export async function buildSite(options: BuildSiteOptions): Promise<BuildSiteResult> {
  if (!options.dbPath && !options.dataFile) {
    throw new Error('buildSite needs a database (dbPath) or a site data file (dataFile)');
  }
  const outDir = path.resolve(options.outDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    TRACKER_SITE_OUT_DIR: outDir,
    TRACKER_SITE_BASE_URL: options.baseUrl,
    TRACKER_SITE_TITLE: options.title,
  };
  // Only one source may reach the loaders; an inherited variable must not override the caller.
  delete env.TRACKER_DB;
  delete env.TRACKER_SITE_DATA;
  if (options.dbPath) env.TRACKER_DB = path.resolve(options.dbPath);
  else env.TRACKER_SITE_DATA = path.resolve(options.dataFile!);
  if (options.cacheDir) env.TRACKER_SITE_CACHE_DIR = path.resolve(options.cacheDir);

  const started = performance.now();
  const lock = await acquireFileLock(BUILD_LOCK, {
    what: 'the site builder', waitMs: BUILD_LOCK_WAIT_MS,
    onWait: (owner) => { if (process.env.TRACKER_DEBUG) process.stderr.write(`waiting for ${describeOwner(owner)} to finish its site build\n`); },
  });
  let code: number | null;
  let stderr: string;
  try {
    ({ code, stderr } = await runBuild(env));
  } finally {
    lock.release();
  }
  if (code !== 0) {
    const tail = stderr.trim().split('\n').slice(-STDERR_TAIL_LINES).join('\n');
    throw new TrackerError('site-build', `the site build failed (exit ${code}) writing ${outDir}: ${tail.split('\n').filter((line) => line.trim()).slice(-3).join(' / ') || '(no output)'}`, 'the live site was left as it was; TRACKER_DEBUG=1 shows the build\'s stack');
  }
  await removeBuildInternals(outDir);
  await writeSearchIndex(outDir, options.baseUrl);
  return { pages: await countHtmlFiles(outDir), ms: Math.round(performance.now() - started) };
}

/**
 * Astro keeps its server-side chunks inside the output folder only when that folder is inside its
 * working directory (site/); for any other output folder it uses site/.astro and, at the end,
 * copies that whole folder into the output: generated modules and the content collections'
 * schemas, which are no part of the site. They are removed here; the site itself never has
 * JavaScript modules at its top level or a /collections/ page.
 */
async function removeBuildInternals(outDir: string): Promise<void> {
  for (const entry of await readdir(outDir, { withFileTypes: true })) {
    const file = path.join(outDir, entry.name);
    const internal = entry.isFile() ? /\.(mjs|mjs\.map|d\.ts)$/.test(entry.name) || entry.name === 'settings.json'
      : entry.isDirectory() && (entry.name === 'collections' || entry.name === 'chunks');
    if (internal) await rm(file, { recursive: true, force: true });
  }
}

/** What /search/ fetches: one entry per page marked data-search-body (see the Base layout). */
export interface SearchIndex {
  pages: { url: string; title: string; text: string }[];
}
/** Characters of each page's text kept in the index: enough for its key points and sources. */
const SEARCH_TEXT_CHARS = 4000;

/**
 * Writes outDir/search-index.json for /search/ (site/public/search.js): the title and main text
 * of every page whose <main> carries data-search-body. URLs include the site's base path.
 */
async function writeSearchIndex(outDir: string, baseUrl: string): Promise<void> {
  const basePath = new URL(baseUrl).pathname.replace(/\/*$/, '/');
  const pages: SearchIndex['pages'] = [];
  for (const entry of await readdir(outDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name !== 'index.html') continue;
    const file = path.join(entry.parentPath, entry.name);
    const $ = cheerio.load(await readFile(file, 'utf8'));
    const main = $('main[data-search-body]');
    if (main.length === 0) continue;
    main.find('script, style, svg, .visually-hidden').remove();
    const title = (main.find('h1').first().text() || $('title').text()).replace(/\s+/g, ' ').trim();
    const text = main.text().replace(/\s+/g, ' ').trim().slice(0, SEARCH_TEXT_CHARS);
    const relative = path.relative(outDir, path.dirname(file)).split(path.sep).join('/');
    pages.push({ url: `${basePath}${relative ? `${relative}/` : ''}`, title, text });
  }
  pages.sort((a, b) => a.url.localeCompare(b.url));
  const index: SearchIndex = { pages };
  await writeFile(path.join(outDir, 'search-index.json'), JSON.stringify(index));
}

function runBuild(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [buildScript], { cwd: siteDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Astro logs warnings to stdout and errors to stderr; both are kept, in order, so that a
    // failure is reported with the warnings that led up to it. Only the tail is ever shown.
    let output = '';
    const keep = (chunk: string) => {
      output = (output + chunk).slice(-64 * 1024);
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', keep);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr: output }));
  });
}

async function countHtmlFiles(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) count += 1;
  }
  return count;
}
