// Builds the site from the development fixture and reads the HTML the way a reader would see it:
// which stories are listed, in which order the explainer's sections come, whether every citation
// leads to a source, and whether hostile text from the web stays text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { buildSite } from '../../src/publish/buildSite.ts';
import type { Explainer, SiteArticle, SiteMeta, SiteTopic } from '../../src/stories/types.ts';

const fixture = fileURLToPath(new URL('../fixtures/site-data.json', import.meta.url));
const BUILD_TIMEOUT = 120_000;
const HOSTILE = '<script>alert(1)</script> & "quotes"';
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

interface SiteData {
  meta: SiteMeta;
  topics: SiteTopic[];
  stories: Explainer[];
  articles: SiteArticle[];
}

let workDir: string;
let data: SiteData;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'tracker-site-'));
  // Its own Astro cache, so that the test never races a build running beside it.
  process.env.TRACKER_SITE_CACHE_DIR = path.join(workDir, 'cache');
  data = JSON.parse(await readFile(fixture, 'utf8')) as SiteData;
});

afterAll(async () => {
  delete process.env.TRACKER_SITE_CACHE_DIR;
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function page(outDir: string, urlPath: string): Promise<cheerio.CheerioAPI> {
  const file = path.join(outDir, urlPath, 'index.html');
  return cheerio.load(await readFile(file, 'utf8'));
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('site built from the fixture', () => {
  let outDir: string;
  let result: { pages: number; ms: number };

  beforeAll(async () => {
    outDir = path.join(workDir, 'site');
    result = await buildSite({
      dataFile: fixture,
      outDir,
      baseUrl: 'https://tracker.example.org/',
      title: 'AI Policy Tracker',
    });
  }, BUILD_TIMEOUT);

  it('writes one page per story and topic plus the home and the article index', () => {
    expect(result.pages).toBe(1 + 1 + data.topics.length + data.stories.length);
    expect(result.ms).toBeGreaterThan(0);
  });

  it('lists every story on the home page under its topic, with status and source count', async () => {
    const $ = await page(outDir, '');
    expect($('h1').first().text()).toBe('AI Policy Tracker');
    for (const story of data.stories) {
      const link = $(`a[href="/stories/${story.slug}/"]`).filter((_, el) => $(el).text() === story.title);
      expect(link.length, story.title).toBeGreaterThan(0);
      const card = link.first().closest('.story-card');
      expect(card.find('.badge').text().toLowerCase()).toBe(story.status);
      expect(card.text()).toContain(`${story.sources.length} sources`);
      expect(card.closest('section').find('h2').text()).toBe(story.topicName);
    }
    expect($('#recent-heading').text()).toBe('Recent developments');
    // Background entries are context, not developments.
    expect($('.home-timeline').text()).not.toContain('DeepSeek releases its V3 model');
  });

  it('shows the explainer sections in the order of the design', async () => {
    const $ = await page(outDir, 'stories/openai-deepseek-distillation-claims');
    const order = $('[id^="section-"]')
      .map((_, el) => $(el).attr('id'))
      .get();
    expect(order).toEqual([
      'section-headline',
      'section-viewpoint-bar',
      'section-not-represented',
      'section-why-it-matters',
      'section-key-points',
      'section-key-figures',
      'section-timeline',
      'section-viewpoints',
      'section-unknowns',
      'section-key-terms',
      'section-sources',
      'section-related',
      'section-corrections',
    ]);
    expect($('h1').text()).toBe('OpenAI says DeepSeek distilled its models to build a rival');
  });

  it('links every citation on every story page to a source on that page', async () => {
    for (const story of data.stories) {
      const $ = await page(outDir, `stories/${story.slug}`);
      const citations = $('a.citation');
      expect(citations.length, story.slug).toBeGreaterThan(5);
      citations.each((_, el) => {
        const href = $(el).attr('href') ?? '';
        expect(href).toMatch(/^#source-\d+$/);
        expect($(href).length, `${story.slug} ${href}`).toBe(1);
        expect($(el).text()).toBe(`[${href.slice('#source-'.length)}]`);
      });
      const anchors = $('[id^="source-"]').map((_, el) => $(el).attr('id')).get();
      expect(anchors).toEqual(story.sources.map((source) => `source-${source.n}`));
    }
  });

  it('cites a syndicated copy as its original and lists the copy under it', async () => {
    const $ = await page(outDir, 'stories/openai-deepseek-distillation-claims');
    // The first summary sentence is stated by the original and by its copy: one citation, [1].
    const first = $('.summary .citations').first();
    expect(first.text()).toBe('[1]');
    const source = $('#source-1');
    expect(source.find('.copies').text()).toContain('Regional Wire Network');
    expect(source.find('.copies a').attr('href')).toBe('https://rwn.example.net/tech/openai-deepseek-distillation');
  });

  it('flags the figure on which sources disagree and lists both values', async () => {
    const $ = await page(outDir, 'stories/nvidia-h20-export-licence-charge');
    const conflict = $('.figure-conflict');
    expect(conflict.length).toBe(1);
    expect(conflict.find('.conflict-flag').text()).toContain('Sources disagree');
    const variants = conflict.find('.conflict-variants li').map((_, el) => $(el).text()).get();
    expect(variants.some((text) => text.includes('$5.5 billion') && text.includes('[1]'))).toBe(true);
    expect(variants.some((text) => text.includes('$4.5 billion') && text.includes('[3]'))).toBe(true);
    expect(conflict.text()).toContain('Reported by 2 sources');
    const calm = await page(outDir, 'stories/ai-diffusion-rule-rescinded');
    expect(calm('.conflict').length).toBe(0);
  });

  it('flags a timeline entry whose date the sources disagree on, citing the dissenting source', async () => {
    const $ = await page(outDir, 'stories/openai-deepseek-distillation-claims');
    const note = $('.timeline-conflict');
    expect(note.length).toBe(1);
    expect(note.text()).toContain('Sources disagree on the date');
    expect(note.text()).toContain('2 Jan 2025');
    const href = note.find('a[href^="#source-"]').attr('href')!;
    expect($(href).length).toBe(1);
  });

  it('draws the viewpoint bar with shares that add up to 100%', async () => {
    const $ = await page(outDir, 'stories/nvidia-h20-export-licence-charge');
    expect($('svg.viewpoint-bar rect').length).toBe(2);
    const legend = $('.viewpoint-legend li').map((_, el) => $(el).text().replace(/\s+/g, ' ').trim()).get();
    expect(legend).toEqual([
      '67% Business buyers and governance (2 sources)',
      '33% Policymakers and trade law (1 source)',
    ]);
  });

  it('dates the timeline at its precision and marks background entries', async () => {
    const $ = await page(outDir, 'stories/ai-diffusion-rule-rescinded');
    const entries = $('#section-timeline li')
      .map((_, el) => ({
        date: $(el).find('time').text(),
        background: $(el).find('.tag').text() === 'Background',
      }))
      .get();
    expect(entries).toEqual([
      { date: '7 Oct 2022', background: true },
      { date: '2023', background: true },
      { date: '13 Jan 2025', background: false },
      { date: 'Feb 2025', background: false },
      { date: '13 May 2025', background: false },
      { date: '14 May 2025', background: false },
    ]);
  });

  it('merges the timelines of a topic newest first', async () => {
    const $ = await page(outDir, 'topics/ai-export-controls');
    const dates = $('.timeline time').map((_, el) => $(el).attr('datetime')).get();
    expect(dates[0]).toBe('2025-05-28');
    expect(dates.at(-1)).toBe('2022-10-07');
    expect([...dates].sort().reverse()).toEqual(dates);
    expect($('.story-card').length).toBe(2);
  });

  it('keeps hostile text as text and never links to a non-http URL', async () => {
    for (const file of await htmlFiles(outDir)) {
      const html = await readFile(file, 'utf8');
      expect(html, file).not.toContain('<script>alert');
      expect(html, file).not.toMatch(/href="\s*javascript:/i);
    }
    const $ = await page(outDir, 'stories/openai-deepseek-distillation-claims');
    expect($('#source-4 .source-title').text().trim()).toBe(HOSTILE);
    expect($('#source-4 a').length).toBe(0);
    const articles = await page(outDir, 'articles');
    expect(articles('.article-title').filter((_, el) => articles(el).text().trim() === HOSTILE).length).toBe(1);
  });

  it('sends the content security policy and OpenGraph tags on every page', async () => {
    const files = await htmlFiles(outDir);
    expect(files.length).toBe(result.pages);
    for (const file of files) {
      const $ = cheerio.load(await readFile(file, 'utf8'));
      expect($('meta[http-equiv="Content-Security-Policy"]').attr('content'), file).toBe(CSP);
      expect($('meta[property="og:title"]').attr('content'), file).toBeTruthy();
      expect($('meta[property="og:description"]').attr('content'), file).toBeTruthy();
      expect($('script').length, file).toBe(0);
      expect($('header').length && $('nav').length && $('main#main').length && $('footer').length, file).toBeTruthy();
      expect($('a.skip-link').attr('href')).toBe('#main');
    }
    const $ = await page(outDir, 'stories/ai-diffusion-rule-rescinded');
    expect($('meta[property="og:url"]').attr('content')).toBe('https://tracker.example.org/stories/ai-diffusion-rule-rescinded/');
  });

  it('says what editors corrected and when', async () => {
    const $ = await page(outDir, 'stories/nvidia-h20-export-licence-charge');
    const note = $('#section-corrections li').text().replace(/\s+/g, ' ');
    expect(note).toContain('16 Apr 2025: corrected the value of key figure "charge" from $5.5 million to $5.5 billion.');
    expect(note).toContain('Extraction misread the unit. — J. Park');
  });

  it('links only to stories that are published', async () => {
    const $ = await page(outDir, 'stories/openai-deepseek-distillation-claims');
    const related = $('#section-related a').map((_, el) => $(el).attr('href')).get();
    expect(related).toEqual(['/stories/ai-diffusion-rule-rescinded/']);
  });

  it('lists every article with its outlet, date and story', async () => {
    const $ = await page(outDir, 'articles');
    expect($('.article-item').length).toBe(data.articles.length);
    const first = $('.article-item').first();
    expect(first.find('.article-title').text().trim()).toBe('Think tank maps the routes by which restricted chips reach China');
    expect(first.find('.article-story').length).toBe(0);
    const withStory = $('.article-item').filter((_, el) => $(el).text().includes('Cloud providers welcome end of tiered chip framework'));
    expect(withStory.find('.article-meta').text()).toContain('14 May 2025');
    expect(withStory.find('.article-story a').attr('href')).toBe('/stories/ai-diffusion-rule-rescinded/');
    expect(withStory.find('.article-title a').attr('rel')).toBe('noopener nofollow');
  });
});

describe('site built from sparse data under a sub-path', () => {
  let outDir: string;

  beforeAll(async () => {
    const sparse = structuredClone(data);
    const story = sparse.stories.find((s) => s.slug === 'ai-diffusion-rule-rescinded')!;
    Object.assign(story, {
      figures: [],
      notRepresented: [],
      unknowns: [],
      terms: [],
      related: [],
      corrections: [],
      viewpoints: [],
    });
    const dataFile = path.join(workDir, 'sparse.json');
    await writeFile(dataFile, JSON.stringify(sparse));
    outDir = path.join(workDir, 'sparse-site');
    await buildSite({ dataFile, outDir, baseUrl: 'https://example.org/tracker/', title: 'Staging tracker' });
  }, BUILD_TIMEOUT);

  it('omits empty sections instead of showing them empty', async () => {
    const $ = await page(outDir, 'stories/ai-diffusion-rule-rescinded');
    const order = $('[id^="section-"]').map((_, el) => $(el).attr('id')).get();
    expect(order).toEqual([
      'section-headline',
      'section-why-it-matters',
      'section-key-points',
      'section-timeline',
      'section-sources',
    ]);
  });

  it('uses the title and the base path it was built with', async () => {
    const $ = await page(outDir, '');
    expect($('title').text()).toBe('Staging tracker');
    expect($('a.site-title').attr('href')).toBe('/tracker/');
    expect($('a[href="/tracker/stories/ai-diffusion-rule-rescinded/"]').length).toBeGreaterThan(0);
  });
});

describe('site build failures', () => {
  it('reports a data file that is not JSON, naming the file', async () => {
    const dataFile = path.join(workDir, 'broken.json');
    await writeFile(dataFile, '{"meta": ');
    await expect(
      buildSite({ dataFile, outDir: path.join(workDir, 'broken-site'), baseUrl: 'https://example.org/', title: 'x' }),
    ).rejects.toThrow(/broken\.json is not valid JSON/);
  }, BUILD_TIMEOUT);
});
