// What a hostile page can no longer put into the article index: control characters (a NUL, a
// terminal escape sequence) in any field, and fields of unbounded size (one 1 MB "word" used to
// become a 2 MB story page, a 1 MB feed entry and a 1 MB CSV cell).
import { describe, expect, it } from 'vitest';
import { extractArticle, type ExtractedArticle } from '../../src/extract/article.ts';
import { extractFacts } from '../../src/extract/facts.ts';
import { parseConfig } from '../../src/config/load.ts';
import { capRuns, cleanLine, stripControls } from '../../src/extract/body/sanitize.ts';
import { excerptAround } from '../../src/extract/sentences.ts';

const topics = parseConfig({}, '(defaults)').topics;
/** C0 controls other than tab and newline, DEL and C1 controls. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const textFields = (article: ExtractedArticle) => ({ title: article.title, byline: article.byline, siteName: article.siteName, lang: article.lang, text: article.text });

/** Every string in a value, with its path (`figures[].sentence`). */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item) => strings(item, `${path}[]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => strings(item, path ? `${path}.${key}` : key));
  return [];
}

const body = [
  'Nvidia said on March 3, 2025 that the new export controls on AI chips would cost it $5.5 billion in charges this quarter.',
  '“These rules are a direct hit to our China business,” said Jane Smith, an analyst at Example Research.',
  'The Commerce Department said the rule covers the H20 and any chip with similar performance, and that licences would be reviewed case by case.',
];

function page(options: { title: string; h1?: string; paragraphs: string[]; siteName?: string; author?: string; lang?: string }): string {
  return `<!doctype html><html lang="${options.lang ?? 'en'}"><head><title>${options.title}</title>
<meta property="og:site_name" content="${options.siteName ?? 'Example News'}"><meta name="author" content="${options.author ?? 'Jo Reporter'}">
</head><body><header><nav><a href="/">Home</a></nav></header><article><h1>${options.h1 ?? options.title}</h1>
${options.paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}
</article><footer>© Example</footer></body></html>`;
}

describe('control characters in a page', () => {
  it('never reach the extracted title, byline, site name or text', () => {
    const html = page({
      title: 'Nvidia\u0000 takes \u001b[31mexport\u001b[0m hit',
      siteName: 'Example\u0000 News\u001b]0;owned\u0007',
      author: 'Jo \u001b[8mReporter',
      paragraphs: [
        `${body[0].replace('export', 'ex\u0000port')} \u001b[2J\u001b[H`,
        body[1].replace('China', 'China\u009b31m'),
        `${body[2]} &#27;[5mblink &#0;nul\u0007\u007f`,
        ...body,
      ],
    });
    const article = extractArticle(html, 'https://news.example/a');
    for (const [field, value] of Object.entries(textFields(article))) expect(value ?? '', field).not.toMatch(CONTROL);
    expect(article.title).toBe('Nvidia takes export hit');
    expect(article.siteName).toBe('Example News');
    expect(article.byline).toBe('Jo Reporter');
    // The words around the controls are kept, joined as they were written.
    expect(article.text).toContain('the new export controls on AI chips');
    expect(article.text).toContain('direct hit to our China business');
    expect(article.text).toContain('case by case. blink');
    // Paragraphs stay paragraphs.
    expect(article.text.split('\n\n').length).toBeGreaterThanOrEqual(6);
  });

  it('leaves ordinary text alone, tabs, newlines and all scripts included', () => {
    const text = 'Café “quoted” — 中文 العربية 😀\tcol\nnext line';
    expect(stripControls(text)).toBe(text);
    expect(stripControls('a\r\nb\rc\u000bd\u0085e')).toBe('a\nb\nc d e');
  });
});

