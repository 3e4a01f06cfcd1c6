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
import type { Explainer, SiteArticle, SiteEntity, SiteMeta, SiteTopic } from '../../src/stories/types.ts';
import { describeNotRepresented } from '../../src/stories/notRepresented.ts';

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
  entities?: SiteEntity[];
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

/** Well-formed XML, checked by hand: balanced tags, and no bare < or & in text or attributes. */
function expectWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let match = tag.exec(body); match; match = tag.exec(body)) {
    const text = body.slice(last, match.index);
    expect(text, 'text between tags').not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i);
    expect(match[3], 'attributes').not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    if (match[1]) expect(stack.pop(), `closing ${match[2]}`).toBe(match[2]);
    else if (!match[4]) stack.push(match[2]);
    last = match.index + match[0].length;
  }
  expect(body.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}

/** RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      expect(field, 'a quote inside an unquoted field').toBe('');
      quoted = true;
    } else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; }
    else {
      expect(c, 'a bare line break').not.toMatch(/[\r\n]/);
      field += c;
    }
  }
  expect(quoted).toBe(false);
  expect(field === '' && row.length === 0, 'the file ends with CRLF').toBe(true);
  return rows;
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

  it('writes a page per story, topic and entity, the indexes, and the about pages', async () => {
    const files = (await htmlFiles(outDir)).map((file) => path.relative(outDir, file).split(path.sep).join('/'));
    const expected = [
      'index.html',
      'articles/index.html',
      'entities/index.html',
      'outlets/index.html',
      'about/index.html',
      'corrections/index.html',
      ...data.topics.map((topic) => `topics/${topic.slug}/index.html`),
      ...data.stories.map((story) => `stories/${story.slug}/index.html`),
      ...data.entities!.map((entity) => `entities/${entity.slug}/index.html`),
      'topics/ai-distillation/entity/deepseek/index.html',
      'topics/ai-export-controls/entity/nvidia/index.html',
    ];
    for (const file of expected) expect(files, file).toContain(file);
    expect(result.pages).toBe(files.length);
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

  it('shows on the home page a figure whose reported value changed, from the first value to the latest', async () => {
    const $ = await page(outDir, '');
    expect($('#moved-heading').text()).toBe('Figures that moved');
    const item = $('.moved-figure').filter((_, el) => $(el).find('.moved-label').text() === 'charge on H20 inventory and commitments');
    expect(item.length).toBe(1);
    expect(item.find('.moved-from').text()).toBe('$5.5 billion');
    expect(item.find('.moved-to').text()).toBe('$4.5 billion');
    expect(item.find('.moved-values').text()).toContain('fell to');
    expect(item.find('time').map((_, el) => $(el).attr('datetime')).get()).toEqual(['2025-04-16', '2025-05-28']);
    expect(item.find('.moved-story a').attr('href')).toBe('/stories/nvidia-h20-export-licence-charge/');
  });

  it('charts a story\'s coverage per day, with the numbers in a table', async () => {
    const $ = await page(outDir, 'stories/openai-deepseek-distillation-claims');
    const chart = $('#section-sources figure.bar-chart');
    expect(chart.length).toBe(1);
    expect(chart.find('svg title').first().text()).toBe('Sources on this story per day');
    // Four sources from 29 to 31 January 2025: two on the 29th, one on each following day.
    const rows = chart.find('tbody tr').map((_, el) => [[$(el).find('time').attr('datetime'), $(el).find('td').text()]]).get();
    expect(rows).toEqual([['2025-01-29', '2'], ['2025-01-30', '1'], ['2025-01-31', '1']]);
    expect(chart.find('svg rect.bar').length).toBe(3);
    expect(chart.find('figcaption').text()).toContain('most on 29 Jan 2025 (2)');
  });

  it('draws the story timeline as SVG, each mark linked to its entry in the list', async () => {
    const $ = await page(outDir, 'stories/openai-deepseek-distillation-claims');
    const story = data.stories.find((candidate) => candidate.slug === 'openai-deepseek-distillation-claims')!;
    const chart = $('#section-timeline figure.timeline-chart svg');
    expect(chart.length).toBe(1);
    const links = chart.find('a').map((_, el) => $(el).attr('href')).get();
    expect(links.length).toBe(story.timeline.length);
    for (const href of links) expect($(href!).hasClass('timeline-entry'), href).toBe(true);
    // A mark's title says the date and the event, so hovering or a screen reader gives both.
    expect(chart.find('a title').first().text()).toMatch(/\d{4}.*: \S/);
  });

  it('says why each stakeholder is listed as not represented, from the entry\'s data', async () => {
    const $ = await page(outDir, 'stories/openai-deepseek-distillation-claims');
    const items = $('#section-not-represented li').map((_, el) => $(el).text().replace(/\s+/g, ' ').trim()).get();
    const story = data.stories.find((s) => s.slug === 'openai-deepseek-distillation-claims')!;
    expect(items).toEqual(story.notRepresented.map(describeNotRepresented));
    expect(items[0]).toBe('DeepSeek: named in 4 of 4 sources, not quoted; the coverage says it did not respond or declined to comment');
    expect($('#section-not-represented li strong').first().text()).toBe('DeepSeek');
  });

  it('shows who said what: each stakeholder\'s claims with their stance, and a missing response as such', async () => {
    const $ = await page(outDir, 'stories/openai-deepseek-distillation-claims');
    expect($('#section-voices .voice-name').map((_, el) => $(el).text()).get()).toEqual(['OpenAI', 'DeepSeek']);
    const deepseek = $('#section-voices .voice').last();
    expect(deepseek.find('.tag').text()).toBe('did not respond');
    expect(deepseek.find('.voice-claim').text()).toContain('DeepSeek did not respond to a request for comment.');
    expect($('#section-voices .voice').first().find('a.citation').map((_, el) => $(el).attr('href')).get()).toEqual(['#source-1']);
  });

  it('shows a range as one timeline entry from its first to its last day', async () => {
    const $ = await page(outDir, 'stories/openai-deepseek-distillation-claims');
    const range = $('#section-timeline .timeline-entry').filter((_, el) => $(el).text().includes('between October 14 and December 5'));
    expect(range.length).toBe(1);
    expect(range.find('time').map((_, el) => $(el).attr('datetime')).get()).toEqual(['2024-10-14', '2024-12-05']);
  });

  it('shows the same measure for another subject beside a key figure, as a comparison', async () => {
    const $ = await page(outDir, 'stories/nvidia-h20-export-licence-charge');
    const compare = $('#section-key-figures .figure').first().find('.figure-compare li');
    expect(compare.find('strong').text()).toBe('up to $800 million');
    expect(compare.text()).toContain('AMD said it expected charges of up to $800 million');
  });

  it('lists dates still ahead under What\'s next, and a scheduled date that has passed in the timeline', async () => {
    const $ = await page(outDir, 'stories/nvidia-h20-export-licence-charge');
    // Ahead of the story's latest coverage (28 May): the shareholder meeting.
    expect($('#section-whats-next li').map((_, el) => $(el).find('p').text()).get()).toEqual([expect.stringContaining('annual meeting on June 25')]);
    expect($('#section-whats-next time').attr('datetime')).toBe('2025-06-25');
    expect($('#section-timeline').text()).not.toContain('annual meeting');
    // The results date was ahead when first reported and has passed since: in the timeline, tagged.
    const results = $('#section-timeline .timeline-entry').filter((_, el) => $(el).text().includes('due to report its first-quarter results'));
    expect(results.find('.tag').text()).toBe('Scheduled');
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
      'section-voices',
      'section-unknowns',
      'section-key-terms',
      'section-sources',
      'section-entities',
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

  it('describes each story page as a schema.org NewsArticle with its sources and corrections', async () => {
    for (const story of data.stories) {
      const $ = await page(outDir, `stories/${story.slug}`);
      const blocks = $('script[type="application/ld+json"]');
      expect(blocks.length).toBe(1);
      const raw = blocks.text();
      expect(raw).not.toContain('<');
      const json = JSON.parse(raw);
      expect(json['@type']).toBe('NewsArticle');
      expect(json.headline).toBe(story.title);
      expect(json.isBasedOn.length).toBe(story.sources.filter((source) => /^https?:/.test(source.url)).length);
      if (story.corrections.length) {
        expect(json.correction).toHaveLength(story.corrections.length);
        expect(json.correction[0]['@type']).toBe('CorrectionComment');
      } else {
        expect(json.correction).toBeUndefined();
      }
    }
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
      // No inline script anywhere; only /search/ loads one, from the site itself.
      // JSON-LD (type application/ld+json) is data, not a script, and is checked on its own below.
      const scripts = $('script:not([type="application/ld+json"])').map((_, el) => $(el).attr('src') ?? '(inline)').get();
      expect(scripts, file).toEqual(file.endsWith(path.join('search', 'index.html')) ? ['/search.js'] : []);
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

  it('gives each entity a page: what it is, mentions per month, quotes, figures and stories', async () => {
    const $ = await page(outDir, 'entities/nvidia');
    expect($('h1').text()).toBe('Nvidia');
    expect($('.entity-type').text()).toBe('organization');
    expect($('.entity-aliases').text()).toBe(`NVIDIA Corp., ${HOSTILE}`);
    expect($('.entity-count').text()).toContain('Mentioned in 4 articles');
    // Jan to May 2025, the empty months drawn as zero bars; the same numbers as a table.
    const svg = $('#section-mentions svg[role="img"]');
    expect(svg.find('rect.bar').length).toBe(5);
    expect(svg.find('desc').text()).toBe('7 mentions from Jan 2025 to May 2025; most in Apr 2025 (4).');
    const rows = $('#section-mentions tbody tr').map((_, el) => $(el).children().map((_, cell) => $(cell).text().trim()).get().join(' ')).get();
    expect(rows).toEqual(['Jan 2025 1', 'Feb 2025 0', 'Mar 2025 0', 'Apr 2025 4', 'May 2025 2']);
    const quotes = $('#section-quotes li');
    expect(quotes.length).toBe(2);
    expect(quotes.first().find('blockquote').text().trim()).toBe(HOSTILE);
    expect(quotes.first().find('a').length).toBe(0);
    expect(quotes.last().find('a').attr('href')).toBe('https://chipledger.example.net/nvidia-h20-charge');
    expect($('#section-figures li').text()).toContain('Nvidia said it expected to record charges of up to about $5.5 billion.');
    // The dropped story is not linked.
    expect($('#section-stories a').map((_, el) => $(el).attr('href')).get()).toEqual([
      '/stories/nvidia-h20-export-licence-charge/',
      '/stories/ai-diffusion-rule-rescinded/',
    ]);
    const curated = await page(outDir, 'entities/bureau-of-industry-and-security');
    expect(curated('#section-mentions').text()).toContain('No dated mentions yet.');
    expect(curated('#section-quotes').length).toBe(0);
  });

  it('lists the entities on an index and links them from the stories they appear in', async () => {
    const $ = await page(outDir, 'entities');
    const names = $('.entity-list a').map((_, el) => $(el).text()).get();
    expect(names.sort()).toEqual(data.entities!.map((entity) => entity.name).sort());
    const story = await page(outDir, 'stories/openai-deepseek-distillation-claims');
    const links = story('#section-entities a').map((_, el) => `${story(el).text()} ${story(el).attr('href')}`).get();
    expect(links).toEqual(['DeepSeek /entities/deepseek/', 'Dana Whitcombe /entities/dana-whitcombe/']);
    const person = await page(outDir, 'entities/dana-whitcombe');
    expect(person('#section-quotes blockquote').text().trim()).toBe('There is substantial evidence that this happened.');
  });

  it('shows each outlet with its articles per topic, its latest article and its stories', async () => {
    const $ = await page(outDir, 'outlets');
    const outlets = new Set(data.articles.map((article) => article.outlet));
    expect($('section.outlet').length).toBe(outlets.size);
    const gtd = $('section.outlet').filter((_, el) => $(el).find('h2').text() === 'Global Tech Desk');
    expect(gtd.find('.outlet-count').text()).toBe('2 articles');
    const topicRows = gtd.find('.outlet-topics tbody tr').map((_, el) => $(el).children().map((_, cell) => $(cell).text().trim()).get().join(' ')).get();
    expect(topicRows).toEqual(['AI distillation disputes 1', 'AI export controls 1']);
    expect(gtd.find('.outlet-latest').text()).toContain('28 May 2025');
    expect(gtd.find('.outlet-stories a').map((_, el) => $(el).attr('href')).get()).toEqual([
      '/stories/nvidia-h20-export-licence-charge/',
      '/stories/openai-deepseek-distillation-claims/',
    ]);
    const hostile = $('section.outlet').filter((_, el) => $(el).find('h2').text() === 'Unvetted Aggregator');
    expect(hostile.find('.outlet-latest').text()).toContain(HOSTILE);
    expect(hostile.find('.outlet-latest a').length).toBe(0);
  });

  it('explains the method and lists every outlet on the about page', async () => {
    const $ = await page(outDir, 'about');
    const outlets = [...new Set(data.articles.map((article) => article.outlet))].sort();
    expect($('.about-outlets li').map((_, el) => $(el).text()).get().sort()).toEqual(outlets);
    expect($('#about-viewpoints').text()).toContain('General reporting');
    expect($('#about-viewpoints').text().replace(/\s+/g, ' ')).toContain('divided by the number of all the story\'s sources');
    expect($('#about-topics h3').map((_, el) => $(el).text()).get()).toEqual(data.topics.map((topic) => topic.name));
    expect($('#about-topics').text()).toContain('Required cues');
    // The rules shown are the ones stored with each topic in the data, not a copy of the built-in list.
    for (const topic of data.topics) {
      const section = $(`#rules-${topic.slug}`).parent();
      expect(section.text()).toContain(`Threshold: a score of ${topic.rules!.minScore}`);
      expect(section.text()).toContain(topic.rules!.require[0].slice(0, 3).join(', '));
    }
    expect($('#about-corrections a').attr('href')).toBe('/corrections/');
  });

  it('logs every correction newest first, with the change, the reason, the editor and the story', async () => {
    const $ = await page(outDir, 'corrections');
    const all = data.stories.flatMap((story) => story.corrections);
    const items = $('li.correction');
    expect(items.length).toBe(all.length);
    const dates = items.map((_, el) => $(el).find('time').attr('datetime')).get();
    expect(dates).toEqual([...dates].sort().reverse());
    const hostile = $('#correction-corr-0004');
    expect(hostile.find('.correction-before del').text()).toBe(HOSTILE);
    expect(hostile.find('.correction-after').text()).toContain('OpenAI said it had detected attempts');
    expect(hostile.find('.correction-reason').text()).toBe('The wrong passage was quoted.');
    expect(hostile.find('.correction-editor').text()).toBe('A. Rivera');
    expect(hostile.find('h2 a').attr('href')).toBe('/stories/openai-deepseek-distillation-claims/');
    const charge = $('#correction-corr-0002');
    expect(charge.find('.correction-target').text()).toBe('the value of key figure "charge"');
    expect(charge.find('.correction-before').text()).toBe('$5.5 million');
    expect(charge.find('.correction-after').text()).toBe('$5.5 billion');
  });

  it('publishes Atom feeds per topic and per story that parse as XML, linked from the page head', async () => {
    const topicXml = await readFile(path.join(outDir, 'feeds/ai-export-controls.atom'), 'utf8');
    expectWellFormedXml(topicXml);
    const topic = cheerio.load(topicXml, { xml: true });
    expect(topic('feed > id').text()).toBe('https://tracker.example.org/feeds/ai-export-controls.atom');
    const topicStories = data.stories.filter((story) => story.topic === 'ai-export-controls');
    expect(topic('entry').length).toBe(topicStories.length);
    expect(topic('entry > link').map((_, el) => topic(el).attr('href')).get().sort()).toEqual(
      topicStories.map((story) => `https://tracker.example.org/stories/${story.slug}/`).sort(),
    );

    const story = data.stories.find((s) => s.slug === 'openai-deepseek-distillation-claims')!;
    const storyXml = await readFile(path.join(outDir, 'feeds/stories', `${story.slug}.atom`), 'utf8');
    expectWellFormedXml(storyXml);
    expect(storyXml).not.toContain('<script>');
    const feed = cheerio.load(storyXml, { xml: true });
    expect(feed('entry').length).toBe(story.sources.length);
    const titles = feed('entry > title').map((_, el) => feed(el).text()).get();
    expect(titles).toContain(HOSTILE);
    const hostileEntry = feed('entry').filter((_, el) => feed(el).find('title').text() === HOSTILE);
    expect(hostileEntry.find('link').length).toBe(0);
    const updated = feed('entry > updated').map((_, el) => feed(el).text()).get();
    expect(updated).toEqual([...updated].sort().reverse());

    const $ = await page(outDir, `stories/${story.slug}`);
    expect($('link[rel="alternate"][type="application/atom+xml"]').attr('href')).toBe(`/feeds/stories/${story.slug}.atom`);
    const topicPage = await page(outDir, 'topics/ai-export-controls');
    expect(topicPage('link[rel="alternate"][type="application/atom+xml"]').attr('href')).toBe('/feeds/ai-export-controls.atom');
  });

  it('writes the timeline as iCalendar: one all-day event per entry, escaped and folded', async () => {
    const ics = await readFile(path.join(outDir, 'data/timeline.ics'), 'utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const physical = ics.split('\r\n').slice(0, -1);
    for (const line of physical) {
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\r\n]/);
    }
    const lines = ics.replace(/\r\n /g, '').split('\r\n');
    const total = data.stories.reduce((sum, story) => sum + story.timeline.length, 0);
    expect(lines.filter((line) => line === 'BEGIN:VEVENT').length).toBe(total);
    expect(lines.filter((line) => line.startsWith('DTSTART;VALUE=DATE:')).length).toBe(total);
    const summaries = lines.filter((line) => line.startsWith('SUMMARY:')).map((line) => line.slice('SUMMARY:'.length));
    const unescape = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
    const texts = data.stories.flatMap((story) => story.timeline.map((entry) => entry.text));
    expect(summaries.map(unescape).sort()).toEqual([...texts].sort());
    // A comma in the text is escaped, never a bare separator.
    for (const summary of summaries) expect(summary).not.toMatch(/(?<!\\),|(?<!\\);/);
    const withComma = summaries.find((summary) => summary.includes('\\,'));
    expect(withComma).toBeTruthy();
    // A month-precision entry spans its whole month.
    const month = data.stories.flatMap((story) => story.timeline).find((entry) => entry.precision === 'month');
    if (month) {
      const start = `${month.date.slice(0, 4)}${month.date.slice(5, 7)}01`;
      expect(lines).toContain(`DTSTART;VALUE=DATE:${start}`);
    }
  });

  it('offers stories as JSON and figures and the timeline as RFC 4180 CSV', async () => {
    const json = JSON.parse(await readFile(path.join(outDir, 'data/stories.json'), 'utf8')) as { stories: (Explainer & { url: string })[] };
    expect(json.stories.map((story) => story.slug).sort()).toEqual(data.stories.map((story) => story.slug).sort());
    expect(json.stories[0].url).toMatch(/^https:\/\/tracker\.example\.org\/stories\//);

    const figuresCsv = await readFile(path.join(outDir, 'data/figures.csv'), 'utf8');
    const figures = parseCsv(figuresCsv);
    expect(figures[0]).toEqual(['story_slug', 'story_title', 'value', 'unit', 'label', 'text', 'sentence', 'source_count', 'conflict', 'article_ids']);
    const allFigures = data.stories.flatMap((story) => story.figures.map((figure) => ({ story, figure })));
    expect(figures.length - 1).toBe(allFigures.length);
    for (const { story, figure } of allFigures) {
      const row = figures.find((r) => r[0] === story.slug && r[5] === figure.text);
      expect(row, figure.text).toBeTruthy();
      expect(row![6]).toBe(figure.sentence);
      expect(Number(row![2])).toBe(figure.value);
    }
    // A field with a comma or a quote is quoted, with its quotes doubled (parseCsv rejects anything else).
    for (const { figure } of allFigures) {
      if (/[",]/.test(figure.sentence)) expect(figuresCsv).toContain(`"${figure.sentence.replace(/"/g, '""')}"`);
    }

    const timelineCsv = await readFile(path.join(outDir, 'data/timeline.csv'), 'utf8');
    const timeline = parseCsv(timelineCsv);
    const entries = data.stories.flatMap((story) => story.timeline);
    expect(timeline.length - 1).toBe(entries.length);
    expect(timeline.slice(1).map((row) => row[5]).sort()).toEqual(entries.map((entry) => entry.text).sort());
    expect(timeline.every((row) => row.length === 7)).toBe(true);
    const quoted = entries.find((entry) => entry.text.includes(','));
    if (quoted) expect(timelineCsv).toContain(`"${quoted.text.replace(/"/g, '""')}"`);
  });

  it('filters a topic timeline by entity and by year without JavaScript, and charts its coverage', async () => {
    const $ = await page(outDir, 'topics/ai-export-controls');
    const years = $('.year-nav a').map((_, el) => $(el).attr('href')).get();
    expect(years.length).toBeGreaterThan(1);
    for (const href of years) expect($(href).length, href).toBe(1);
    expect($('.filter-nav a').first().attr('href')).toBe('/topics/ai-export-controls/entity/nvidia/');
    const chart = $('#coverage svg[role="img"]');
    expect(chart.length).toBe(1);
    const topicArticles = data.articles.filter((article) => article.topics.includes('ai-export-controls'));
    const counted = $('#coverage tbody td').map((_, el) => Number($(el).text())).get().reduce((a, b) => a + b, 0);
    expect(counted).toBe(topicArticles.length);

    const filtered = await page(outDir, 'topics/ai-export-controls/entity/nvidia');
    expect(filtered('h1').text()).toBe('Timeline: Nvidia');
    const texts = filtered('.timeline-entry > p:not(.timeline-stories)').map((_, el) => filtered(el).text()).get();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toMatch(/nvidia/i);
    expect(filtered('.timeline-entry').length).toBeLessThan($('.timeline-entry').length);
  });
});

describe('site built from sparse data under a sub-path', () => {
  let outDir: string;

  beforeAll(async () => {
    const sparse = structuredClone(data);
    // Data written before entity pages existed has no entities at all.
    delete sparse.entities;
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
    // A story as an older tracker wrote it (version 1: sentences for "not represented", no
    // version, no moves) is upgraded on the way in; a malformed one is left out, not fatal.
    const nvidia = sparse.stories.find((s) => s.slug === 'nvidia-h20-export-licence-charge')!;
    const { version: _version, ...unversioned } = nvidia;
    (sparse.stories as unknown[]).push(
      { ...unversioned, id: 'old-shape', slug: 'old-shape-story', figures: nvidia.figures.map(({ moved: _moved, ...figure }) => figure),
        notRepresented: ['Huawei: named in 2 of 3 sources, never quoted', 'No source carries the viewpoint of national security hawks'] },
      { ...nvidia, id: 'broken', slug: 'broken-story', figures: [{ ...nvidia.figures[0], value: 'many' }] },
    );
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

  it('upgrades a story stored by an older tracker and leaves out a malformed one', async () => {
    const $ = await page(outDir, 'stories/old-shape-story');
    expect($('#section-not-represented li').map((_, el) => $(el).text().replace(/\s+/g, ' ').trim()).get()).toEqual([
      'Huawei: named in 2 of 3 sources, never quoted',
      'National security hawks: no source carries this viewpoint',
    ]);
    await expect(readFile(path.join(outDir, 'stories/broken-story/index.html'), 'utf8')).rejects.toThrow(/ENOENT/);
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
