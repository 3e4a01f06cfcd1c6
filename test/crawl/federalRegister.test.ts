// The Federal Register documents API as a source (fixture: a realistic page of BIS documents).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isFederalRegisterApi, looksLikeFederalRegister, parseFederalRegister, federalRegisterItems } from '../../src/crawl/federalRegister.ts';
import { FeedParseError } from '../../src/crawl/feed.ts';

const text = fs.readFileSync(fileURLToPath(new URL('./fixtures/federal-register/bis-documents.json', import.meta.url)), 'utf8');
const API = 'https://www.federalregister.gov/api/v1/documents.json?conditions[agencies][]=industry-and-security-bureau&order=newest';

describe('isFederalRegisterApi', () => {
  it('recognises the documents API by host and path', () => {
    expect(isFederalRegisterApi(API)).toBe(true);
    expect(isFederalRegisterApi('https://federalregister.gov/api/v1/documents?per_page=20')).toBe(true);
    expect(isFederalRegisterApi('https://www.federalregister.gov/documents/2025/01/15/2025-00636/framework')).toBe(false);
    expect(isFederalRegisterApi('https://evil.example/api/v1/documents.json')).toBe(false);
    expect(isFederalRegisterApi('not a url')).toBe(false);
  });

  it('sniffs the same JSON served from elsewhere, and not a JSON Feed', () => {
    expect(looksLikeFederalRegister(text)).toBe(true);
    expect(looksLikeFederalRegister('{"version":"https://jsonfeed.org/version/1.1","items":[]}')).toBe(false);
  });
});

describe('parseFederalRegister', () => {
  const documents = parseFederalRegister(text, API);

  it('reads each result with a page, its abstract, type, date and agencies', () => {
    expect(documents.map((document) => document.documentNumber)).toEqual(['2025-00636', '2025-05314', '2025-04410', '2025-06001']);
    expect(documents[0]).toEqual({
      documentNumber: '2025-00636', type: 'Rule', title: 'Framework for Artificial Intelligence Diffusion',
      htmlUrl: 'https://www.federalregister.gov/documents/2025/01/15/2025-00636/framework-for-artificial-intelligence-diffusion',
      publicationDate: '2025-01-15T00:00:00.000Z',
      abstract: expect.stringMatching(/^In this interim final rule, the Bureau of Industry and Security \(BIS\) revises/),
      agencies: ['Commerce Department', 'Industry and Security Bureau'],
    });
    expect(documents[2].abstract).toBeNull();
    expect(documents[3].abstract).toBe('BIS proposes clarifications to the advanced computing rules.');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives items pointing at the document pages, newest first, with the abstract as summary', () => {
    const items = federalRegisterItems(documents);
    expect(items.map((item) => item.id)).toEqual(['2025-06001', '2025-05314', '2025-04410', '2025-00636']);
    expect(items[1]).toEqual({
      id: '2025-05314', title: 'Entity List Additions', link: 'https://www.federalregister.gov/documents/2025/03/28/2025-05314/entity-list-additions',
      publishedAt: '2025-03-28T00:00:00.000Z', updatedAt: null,
      summary: 'In this rule, the Bureau of Industry and Security (BIS) amends the Export Administration Regulations (EAR) by adding 80 entities to the Entity List.',
      content: null, author: 'Industry and Security Bureau',
    });
  });

  it('treats an empty answer as no documents, and names what is wrong with a broken one', () => {
    expect(parseFederalRegister('{"count":0,"description":"no documents"}')).toEqual([]);
    expect(parseFederalRegister('{"count":0,"results":[]}')).toEqual([]);
    expect(() => parseFederalRegister('{"results": [')).toThrow(FeedParseError);
    expect(() => parseFederalRegister('[1,2]')).toThrow(/JSON object/);
    expect(() => parseFederalRegister('{"errors":{"conditions":"bad"}}')).toThrow(/no results list/);
  });
});