describe('field lengths', () => {
  const word = 'x'.repeat(1_000_000);
  const url = `https://www.example.gov/documents/2025/03/03/2025-03456/${'implementation-of-additional-export-controls-'.repeat(2)}`;

  it('a 1 MB word is cut to 200 characters wherever it stands; URLs in prose are kept whole', () => {
    expect(url.length).toBeGreaterThan(140);
    expect(url.length).toBeLessThanOrEqual(200);
    // (The extractor reads the first 3 MB of a page: the word appears twice at full size.)
    const html = page({
      title: 'Export controls',
      h1: `Export controls ${word}`,
      siteName: `Outlet${word.slice(0, 300_000)}`,
      author: `Jo ${word.slice(0, 300_000)}`,
      paragraphs: [`${body[0]} ${word} The rule text is at ${url} for anyone to read.`, ...body.slice(1)],
    });
    const article = extractArticle(html, 'https://news.example/a');
    expect(article.title.length).toBeLessThanOrEqual(300);
    expect(article.title.startsWith('Export controls xxx')).toBe(true);
    expect(article.title.endsWith('…')).toBe(true);
    expect((article.siteName ?? '').length).toBeLessThanOrEqual(200);
    expect((article.byline ?? '').length).toBeLessThanOrEqual(200);
    for (const [field, value] of Object.entries(textFields(article))) {
      for (const run of (value ?? '').match(/\S+/g) ?? []) expect(run.length, `${field}: a run of ${run.length}`).toBeLessThanOrEqual(200);
    }
    expect(article.text).toContain(`${'x'.repeat(199)}…`);
    expect(article.text).toContain(` ${url} `);
    expect(article.text).toContain(body[2]);
    expect(article.text.length).toBeLessThan(5_000);

    // And what the facts store from it is bounded too.
    const facts = extractFacts(article.title, article.text, article.publishedAt, topics);
    expect(facts.figures.some((figure) => figure.text.includes('5.5 billion'))).toBe(true);
    for (const [field, value] of strings(facts)) expect(value.length, field).toBeLessThanOrEqual(1000);
  });

  it('a page-long paragraph without full stops stores each fact with the part of the sentence around it', () => {
    const filler = 'and the agency said more about chips and licences ';
    const paragraph = `Nvidia said on March 3, 2025 that it faces a $5.5 billion charge ${filler.repeat(10_000)}while AMD expects an $800 million charge ${filler.repeat(10_000)}`;
    const article = extractArticle(page({ title: 'Chips', paragraphs: [paragraph, ...body] }), 'https://news.example/b');
    expect(article.text.length).toBeGreaterThan(1_000_000);
    const facts = extractFacts(article.title, article.text, article.publishedAt, topics);
    const stored = strings(facts);
    for (const [field, value] of stored) {
      const limit = /sentence|passage$/.test(field) ? 1000 : /^(?:quotes|claims)\[\]\.text$/.test(field) ? 2000 : 300;
      expect(value.length, field).toBeLessThanOrEqual(limit);
    }
    // Cut around the fact, not at the sentence's start: the far figure keeps its context.
    const far = facts.figures.find((figure) => figure.text.includes('800 million'));
    expect(far?.sentence).toMatch(/^….*AMD expects an \$800 million charge.*…$/);
    const near = facts.figures.find((figure) => figure.text.includes('5.5 billion'));
    expect(near?.sentence.startsWith('Nvidia said on March 3, 2025')).toBe(true);
    // The short sentences of the other paragraphs are stored whole.
    expect(facts.quotes.find((quote) => quote.speaker === 'Jane Smith')?.text).toBe('These rules are a direct hit to our China business');
  });

  it('cuts runs and excerpts without splitting a character', () => {
    expect(capRuns('short words stay')).toBe('short words stay');
    const emoji = `a${'😀'.repeat(300)}`;
    const cut = capRuns(emoji);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    // Text in a script written without spaces is one run per paragraph: it gets a longer allowance.
    const chinese = '美国商务部周三宣布了新的出口管制规则。'.repeat(50);
    expect(capRuns(chinese)).toBe(chinese);
    const long = 'word '.repeat(1000);
    const excerpt = excerptAround(long, 2500, 2504, 100);
    expect(excerpt.length).toBeLessThanOrEqual(100);
    expect(excerpt.startsWith('…') && excerpt.endsWith('…')).toBe(true);
    expect(excerptAround('short', 0, 5)).toBe('short');
    // A title of many ordinary words is cut at a word, within its 300 characters.
    const title = cleanLine('Export controls tighten again '.repeat(40), 300);
    expect(title.length).toBeLessThanOrEqual(300);
    expect(title).toMatch(/(?:Export|controls|tighten|again)…$/);
  });
});
