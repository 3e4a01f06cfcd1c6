#!/usr/bin/env node
// Builds the static site in a process of its own, so that Astro and Vite never share a module
// graph or globals with the tracker. Configured entirely by environment variables:
//   TRACKER_DB             SQLite database to publish (read-only)
//   TRACKER_SITE_DATA      or a JSON file of site data, for development and tests
//   TRACKER_SITE_OUT_DIR   where the HTML goes (default site/dist)
//   TRACKER_SITE_BASE_URL  public address of the site (default http://localhost:4321/)
//   TRACKER_SITE_TITLE     site title, overriding the one in the data
//   TRACKER_SITE_CACHE_DIR Astro's cache, where entry digests persist (default site/node_modules/.astro)
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
// Astro lets process.env override its built-in import.meta.env values at render time, and test
// runners (vitest) export BASE_URL=/ and friends: inherited, they would undo the configured base.
for (const name of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'SITE', 'ASSETS_PREFIX']) delete process.env[name];

const siteDir = path.dirname(fileURLToPath(import.meta.url));

// The tracker holds the builders' lock while this runs. If it is killed (kill -9 leaves no time to
// stop its children), this build must not run on unlocked beside the next one: it exits as soon
// as it is orphaned.
const parentPid = process.ppid;
setInterval(() => { if (process.ppid !== parentPid) process.exit(3); }, 200).unref();

async function main() {
  if (!process.env.TRACKER_DB && !process.env.TRACKER_SITE_DATA) {
    throw new Error('set TRACKER_DB (the tracker database) or TRACKER_SITE_DATA (a JSON file of site data)');
  }
  if (process.env.TRACKER_DB) process.env.TRACKER_DB = path.resolve(process.env.TRACKER_DB);
  if (process.env.TRACKER_SITE_DATA) process.env.TRACKER_SITE_DATA = path.resolve(process.env.TRACKER_SITE_DATA);
  const outDir = path.resolve(process.env.TRACKER_SITE_OUT_DIR || path.join(siteDir, 'dist'));
  // The config file reads the same variable; setting it here keeps the two in agreement.
  process.env.TRACKER_SITE_OUT_DIR = outDir;
  const { build } = await import('astro');
  await build({ root: siteDir, outDir, logLevel: 'warn' });
}

main().then(
  () => process.exit(0),
  (error) => {
    const message = error instanceof Error ? error.message : String(error);
    const firstLine = message.split('\n').find((line) => line.trim() !== '') ?? 'unknown error';
    if (process.env.TRACKER_DEBUG && error instanceof Error) console.error(error.stack);
    console.error(`site build failed: ${firstLine.trim()}`);
    process.exit(1);
  },
);
