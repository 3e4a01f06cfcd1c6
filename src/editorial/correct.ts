// Recording an editor's correction of one fact (`tracker correct`). The fact is named by its stable
// key; the prefix says which table holds it. Only the fields that some output actually shows can be
// corrected (the export, the story explainers, the site), each value checked before it is stored.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { writeTransaction, type TrackerDb } from '../db/client.ts';
import { storiesOfFacts, markStoriesForAssembly } from '../stories/clusterStage.ts';
import { corrections, figures, events, quotes, claims, viewpoints, entities } from '../../db/schema.ts';
import { STANCES } from '../extract/stances.ts';
import type { Config } from '../config/schema.ts';
import { CorrectionOverlay, type CorrectionRow } from './corrections.ts';
import { EditorialError } from './errors.ts';
import { ENTITY_TYPES } from './registry.ts';

export type FactKind = 'figure' | 'event' | 'quote' | 'claim' | 'viewpoint' | 'entity';

/** Longest prefix first: an event key (ev_) also starts with "e". */
const KIND_OF_PREFIX: [string, FactKind][] = [['ev_', 'event'], ['vp_', 'viewpoint'], ['cl_', 'claim'], ['f_', 'figure'], ['q_', 'quote'], ['e_', 'entity']];
export const FACT_KEY_PREFIXES = ['f_', 'ev_', 'q_', 'cl_', 'vp_', 'e_'];

const tables = { figure: figures, event: events, quote: quotes, claim: claims, viewpoint: viewpoints, entity: entities } as const;

type FactRow = Record<string, unknown> & { id: string };

interface FieldRule {
  /** Turns what the editor typed into the stored value (null clears an optional field), or throws. */
  parse(value: string, fact: FactRow, config: Config): string | null;
  /** What a valid value looks like, for the error message. */
  expects: string;
}

const DATE_PRECISIONS = ['day', 'month', 'year'] as const;

function requiredText(value: string): string | null {
  const text = value.trim();
  if (!text) throw new Error('it cannot be empty (use --hide to drop the fact)');
  return text;
}

function optionalText(value: string): string | null {
  return value.trim() || null;
}

function number(minimum?: number) {
  return (value: string): string | null => {
    const cleaned = value.trim().replace(/[,_](?=\d{3}\b)/g, '');
    const parsed = cleaned === '' ? NaN : Number(cleaned);
    if (!Number.isFinite(parsed)) throw new Error('it is not a number');
    if (minimum !== undefined && parsed < minimum) throw new Error(`it is below ${minimum}`);
    return String(parsed);
  };
}

function oneOf(allowed: readonly string[]) {
  return (value: string): string | null => {
    const text = value.trim();
    if (!allowed.includes(text)) throw new Error('not an allowed value');
    return text;
  };
}

/** YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date; whether it fits the precision is checked with all fields set. */
function calendarDate(value: string): string | null {
  const text = value.trim();
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) throw new Error('write it as YYYY, YYYY-MM or YYYY-MM-DD');
  const [, year, month, day] = match;
  if (month && (Number(month) < 1 || Number(month) > 12)) throw new Error(`month ${month} does not exist`);
  if (day) {
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    if (date.getUTCMonth() !== Number(month) - 1) throw new Error(`${text} is not a date`);
  }
  return text;
}

