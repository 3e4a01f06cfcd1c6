// Rewrites test/quality/baseline.json from a fresh measurement (`npm run bench:baseline`): run it
// when a change improves extraction quality, and commit the new baseline with the change. It also
// prints each figure beside the baseline it replaces and how much one item moves it (the basis of
// the gate's tolerance, see test/quality/facts.test.ts). A change that lowers a figure on purpose
// (a trade-off) is committed the same way; the baseline's diff shows the drop to the reviewer.
//
//   node bin/run-ts.mjs bench/qualityBaseline.ts [--check]   (--check: print, write nothing)
import fs from 'node:fs';
import path from 'node:path';
import { baselineFile, measureAll, oneItem, type Measures } from './quality.ts';
import { repoRoot } from './corpusPages.ts';

interface StoredFigure { value: number | null; n: number; d: number }
interface Baseline { note: string; sets: Record<string, { about: string; pages: number; figures: Record<string, StoredFigure> }> }

const check = process.argv.includes('--check');
const previous: Baseline | null = fs.existsSync(baselineFile) ? JSON.parse(fs.readFileSync(baselineFile, 'utf8')) as Baseline : null;
const measures: Measures = measureAll();

const fmt = (value: number | null | undefined) => (value === null || value === undefined || Number.isNaN(value) ? '  -   ' : value.toFixed(4));
console.log('set                  figure                         before   now      (n/d)        one item');
for (const [setName, set] of Object.entries(measures)) {
  for (const [name, figure] of Object.entries(set.figures)) {
    const before = previous?.sets[setName]?.figures[name];
    const beforeValue = before && before.d > 0 ? before.n / before.d : null;
    console.log(`${setName.padEnd(20)} ${name.padEnd(30)} ${fmt(beforeValue)}   ${fmt(figure.value)}   (${`${figure.n}/${figure.d})`.padEnd(12)} ${fmt(oneItem(name, figure))}`);
  }
}

const baseline: Baseline = {
  note: 'Extraction quality baseline for the regression gate in test/quality/ (tolerance and rules there). Written by `npm run bench:baseline`; value = n/d, rounded.',
  sets: Object.fromEntries(Object.entries(measures).map(([setName, set]) => [setName, {
    about: set.about,
    pages: set.pages,
    figures: Object.fromEntries(Object.entries(set.figures).map(([name, figure]) => [name, { value: Number.isNaN(figure.value) ? null : Number(figure.value.toFixed(4)), n: figure.n, d: figure.d }])),
  }])),
};
if (check) {
  console.log('\n--check: baseline not written');
} else {
  fs.mkdirSync(path.dirname(baselineFile), { recursive: true });
  fs.writeFileSync(baselineFile, JSON.stringify(baseline, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(repoRoot, baselineFile)}`);
}
