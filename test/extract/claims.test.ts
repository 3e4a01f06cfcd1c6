// Claims: attributed statements with their claimant and stance, one case per rule of CLAIM_RULES,
// and the resolutions a reader would get wrong if the extractor took the last name it saw.
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/extract/facts.ts';
import { CLAIM_RULES, stanceIn } from '../../src/extract/claims.ts';

const claimsOf = (text: string) => extractFacts('A page', text, '2025-01-29T10:00:00Z', []).claims
  .map(({ claimant, speaker, stance, quote }) => ({ claimant, speaker, stance, quote }));

describe('claims', () => {
  it('has the rules this file tests, in order', () => {
    expect(CLAIM_RULES.map((rule) => rule.name)).toEqual(['no response', 'according to', 'named subject', 'body or pronoun subject']);
    expect(CLAIM_RULES).toHaveLength(4);
  });

  it('no response: "did not respond" and "declined to comment" are responses of the body named', () => {
    expect(claimsOf('DeepSeek did not respond to a request for comment. Nvidia declined to comment on the filing.')).toEqual([
      { claimant: 'DeepSeek', speaker: null, stance: 'no-response', quote: false },
      { claimant: 'Nvidia', speaker: null, stance: 'declines', quote: false },
    ]);
  });

  it('according to: the body named right after the words, known to the registry or not', () => {
    expect(claimsOf('According to the Commerce Department, the rule covers 140 entities in China.')).toEqual([
      { claimant: 'U.S. Department of Commerce', speaker: null, stance: 'says', quote: false },
    ]);
    expect(claimsOf('According to Harbourview Capital, the curbs will cost billions in lost sales.')[0]).toMatchObject({ claimant: 'Harbourview Capital' });
  });

  it('named subject: the actor before the verb, the stance from the verb', () => {
    expect(claimsOf('OpenAI accused DeepSeek of using its models to train a competitor.')).toEqual([
      { claimant: 'OpenAI', speaker: null, stance: 'accuses', quote: false },
    ]);
    expect(claimsOf('Microsoft denied that any customer data had been taken.')[0]).toMatchObject({ claimant: 'Microsoft', stance: 'denies' });
    expect(claimsOf('The Bureau of Industry and Security warned that using Huawei chips anywhere could breach export controls.')[0]).toMatchObject({ claimant: 'Bureau of Industry and Security', stance: 'warns' });
  });

  it('body or pronoun subject: "the company said" is the subject of the sentence before, not the last name seen', () => {
    const claims = claimsOf('OpenAI said it had evidence that DeepSeek had drawn on its models. The company said it was working with Washington to protect its technology.');
    expect(claims).toHaveLength(2);
    expect(claims[1]).toEqual({ claimant: 'OpenAI', speaker: null, stance: 'says', quote: false });
  });

  it('a quote from a spokesperson is a claim of the employer, with the person as speaker', () => {
    const [claim] = claimsOf('“We take the protection of our models seriously and will keep doing so,” said Dana Whitfield, a spokesperson for OpenAI.');
    expect(claim).toEqual({ claimant: 'OpenAI', speaker: 'Dana Whitfield', stance: 'says', quote: true });
  });

  it('named subject: the actor opening the sentence, not one inside an aside; a media report belongs to the outlet', () => {
    expect(claimsOf('Dana Whitfield, a lawyer who advised Microsoft on the case, said the rules were clear.')[0]).toMatchObject({ claimant: 'Dana Whitfield', speaker: 'Dana Whitfield' });
    expect(claimsOf('The allegation gained weight from the White House before OpenAI had said anything on the record.')[0]).toMatchObject({ claimant: 'OpenAI' });
    expect(claimsOf('Bloomberg News reported that Microsoft researchers had flagged the accounts in the autumn.')[0]).toMatchObject({ claimant: 'Bloomberg News', stance: 'says' });
  });

  it('a verb in the passive is not a claim of the subject, and a question states nothing', () => {
    expect(claimsOf('DeepSeek may turn out to have done exactly what it is accused of.')).toEqual([]);
    expect(claimsOf('What has DeepSeek said about the accusations?')).toEqual([]);
  });

  it('"he said" is the person named before; "the company" the organisation the article is about', () => {
    const claims = claimsOf('Nvidia expects a charge of $5.5 billion this quarter. Nvidia makes the H20 for China. Its buyers include ByteDance and Tencent. The company said the charge covers inventory and purchase commitments.');
    expect(claims.at(-1)).toMatchObject({ claimant: 'Nvidia' });
    const sacks = claimsOf('Marcus Oyelaran, who chairs the panel, spoke to reporters in Washington on Tuesday. He said he expected the labs to act quickly.');
    expect(sacks.at(-1)).toMatchObject({ claimant: 'Marcus Oyelaran' });
    // The person opening the sentence before, not one named in its aside.
    const aside = claimsOf('Marcus Oyelaran, who once advised Senator Dana Whitfield, spoke to reporters on Tuesday. He said he expected the labs to act quickly.');
    expect(aside.at(-1)).toMatchObject({ claimant: 'Marcus Oyelaran' });
  });

  it('a report about a document is not the document speaking for itself', () => {
    expect(claimsOf('The report said the accounts were linked to a Chinese lab.')).toEqual([]);
  });

  it('reads the strongest verb: an accusation over "said", a refusal over both', () => {
    expect(stanceIn('officials said the company accused its rival')).toBe('accuses');
    expect(stanceIn('it said it declined to comment')).toBe('declines');
    expect(stanceIn('nothing of the kind')).toBe('says');
  });
});
