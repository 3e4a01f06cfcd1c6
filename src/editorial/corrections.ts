// Editors' corrections as an overlay: stored against a fact's stable key and applied every time
// facts are read for the export or the site, so a correction survives every later crawl and
// re-extraction.
import type { TrackerDb } from '../db/client.ts';
import { corrections } from '../../db/schema.ts';

export type CorrectionRow = typeof corrections.$inferSelect;

export class CorrectionOverlay {
  private readonly byTarget = new Map<string, CorrectionRow[]>();

  constructor(readonly all: CorrectionRow[]) {
    for (const row of [...all].sort((a, b) => a.at.localeCompare(b.at))) {
      const list = this.byTarget.get(row.target) ?? [];
      list.push(row);
      this.byTarget.set(row.target, list);
    }
  }

  static load(db: TrackerDb): CorrectionOverlay {
    return new CorrectionOverlay(db.select().from(corrections).all());
  }

  for(target: string): CorrectionRow[] {
    return this.byTarget.get(target) ?? [];
  }

  /** Applies the corrections to rows keyed by `id`; hidden facts are dropped. */
  apply<T extends { id: string }>(rows: T[]): T[] {
    if (this.byTarget.size === 0) return rows;
    const result: T[] = [];
    for (const row of rows) {
      const view = this.view(row);
      if (!view.hidden) result.push(view.row);
    }
    return result;
  }

  /** One row with its corrections applied, the corrections that apply to it, and whether it is
   * hidden: what `tracker facts` shows an editor, hidden facts included. */
  view<T extends { id: string }>(row: T): { row: T; corrections: CorrectionRow[]; hidden: boolean } {
    const list = this.byTarget.get(row.id);
    if (!list) return { row, corrections: [], hidden: false };
    const copy = { ...row } as Record<string, unknown>;
    for (const correction of list) {
      if (correction.hidden || !(correction.field in copy)) continue;
      const current = copy[correction.field];
      copy[correction.field] = typeof current === 'number' ? Number(correction.after) : correction.after;
    }
    return { row: copy as T, corrections: list, hidden: list.some((correction) => correction.hidden) };
  }
}
