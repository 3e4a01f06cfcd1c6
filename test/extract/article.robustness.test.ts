// Pathological pages: the extractor returns (quickly) instead of throwing or hanging.
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/article.ts';

function timed(html: string) {
  const start = performance.now();
  const article = extractArticle(html, 'https://x.example/a');
  return { article, ms: performance.now() - start };
}

describe('extractArticle on pathological input', () => {
  it('handles an empty page', () => {
    const { article } = timed('');
    expect(article).toMatchObject({ title: '', text: '', byline: null, publishedAt: null });
  });

  it('handles binary garbage', () => {
    let seed = 7;
    const bytes = Array.from({ length: 200_000 }, () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return String.fromCharCode(seed % 256); });
    const { article } = timed(bytes.join(''));
    expect(typeof article.text).toBe('string');
  });

  it('handles a frameset page', () => {
    const { article } = timed('<html><head><title>Frames</title></head><frameset cols="50%,50%"><frame src="a.html"><frame src="b.html"></frameset></html>');
    expect(article.title).toBe('Frames');
    expect(article.text).toBe('');
  });

  it('handles megabytes of nested elements without overflowing the stack or taking minutes', () => {
    const deep = `<html><body>${'<div>'.repeat(600_000)}<p>${'Deep text, with a comma. '.repeat(20)}</p>${'</div>'.repeat(10)}</body></html>`;
    const { article, ms } = timed(deep);
    expect(typeof article.text).toBe('string');
    expect(ms).toBeLessThan(10_000);
    const tables = timed('<table>'.repeat(300_000));
    expect(tables.ms).toBeLessThan(10_000);
  }, 30_000);

  it('handles many sibling paragraphs', () => {
    const wide = `<html><body><div>${'<p>Some paragraph text, with commas, here and there.</p>'.repeat(50_000)}</div></body></html>`;
    const { article, ms } = timed(wide);
    expect(article.text.split('\n\n').length).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(10_000);
  }, 30_000);
});
