// Publishing: build the site into a new folder beside the live one and swap it in when complete
// (see siteFolder.ts), with the output folder locked so two publishes take turns. A build that
// fails or is killed leaves the live site as it was.
import fs from 'node:fs';
import path from 'node:path';
import { buildSite, type BuildSiteResult } from './buildSite.ts';
import { buildsFolder, liveBuild, lockOutputFolder, newBuildFolder, readSiteMarker, removeOldBuilds, swapInBuild } from './siteFolder.ts';

export interface PublishSiteOptions {
  dbPath: string;
  /** Checked with checkOutputFolder. */
  outDir: string;
  baseUrl: string;
  title: string;
  /** What the site shows, summarised: equal digests from the same database mean nothing to rebuild. */
  digest: string;
  force?: boolean;
  /** How long to wait for another publish into the same folder. */
  waitMs?: number;
  log?: (line: string) => void;
}

export interface PublishSiteResult extends BuildSiteResult { outDir: string; skipped: boolean }

/** Files a complete build has; a build without them is never swapped in. */
const REQUIRED_FILES = ['index.html', 'search-index.json'];

export async function publishSite(options: PublishSiteOptions): Promise<PublishSiteResult> {
  const { outDir } = options;
  const database = path.resolve(options.dbPath);
  const lock = await lockOutputFolder(outDir, options.waitMs ?? 0, () => options.log?.(`waiting for another publish into ${outDir}`));
  try {
    const marker = readSiteMarker(outDir);
    if (!options.force && marker && marker.digest === options.digest && marker.database === database) {
      return { outDir, pages: 0, ms: 0, skipped: true };
    }
    const previous = liveBuild(outDir);
    // Builds abandoned by a killed publish go before a new one takes disk space.
    removeOldBuilds(outDir, previous);
    const buildDir = newBuildFolder(outDir);
    let result: BuildSiteResult;
    try {
      result = await buildSite({
        dbPath: options.dbPath, outDir: buildDir, baseUrl: options.baseUrl, title: options.title,
        cacheDir: path.join(buildsFolder(outDir), 'astro-cache'),
      });
      const missing = REQUIRED_FILES.filter((file) => !fs.existsSync(path.join(buildDir, file)));
      if (missing.length) throw new Error(`the site build finished without ${missing.join(' and ')}; the live site was left as it was`);
      swapInBuild(outDir, buildDir, { digest: options.digest, database, builtAt: new Date().toISOString() });
    } catch (error) {
      fs.rmSync(buildDir, { recursive: true, force: true });
      throw error;
    }
    removeOldBuilds(outDir, previous);
    return { outDir, ...result, skipped: false };
  } finally {
    lock.release();
  }
}
