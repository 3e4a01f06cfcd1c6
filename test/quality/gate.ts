// The comparison behind the extraction-quality gate (facts.test.ts, bodies.test.ts): every figure a
// set measures now against test/quality/baseline.json. Figures are compared as exact ratios of
// counts (n/d), so the gate is deterministic: nothing is timed or sampled.
import fs from 'node:fs';
import { baselineFile, type SetMeasure } from '../../bench/quality.ts';

interface StoredFigure { value: number | null; n: number; d: number }
interface Baseline { sets: Record<string, { pages: number; figures: Record<string, StoredFigure> }> }

export const inCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

export function readBaseline(): Baseline {
  return JSON.parse(fs.readFileSync(baselineFile, 'utf8')) as Baseline;
}

const fmt = (value: number) => value.toFixed(4);

/** One line per figure that fell by more than `tolerance` (empty when the set holds its baseline);
 *  figures above their baseline by more than the tolerance are reported through `onImproved`. */
export function regressions(setName: string, measured: SetMeasure, tolerance: number, onImproved?: (line: string) => void): string[] {
  const stored = readBaseline().sets[setName];
  if (!stored) return [`${setName}: not in test/quality/baseline.json (run npm run bench:baseline)`];
  const failures: string[] = [];
  if (stored.pages !== measured.pages) {
    failures.push(`${setName}: ${measured.pages} pages scored, the baseline was measured on ${stored.pages}: the set changed, so measure it again (npm run bench:baseline) and commit the new baseline with the change`);
  }
  for (const [name, base] of Object.entries(stored.figures)) {
    const now = measured.figures[name];
    if (!now) { failures.push(`${setName} ${name}: no longer measured`); continue; }
    if (base.d === 0 || now.d === 0) continue; // nothing to score, then or now
    const before = base.n / base.d;
    const fall = before - now.value;
    // The 1e-9 keeps a fall of exactly the tolerance (in floating point) on the passing side.
    if (fall > tolerance + 1e-9) {
      failures.push(`${setName} ${name}: ${fmt(now.value)} (${now.n}/${now.d}), baseline ${fmt(before)} (${base.n}/${base.d}): down ${fmt(fall)}, more than the tolerance ${tolerance}`);
    } else if (-fall > tolerance + 1e-9) {
      onImproved?.(`${setName} ${name}: ${fmt(now.value)}, baseline ${fmt(before)}: up ${fmt(-fall)} (npm run bench:baseline records it)`);
    }
  }
  return failures;
}
