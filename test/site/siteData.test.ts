// Which entities the site gives a page, and what each page is fed: read from a small database.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type TrackerDb } from '../../src/db/client.ts';
import { collectSiteData, entitySlug } from '../../src/publish/siteData.ts';
import { makeExplainer } from '../support/explainer.ts';

let db: TrackerDb | undefined;
afterEach(() => {
  db?.$client.close();
  db = undefined;
});

function seed(): TrackerDb {
  const database = openDatabase(':memory:');
  const client = database.$client;
  const article = client.prepare(`INSERT INTO articles (id, url, canonical_url, outlet, title, published_at, text, word_count, text_hash, extracted_at)
    VALUES (?, ?, ?, ?, ?, ?, 'text', 1, ?, '2025-01-01T00:00:00Z')`);
  const onTopic = client.prepare(`INSERT INTO article_topics (article_id, topic, score, cues) VALUES (?, 'export-controls', 9, '[]')`);
  for (const [id, date] of [['a1', '2025-01-05T10:00:00Z'], ['a2', '2025-01-20T10:00:00Z'], ['a3', '2025-03-02T10:00:00Z'], ['off', '2025-03-03T10:00:00Z']] as const) {
    article.run(id, `https://news.example/${id}`, `https://news.example/${id}`, 'News', `Title ${id}`, date, id);
    if (id !== 'off') onTopic.run(id);
  }
  client.prepare(`INSERT INTO topics (slug, name, description) VALUES ('export-controls', 'Export controls', '')`).run();
  const entity = client.prepare('INSERT INTO entities (id, name, type, aliases, origin) VALUES (?, ?, ?, ?, ?)');
  entity.run('e-nv', 'Nvidia', 'organization', '["NVIDIA Corp."]', 'detected');
  entity.run('e-once', 'Once Mentioned', 'person', '[]', 'detected');
  entity.run('e-offtopic', 'Off Topic', 'person', '[]', 'detected');
  entity.run('e-bis', 'Bureau of Industry and Security', 'organization', '["BIS"]', 'registry');
  const mention = client.prepare(`INSERT INTO entity_mentions (id, entity_id, article_id, surface, sentence, start, "end") VALUES (?, ?, ?, 'x', 'x', 0, 1)`);
  mention.run('m1', 'e-nv', 'a1');
  mention.run('m2', 'e-nv', 'a1');
  mention.run('m3', 'e-nv', 'a3');
  mention.run('m4', 'e-once', 'a2');
  mention.run('m5', 'e-offtopic', 'a2');
  mention.run('m6', 'e-offtopic', 'off');
  const quote = client.prepare(`INSERT INTO quotes (id, article_id, speaker, text, start, "end") VALUES (?, ?, ?, ?, 0, 1)`);
  quote.run('q1', 'a3', 'NVIDIA Corp.', 'We comply with the rules.');
  quote.run('q2', 'a2', 'Someone else', 'Not Nvidia.');
  const story = makeExplainer({
    id: 's1', slug: 'nvidia-charge', title: 'Nvidia takes a charge', topic: 'export-controls', articleIds: ['a1', 'a3'],
    figures: [{ value: 5.5e9, unit: 'USD', label: 'charge', text: '$5.5 billion', sentence: 'Nvidia expects a $5.5 billion charge.', articleIds: ['a1'], sourceCount: 1, conflict: false, variants: [], moved: null, comparedWith: [] }],
    lastPublished: '2025-03-02T10:00:00Z',
  });
  client.prepare(`INSERT INTO stories (id, slug, topic, title, explainer, updated_at) VALUES ('s1', 'nvidia-charge', 'export-controls', 'Nvidia takes a charge', ?, '2025-03-03T00:00:00Z')`)
    .run(JSON.stringify(story));
  return database;
}

describe('site entities', () => {
  it('keeps entities named in two on-topic articles, and curated ones', () => {
    db = seed();
    const data = collectSiteData(db, { title: 'T', baseUrl: 'https://t.example/' });
    expect(data.entities.map((entity) => entity.slug).sort()).toEqual(['bureau-of-industry-and-security', 'nvidia']);
    const nvidia = data.entities.find((entity) => entity.slug === 'nvidia')!;
    expect(nvidia.aliases).toEqual(['NVIDIA Corp.']);
    expect(nvidia.articleCount).toBe(2);
    expect(nvidia.mentionsByMonth).toEqual([{ month: '2025-01', count: 2 }, { month: '2025-03', count: 1 }]);
    expect(nvidia.quotes).toEqual([{ text: 'We comply with the rules.', articleId: 'a3', articleTitle: 'Title a3', url: 'https://news.example/a3' }]);
    expect(nvidia.stories).toEqual([{ slug: 'nvidia-charge', title: 'Nvidia takes a charge' }]);
    expect(nvidia.figures.map((figure) => figure.text)).toEqual(['$5.5 billion']);
    const bis = data.entities.find((entity) => entity.origin === 'registry')!;
    expect(bis.articleCount).toBe(0);
    expect(bis.stories).toEqual([]);
  });

  it('makes URL-safe slugs from any name', () => {
    expect(entitySlug('Zoë Müller-Šimić')).toBe('zoe-muller-simic');
    expect(entitySlug('<script>alert(1)</script>')).toBe('script-alert-1-script');
    expect(entitySlug('深度求索')).toBe('entity');
  });
});

describe('related stories', () => {
  it('link both ways, and only to stories on the site', async () => {
    const { linkRelatedBothWays } = await import('../../src/publish/siteData.ts');
    const earlier = makeExplainer({ id: 's1', slug: 'distillation-claims', title: 'Distillation claims' });
    const later = makeExplainer({ id: 's2', slug: 'export-restriction', title: 'Export restriction', related: [{ id: 's1', slug: 'distillation-claims', title: 'Distillation claims' }, { id: 'gone', slug: 'gone', title: 'Not on the site' }] });
    linkRelatedBothWays([earlier, later]);
    expect(earlier.related).toEqual([{ id: 's2', slug: 'export-restriction', title: 'Export restriction' }]);
    expect(later.related.map((link) => link.id)).toEqual(['s1']);
  });
});
