// Where a published site lives, and how a new build replaces the live one without ever deleting
// anything that is not the tracker's own output or taking the site down.
//
// The output folder (`site/dist`) is a symbolic link to one complete build in a folder beside it
// (`site/.dist.builds/<build>/`). A build is written into a new folder there; only when it is
// complete (pages, stylesheet, search index, marker) does a new link replace the old one by
// rename(2), which is atomic: a reader sees the old site or the new one, never half of either.
// The previous build is kept (readers in flight, and a way back); older and abandoned ones are
// removed, but only inside the builds folder, and only folders the tracker made.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireFileLock, type FileLock } from '../db/fileLock.ts';
import { TrackerError } from '../errors.ts';

/** A build's own record, written into it last: what was built, from which database, when. */
export const SITE_MARKER = '.tracker-site';
/** The marker older versions wrote into a site folder they built (a digest and the database path). */
const LEGACY_MARKER = '.tracker-build';
const BUILD_PREFIX = 'build-';

export class OutputFolderError extends TrackerError {
  constructor(message: string, hint: string | null = null) { super('site-folder', message, hint); }
}

export interface SiteMarker { digest: string; database: string; builtAt: string }

const repoRoot = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** The folder beside the output folder that holds its builds: site/dist → site/.dist.builds */
export function buildsFolder(outDir: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}.builds`);
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function realOrSelf(file: string): string {
  try { return fs.realpathSync(file); } catch { return path.resolve(file); }
}

/**
 * Checks that `out` may hold the site, and returns it resolved. Refused: an empty value (an unset
 * shell variable), `/`, the home folder, the repository, the current folder or any folder that
 * holds one of them or the database, a file, a link the tracker did not make, and a folder that
 * holds anything but a site this tracker built.
 */
export function checkOutputFolder(out: string, databasePath: string | null): string {
  if (!out || !out.trim()) throw new OutputFolderError('the output folder is empty (an unset variable?); give --out a folder for the site');
  const outDir = path.resolve(out);
  if (Buffer.byteLength(path.basename(outDir)) > 200 || Buffer.byteLength(outDir) > 3000) {
    throw new OutputFolderError(`the output folder name is too long (${outDir.length} characters)`);
  }
  const realOut = realOrSelf(outDir);
  const protectedFolders: [string, string][] = [
    [path.parse(outDir).root, 'the root folder'], [os.homedir(), 'your home folder'], [repoRoot, "the tracker's own folder"], [process.cwd(), 'the current folder'],
  ];
  if (databasePath && databasePath !== ':memory:') protectedFolders.push([path.dirname(path.resolve(databasePath)), "the database's folder"]);
  for (const [folder, name] of protectedFolders) {
    if (isInside(realOrSelf(folder), realOut) || isInside(folder, outDir)) {
      throw new OutputFolderError(`refusing to publish into ${outDir}: it is or holds ${name}; give --out a folder of its own, such as site/dist`);
    }
  }
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return outDir;
    if ((error as NodeJS.ErrnoException).code === 'ENAMETOOLONG') throw new OutputFolderError('the output folder name is too long');
    throw new OutputFolderError(`cannot use ${outDir} for the site: ${(error as Error).message}`);
  }
  if (stat.isSymbolicLink()) {
    const target = path.resolve(path.dirname(outDir), fs.readlinkSync(outDir));
    if (isInside(target, buildsFolder(outDir))) return outDir;
    throw new OutputFolderError(`refusing to publish into ${outDir}: it is a link to ${target}, which the tracker did not make`);
  }
  if (!stat.isDirectory()) throw new OutputFolderError(`refusing to publish into ${outDir}: it is a file, not a folder`);
  const entries = fs.readdirSync(outDir);
  if (entries.length === 0 || entries.includes(SITE_MARKER) || entries.includes(LEGACY_MARKER)) return outDir;
  const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '');
  throw new OutputFolderError(`refusing to publish into ${outDir}: it holds files the tracker did not write (${shown}); give --out an empty or new folder`);
}

/** The marker of the site that is live in `outDir`, if the tracker built it. */
export function readSiteMarker(outDir: string): SiteMarker | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(outDir, SITE_MARKER), 'utf8')) as Partial<SiteMarker>;
    return typeof parsed.digest === 'string' && typeof parsed.database === 'string' ? { digest: parsed.digest, database: parsed.database, builtAt: String(parsed.builtAt ?? '') } : null;
  } catch {
    return null;
  }
}

/** Takes the output folder's lock: two publishes into one folder (even from two databases) take turns. */
export function lockOutputFolder(outDir: string, waitMs: number, onWait?: () => void): Promise<FileLock> {
  return acquireFileLock(path.join(buildsFolder(outDir), '.lock'), { what: `the site folder ${outDir}`, waitMs, onWait });
}

/** A new, empty folder for one build, beside the live one. */
export function newBuildFolder(outDir: string): string {
  const builds = buildsFolder(outDir);
  fs.mkdirSync(builds, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const folder = fs.mkdtempSync(path.join(builds, `${BUILD_PREFIX}${stamp}-`));
  // mkdtemp makes the folder private (0700); a web server running as another user must read it.
  fs.chmodSync(folder, 0o755);
  return folder;
}

/**
 * Makes `buildDir` the live site: writes its marker, points a new link at it, and renames the link
 * over `outDir` (atomic). A folder at `outDir` from an older version, or an empty one, is moved
 * into the builds folder first (the only moment without a site, once, on upgrading).
 */
export function swapInBuild(outDir: string, buildDir: string, marker: SiteMarker): void {
  fs.writeFileSync(path.join(buildDir, SITE_MARKER), `${JSON.stringify(marker)}\n`);
  const builds = buildsFolder(outDir);
  const link = path.join(path.dirname(outDir), `.${path.basename(outDir)}.link-${process.pid}`);
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(path.dirname(outDir), buildDir), link, 'dir');
  let stat: fs.Stats | null = null;
  try { stat = fs.lstatSync(outDir); } catch { /* not there yet */ }
  if (stat && stat.isDirectory() && !stat.isSymbolicLink()) {
    if (fs.readdirSync(outDir).length === 0) fs.rmdirSync(outDir);
    else fs.renameSync(outDir, fs.mkdtempSync(path.join(builds, `${BUILD_PREFIX}previous-`)) + '/site');
  }
  fs.renameSync(link, outDir);
}

/**
 * Removes builds that are neither live nor the one before it: older builds, and builds a killed
 * publish abandoned. Call with the output folder's lock held, so no build is in progress.
 */
export function removeOldBuilds(outDir: string, keepPrevious: string | null): string[] {
  const builds = buildsFolder(outDir);
  const keep = new Set([liveBuild(outDir), keepPrevious].filter((folder): folder is string => !!folder).map((folder) => topBuild(builds, folder)));
  const removed: string[] = [];
  let entries: fs.Dirent[] = [];
  try { entries = fs.readdirSync(builds, { withFileTypes: true }); } catch { return removed; }
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(BUILD_PREFIX)) continue;
    const folder = path.join(builds, entry.name);
    if (keep.has(folder)) continue;
    fs.rmSync(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  // Links left by a publish killed between making its link and renaming it.
  for (const name of fs.readdirSync(path.dirname(outDir))) {
    if (name.startsWith(`.${path.basename(outDir)}.link-`)) fs.rmSync(path.join(path.dirname(outDir), name), { force: true });
  }
  return removed;
}

/** The build folder directly inside `builds` that holds `folder` (a legacy site sits one level down). */
function topBuild(builds: string, folder: string): string {
  const relative = path.relative(builds, folder);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return folder;
  return path.join(builds, relative.split(path.sep)[0]);
}

/** The build that is live now, to keep as "previous" after the next swap. */
export function liveBuild(outDir: string): string | null {
  try { return path.resolve(path.dirname(outDir), fs.readlinkSync(outDir)); } catch { return null; }
}
