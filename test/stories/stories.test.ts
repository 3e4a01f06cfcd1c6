// The story stage on articles written for each case: syndicated copies counted once whatever order
// they arrive in, separate happenings kept apart, explainer sections taken from the sources, and
// editors' corrections applied on every rebuild.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, closeDatabase, type TrackerDb } from '../../src/db/client.ts';
import { parseConfig } from '../../src/config/load.ts';
import { storeDocument } from '../../src/crawl/crawl.ts';
import { extractStage } from '../../src/extract/extractStage.ts';
import { clusterStage } from '../../src/stories/clusterStage.ts';
import { exportData } from '../../src/publish/exportData.ts';
import { corrections, sources } from '../../db/schema.ts';

const config = parseConfig({}, 'test');
let dir: string;
let db: TrackerDb;
let sourceId: number;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-stories-'));
  db = openDatabase(path.join(dir, 'stories.sqlite'));
  sourceId = db.insert(sources).values({ url: 'https://feeds.example/all', createdAt: new Date().toISOString() }).returning({ id: sources.id }).get().id;
});
afterEach(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

function page(url: string, outlet: string, title: string, publishedAt: string, paragraphs: string[]): void {
  const html = `<!doctype html><html lang="en"><head><title>${title}</title><meta property="og:site_name" content="${outlet}">
    <meta property="article:published_time" content="${publishedAt}"></head><body><article><h1>${title}</h1>
    ${paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}</article></body></html>`;
  storeDocument(db, sourceId, url, { url, finalUrl: url, status: 200, notModified: false, headers: {}, contentType: 'text/html', body: Buffer.from(html) }, html, null);
}

const wire = [
  'WASHINGTON — The Commerce Department on Tuesday told Nvidia that exports of its H20 accelerator to China will need a licence, and the chip maker said it expects a charge of about $5.5 billion as a result.',
  'The requirement applies to the H20 and to chips with similar memory bandwidth, the company said in a filing, and will stay in place indefinitely.',
  'Analysts said the export controls would push Chinese buyers toward domestic chips such as Huawei\'s Ascend range, although supply of those remains limited.',
  'The Bureau of Industry and Security, which administers export controls, did not respond to a request for comment.',
  'It remains unclear whether any licences will be granted for the chip.',
  'Shares of Nvidia fell about 6% in after-hours trading following the disclosure on Tuesday.',
];

describe('syndicated copies', () => {
  it('are counted once and listed under the original, in either order of arrival', () => {
    // The copy (later publication, trimmed last paragraph, new headline) is crawled first.
    page('https://regional.example/h20', 'Regional Daily', 'Licence rule to cost Nvidia billions', '2025-04-16T09:00:00Z', wire.slice(0, 5));
    extractStage(db, config);
    clusterStage(db, config);
    page('https://wire.example/h20', 'Wire Service', 'Nvidia expects $5.5 billion charge as US requires H20 licence', '2025-04-15T22:00:00Z', wire);
    page('https://daily.example/h20', 'National Daily', 'Washington demands licences for Nvidia China chip', '2025-04-16T11:00:00Z', wire.slice(0, 4));
    extractStage(db, config);
    clusterStage(db, config);
    const exported = exportData(db);
    expect(exported.stories).toHaveLength(1);
    const story = exported.stories[0];
    expect(story.articleIds).toHaveLength(3);
    const explainer = JSON.parse(db.$client.prepare('SELECT explainer FROM stories').pluck().get() as string);
    expect(explainer.sources).toHaveLength(1);
    expect(explainer.sources[0].outlet).toBe('Wire Service');
    expect(explainer.sources[0].copies.map((copy: { outlet: string }) => copy.outlet).sort()).toEqual(['National Daily', 'Regional Daily']);
    const charge = story.figures.find((figure) => figure.unit === 'USD' && figure.value === 5.5e9);
    expect(charge?.articleIds).toEqual([explainer.sources[0].articleId]);
  });
});

describe('separate happenings', () => {
  it('are separate stories when months apart, even on the same subject', () => {
    page('https://a.example/1', 'Outlet A', 'US requires licence for Nvidia H20 exports to China', '2025-04-15T20:00:00Z', wire);
    page('https://b.example/2', 'Outlet B', 'US to grant licences for Nvidia H20 sales to China', '2025-07-15T10:00:00Z', [
      'The United States will grant licences for Nvidia to resume sales of its H20 accelerator to China, the company said on Monday, reversing the export controls it had imposed in April.',
      'Nvidia said it had filed applications and expected them to be approved, and that deliveries could start soon.',
      'The decision followed talks between the two governments on export controls and rare earths.',
    ]);
    extractStage(db, config);
    clusterStage(db, config);
    const exported = exportData(db);
    expect(exported.stories).toHaveLength(2);
  });
});

describe('explainer', () => {
  it('gives another company\'s charge and another day\'s share move their own cards, not a disagreement', () => {
    page('https://wire.example/h20', 'Wire Service', 'Nvidia expects $5.5 billion charge as US requires H20 licence', '2025-04-15T22:00:00Z', wire);
    page('https://daily.example/h20', 'National Daily', 'Chip stocks slide after H20 licence rule', '2025-04-16T21:00:00Z', [
      'Nvidia said on Tuesday that it expects a charge of about $5.5 billion after the Commerce Department required a licence for its H20 chip.',
      'AMD said on Wednesday it expects a charge of up to $800 million because of the same export controls on its MI308 chips.',
      'Nvidia shares closed 6.9% lower on Wednesday, April 16, as the chip sector fell.',
      'Analysts said the export controls would push Chinese buyers toward domestic chips.',
    ]);
    extractStage(db, config);
    clusterStage(db, config);
    const [story] = exportData(db).stories;
    const charges = story.figures.filter((figure) => figure.unit === 'USD' && /charge/.test(figure.label));
    expect(charges.map((figure) => figure.value).sort((a, b) => a - b)).toEqual([800e6, 5.5e9]);
    expect(story.figures.filter((figure) => figure.conflict)).toEqual([]);
    // Shown beside each other as a comparison.
    const stored = JSON.parse(db.$client.prepare('SELECT explainer FROM stories').pluck().get() as string) as { figures: { value: number; label: string; comparedWith: { text: string }[] }[] };
    const nvidia = stored.figures.find((figure) => figure.value === 5.5e9 && /charge/.test(figure.label))!;
    expect(nvidia.comparedWith.map((other) => other.text)).toEqual([expect.stringContaining('800 million')]);
  });

  it('lists the silent main actor as not represented, not a name the coverage mentions in passing', () => {
    const body = (outlet: string) => [
      `OpenAI said on Tuesday that it had evidence that DeepSeek used the outputs of its models to train a rival system, ${outlet} reported.`,
      'DeepSeek has not published any account of how its model was trained, and DeepSeek staff have said nothing in public since the release.',
      'The accusation comes a week after the administration of President Donald Trump announced new plans for AI infrastructure.',
      'Analysts said the case against DeepSeek would be hard to prove because distillation leaves few traces in a finished model.',
    ];
    page('https://wire.example/openai', 'Wire Service', 'OpenAI says DeepSeek used its models to train a rival', '2025-01-29T10:00:00Z', body('the wire'));
    page('https://daily.example/openai', 'National Daily', 'OpenAI accuses DeepSeek of copying its models', '2025-01-29T15:00:00Z', [...body('the daily').slice(0, 3), 'OpenAI said it was reviewing the evidence with its partners.']);
    extractStage(db, config);
    clusterStage(db, config);
    const [story] = exportData(db).stories;
    const listed = story.notRepresentedDetail.filter((entry) => entry.kind !== 'viewpoint').map((entry) => entry.name);
    expect(listed).toContain('DeepSeek');
    expect(listed).not.toContain('Donald Trump');
    expect(listed).not.toContain('OpenAI');
  });

  it('lets one article carry several positions, each counted in part, the shares still summing to one', () => {
    const text = [
      'OpenAI said it had evidence that DeepSeek used distillation of its models to train a rival AI model, calling it theft of intellectual property and a national security threat, and urged a crack down on adversaries.',
      'Distillation trains a smaller student model on the outputs of a larger teacher model, and the terms of service of the major labs forbid using outputs to build a competing model.',
      'Security researchers said the attack surface is the API itself: rate limits and anomaly detection catch bulk queries from accounts linked to one lab, and fingerprinting helps.',
      'Forensic monitoring of scraping by api keys is now routine at security firms, the researchers said.',
      'OpenAI said the evidence of misappropriation was clear and that safeguards would follow.',
    ];
    page('https://wire.example/openai', 'Wire Service', 'OpenAI says DeepSeek stole from its models', '2025-01-29T10:00:00Z', text);
    extractStage(db, config);
    clusterStage(db, config);
    const [story] = exportData(db).stories;
    const labels = story.viewpoints.map((viewpoint) => viewpoint.label).sort();
    expect(labels).toEqual(['frontier-labs-security', 'security-analysts']);
    expect(story.viewpoints.reduce((sum, viewpoint) => sum + viewpoint.share, 0)).toBeCloseTo(1, 9);
    for (const viewpoint of story.viewpoints) expect(viewpoint.articleIds).toHaveLength(1);
  });

  it('lists a range once, from its first day to its last', () => {
    page('https://wire.example/h20', 'Wire Service', 'Nvidia expects $5.5 billion charge as US requires H20 licence', '2025-04-15T22:00:00Z', [
      ...wire,
      'Nvidia said its customers in China placed large H20 orders between January 6 and March 28, before the licence requirement.',
    ]);
    page('https://daily.example/h20', 'National Daily', 'Washington demands licences for Nvidia China chip', '2025-04-16T11:00:00Z', [
      ...wire.slice(0, 4),
      'Chinese buyers ordered the H20 in bulk between January 6 and March 28, according to the company.',
    ]);
    extractStage(db, config);
    clusterStage(db, config);
    const [story] = exportData(db).stories;
    const ranges = story.timeline.filter((entry) => entry.date === '2025-01-06' || entry.date === '2025-03-28');
    expect(ranges).toEqual([expect.objectContaining({ date: '2025-01-06', end: '2025-03-28' })]);
  });

  it('takes its headline from a report rather than a live page', () => {
    page('https://markets.example/live', 'Markets Desk', 'Markets live: Nvidia slides as H20 licence rule bites', '2025-04-16T08:00:00Z', [...wire, 'Chip stocks fell across Asia in early trading, the desk noted.']);
    page('https://daily.example/h20', 'National Daily', 'US requires licence for Nvidia H20 exports to China', '2025-04-16T11:00:00Z',
      ['Nvidia said on Tuesday that the US government will require a licence for exports of its H20 accelerator to China, a rule it expects to cost about $5.5 billion.', ...wire.slice(2, 5)]);
    extractStage(db, config);
    clusterStage(db, config);
    expect(exportData(db).stories.map((story) => story.title)).toEqual(['US requires licence for Nvidia H20 exports to China']);
  });

  it('does not give a media report as why it matters', () => {
    page('https://wire.example/h20', 'Wire Service', 'Nvidia expects $5.5 billion charge as US requires H20 licence', '2025-04-15T22:00:00Z', [
      ...wire,
      'Bloomberg reported that the move marks a significant escalation of the export controls on Nvidia chips.',
    ]);
    extractStage(db, config);
    clusterStage(db, config);
    const stored = JSON.parse(db.$client.prepare('SELECT explainer FROM stories').pluck().get() as string) as { whyItMatters: { text: string }[]; keyPoints: { text: string }[] };
    expect(stored.whyItMatters.some((sentence) => sentence.text.startsWith('Bloomberg reported'))).toBe(false);
    expect(stored.keyPoints.length).toBeGreaterThan(0);
  });

  it('takes its headline from a straight report, not from a marketing page addressed to the reader', () => {
    page('https://consult.example/blog/h20', 'Harbor Advisory', 'What the H20 licence rule means for your AI supply chain', '2025-04-16T08:00:00Z',
      [...wire, 'Buyers should review their vendor contracts, our advisers said in a note to clients this week.']);
    page('https://daily.example/h20', 'National Daily', 'US requires licence for Nvidia H20 exports to China', '2025-04-16T11:00:00Z',
      ['Nvidia said on Tuesday that the US government will require a licence for exports of its H20 accelerator to China, a rule it expects to cost about $5.5 billion.', ...wire.slice(2, 5)]);
    extractStage(db, config);
    clusterStage(db, config);
    const stories = exportData(db).stories;
    expect(stories).toHaveLength(1);
    expect(stories[0].title).toBe('US requires licence for Nvidia H20 exports to China');
  });

  it('takes sentences from its sources, shares sum to one, and flags what the sources leave open', () => {
    page('https://wire.example/h20', 'Wire Service', 'Nvidia expects $5.5 billion charge as US requires H20 licence', '2025-04-15T22:00:00Z', wire);
    extractStage(db, config);
    clusterStage(db, config);
    const [story] = exportData(db).stories;
    const text = exportData(db).articles[0].text;
    for (const point of story.keyPoints) expect(text).toContain(point.text);
    expect(story.viewpoints.reduce((sum, viewpoint) => sum + viewpoint.share, 0)).toBeCloseTo(1, 9);
    expect(story.unknowns.some((sentence) => sentence.includes('remains unclear'))).toBe(true);
    expect(story.notRepresented.some((line) => line.startsWith('Bureau of Industry and Security'))).toBe(true);
  });

  it('applies corrections on every rebuild, keyed by the fact\'s stable key', () => {
    page('https://wire.example/h20', 'Wire Service', 'Nvidia expects $5.5 billion charge as US requires H20 licence', '2025-04-15T22:00:00Z', wire);
    extractStage(db, config);
    clusterStage(db, config);
    const before = exportData(db);
    const charge = before.figures.find((figure) => figure.value === 5.5e9)!;
    const drop = before.figures.find((figure) => figure.unit === '%')!;
    const at = new Date().toISOString();
    db.insert(corrections).values([
      { id: 'c1', target: charge.id, field: 'value', before: '5500000000', after: '5600000000', reason: 'test', editor: 'ed', at },
      { id: 'c2', target: drop.id, field: 'hidden', before: null, after: null, reason: 'not a figure', editor: 'ed', at, hidden: true },
    ]).run();
    // A re-extraction from the stored page finds the same facts again; the corrections stay attached.
    extractStage(db, config, { all: true });
    clusterStage(db, config);
    const after = exportData(db);
    expect(after.figures.find((figure) => figure.id === charge.id)?.value).toBe(5.6e9);
    expect(after.figures.some((figure) => figure.id === drop.id)).toBe(false);
    expect(after.stories[0].figures.some((figure) => figure.value === 5.6e9)).toBe(true);
    expect(after.corrections.map((correction) => correction.id).sort()).toEqual(['c1', 'c2']);
  });
});

describe('timeline conflicts', () => {
  it('shows one entry with the date most sources give and flags the other date with its source', () => {
    const sentence = (day: string) => [
      `The Commerce Department added Zhipu AI and two dozen other Chinese organisations to the Entity List on ${day}, citing national security concerns about advanced computing.`,
      'The listing bars American suppliers from shipping to the companies without a licence, and officials said more export controls on AI chips could follow.',
      'Beijing said it firmly opposed the decision and would protect the rights of Chinese firms.',
    ];
    page('https://one.example/z', 'Outlet One', 'US adds Zhipu AI to Entity List', '2025-01-16T10:00:00Z', sentence('January 15'));
    page('https://two.example/z', 'Outlet Two', 'Zhipu AI blacklisted by US Commerce', '2025-01-16T12:00:00Z', sentence('January 15').map((text) => text.replace('two dozen', 'about 25')));
    page('https://three.example/z', 'Outlet Three', 'Commerce blacklists Chinese AI firm Zhipu', '2025-01-17T09:00:00Z', sentence('January 14').map((text) => text.replace('Beijing said', 'China said')));
    extractStage(db, config);
    clusterStage(db, config);
    const explainer = JSON.parse(db.$client.prepare('SELECT explainer FROM stories').pluck().get() as string);
    const entry = explainer.timeline.find((item: { date: string }) => item.date === '2025-01-15');
    expect(entry, JSON.stringify(explainer.timeline)).toBeDefined();
    expect(entry.articleIds).toHaveLength(2);
    expect(entry.otherDates).toEqual([{ date: '2025-01-14', precision: 'day', articleIds: [expect.any(String)] }]);
    expect(explainer.timeline.some((item: { date: string }) => item.date === '2025-01-14')).toBe(false);
  });
});
