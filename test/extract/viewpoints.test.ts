import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { extractFacts } from '../../src/extract/facts.ts';

const topics = parseConfig({}, 'x').topics;
const distillation = topics.filter((topic) => topic.slug === 'distillation');

describe('viewpoint labels', () => {
  it('labels the perspectives an article gives a voice to, with the cue and the passage', () => {
    const text = [
      'The lab said a rival had distilled its model through thousands of fake accounts, calling it theft of intellectual property.',
      '“Rate limits and anomaly detection caught the bulk queries within days,” said Owen Marsh, a security researcher at Kestrel Analytics.',
      'Academics countered that training small models on the outputs of larger ones is standard practice in the open-source community.',
    ].join(' ');
    const labels = extractFacts('Lab accuses rival of distilling its model', text, null, distillation).viewpoints;
    const byLabel = Object.fromEntries(labels.map((label) => [label.label, label]));
    expect(Object.keys(byLabel)).toEqual(expect.arrayContaining(['frontier-labs-security', 'security-analysts', 'open-source-research']));
    expect(byLabel['security-analysts'].passage).toContain('Rate limits and anomaly detection');
    expect(byLabel['security-analysts'].cues).toEqual(expect.arrayContaining(['rate limit*', 'anomal*']));
    expect(byLabel['open-source-research'].passage).toContain('standard practice');
    for (const label of labels) expect(label.topic).toBe('distillation');
    expect(labels.map((label) => label.score)).toEqual([...labels.map((label) => label.score)].sort((a, b) => b - a));
  });

  it('gives no label to a perspective the article does not carry', () => {
    const labels = extractFacts('Lab accuses rival of distilling its model', 'The lab said a rival had distilled its model and called it theft.', null, distillation).viewpoints;
    expect(labels.map((label) => label.label)).not.toContain('business-governance');
    expect(labels.map((label) => label.label)).not.toContain('security-analysts');
  });
});