function precisionOf(date: string): (typeof DATE_PRECISIONS)[number] {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

function viewpointLabel(value: string, fact: FactRow, config: Config): string | null {
  const topic = config.topics.find((candidate) => candidate.slug === fact.topic);
  const labels = topic?.viewpoints.map((viewpoint) => viewpoint.label) ?? [];
  if (labels.length === 0) throw new Error(`topic ${String(fact.topic)} has no viewpoint taxonomy in the config`);
  if (!labels.includes(value.trim())) throw new Error(`not a viewpoint of topic ${String(fact.topic)}, whose labels are ${labels.join(', ')}`);
  return value.trim();
}

/** The correctable fields of each kind of fact: each is shown by the export, the stories or the site. */
const FIELDS: Record<FactKind, Record<string, FieldRule>> = {
  figure: {
    value: { parse: number(), expects: 'a number' },
    unit: { parse: requiredText, expects: 'a unit (USD, EUR, %, count …)' },
    label: { parse: requiredText, expects: 'what the figure counts' },
    text: { parse: requiredText, expects: 'the figure as the site shows it ("$5.6 billion")' },
    claimant: { parse: optionalText, expects: 'who claims it (empty to clear)' },
  },
  event: {
    date: { parse: calendarDate, expects: 'YYYY, YYYY-MM or YYYY-MM-DD' },
    precision: { parse: oneOf(DATE_PRECISIONS), expects: `one of ${DATE_PRECISIONS.join(', ')}` },
    text: { parse: requiredText, expects: 'the text of the event' },
  },
  quote: {
    speaker: { parse: optionalText, expects: 'the speaker\'s name (empty to clear)' },
    text: { parse: requiredText, expects: 'the quoted words' },
  },
  claim: {
    claimant: { parse: optionalText, expects: 'whose statement it is: an organisation or person (empty to clear)' },
    speaker: { parse: optionalText, expects: 'the person who spoke (empty to clear)' },
    stance: { parse: oneOf(STANCES), expects: `one of ${STANCES.join(', ')}` },
    text: { parse: requiredText, expects: 'the statement as the source words it' },
  },
  viewpoint: {
    label: { parse: viewpointLabel, expects: 'a viewpoint label of the topic' },
    score: { parse: number(0), expects: 'a number of at least 0' },
  },
  entity: {
    name: { parse: requiredText, expects: 'the entity\'s name' },
    type: { parse: oneOf(ENTITY_TYPES), expects: `one of ${ENTITY_TYPES.join(', ')}` },
  },
};

/** Stored fields that no output shows: correcting them would change nothing anyone sees. */
const UNPUBLISHED: Record<FactKind, string[]> = {
  figure: ['qualifier'],
  event: ['endDate'],
  quote: ['speakerRole'],
  claim: ['sentence', 'isQuote'],
  viewpoint: ['cues', 'passage'],
  entity: ['aliases'],
};

export function correctableFields(kind: FactKind): string[] {
  return Object.keys(FIELDS[kind]);
}

export function kindOfKey(key: string): FactKind | null {
  return KIND_OF_PREFIX.find(([prefix]) => key.startsWith(prefix))?.[1] ?? null;
}

export interface FoundFact { kind: FactKind; key: string; row: FactRow; hidden: boolean; corrections: CorrectionRow[] }

/** The fact a key names, with the corrections already applied, or an error naming the key. */
export function findFact(db: TrackerDb, overlay: CorrectionOverlay, key: string): FoundFact {
  const kind = kindOfKey(key);
  if (!kind) {
    throw new EditorialError(`${key}: not a fact key; fact keys start with ${FACT_KEY_PREFIXES.join(', ')} (\`tracker facts <article>\` lists them)`);
  }
  const table = tables[kind];
  const row = db.select().from(table).where(eq(table.id, key)).get() as FactRow | undefined;
  if (!row) throw new EditorialError(`${key}: no ${kind} with this key in the database (\`tracker facts <article>\` lists the keys of an article's facts)`);
  const view = overlay.view(row);
  return { kind, key, row: view.row, hidden: view.hidden, corrections: view.corrections };
}

/** A short description of a fact, for messages and the "before" of a hidden fact. */
export function describeFact(kind: FactKind, row: FactRow): string {
  switch (kind) {
    case 'figure': return `${String(row.text)} (${String(row.value)} ${String(row.unit)}, ${String(row.label)})`;
    case 'event': return `${String(row.date)}: ${String(row.text)}`;
    case 'quote': return `${row.speaker ? `${String(row.speaker)}: ` : ''}“${String(row.text)}”`;
    case 'claim': return `${row.claimant ? String(row.claimant) : 'unattributed'} (${String(row.stance)}): ${String(row.text)}`;
    case 'viewpoint': return `${String(row.topic)}/${String(row.label)} (score ${String(row.score)})`;
    case 'entity': return `${String(row.name)} (${String(row.type)})`;
  }
}

function fieldName(raw: string): string {
  return raw.trim().replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

export interface CorrectionRequest {
  key: string;
  /** FIELD=VALUE pairs as typed. */
  set: string[];
  hide: boolean;
  reason: string;
  editor: string;
}

export interface RecordedCorrection { kind: FactKind; key: string; fact: string; articleId: string | null; corrections: CorrectionRow[]; notes: string[] }

export function recordCorrection(db: TrackerDb, config: Config, request: CorrectionRequest): RecordedCorrection {
  const reason = request.reason.trim();
  if (!reason) throw new EditorialError('say why with --reason TEXT: the reason is published with the correction');
  const editor = request.editor.trim();
  if (!editor) throw new EditorialError('give the editor\'s name with --editor NAME (or set $TRACKER_EDITOR)');
  if (request.hide && request.set.length) throw new EditorialError('give either --set FIELD=VALUE or --hide, not both');
  if (!request.hide && request.set.length === 0) throw new EditorialError(`say what to change: --set FIELD=VALUE (repeatable) or --hide`);

  const overlay = CorrectionOverlay.load(db);
  const fact = findFact(db, overlay, request.key);
  const { kind, key, row } = fact;
  const description = describeFact(kind, row);
  if (fact.hidden) throw new EditorialError(`${key}: this ${kind} is hidden (${fact.corrections.find((correction) => correction.hidden)?.reason ?? 'by an editor'}), so there is nothing to correct`);
  const at = new Date().toISOString();
  const newId = () => `c_${crypto.randomBytes(12).toString('base64url')}`;
  const base = { target: key, reason, editor, at };
  const articleId = typeof row.articleId === 'string' ? row.articleId : null;

  if (request.hide) {
    // Nothing of a hidden fact is published again, not even in the corrections log: before stays empty.
    const correction: CorrectionRow = { id: newId(), ...base, field: 'hidden', before: null, after: null, hidden: true };
    storeCorrections(db, [correction]);
    return { kind, key, fact: description, articleId, corrections: [correction], notes: [] };
  }

  const rules = FIELDS[kind];
  const changes = new Map<string, string | null>();
  for (const assignment of request.set) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) throw new EditorialError(`--set ${assignment}: write FIELD=VALUE, e.g. --set ${correctableFields(kind)[0]}=…`);
    const field = fieldName(assignment.slice(0, equals));
    const rule = rules[field];
    if (!rule) {
      const known = correctableFields(kind).join(', ');
      if (UNPUBLISHED[kind].includes(field)) throw new EditorialError(`${key}: the ${kind} field ${field} is not shown in the export, the stories or the site, so correcting it would change nothing; correctable ${kind} fields: ${known}`);
      throw new EditorialError(`${key}: this ${kind} has no correctable field "${field}"; correctable ${kind} fields: ${known}`);
    }
    if (changes.has(field)) throw new EditorialError(`--set ${field} is given twice`);
    let value: string | null;
    try {
      value = rule.parse(assignment.slice(equals + 1), row, config);
    } catch (error) {
      throw new EditorialError(`${key}: invalid ${field} "${assignment.slice(equals + 1)}": ${(error as Error).message} (expected ${rule.expects})`);
    }
    changes.set(field, value);
  }

  if (kind === 'event') {
    const date = (changes.get('date') ?? row.date) as string;
    const precision = (changes.get('precision') ?? row.precision) as string;
    if (precisionOf(date) !== precision) {
      throw new EditorialError(`${key}: date ${date} does not match precision ${precision} (a ${precision} is written ${precision === 'day' ? 'YYYY-MM-DD' : precision === 'month' ? 'YYYY-MM' : 'YYYY'}); set both, e.g. --set date=${date} --set precision=${precisionOf(date)}`);
    }
  }

  const current = (field: string): string | null => (row[field] === null || row[field] === undefined ? null : String(row[field]));
  const recorded: CorrectionRow[] = [];
  for (const [field, after] of changes) {
    const before = current(field);
    if (before === after) continue;
    recorded.push({ id: newId(), ...base, field, before, after, hidden: false });
  }
  if (recorded.length === 0) {
    throw new EditorialError(`${key}: ${[...changes.keys()].map((field) => `${field} is already ${current(field) ?? '(empty)'}`).join(', ')}; nothing recorded`);
  }
  storeCorrections(db, recorded);

  const notes: string[] = [];
  if (kind === 'figure' && (changes.has('value') || changes.has('unit')) && !changes.has('text')) {
    notes.push(`the site shows this figure as written ("${String(row.text)}"); add --set text=… to change that too`);
  }
  return { kind, key, fact: description, articleId, corrections: recorded, notes };
}

/**
 * Stores corrections and, in the same IMMEDIATE transaction, marks the stories that show the
 * corrected facts for reassembly: a correction recorded while a stage runs waits for that stage's
 * current commit, never fails on it, and is never missed by the next stories stage.
 */
function storeCorrections(db: TrackerDb, recorded: CorrectionRow[]): void {
  writeTransaction(db, (tx) => {
    for (const correction of recorded) tx.insert(corrections).values(correction).run();
    markStoriesForAssembly(tx, storiesOfFacts(tx, [...new Set(recorded.map((correction) => correction.target))]));
  });
}

export function listCorrections(db: TrackerDb, target?: string): CorrectionRow[] {
  const rows = target
    ? db.select().from(corrections).where(eq(corrections.target, target)).all()
    : db.select().from(corrections).all();
  return rows.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
}
