// The editors' commands as an editor uses them, on a database built from the sample corpus (served
// on loopback, crawled, extracted and clustered once for the whole file): `tracker facts` shows an
// article's facts with their keys, `tracker correct` changes or hides one (seen in the export at
// once and in the stories after `tracker cluster`), and `tracker entities` extends the registry
// (seen in the export after `tracker extract`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSampleServer, type SampleServer } from '../../samples/server.ts';
import { runTracker, runTrackerInProcess, type CliResult } from '../support/cli.ts';
import { exportSchema, type ExportShape } from '../../src/publish/exportSchema.ts';

let server: SampleServer;
let dir: string;
let config: string;
let db: string;
/** The export as of the last change the tests made, so that a test does not ask for it again. */
let snapshot: ExportShape;

/** `tracker ARGS` on the shared database, as editor "Test Editor" unless the test says otherwise. */
function tracker(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runTrackerInProcess([...args, '--config', config, '--db', db], { env: { TRACKER_EDITOR: 'Test Editor', ...env } });
}

async function ok(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await tracker(args, env);
  expect(result.code, `tracker ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

async function exported(): Promise<ExportShape> {
  return exportSchema.parse(JSON.parse(await ok(['export'])));
}

/** A user error: exit 1, one line on stderr, no stack trace. */
async function refused(args: string[]): Promise<string> {
  const result = await tracker(args);
  expect(result.code, `tracker ${args.join(' ')} should fail\n${result.stdout}`).toBe(1);
  expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain('unexpected error');
  return result.stderr;
}

interface Reviewed { key: string; hidden: boolean; corrections: { field: string; before: string | null; after: string | null; reason: string; editor: string }[] }
interface FactsJson {
  article: { id: string; url: string };
  topics: { topic: string; score: number; cues: string[] }[];
  entities: (Reviewed & { name: string; type: string; origin: string; mentions: { surface: string; count: number }[] })[];
  figures: (Reviewed & { value: number; unit: string; label: string; text: string })[];
  events: (Reviewed & { date: string; precision: string; text: string })[];
  quotes: (Reviewed & { speaker: string | null; text: string })[];
  viewpoints: (Reviewed & { topic: string; label: string; score: number; cues: string[] })[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function facts(article: string): Promise<FactsJson> {
  return JSON.parse(await ok(['facts', article, '--json'])) as FactsJson;
}

beforeAll(async () => {
  server = await startSampleServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-editorial-'));
  config = path.join(dir, 'tracker.config.yaml');
  db = path.join(dir, 'tracker.sqlite');
  const sources = server.sources.map((source) => `  - url: ${source.url}\n    name: "${source.name}"`).join('\n');
  fs.writeFileSync(config, `fetch:\n  allowPrivateHosts: true\n  minDelayMs: 0\nsources:\n${sources}\n`);
  // The pipeline without the site build: the editors' commands read and write the database only.
  for (const stage of ['crawl', 'extract', 'cluster']) await ok([stage]);
  snapshot = await exported();
}, 120000);

afterAll(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('tracker facts', () => {
  it('lists every fact of an article with the keys that tracker correct accepts', async () => {
    const { articles, figures, events, quotes, entities } = snapshot;
    // The on-topic article with the most facts, so that each kind of key is tried.
    const count = (id: string) => [figures, events, quotes].map((rows) => rows.filter((row) => row.articleId === id).length);
    const richest = articles.filter((article) => article.topics.length > 0 && count(article.id).every((n) => n > 0) && entities.some((entity) => entity.articleIds.includes(article.id)))
      .sort((a, b) => count(b.id).reduce((x, y) => x + y) - count(a.id).reduce((x, y) => x + y))[0];
    expect(richest, 'an article with entities, figures, events and quotes').toBeDefined();
    // By id as JSON, and by URL as text: one line per fact, starting with its key.
    const [article, text] = await Promise.all([facts(richest.id), ok(['facts', richest.url])]);
    expect(article.article.id).toBe(richest.id);
    for (const kind of ['entities', 'figures', 'events', 'quotes', 'viewpoints'] as const) expect(article[kind].length, kind).toBeGreaterThan(0);
    expect(article.topics[0].cues.length).toBeGreaterThan(0);
    expect(article.entities[0].mentions[0].surface).toBeTruthy();
    expect(article.viewpoints[0].cues.length).toBeGreaterThan(0);

    const keysInText = [...text.matchAll(/^ {2}((?:f|ev|q|vp|e)_[\w-]+)\s/gm)].map((match) => match[1]);
    const keysInJson = [article.entities, article.figures, article.events, article.quotes, article.viewpoints].flat().map((fact) => fact.key);
    expect(new Set(keysInText)).toEqual(new Set(keysInJson));
    expect(text).toContain(article.figures[0].text);
    expect(text).toContain(`${article.topics[0].topic}  score`);

    // Each kind of key is found by tracker correct: the complaint is about the field, never the key.
    const keys = [article.entities[0].key, article.figures[0].key, article.events[0].key, article.quotes[0].key, article.viewpoints[0].key];
    const complaints = await Promise.all(keys.map((key) => refused(['correct', key, '--set', 'nosuchfield=1', '--reason', 'probe'])));
    keys.forEach((key, index) => {
      expect(complaints[index]).toContain(`${key}: this `);
      expect(complaints[index]).toContain('no correctable field "nosuchfield"; correctable');
    });
  });
});

describe('tracker correct', () => {
  it('corrects a figure value: the export shows it at once, the story after tracker cluster', async () => {
    const before = snapshot;
    // A key figure reported by one source, which states it once: its value is that source's figure.
    let target: { slug: string; value: number; key: string; articleId: string } | undefined;
    for (const story of before.stories) {
      for (const figure of story.figures.filter((candidate) => candidate.articleIds.length === 1)) {
        const sameUnit = before.figures.filter((row) => row.articleId === figure.articleIds[0] && row.unit === figure.unit);
        if (sameUnit.length === 1 && sameUnit[0].value === figure.value) { target = { slug: story.slug, value: figure.value, key: sameUnit[0].id, articleId: figure.articleIds[0] }; break; }
      }
      if (target) break;
    }
    expect(target, 'a key figure with one source').toBeDefined();
    const { slug, value, key, articleId } = target!;
    const corrected = value * 3;

    const stdout = await ok(['correct', key, '--set', `value=${corrected}`, '--reason', 'The filing gives a different number']);
    expect(stdout).toContain(`value: ${value} → ${corrected}`);
    expect(stdout).toContain('tracker cluster');

    const now = await exported();
    expect(now.figures.find((figure) => figure.id === key)?.value).toBe(corrected);
    expect(now.corrections).toContainEqual(expect.objectContaining({ target: key, field: 'value', before: String(value), after: String(corrected), editor: 'Test Editor', reason: 'The filing gives a different number' }));
    // Stories are reassembled by the stories stage, not by the correction itself.
    expect(now.stories.find((story) => story.slug === slug)!.figures.some((figure) => figure.value === corrected)).toBe(false);

    expect(await ok(['cluster'])).toMatch(/[1-9]\d* explainers updated/);
    const [after, text] = await Promise.all([exported(), ok(['facts', articleId])]);
    snapshot = after;
    const story = after.stories.find((candidate) => candidate.slug === slug)!;
    expect(story.figures.some((figure) => figure.value === corrected && figure.articleIds.includes(articleId))).toBe(true);
    expect(story.figures.some((figure) => figure.value === value && figure.articleIds.includes(articleId))).toBe(false);
    // tracker facts marks it corrected, with the old value, the editor and the reason.
    expect(text).toMatch(new RegExp(`${escape(key)}\\s+\\[corrected\\] ${escape(String(corrected))}[^\\n]*\\n\\s+${escape(`corrected value: ${value} → ${corrected} (Test Editor`)}`));
  });

  it('hides a quote: it leaves the export, and tracker facts shows it as hidden', async () => {
    const quote = snapshot.quotes.find((candidate) => candidate.speaker)!;
    const stdout = await ok(['correct', quote.id, '--hide', '--reason', 'Misattributed by the outlet'], { TRACKER_EDITOR: 'Night Desk' });
    expect(stdout).toContain('hidden: dropped from the export, the stories and the site');

    const [after, json, list, again] = await Promise.all([
      exported(), facts(quote.articleId), ok(['correct', '--list']), refused(['correct', quote.id, '--set', 'speaker=Someone Else', '--reason', 'x']),
    ]);
    expect(after.quotes.some((candidate) => candidate.id === quote.id)).toBe(false);
    expect(after.quotes).toHaveLength(snapshot.quotes.length - 1);
    snapshot = after;
    // The correction is listed without republishing the hidden words.
    expect(after.corrections.find((correction) => correction.target === quote.id)).toMatchObject({ field: 'hidden', before: null, after: null, editor: 'Night Desk', reason: 'Misattributed by the outlet' });
    expect(list).toContain(`${quote.id}  hidden  (Night Desk: Misattributed by the outlet)`);
    expect(json.quotes.find((candidate) => candidate.key === quote.id)).toMatchObject({ hidden: true, text: quote.text });
    expect(again).toContain('is hidden');
  });

  it('corrects an event date together with its precision, and an entity type', async () => {
    const event = snapshot.events.find((candidate) => candidate.precision === 'day')!;
    const entity = snapshot.entities.find((candidate) => candidate.type === 'person' && candidate.articleIds.length > 0)!;
    const month = event.date.slice(0, 7);
    await Promise.all([
      ok(['correct', event.id, '--set', `date=${month}`, '--set', 'precision=month', '--reason', 'only the month is known']),
      ok(['correct', entity.id, '--set', 'type=organization', '--reason', 'it is a firm']),
    ]);
    snapshot = await exported();
    expect(snapshot.events.find((candidate) => candidate.id === event.id)).toMatchObject({ date: month, precision: 'month' });
    expect(snapshot.entities.find((candidate) => candidate.id === entity.id)?.type).toBe('organization');
  });

  it('corrects a claim\'s claimant and stance: the export and tracker facts show it, a wrong stance is refused', async () => {
    expect(snapshot.claims.length).toBeGreaterThan(0);
    const claim = snapshot.claims.find((candidate) => candidate.claimant && !candidate.quote)!;
    await ok(['correct', claim.id, '--set', 'claimant=Test Claimant Corp', '--set', 'stance=denies', '--reason', 'the denial came from the parent company']);
    const [after, json, wrong] = await Promise.all([exported(), facts(claim.articleId), refused(['correct', claim.id, '--set', 'stance=shrugs', '--reason', 'x'])]);
    snapshot = after;
    expect(after.claims.find((candidate) => candidate.id === claim.id)).toMatchObject({ claimant: 'Test Claimant Corp', stance: 'denies', text: claim.text });
    expect((json as unknown as { claims: (Reviewed & { claimant: string })[] }).claims.find((candidate) => candidate.key === claim.id)).toMatchObject({ claimant: 'Test Claimant Corp' });
    expect(wrong).toContain('one of accuses, denies, confirms, warns, declines, no-response, says');
  });

  it('refuses an unknown key, article, field or value in one line, naming what is wrong', async () => {
    const figure = snapshot.figures[0];
    const event = snapshot.events.find((candidate) => candidate.precision === 'day')!;
    const cases: [string[], string][] = [
      [['correct', 'f_noSuchFactKey00', '--set', 'value=1', '--reason', 'x'], 'f_noSuchFactKey00: no figure with this key'],
      [['correct', figure.id, '--set', 'qualifier=about', '--reason', 'x'], 'would change nothing'],
      [['correct', figure.id, '--set', 'value=lots', '--reason', 'x'], 'invalid value "lots": it is not a number'],
      [['correct', figure.id, '--set', 'value', '--reason', 'x'], 'write FIELD=VALUE'],
      [['correct', figure.id, '--set', 'value=1'], '--reason'],
      [['correct', event.id, '--set', `date=${event.date.slice(0, 7)}`, '--reason', 'x'], 'does not match precision day'],
      [['correct', event.id, '--set', 'date=2025-02-30', '--reason', 'x'], '2025-02-30 is not a date'],
      [['correct', snapshot.entities[0].id, '--set', 'type=company', '--reason', 'x'], 'one of person, organization, model, product, place, law, other'],
      [['facts', 'a_doesNotExist'], 'no article a_doesNotExist'],
    ];
    const complaints = await Promise.all(cases.map(([args]) => refused(args)));
    cases.forEach(([args, message], index) => expect(complaints[index], args.join(' ')).toContain(message));
  });
});

describe('tracker entities', () => {
  it('lists the built-in registry and, with --detected, what the detector found', async () => {
    const [json, badType] = await Promise.all([ok(['entities', 'list', '--detected', '--json']), refused(['entities', 'list', '--type', 'company'])]);
    const listing = JSON.parse(json) as { registry: { name: string; origin: string }[]; detected: { key: string; articles: number }[] };
    expect(listing.registry.find((entry) => entry.name === 'OpenAI')?.origin).toBe('built-in');
    expect(listing.detected.length).toBeGreaterThan(0);
    expect(listing.detected[0].articles).toBeGreaterThanOrEqual(listing.detected[listing.detected.length - 1].articles);
    expect(badType).toContain('unknown entity type "company"');
  });

  it('adds an entity: after tracker extract the articles that mention it name it, as a registry entity', async () => {
    // "Persian Gulf" never occurs in the corpus, so only the registry can name it.
    expect(snapshot.entities.some((entity) => entity.name === 'Persian Gulf')).toBe(false);
    const mentioning = snapshot.articles.filter((article) => article.topics.length > 0 && /(?<![\w.-])Gulf(?![\w-])/.test(article.text));
    expect(mentioning.length).toBeGreaterThan(0);

    const stdout = await ok(['entities', 'add', 'Persian Gulf', '--type', 'place', '--alias', 'Gulf', '--note', 'the coverage says "the Gulf"']);
    expect(stdout).toContain('added to the registry: Persian Gulf  place  added by Test Editor');
    const count = Number(/(\d+) stored articles? mentions? it and will be re-extracted on the next `tracker extract`/.exec(stdout)?.[1]);
    expect(count).toBeGreaterThanOrEqual(mentioning.length);

    expect(await ok(['extract'])).toMatch(new RegExp(`extract: ${count} documents`));
    const [after, json, conflict] = await Promise.all([
      exported(),
      facts(mentioning[0].id),
      // An alias another entry already owns is refused, so no addition silently does nothing.
      refused(['entities', 'add', 'Gulf States', '--type', 'place', '--alias', 'Gulf']),
    ]);
    snapshot = after;
    const entity = after.entities.find((candidate) => candidate.name === 'Persian Gulf');
    expect(entity?.type).toBe('place');
    for (const article of mentioning) expect(entity?.articleIds).toContain(article.id);
    expect(json.entities.find((candidate) => candidate.name === 'Persian Gulf')).toMatchObject({ origin: 'registry', mentions: expect.arrayContaining([expect.objectContaining({ surface: expect.stringContaining('Gulf') })]) });
    expect(conflict).toContain('"Gulf" already names Persian Gulf');
  });

  it('removes an added entity (re-extracting its articles) but refuses a built-in one', async () => {
    // One after another: registry edits take the database's lock, so at once two would be told it is busy.
    const builtIn = await refused(['entities', 'remove', 'OpenAI']);
    const unknown = await refused(['entities', 'remove', 'No Such Entity']);
    const stdout = await ok(['entities', 'remove', 'Persian Gulf']);
    expect(builtIn).toContain('is a built-in registry entry');
    expect(builtIn).toContain('src/extract/registry/entities.yaml');
    expect(unknown).toContain('not in the registry');
    expect(stdout).toMatch(/removed from the registry: Persian Gulf  place  added by Test Editor[^\n]*aliases: Gulf[\s\S]*\d+ stored articles? mentions? it and will be re-extracted/);
    await ok(['extract']);
    const after = await exported();
    expect(after.entities.find((candidate) => candidate.name === 'Persian Gulf')?.articleIds ?? []).toEqual([]);
  });
});
