// The stored explainer is versioned: an explainer written by an older tracker is read (upgraded on
// the way in) until the next cluster run assembles it again in today's shape; a newer or broken
// one is named and left out, never a crash. "Not represented" is data; its sentence is composed
// in one place, for the site and the export.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase, closeDatabase, type TrackerDb } from '../../src/db/client.ts';
import { parseConfig } from '../../src/config/load.ts';
import { storeDocument } from '../../src/crawl/crawl.ts';
import { extractStage } from '../../src/extract/extractStage.ts';
import { clusterStage } from '../../src/stories/clusterStage.ts';
import { exportData } from '../../src/publish/exportData.ts';
import { collectSiteData } from '../../src/publish/siteData.ts';
import { readStoredExplainer } from '../../src/stories/storedExplainer.ts';
import { describeNotRepresented } from '../../src/stories/notRepresented.ts';
import { EXPLAINER_VERSION } from '../../src/stories/types.ts';
import { sources, stories } from '../../db/schema.ts';
import { makeExplainer } from '../support/explainer.ts';

const version1 = {
  ...makeExplainer({ id: 's1', slug: 'h20-charge' }),
  version: undefined,
  sources: [
    { n: 1, articleId: 'a1', title: 'First', outlet: 'Wire', url: 'https://wire.example/1', publishedAt: '2025-04-15T22:00:00Z', viewpoint: null, viewpointName: null, copies: [] },
    { n: 2, articleId: 'a2', title: 'Later', outlet: 'Daily', url: 'https://daily.example/2', publishedAt: '2025-05-28T10:00:00Z', viewpoint: null, viewpointName: null, copies: [] },
  ],
  figures: [{
    value: 5.5e9, unit: 'USD', label: 'charge', text: '$5.5 billion', sentence: 'A $5.5 billion charge.', articleIds: ['a1', 'a2'], sourceCount: 2, conflict: true,
    variants: [{ value: 5.5e9, text: '$5.5 billion', articleIds: ['a1'] }, { value: 4.5e9, text: '$4.5 billion', articleIds: ['a2'] }],
  }],
  notRepresented: [
    'Bureau of Industry and Security: named in 2 of 2 sources, not quoted; the coverage says it did not respond or declined to comment',
    'Huawei: named in 2 of 2 sources, never quoted',
    'No source carries the viewpoint of national security hawks',
  ],
};

describe('reading a stored explainer', () => {
  it('upgrades a version 1 explainer: sentences become data that reads the same, and a revised figure is found', () => {
    const read = readStoredExplainer(JSON.stringify(version1));
    expect(read.explainer).not.toBeNull();
    const explainer = read.explainer!;
    expect(explainer.version).toBe(EXPLAINER_VERSION);
    expect(explainer.notRepresented.map((entry) => entry.kind)).toEqual(['declined', 'unquoted', 'viewpoint']);
    expect(explainer.notRepresented.slice(0, 2).map(describeNotRepresented)).toEqual(version1.notRepresented.slice(0, 2));
    expect(explainer.notRepresented[2]).toMatchObject({ kind: 'viewpoint', name: 'National security hawks' });
    expect(explainer.figures[0].moved).toEqual({
      first: { text: '$5.5 billion', value: 5.5e9, date: '2025-04-15', outlet: 'Wire' },
      latest: { text: '$4.5 billion', value: 4.5e9, date: '2025-05-28', outlet: 'Daily' },
      direction: 'down',
    });
  });

  it('names what is wrong with a newer, broken or malformed explainer instead of throwing', () => {
    expect(readStoredExplainer(JSON.stringify({ ...makeExplainer({ id: 's', slug: 's' }), version: EXPLAINER_VERSION + 1 }))).toMatchObject({ explainer: null, problem: expect.stringContaining('newer tracker') });
    expect(readStoredExplainer('{"id": ')).toMatchObject({ explainer: null, problem: expect.stringContaining('not JSON') });
    expect(readStoredExplainer(JSON.stringify({ ...makeExplainer({ id: 's', slug: 's' }), figures: [{ value: 'many' }] }))).toMatchObject({ explainer: null, problem: expect.stringMatching(/^figures\.0\./) });
  });
});

describe('a database written by an older tracker', () => {
  let dir: string;
  let db: TrackerDb;
  afterEach(() => {
    closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is published as before, and the next cluster run reassembles its explainers in the current shape', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-stored-'));
    db = openDatabase(path.join(dir, 'tracker.sqlite'));
    const config = parseConfig({}, 'test');
    const sourceId = db.insert(sources).values({ url: 'https://feeds.example/all', createdAt: new Date().toISOString() }).returning({ id: sources.id }).get().id;
    const text = [
      'The Commerce Department on Tuesday told Nvidia that exports of its H20 accelerator to China will need a licence, and the chip maker said it expects a charge of about $5.5 billion.',
      'The Bureau of Industry and Security, which administers export controls, did not respond to a request for comment.',
      'Analysts said the export controls would push Chinese buyers toward domestic chips.',
    ];
    for (const [url, outlet] of [['https://wire.example/h20', 'Wire'], ['https://daily.example/h20', 'Daily']]) {
      const html = `<!doctype html><html lang="en"><head><title>Nvidia H20 licence</title><meta property="og:site_name" content="${outlet}">
        <meta property="article:published_time" content="2025-04-15T22:00:00Z"></head><body><article><h1>Nvidia H20 licence rule</h1>
        ${text.map((paragraph) => `<p>${paragraph}</p>`).join('')}<p>${outlet} reported the rule first on its site.</p></article></body></html>`;
      storeDocument(db, sourceId, url, { url, finalUrl: url, status: 200, notModified: false, headers: {}, contentType: 'text/html', body: Buffer.from(html) }, html, null);
    }
    extractStage(db, config);
    clusterStage(db, config);
    const current = db.select().from(stories).all();
    expect(current).toHaveLength(1);
    const assembled = JSON.parse(current[0].explainer!);
    expect(assembled.version).toBe(EXPLAINER_VERSION);

    // Rewrite it as version 1 stored it: no version, "not represented" as sentences in its words.
    const version1Sentence = (entry: { kind: string; name: string }) =>
      entry.kind === 'viewpoint' ? `No source carries the viewpoint of ${entry.name.toLowerCase()}` : describeNotRepresented(entry as never);
    const old = { ...assembled, version: undefined, notRepresented: assembled.notRepresented.map(version1Sentence) };
    db.update(stories).set({ explainer: JSON.stringify(old) }).where(eq(stories.id, current[0].id)).run();
    const site = collectSiteData(db, { title: 'T', baseUrl: 'https://t.example/' });
    expect(site.stories).toHaveLength(1);
    expect(site.stories[0].notRepresented.map(version1Sentence)).toEqual(old.notRepresented);
    expect(exportData(db).stories[0].notRepresented).toEqual(site.stories[0].notRepresented.map(describeNotRepresented));

    const summary = clusterStage(db, config);
    expect(summary.explainers).toBe(1);
    const again = JSON.parse(db.select().from(stories).get()!.explainer!);
    expect(again.version).toBe(EXPLAINER_VERSION);
    expect(again.notRepresented).toEqual(assembled.notRepresented);
    expect(again.notRepresented.some((entry: { kind: string; name: string }) => entry.kind === 'declined' && entry.name === 'Bureau of Industry and Security')).toBe(true);
    // Once current, a further run has nothing to do.
    expect(clusterStage(db, config).explainers).toBe(0);
  });
});
