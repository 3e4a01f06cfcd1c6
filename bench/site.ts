// `npm run bench:site`: builds a synthetic site of 1,000 stories and 20,000 articles through the
// real build (buildSite with a site-data file) and prints the time. Target: under 60 s on a
// 2-core machine. `--stories N --articles N` change the size; `--keep` keeps the data and the output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSite } from '../src/publish/buildSite.ts';
import { EXPLAINER_VERSION, type Explainer, type SiteArticle, type SiteTopic } from '../src/stories/types.ts';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const storyCount = argument('--stories', 1000);
const articleCount = argument('--articles', 20000);
const DAY = 86400000;

const topics: SiteTopic[] = [
  { slug: 'distillation', name: 'AI distillation disputes', description: 'Synthetic topic for the benchmark.', rules: null, viewpoints: [] },
  { slug: 'export-controls', name: 'AI export controls', description: 'Synthetic topic for the benchmark.', rules: null, viewpoints: [] },
];
const outlets = Array.from({ length: 40 }, (_, i) => `Outlet ${i + 1}`);
const start = Date.UTC(2022, 0, 1);

const articles: SiteArticle[] = [];
const stories: Explainer[] = [];
const perStory = Math.max(1, Math.floor(articleCount / storyCount));
for (let s = 0; s < storyCount; s++) {
  const topic = topics[s % 2].slug;
  const slug = `story-${s}`;
  const first = start + s * DAY;
  const ids: string[] = [];
  for (let k = 0; k < perStory; k++) {
    const id = `a_${s}_${k}`;
    ids.push(id);
    articles.push({
      id, title: `Article ${k} about development ${s}`, outlet: outlets[(s + k) % outlets.length], url: `https://news.example/${s}/${k}`,
      publishedAt: new Date(first + k * 3600000).toISOString(), topics: [topic], storySlug: slug, storyTitle: `Development ${s}`,
    });
  }
  const cite = ids.slice(0, 3);
  stories.push({
    version: EXPLAINER_VERSION, id: `s_${s}`, slug, title: `Development ${s}: regulators and labs respond`, topic, topicName: topics[s % 2].name, status: 'dormant',
    summary: [{ text: `Sources report development ${s} in detail, with figures and dates.`, articleIds: cite }],
    whyItMatters: [{ text: `Development ${s} matters because it changes what companies may sell.`, articleIds: cite.slice(0, 1) }],
    keyPoints: Array.from({ length: 5 }, (_, i) => ({ text: `Key point ${i} of development ${s}, as the sources state it.`, articleIds: cite })),
    figures: Array.from({ length: 4 }, (_, i) => ({
      value: (i + 1) * 1e9, unit: 'USD', label: `charge ${i}`, text: `$${i + 1} billion`, sentence: `The charge was $${i + 1} billion.`,
      articleIds: cite, sourceCount: cite.length, conflict: i === 0, variants: [{ value: (i + 1) * 1e9, text: `$${i + 1} billion`, articleIds: cite }], moved: null, comparedWith: [],
    })),
    timeline: Array.from({ length: 8 }, (_, i) => ({
      date: new Date(first - (8 - i) * 7 * DAY).toISOString().slice(0, 10), precision: 'day' as const, text: `Event ${i} before development ${s}.`, articleIds: cite.slice(0, 1), background: i < 4, role: i < 4 ? 'background' as const : 'development' as const,
    })),
    viewpoints: [
      { label: 'chip-makers-investors', name: 'Chip makers and investors', share: 0.5, articleIds: ids.slice(0, Math.ceil(ids.length / 2)), passage: { text: 'Investors weighed the charge.', articleId: ids[0], speaker: null } },
      { label: 'general-reporting', name: 'General reporting', share: 0.5, articleIds: ids.slice(Math.ceil(ids.length / 2)), passage: null },
    ],
    notRepresented: [{ kind: 'viewpoint', name: 'National security hawks', ref: 'security-hawks', namedIn: 0, sourceCount: ids.length }],
    voices: [{ name: 'Commerce Department', sourceCount: 2, claims: [{ text: `The department said development ${s} closes a gap.`, speaker: null, stance: 'says', quote: false, articleIds: cite.slice(0, 2) }] }],
    unknowns: [{ text: `It remains unclear how development ${s} will be enforced.`, articleIds: cite.slice(0, 1) }],
    terms: [{ term: 'Entity List', definition: 'The Entity List is a list of foreign parties subject to licence requirements.', articleIds: cite.slice(0, 1) }],
    sources: ids.map((id, n) => ({ n: n + 1, articleId: id, title: `Article ${n} about development ${s}`, outlet: outlets[(s + n) % outlets.length], url: `https://news.example/${s}/${n}`, publishedAt: new Date(first + n * 3600000).toISOString(), viewpoint: null, viewpointName: null, copies: [] })),
    related: s > 0 ? [{ id: `s_${s - 1}`, slug: `story-${s - 1}`, title: `Development ${s - 1}: regulators and labs respond` }] : [],
    corrections: [],
    articleIds: ids,
    firstPublished: new Date(first).toISOString(),
    lastPublished: new Date(first + perStory * 3600000).toISOString(),
  });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-bench-site-'));
const dataFile = path.join(dir, 'site-data.json');
fs.writeFileSync(dataFile, JSON.stringify({ meta: { title: 'Bench', baseUrl: 'https://example.org/', generatedAt: new Date(0).toISOString() }, topics, stories, articles }));
process.env.TRACKER_SITE_CACHE_DIR = path.join(dir, 'cache');
const result = await buildSite({ dataFile, outDir: path.join(dir, 'out'), baseUrl: 'https://example.org/', title: 'Bench' });
console.log(`site of ${storyCount.toLocaleString('en')} stories and ${articles.length.toLocaleString('en')} articles: ${result.pages.toLocaleString('en')} pages built in ${(result.ms / 1000).toFixed(1)} s (target: under 60 s)`);
// --keep leaves the data file and the built site for profiling (site/build.mjs with TRACKER_SITE_DATA).
if (process.argv.includes('--keep')) console.log(`kept ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
