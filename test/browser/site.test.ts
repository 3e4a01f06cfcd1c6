// The built site in a real browser, as a reader uses it: from the home page to a story, from a
// citation to its source, from the search box to a result, and an accessibility check (axe-core)
// on the home and story pages. Drives the system's Chromium through playwright-core; skipped, with
// a note, where /usr/bin/chromium is missing, except under CI (CI=true), where that is a failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildSite } from '../../src/publish/buildSite.ts';
import { createSiteServer } from '../../src/publish/serveSite.ts';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const fixture = fileURLToPath(new URL('../fixtures/site-data.json', import.meta.url));
const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

const hasChromium = fs.existsSync(CHROMIUM);
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
if (!hasChromium && inCi) {
  throw new Error(`browser tests: ${CHROMIUM} is missing, and under CI they must run (apt-get install chromium, or set CHROMIUM_PATH)`);
}
if (!hasChromium) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (install it, e.g. apt-get install chromium, or set CHROMIUM_PATH)`);
}

let workDir: string;
let server: http.Server;
let origin: string;
let browser: Browser;
/** Console errors, page errors and CSP violations, per page, checked after each visit. */
const problems: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  workDir = await mkdtemp(path.join(tmpdir(), 'tracker-browser-'));
  const outDir = path.join(workDir, 'site');
  process.env.TRACKER_SITE_CACHE_DIR = path.join(workDir, 'cache');
  await buildSite({ dataFile: fixture, outDir, baseUrl: 'http://127.0.0.1/', title: 'Browser Test Tracker' });
  server = createSiteServer(outDir);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  delete process.env.TRACKER_SITE_CACHE_DIR;
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const page = await browser.newPage();
  // Failed loads are reported by URL from the responses; the console only says "404".
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`${page.url()}: console: ${message.text()}`);
  });
  page.on('response', (response) => {
    // Browsers ask for /favicon.ico on their own; the site does not link one.
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') problems.push(`${response.url()}: HTTP ${response.status()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  return page;
}

async function withPage(fn: (page: Page) => Promise<void>): Promise<void> {
  const page = await newPage();
  problems.length = 0;
  try {
    await fn(page);
    expect(problems, 'console errors, script errors or CSP violations').toEqual([]);
  } finally {
    await page.close();
  }
}

async function firstStoryUrl(page: Page): Promise<string> {
  await page.goto(`${origin}/`);
  const href = await page.locator('main a[href*="/stories/"]').first().getAttribute('href');
  expect(href).toBeTruthy();
  return new URL(href!, origin).href;
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    return axe.run(document);
  });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')})`);
}

describe.skipIf(!hasChromium)('the built site in Chromium', () => {
  it('goes from the home page to a story with the explainer sections', async () => {
    await withPage(async (page) => {
      await page.goto(`${origin}/`);
      await page.locator('main a[href*="/stories/"]').first().click();
      await page.waitForURL(/\/stories\/[^/]+\/$/);
      await expect(page.locator('main h1').first().isVisible()).resolves.toBe(true);
      const headings = (await page.locator('main h2').allTextContents()).map((text) => text.trim());
      for (const heading of ['Why it matters', 'Key points', 'Sources']) expect(headings).toContain(heading);
    });
  });

  it('takes a citation to its source entry', async () => {
    await withPage(async (page) => {
      await page.goto(await firstStoryUrl(page));
      const citation = page.locator('main a.citation').first();
      const target = (await citation.getAttribute('href'))!;
      expect(target).toMatch(/^#source-\d+$/);
      await citation.click();
      await page.waitForFunction((hash) => location.hash === hash, target);
      expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe(target.slice(1));
      const source = page.locator(target);
      await expect(source.isVisible()).resolves.toBe(true);
      const inView = await source.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return box.top < window.innerHeight && box.bottom > 0;
      });
      expect(inView).toBe(true);
    });
  });

  it('finds a story by a word of its title and opens the result', async () => {
    await withPage(async (page) => {
      await page.goto(await firstStoryUrl(page));
      const title = (await page.locator('main h1').first().textContent())!.trim();
      const storyPath = new URL(page.url()).pathname;
      const word = title.split(/\s+/).filter((w) => /^[A-Za-z0-9]{4,}$/.test(w)).sort((a, b) => b.length - a.length)[0];
      expect(word, title).toBeTruthy();

      await page.locator('nav a', { hasText: 'Search' }).click();
      await page.waitForURL(/\/search\/$/);
      await page.locator('#search-query').fill(word);
      await page.locator('#search-query').press('Enter');
      const results = page.locator('#search-results li a');
      await results.first().waitFor({ timeout: 10_000 });
      expect(new URL(page.url()).searchParams.get('q')).toBe(word);
      const hrefs = await results.evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
      expect(hrefs).toContain(storyPath);
      await results.filter({ hasText: title }).first().click();
      await page.waitForURL((url) => url.pathname === storyPath);
      expect((await page.locator('main h1').first().textContent())!.trim()).toBe(title);
    });
  });

  it('indexes story and entity pages for search, and no listings', async () => {
    const index = (await (await fetch(`${origin}/search-index.json`)).json()) as { pages: { url: string; title: string; text: string }[] };
    expect(index.pages.some((page) => page.url.startsWith('/stories/'))).toBe(true);
    for (const page of index.pages) {
      expect(page.url).toMatch(/^\/(stories|entities)\/[^/]+\/$/);
      expect(page.title, page.url).toBeTruthy();
    }
  });

  it('runs a search given in the address (?q=) and says when nothing matches', async () => {
    await withPage(async (page) => {
      await page.goto(`${origin}/search/?q=zzzqqqxxy`);
      await page.waitForFunction(() => /No results/.test(document.getElementById('search-status')?.textContent ?? ''));
      expect(await page.locator('#search-results li').count()).toBe(0);
    });
  });

  it('opens an entity page when the site has them', async (context) => {
    const response = await fetch(`${origin}/entities/`);
    if (response.status !== 200) {
      context.skip();
      return;
    }
    await withPage(async (page) => {
      await page.goto(`${origin}/entities/`);
      const link = page.locator('main a[href*="/entities/"]').first();
      if ((await link.count()) === 0) return;
      await link.click();
      await page.waitForURL(/\/entities\/[^/]+\/$/);
      await expect(page.locator('main h1').first().isVisible()).resolves.toBe(true);
    });
  });

  it('has no serious or critical axe-core violations on the home and story pages', async () => {
    await withPage(async (page) => {
      await page.goto(`${origin}/`);
      const home = await seriousViolations(page);
      await page.goto(await firstStoryUrl(page));
      const story = await seriousViolations(page);
      await page.goto(`${origin}/search/`);
      const search = await seriousViolations(page);
      expect({ home, story, search }).toEqual({ home: [], story: [], search: [] });
    });
  });
});
