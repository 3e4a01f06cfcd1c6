import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/extract/sentences.ts';

const texts = (text: string) => splitSentences(text).map((sentence) => sentence.text);

describe('splitSentences', () => {
  it('does not break after titles, dotted acronyms, months or company suffixes', () => {
    const text = 'Sen. Jane Roe wrote to U.S. officials on Jan. 14 about the rule. Nvidia Corp. and Acme Inc. said they would comply.';
    expect(texts(text)).toEqual([
      'Sen. Jane Roe wrote to U.S. officials on Jan. 14 about the rule.',
      'Nvidia Corp. and Acme Inc. said they would comply.',
    ]);
  });

  it('keeps "No. 2" and decimals such as $5.5bn inside the sentence', () => {
    const text = 'The No. 2 chipmaker took a $5.5bn charge. Its shares fell 6.8% on Wednesday.';
    expect(texts(text)).toEqual(['The No. 2 chipmaker took a $5.5bn charge.', 'Its shares fell 6.8% on Wednesday.']);
  });

  it('ends a sentence at a dotted acronym when a new sentence plainly starts', () => {
    expect(texts('The chips were designed in the U.S. The factory is in Taiwan.')).toEqual([
      'The chips were designed in the U.S.',
      'The factory is in Taiwan.',
    ]);
  });

  it('keeps a closing quotation mark with the sentence it ends', () => {
    const text = '“We will not be bullied,” the ministry said. “This is theft.” Analysts were unsurprised. He called it "a loophole." Then he left.';
    expect(texts(text)).toEqual([
      '“We will not be bullied,” the ministry said.',
      '“This is theft.”',
      'Analysts were unsurprised.',
      'He called it "a loophole."',
      'Then he left.',
    ]);
  });

  it('splits on question and exclamation marks', () => {
    expect(texts('Is distillation theft? Some lawyers say no! Others disagree.')).toHaveLength(3);
  });

  it('numbers paragraphs (blocks separated by blank lines) and keeps exact offsets', () => {
    const text = 'First paragraph, first sentence. Second sentence.\n\n  Second paragraph here.\n\nThird one. With two.';
    const sentences = splitSentences(text);
    expect(sentences.map((sentence) => sentence.paragraph)).toEqual([0, 0, 1, 2, 2]);
    for (const sentence of sentences) {
      expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
      expect(sentence.text).toBe(sentence.text.trim());
    }
  });

  it('does not split when the next word is lower-case (an abbreviation it does not know)', () => {
    expect(texts('The approx. figure was given by the agency. It was later revised.')).toHaveLength(2);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   \n\n  ')).toEqual([]);
  });
});
