// Text from the web printed to an editor's terminal: `tracker facts`, `tracker correct --list`,
// `tracker entities list` and `tracker sources` print a page's escape sequences, C1 controls and
// bidi overrides as a visible placeholder, and their --json output escapes them (and still
// round-trips the text). The database holds rows as an older extraction or a hostile source left
// them (extraction now strips control characters before storing anything).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PLACEHOLDER, terminalJson, terminalText } from '../../src/cli/terminal.ts';
import { runTrackerInProcess } from '../support/cli.ts';

/** What a terminal acts on: C0 controls except tab and newline, DEL, C1, bidi embeddings/overrides/isolates, U+2028/9. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const hostile = {
  title: 'Chip rules \u001b[2J\u001b[Hcleared \u001b]0;owned\u0007title \u202Egnp.exe',
  outlet: 'Evil \u001b[31mNews',
  speaker: 'Jane \u001b[8mDoe',
  quote: 'Export \u0007controls \u2066work\u2069 \u009b1m well\u007f',
  figure: '$5.5\u0000 billion',
  entity: 'Evil\u001b[5m Corp',
  reason: 'typo \u202Ereversed',
  sourceName: 'Bad \u001b]8;;https://evil.example\u001b\\Feed\u001b]8;;\u001b\\',
  sourceError: 'parse-error: \u009b2J junk \u0085 here\r overwritten',
};

let dir: string;
let config: string;
let db: string;

const tracker = (args: string[]) => runTrackerInProcess([...args, '--config', config, '--db', db]);

async function stdoutOf(args: string[]): Promise<string> {
  const result = await tracker(args);
  expect(result.code, `tracker ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

/** Human-readable output: nothing a terminal acts on, the placeholder where it stood, the text around it kept. */
function expectSafe(output: string, ...visible: string[]): void {
  expect(output).not.toMatch(UNSAFE);
  expect(output).toContain(PLACEHOLDER);
  for (const text of visible) expect(output).toContain(text);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-terminal-'));
  config = path.join(dir, 'tracker.config.yaml');
  db = path.join(dir, 'tracker.sqlite');
  fs.writeFileSync(config, 'fetch:\n  minDelayMs: 0\n');
  await stdoutOf(['sources']); // creates and migrates the database
  const sqlite = new Database(db);
  const now = '2025-03-04T10:00:00.000Z';
  sqlite.prepare(`INSERT INTO sources (url, name, kind, last_status, last_error, consecutive_failures, items_seen, created_at, origin)
    VALUES ('https://evil.example/feed', ?, 'rss', 'parse-error', ?, 2, 0, ?, 'config')`).run(hostile.sourceName, hostile.sourceError, now);
  sqlite.prepare(`INSERT INTO articles (id, url, canonical_url, outlet, title, text, word_count, text_hash, extracted_at, facts_at)
    VALUES ('a_hostile', 'https://evil.example/a', 'https://evil.example/a', ?, ?, 'text', 1, 'h', ?, ?)`).run(hostile.outlet, hostile.title, now, now);
  sqlite.prepare(`INSERT INTO quotes (id, article_id, speaker, text, start, end) VALUES ('q_hostile', 'a_hostile', ?, ?, 0, 10)`).run(hostile.speaker, hostile.quote);
  sqlite.prepare(`INSERT INTO figures (id, article_id, value, unit, label, text, sentence, start, end)
    VALUES ('f_hostile', 'a_hostile', 5500000000, 'USD', 'charge', ?, ?, 0, 5)`).run(hostile.figure, `It took a ${hostile.figure} charge.`);
  sqlite.prepare(`INSERT INTO entities (id, name, type, aliases, origin) VALUES ('e_hostile', ?, 'organization', '[]', 'detected')`).run(hostile.entity);
  sqlite.prepare(`INSERT INTO entity_mentions (id, entity_id, article_id, surface, sentence, start, end) VALUES ('m_hostile', 'e_hostile', 'a_hostile', ?, 'x', 0, 4)`).run(hostile.entity);
  sqlite.prepare(`INSERT INTO corrections (id, target, field, before, after, reason, editor, at, hidden)
    VALUES ('c_hostile', 'f_hostile', 'label', 'charge', ?, ?, 'Test Editor', ?, 0)`).run(hostile.quote, hostile.reason, now);
  sqlite.close();
}, 60_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('terminalText and terminalJson', () => {
  it('replace what a terminal acts on and keep everything else', () => {
    expect(terminalText('a\u001b[31mb\u009bc\u202Ed\u2066e\u007ff\rg')).toBe(`a${PLACEHOLDER}[31mb${PLACEHOLDER}c${PLACEHOLDER}d${PLACEHOLDER}e${PLACEHOLDER}f${PLACEHOLDER}g`);
    const ordinary = 'Café “quoted” — 中文 العربية 😀\tcol\nnext line';
    expect(terminalText(ordinary)).toBe(ordinary);
  });

  it('write valid JSON with every such character escaped, which parses back to the same text', () => {
    const value = { ...hostile, nested: [hostile.quote, { deeper: '\u2028\u2029' }] };
    const json = terminalJson(value);
    expect(json).not.toMatch(UNSAFE);
    expect(json).toContain('\\u009b');
    expect(json).toContain('\\u202e');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('commands that print text from the web', () => {
  it('tracker facts', async () => {
    const output = await stdoutOf(['facts', 'a_hostile']);
    expectSafe(output, 'Chip rules', 'cleared', 'Evil', 'News', 'Jane', 'Doe', 'well', 'Export', 'Corp', 'typo');
    const json = await stdoutOf(['facts', 'a_hostile', '--json']);
    expect(json).not.toMatch(UNSAFE);
    const facts = JSON.parse(json) as { article: { title: string; outlet: string }; quotes: { speaker: string; text: string }[]; figures: { text: string; label: string; corrections: { reason: string }[] }[]; entities: { name: string }[] };
    expect(facts.article.title).toBe(hostile.title);
    expect(facts.article.outlet).toBe(hostile.outlet);
    expect(facts.quotes[0]).toMatchObject({ speaker: hostile.speaker, text: hostile.quote });
    expect(facts.figures[0]).toMatchObject({ text: hostile.figure, label: hostile.quote });
    expect(facts.figures[0].corrections[0].reason).toBe(hostile.reason);
    expect(facts.entities[0].name).toBe(hostile.entity);
  });

  it('tracker correct --list', async () => {
    expectSafe(await stdoutOf(['correct', '--list']), 'f_hostile', 'label: charge →', 'controls', 'typo');
    const json = await stdoutOf(['correct', '--list', '--json']);
    expect(json).not.toMatch(UNSAFE);
    expect(JSON.parse(json)).toMatchObject([{ target: 'f_hostile', after: hostile.quote, reason: hostile.reason }]);
  });

  it('tracker entities list --detected', async () => {
    expectSafe(await stdoutOf(['entities', 'list', '--detected']), 'e_hostile', 'Corp');
    const json = await stdoutOf(['entities', 'list', '--detected', '--json']);
    expect(json).not.toMatch(UNSAFE);
    expect((JSON.parse(json) as { detected: { name: string }[] }).detected[0].name).toBe(hostile.entity);
  });

  it('tracker sources', async () => {
    const output = await stdoutOf(['sources']);
    expectSafe(output, 'Bad', 'Feed', 'https://evil.example/feed', 'junk', 'overwritten');
    // Each field keeps to its line: the name, the URL, the status and the last error.
    expect(output.split('\n').filter((line) => line.startsWith('  last error: '))).toHaveLength(1);
    const json = await stdoutOf(['sources', '--json']);
    expect(json).not.toMatch(UNSAFE);
    expect((JSON.parse(json) as { name: string; lastError: string }[])[0]).toMatchObject({ name: hostile.sourceName, lastError: hostile.sourceError });
  });
});
