// Where the site's data comes from at build time: the tracker's SQLite database (TRACKER_DB, read
// through the publish stage's readSiteData) or, for development and the fast site test, a JSON
// file of the same shape (TRACKER_SITE_DATA).
import { readFileSync } from 'node:fs';
import type { Loader, LoaderContext } from 'astro/loaders';
import { readSiteData, type SiteData } from '../../../src/publish/siteData.ts';

let cached: SiteData | undefined;

/** Reads the site data once per build: the four collections share one read of the database. */
export function loadSiteData(): SiteData {
  if (cached) return cached;
  const dbPath = process.env.TRACKER_DB;
  const dataFile = process.env.TRACKER_SITE_DATA;
  let data: SiteData;
  if (dbPath) {
    data = readSiteData(dbPath);
  } else if (dataFile) {
    data = readDataFile(dataFile);
  } else {
    throw new Error(
      'No site data: set TRACKER_DB to the tracker database, or TRACKER_SITE_DATA to a JSON file of site data',
    );
  }
  cached = applyEnvironmentOverrides(data);
  return cached;
}

function readDataFile(file: string): SiteData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read site data file ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`Site data file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const record = parsed as Partial<SiteData> | null;
  for (const key of ['topics', 'stories', 'articles'] as const) {
    if (!record || !Array.isArray(record[key])) {
      throw new Error(`Site data file ${file} has no "${key}" array`);
    }
  }
  if (!record!.meta || typeof record!.meta !== 'object') {
    throw new Error(`Site data file ${file} has no "meta" object`);
  }
  if (record!.entities !== undefined && !Array.isArray(record!.entities)) {
    throw new Error(`Site data file ${file} has an "entities" value that is not an array`);
  }
  // Data written before entity pages existed has no entities, and before topics stored their
  // rules, topics without them: the site builds without those parts.
  const topics = record!.topics!.map((topic) => ({ ...topic, rules: topic.rules ?? null, viewpoints: topic.viewpoints ?? [] }));
  return { ...(record as SiteData), topics, entities: record!.entities ?? [] };
}

// The build command's title and address win over what the data says, so one database can be
// published under several names (staging, production).
function applyEnvironmentOverrides(data: SiteData): SiteData {
  const title = process.env.TRACKER_SITE_TITLE;
  const baseUrl = process.env.TRACKER_SITE_BASE_URL;
  return {
    ...data,
    meta: {
      ...data.meta,
      ...(title ? { title } : {}),
      ...(baseUrl ? { baseUrl } : {}),
    },
  };
}

type Entry = { id: string; data: unknown };

/** How an entry is checked: a zod schema of the story model, or a function in the same style. */
type Validator =
  | { safeParse: (data: unknown) => { success: true; data: unknown } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }
  | ((data: unknown) => { success: true; data: unknown } | { success: false; problem: string });

function validate(validator: Validator, data: unknown): { data: unknown } | { problem: string } {
  if (typeof validator === 'function') {
    const result = validator(data);
    return result.success ? { data: result.data } : { problem: result.problem };
  }
  const result = validator.safeParse(data);
  if (result.success) return { data: result.data };
  return { problem: result.error.issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || 'entry'}: ${issue.message}`).join('; ') };
}

/**
 * A content-layer loader over one part of the site data. Entries are validated against the story
 * model's schema (src/stories/types.ts); an entry whose digest is unchanged since the last build
 * is left alone, and an id that is no longer in the data is removed.
 */
export function siteDataLoader(name: string, entriesOf: (data: SiteData) => Entry[], validator: Validator): Loader {
  return {
    name: `tracker-${name}`,
    load: async (context: LoaderContext) => {
      const { store, logger, generateDigest } = context;
      const entries = entriesOf(loadSiteData());
      const seen = new Set<string>();
      let changed = 0;
      let rejected = 0;
      for (const entry of entries) {
        if (typeof entry.id !== 'string' || entry.id === '') {
          rejected += 1;
          logger.warn(`${name}: entry without an id skipped`);
          continue;
        }
        if (seen.has(entry.id)) {
          logger.warn(`${name}: duplicate id ${JSON.stringify(entry.id)} skipped`);
          continue;
        }
        seen.add(entry.id);
        const checked = validate(validator, entry.data);
        if ('problem' in checked) {
          // One malformed entry should not take the whole site down; it is named in the build log.
          rejected += 1;
          seen.delete(entry.id);
          logger.warn(`${name}: entry ${JSON.stringify(entry.id)} skipped: ${checked.problem}`);
          continue;
        }
        const data = checked.data as Record<string, unknown>;
        const digest = generateDigest(data);
        if (store.get(entry.id)?.digest === digest) continue;
        store.set({ id: entry.id, data, digest });
        changed += 1;
      }
      let removed = 0;
      for (const id of store.keys()) {
        if (!seen.has(id)) {
          store.delete(id);
          removed += 1;
        }
      }
      logger.info(`${name}: ${seen.size} entries (${changed} changed, ${removed} removed, ${rejected} rejected)`);
    },
  };
}
