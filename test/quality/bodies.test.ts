// Extraction quality as a regression gate, article bodies: the article extractor on the pages of the
// sample site that live in the repository (samples/site/, 65 articles in fifteen outlet templates),
// scored with the extraction corpus's own snippet metric (bench/bodyScore.ts, which
// `npm run bench:extract` uses on ../shared/corpora/extraction-dev). The expected snippets are not
// anything the extractor produced: `with` is each block of the article's Markdown source
// (samples/articles/**/*.md), `without` every other piece of text on the rendered page (navigation,
// share bars, ads, newsletter and paywall boxes, related lists, disclaimers, footers); the
// standfirst counts neither way. Precision and recall must stay within TOLERANCE of
// test/quality/baseline.json; `npm run bench:baseline` records an improvement.
//
// Tolerance: 0.001. One item moves body recall by 1/827 = 0.0012 (a whole paragraph of an article
// lost) and body precision by 0.0011 (one more piece of furniture kept), so a single lost paragraph
// or kept piece of page furniture fails. Unlike the facts sets (facts.test.ts, half a point), these
// pages are the project's own, in the templates the demo serves, and recall is complete: there is no
// trade-off of one paragraph for another to let through. (Should the sample site grow past about
// a thousand blocks, one item falls under the tolerance and two are needed.)
import { describe, expect, it } from 'vitest';
import { bodySetName, measureBodies } from '../../bench/quality.ts';
import { regressions } from './gate.ts';

const TOLERANCE = 0.001;

describe('article-body extraction quality holds its baseline', () => {
  it(`${bodySetName}: precision and recall no more than ${TOLERANCE} below test/quality/baseline.json`, () => {
    const improved: string[] = [];
    const failures = regressions(bodySetName, measureBodies(), TOLERANCE, (line) => improved.push(line));
    if (improved.length > 0) console.log(`quality gate, above baseline:\n  ${improved.join('\n  ')}`);
    expect(failures, `article-body extraction quality fell:\n  ${failures.join('\n  ')}`).toEqual([]);
  });
});
