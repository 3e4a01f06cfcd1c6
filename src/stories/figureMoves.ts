// Figures that moved: a key figure whose value was reported differently on a later day. Computed
// when the explainer is assembled (KeyFigure.moved), so the site's home page and the export read
// the same answer.
import type { FigureMove, FigureReport, KeyFigure, StorySource } from './types.ts';

/** articleId → first publication day and outlet; a syndicated copy counts as its original. */
export function publicationDays(sources: StorySource[]): Map<string, { date: string | null; outlet: string }> {
  const published = new Map<string, { date: string | null; outlet: string }>();
  for (const source of sources) {
    const date = source.publishedAt ? source.publishedAt.slice(0, 10) : null;
    published.set(source.articleId, { date, outlet: source.outlet });
    for (const copy of source.copies) if (!published.has(copy.articleId)) published.set(copy.articleId, { date, outlet: source.outlet });
  }
  return published;
}

/**
 * The value first reported and the one most recently first reported, when the later one came out
 * on a later day and is another value; null otherwise. Ten times more or less (over three times,
 * in fact) is another quantity or a slip (a misplaced decimal), not a revision: the story page
 * shows that as a conflict between sources instead.
 */
export function figureMove(figure: Pick<KeyFigure, 'variants'>, published: Map<string, { date: string | null; outlet: string }>): FigureMove | null {
  const reports: FigureReport[] = [];
  for (const variant of figure.variants) {
    const dated = variant.articleIds.map((id) => published.get(id)).filter((entry): entry is { date: string; outlet: string } => !!entry?.date);
    dated.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    if (dated[0]) reports.push({ text: variant.text, value: variant.value, date: dated[0].date, outlet: dated[0].outlet });
  }
  reports.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (reports.length < 2) return null;
  const first = reports[0];
  const latest = reports[reports.length - 1];
  if (latest.date <= first.date || latest.value === first.value) return null;
  const ratio = Math.max(Math.abs(first.value), Math.abs(latest.value)) / Math.max(1e-9, Math.min(Math.abs(first.value), Math.abs(latest.value)));
  if (ratio > 3) return null;
  return { first, latest, direction: latest.value > first.value ? 'up' : 'down' };
}
