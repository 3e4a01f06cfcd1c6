import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { assignTopics } from '../../src/extract/topics.ts';

const topics = parseConfig({}, 'x').topics;
const slugs = (title: string, text: string) => assignTopics(title, text, topics).map((assignment) => assignment.topic).sort();

describe('assignTopics with the built-in topics', () => {
  it.each([
    [
      'Lab says Chinese rival distilled its model through thousands of fake accounts',
      'The San Francisco AI lab said it had evidence that a competitor harvested millions of responses from its chatbot and used them to train a cheaper rival model, in breach of its terms of service. The accused company denied the claim.',
    ],
    [
      'Is knowledge distillation theft? Lawyers are split',
      'Training a small student model on the outputs of a larger teacher model is standard practice in machine learning. Whether doing it to a competitor\'s model through its API breaks the law is far less clear, intellectual property lawyers say.',
    ],
  ])('distillation: %s', (title, text) => {
    expect(slugs(title, text)).toContain('distillation');
  });

  it.each([
    [
      'US tightens curbs on AI chip sales to China',
      'The Commerce Department on Tuesday expanded export controls on advanced semiconductors, adding 140 Chinese companies to the Entity List and requiring licences for shipments of high-bandwidth memory.',
    ],
    [
      'Nvidia takes $5.5bn charge after Washington restricts H20 exports',
      'Nvidia said it would book a charge for inventory after the government told it that sales of its H20 accelerator to China now require an export licence, a rule officials said was needed for national security.',
    ],
    [
      'Gulf states weigh the price of the AI diffusion rule',
      'The rule sorts countries into three tiers and caps how many GPUs the second tier can import. Officials in the UAE and Saudi Arabia have lobbied Washington to ease the export restrictions on their data centres.',
    ],
  ])('export controls: %s', (title, text) => {
    expect(slugs(title, text)).toContain('export-controls');
  });

  it.each([
    ['Speyside distillery lays down its first peated whisky in a decade', 'The distillery said its new stills would distill barley spirit for ten years in oak casks before the whisky is bottled. Demand from Asian buyers has grown, the master distiller said, and the firm is exploring AI tools for stock-keeping.'],
    ['Coastal city opens solar-powered desalination plant', 'The plant uses membranes rather than distillation to turn seawater into drinking water. Engineers say a model of the plant was built to test the design.'],
    ['EU raises tariffs on Chinese electric cars', 'Brussels imposed extra tariffs on cars built in China after an anti-subsidy probe. Beijing called the move protectionist and said it would defend its companies. Carmakers in Germany warned of retaliation against their exports.'],
    ['Nvidia unveils RTX 5090 gaming GPU with AI upscaling', 'The new graphics card doubles frame rates in games using AI-generated frames. Nvidia said the chip will ship next month at $1,999, and reviewers praised its performance in benchmarks.'],
    ['Chatbot adds voice mode and memory for paying users', 'The AI model can now remember earlier conversations and speak in five voices. The company said the feature would reach free users later this year.'],
  ])('not on topic: %s', (title, text) => {
    expect(slugs(title, text)).toEqual([]);
  });

  it('keeps the cues that produced an assignment', () => {
    const [assignment] = assignTopics('US tightens curbs on AI chip sales to China', 'The Commerce Department expanded export controls on advanced semiconductors and added companies to the Entity List.', topics);
    expect(assignment.topic).toBe('export-controls');
    expect(assignment.cues).toEqual(expect.arrayContaining(['export control*', 'Entity List']));
  });

  it('respects a source limited to some topics', () => {
    expect(assignTopics('US tightens curbs on AI chip sales to China', 'The Commerce Department expanded export controls on semiconductors.', topics, ['distillation'])).toEqual([]);
  });

  it('does not count related-coverage links far down the page', () => {
    const body = 'The council voted on the new bus timetable after a long debate about late-night services. '.repeat(80);
    expect(slugs('Council approves new bus timetable', `${body}\n\nRelated: US expands export controls on AI chips to China; lab accuses rival of distilling its model`)).toEqual([]);
  });
});
