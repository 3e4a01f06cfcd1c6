// The explainer as stored in stories.explainer (JSON), read back in one place: the cluster stage,
// the site data and the export all call readStoredExplainer. An explainer of an older version is
// upgraded on the way in (the cluster stage reassembles it at its next run); one that does not
// parse is reported and left out, never a crash of the whole build.
import { figureMove, publicationDays } from './figureMoves.ts';
import { EXPLAINER_VERSION, explainerSchema, type Explainer, type NotRepresented } from './types.ts';

export type StoredExplainerResult = { explainer: Explainer; upgraded: boolean } | { explainer: null; problem: string };

export function readStoredExplainer(json: string): StoredExplainerResult {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { explainer: null, problem: `not JSON: ${(error as Error).message}` };
  }
  return parseExplainer(raw);
}

/** An explainer from parsed JSON (the database, or a site-data file): upgraded when older, then validated. */
export function parseExplainer(raw: unknown): StoredExplainerResult {
  if (!raw || typeof raw !== 'object') return { explainer: null, problem: 'not an object' };
  const record = raw as Record<string, unknown>;
  const version = typeof record.version === 'number' ? record.version : 1;
  if (version > EXPLAINER_VERSION) return { explainer: null, problem: `written by a newer tracker (version ${version}, this one reads up to ${EXPLAINER_VERSION})` };
  let upgraded = record;
  if (version < 2) upgraded = upgradeFromVersion1(upgraded);
  if (version < 3) upgraded = upgradeToVersion3(upgraded);
  if (version < 4) upgraded = upgradeToVersion4(upgraded);
  if (version < 5) upgraded = upgradeToVersion5(upgraded);
  const parsed = explainerSchema.safeParse(upgraded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { explainer: null, problem: `${issue.path.join('.') || 'explainer'}: ${issue.message}` };
  }
  return { explainer: parsed.data, upgraded: version < EXPLAINER_VERSION };
}

/** The stored explainers of some rows, in order; those that cannot be read are named to `warn`. */
export function readStoredExplainers(rows: { id?: string; explainer: string }[], warn: (message: string) => void = () => {}): Explainer[] {
  const result: Explainer[] = [];
  for (const row of rows) {
    const read = readStoredExplainer(row.explainer);
    if (read.explainer) result.push(read.explainer);
    else warn(`story ${row.id ?? '(unknown)'} left out: stored explainer ${read.problem}`);
  }
  return result;
}

// Version 4 had no comparisons between figures: they come with the next assembly.
function upgradeToVersion5(record: Record<string, unknown>): Record<string, unknown> {
  const figures = Array.isArray(record.figures) ? record.figures.map((figure) => ({ comparedWith: [], ...(figure as object) })) : record.figures;
  return { ...record, version: EXPLAINER_VERSION, figures };
}

// Version 3 had no voices: they come with the next assembly.
function upgradeToVersion4(record: Record<string, unknown>): Record<string, unknown> {
  return { ...record, version: EXPLAINER_VERSION, voices: Array.isArray(record.voices) ? record.voices : [] };
}

// Version 2 had no timeline roles: a background flag alone.
function upgradeToVersion3(record: Record<string, unknown>): Record<string, unknown> {
  const timeline = Array.isArray(record.timeline)
    ? record.timeline.map((entry) => ({ ...(entry as object), role: (entry as { background?: unknown }).background === true ? 'background' : 'development' }))
    : record.timeline;
  return { ...record, version: EXPLAINER_VERSION, timeline };
}

// Version 1 (before 2026-12) stored "not represented" as finished sentences and had no moves.
function upgradeFromVersion1(record: Record<string, unknown>): Record<string, unknown> {
  const sources = Array.isArray(record.sources) ? record.sources : [];
  const published = publicationDays(sources as Explainer['sources']);
  const figures = Array.isArray(record.figures)
    ? record.figures.map((figure) => {
      const variants = Array.isArray((figure as { variants?: unknown }).variants) ? (figure as Explainer['figures'][number]).variants : [];
      return { ...(figure as object), moved: figureMove({ variants }, published) };
    })
    : record.figures;
  const notRepresented = Array.isArray(record.notRepresented)
    ? record.notRepresented.map((entry) => (typeof entry === 'string' ? notRepresentedFromSentence(entry, sources.length) : entry))
    : record.notRepresented;
  return { ...record, version: EXPLAINER_VERSION, figures, notRepresented };
}

function notRepresentedFromSentence(sentence: string, sourceCount: number): NotRepresented {
  const viewpoint = /^No source carries the viewpoint of (.+)$/.exec(sentence);
  // Version 1 wrote the viewpoint's name in lower case, after "of".
  if (viewpoint) return { kind: 'viewpoint', name: viewpoint[1].charAt(0).toUpperCase() + viewpoint[1].slice(1), ref: '', namedIn: 0, sourceCount };
  const actor = /^(.+?): named in (\d+) of (\d+) sources?, (.*)$/.exec(sentence);
  if (actor) {
    return { kind: /did not respond|declined/.test(actor[4]) ? 'declined' : 'unquoted', name: actor[1], ref: '', namedIn: Number(actor[2]), sourceCount: Number(actor[3]) };
  }
  return { kind: 'unquoted', name: sentence.split(':')[0] || sentence, ref: '', namedIn: 0, sourceCount };
}
