// A complete, valid explainer for tests that store or build one by hand; override what the test is about.
import { EXPLAINER_VERSION, type Explainer } from '../../src/stories/types.ts';

export function makeExplainer(overrides: Partial<Explainer> & Pick<Explainer, 'id' | 'slug'>): Explainer {
  return {
    version: EXPLAINER_VERSION,
    title: 'A story',
    topic: 'export-controls',
    topicName: 'AI export controls',
    status: 'developing',
    summary: [],
    whyItMatters: [],
    keyPoints: [],
    figures: [],
    timeline: [],
    viewpoints: [],
    notRepresented: [],
    voices: [],
    unknowns: [],
    terms: [],
    sources: [],
    related: [],
    corrections: [],
    articleIds: [],
    firstPublished: null,
    lastPublished: null,
    ...overrides,
  };
}
