// `npm run bench`: every benchmark in turn, each in its own process so one's warm caches do not
// flatter another. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const runner = path.resolve(here, '../bin/run-ts.mjs');
const benches = ['extract.ts', 'facts.ts', 'stories.ts', 'storyQuality.ts', 'explainers.ts', 'site.ts'].filter((name) => fs.existsSync(path.join(here, name)));
const runs: [string, string[]][] = benches.flatMap((name): [string, string[]][] => (name === 'facts.ts' ? [[name, []], [name, ['--gold', 'test/fixtures/facts-heldout']], [name, ['--gold', 'test/fixtures/facts-unseen']]] : [[name, []]]));
for (const [name, extra] of runs) {
  console.log(`\n== ${name.replace(/\.ts$/, '')}${extra.length ? ` ${extra.join(' ')}` : ''}`);
  const result = spawnSync(process.execPath, [runner, path.join(here, name), ...extra], { stdio: 'inherit', cwd: path.resolve(here, '..') });
  if (result.status !== 0) console.log(`(${name} exited with status ${result.status})`);
}
