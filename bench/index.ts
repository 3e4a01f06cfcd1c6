// `npm run bench`: every benchmark in turn, each in its own process so one's warm caches do not
// flatter another. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const runner = path.resolve(here, '../bin/run-ts.mjs');
const benches = ['extract.ts', 'facts.ts', 'stories.ts', 'storyQuality.ts', 'site.ts'].filter((name) => fs.existsSync(path.join(here, name)));
for (const name of benches) {
  console.log(`\n== ${name.replace(/\.ts$/, '')}`);
  const result = spawnSync(process.execPath, [runner, path.join(here, name)], { stdio: 'inherit' });
  if (result.status !== 0) console.log(`(${name} exited with status ${result.status})`);
}
