// One case per named rule of src/extract/entities.ts: each example (the one the rule's comment gives)
// is decided by the rule it names (extractEntitiesWithRules reports which rule decided what), and the
// records extractEntities returns for it are checked. A rule added to, renamed in or removed from a
// table needs a case here too: the first test of each group checks that the table holds exactly the
// rules its cases name, in their order.
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/extract/sentences.ts';
import { candidateRules, extractEntities, extractEntitiesWithRules, nameRules, recordPasses, registryMatchRules, typeCues, type FoundEntity, type RuleDecision } from '../../src/extract/entities.ts';

/** The records (name and type, in order) and the rule decisions for a text; the records are extractEntities' own. */
function run(text: string): { records: [string, string][]; entities: FoundEntity[]; decisions: RuleDecision[] } {
  const sentences = splitSentences(text);
  const { entities, decisions } = extractEntitiesWithRules(text, sentences);
  expect(entities).toEqual(extractEntities(text, sentences));
  return { records: entities.map((entity) => [entity.name, entity.type]), entities, decisions };
}

/** The decisions a rule made on a text. */
const by = (decisions: RuleDecision[], rule: string) => decisions.filter((decision) => decision.rule === rule);

describe('entity rules: registry matches', () => {
  it('the table holds these rules, in this order', () => {
    expect(registryMatchRules.map((rule) => rule.name)).toEqual(['inside a name already taken', 'surname opening a longer name', 'place closing a longer name', "body's short name opening a longer body's name", "place opening a body's name", 'model with its version']);
  });

  it('rule "inside a name already taken"', () => {
    const { records, decisions } = run('Meta said Llama V3 would ship in May.');
    expect(by(decisions, 'inside a name already taken')).toEqual([{ rule: 'inside a name already taken', surface: 'V3' }]);
    expect(records).toEqual([['Meta', 'organization'], ['Llama V3', 'model']]);
  });

  it('rule "surname opening a longer name"', () => {
    const { records, decisions } = run('The city sold the contract for Trump Golf Links Ferry Point last year.');
    expect(by(decisions, 'surname opening a longer name')).toEqual([{ rule: 'surname opening a longer name', surface: 'Trump' }]);
    expect(records).toEqual([['Trump Golf Links Ferry Point', 'other']]);
  });

  it('rule "place closing a longer name"', () => {
    const { records, decisions } = run('She studied at the University of South Carolina before moving on.');
    expect(by(decisions, 'place closing a longer name')).toEqual([{ rule: 'place closing a longer name', surface: 'South Carolina' }]);
    expect(records).toEqual([['University of South Carolina', 'organization']]);
  });

  it('rule "body\'s short name opening a longer body\'s name"', () => {
    const { records, decisions } = run('The House Select Committee on China published its report.');
    expect(by(decisions, "body's short name opening a longer body's name")).toEqual([{ rule: "body's short name opening a longer body's name", surface: 'House' }]);
    expect(records).toEqual([['House Select Committee on China', 'organization']]);
  });

  it('rule "place opening a body\'s name"', () => {
    const { records, decisions } = run('The New York Times reported the deal on Monday.');
    expect(by(decisions, "place opening a body's name")).toEqual([{ rule: "place opening a body's name", surface: 'New York' }]);
    expect(records).toEqual([['New York Times', 'organization']]);
  });

  it('rule "model with its version"', () => {
    const { records, entities, decisions } = run('Google released Gemini 2.5 Pro to developers.');
    expect(by(decisions, 'model with its version')).toEqual([{ rule: 'model with its version', surface: 'Gemini', result: 'Gemini 2.5 Pro' }]);
    expect(records).toEqual([['Google', 'organization'], ['Gemini 2.5 Pro', 'model']]);
    expect(entities[1].origin).toBe('detected');
  });
});

describe('entity rules: candidates, on the words as written', () => {
  it('the table holds these rules, in this order', () => {
    expect(candidateRules.map((rule) => rule.name)).toEqual(['nothing left after the title', 'office without a holder', 'family name of a person named before', 'surname or first name of a person named before', 'surname of a registry person', 'first word of a firm named before', 'capitalised only to open a sentence', 'number or time zone', 'common acronym or company suffix', 'lone organisation, law or place word']);
  });

  it('rule "nothing left after the title"', () => {
    const { records, decisions } = run('Yesterday I met the new mayor.');
    expect(by(decisions, 'nothing left after the title')).toEqual([{ rule: 'nothing left after the title', surface: 'I' }]);
    expect(records).toEqual([]);
  });

  it('rule "office without a holder"', () => {
    const { records, decisions } = run('The Minister of Finance said the budget would wait.');
    expect(by(decisions, 'office without a holder')).toEqual([{ rule: 'office without a holder', surface: 'Minister of Finance' }]);
    expect(records).toEqual([]);
  });

  it('rule "family name of a person named before"', () => {
    const { records, entities, decisions } = run('Robert De Niro arrived late. De Niro said the film was finished.');
    expect(by(decisions, 'family name of a person named before')).toEqual([{ rule: 'family name of a person named before', surface: 'De Niro', result: 'Robert De Niro' }]);
    expect(records).toEqual([['Robert De Niro', 'person']]);
    expect(entities[0].mentions.map((mention) => mention.surface)).toEqual(['Robert De Niro', 'De Niro']);
  });

  it('rule "surname or first name of a person named before"', () => {
    const { records, entities, decisions } = run('Tomasz Wren joined Kestrel Research in 2019. Wren said the job was hard.');
    expect(by(decisions, 'surname or first name of a person named before')).toEqual([{ rule: 'surname or first name of a person named before', surface: 'Wren', result: 'Tomasz Wren' }]);
    expect(records).toEqual([['Tomasz Wren', 'person'], ['Kestrel Research', 'organization']]);
    expect(entities[0].aliases).toEqual(['Wren']);
  });

  it('rule "surname of a registry person"', () => {
    const { records, entities, decisions } = run('Elizabeth Warren wrote to the agency. Warren said it had failed.');
    expect(by(decisions, 'surname of a registry person')).toEqual([{ rule: 'surname of a registry person', surface: 'Warren', result: 'Elizabeth Warren' }]);
    expect(records).toEqual([['Elizabeth Warren', 'person']]);
    expect(entities[0].origin).toBe('registry');
    expect(entities[0].mentions).toHaveLength(2);
  });

  it('rule "first word of a firm named before"', () => {
    const { records, entities, decisions } = run('Vantor Labs raised $40 million. Vantor said it would hire.');
    expect(by(decisions, 'first word of a firm named before')).toEqual([{ rule: 'first word of a firm named before', surface: 'Vantor', result: 'Vantor Labs' }]);
    expect(records).toEqual([['Vantor Labs', 'organization']]);
    expect(entities[0].aliases).toEqual(['Vantor']);
  });

  it('rule "capitalised only to open a sentence"', () => {
    const { records, decisions } = run('Goats roam the island at night.');
    expect(by(decisions, 'capitalised only to open a sentence')).toEqual([{ rule: 'capitalised only to open a sentence', surface: 'Goats' }]);
    expect(records).toEqual([]);
  });

  it('rule "number or time zone"', () => {
    const { records, decisions } = run('The launch begins at 10 a.m. PDT on Friday.');
    expect(by(decisions, 'number or time zone')).toEqual([{ rule: 'number or time zone', surface: 'PDT' }]);
    expect(records).toEqual([]);
  });

  it('rule "common acronym or company suffix"', () => {
    const { records, decisions } = run("The firm's new GPU sold out.");
    expect(by(decisions, 'common acronym or company suffix')).toEqual([{ rule: 'common acronym or company suffix', surface: 'GPU' }]);
    expect(records).toEqual([]);
  });

  it('rule "lone organisation, law or place word"', () => {
    const { records, decisions } = run('She thanked the Services for their help.');
    expect(by(decisions, 'lone organisation, law or place word')).toEqual([{ rule: 'lone organisation, law or place word', surface: 'Services' }]);
    expect(records).toEqual([]);
  });
});

describe('entity rules: type cues', () => {
  it('the table holds these cues, in this order', () => {
    expect(typeCues.map((cue) => cue.name)).toEqual(['town before its state', 'single name after in or from', 'the single name that acts', 'acronym', 'capital inside one word', 'surname after a title', 'firm by its context', 'place after in or based in']);
  });

  it('cue "town before its state"', () => {
    const { records, decisions } = run('The plant in Hollisford, Mass., will close.');
    expect(by(decisions, 'town before its state')).toEqual([{ rule: 'town before its state', surface: 'Hollisford', result: 'place' }]);
    expect(records).toEqual([['Massachusetts', 'place'], ['Hollisford', 'place']]);
  });

  it('cue "single name after in or from"', () => {
    const { records, decisions } = run('The family moved to Hollisford last year.');
    expect(by(decisions, 'single name after in or from')).toEqual([{ rule: 'single name after in or from', surface: 'Hollisford', result: 'place' }]);
    expect(records).toEqual([['Hollisford', 'place']]);
  });

  it('cue "the single name that acts"', () => {
    const { records, entities, decisions } = run('Visitors queued outside the Brackwater all day. The Brackwater said it would stay open late.');
    expect(by(decisions, 'the single name that acts')).toEqual([{ rule: 'the single name that acts', surface: 'Brackwater', result: 'organization' }]);
    // (The first mention has no cue, and is no record of its own.)
    expect(by(decisions, 'lone word with no cue')).toEqual([{ rule: 'lone word with no cue', surface: 'Brackwater' }]);
    expect(records).toEqual([['Brackwater', 'organization']]);
    expect(entities[0].mentions).toHaveLength(1);
  });

  it('cue "acronym"', () => {
    const { records, decisions } = run('The audit was done by NWRC last year.');
    expect(by(decisions, 'acronym')).toEqual([{ rule: 'acronym', surface: 'NWRC', result: 'organization' }]);
    expect(records).toEqual([['NWRC', 'organization']]);
  });

  it('cue "capital inside one word"', () => {
    const { records, decisions } = run('She posted the video on VidTube yesterday.');
    expect(by(decisions, 'capital inside one word')).toEqual([{ rule: 'capital inside one word', surface: 'VidTube', result: 'organization' }]);
    expect(records).toEqual([['VidTube', 'organization']]);
  });

  it('cue "surname after a title"', () => {
    const { records, entities, decisions } = run('Sen. Okonkwo said the bill would pass.');
    expect(by(decisions, 'surname after a title')).toEqual([{ rule: 'surname after a title', surface: 'Sen. Okonkwo', result: 'person' }]);
    expect(records).toEqual([['Okonkwo', 'person']]);
    expect(entities[0].aliases).toEqual(['Sen. Okonkwo']);
  });

  it('cue "firm by its context"', () => {
    const { records, decisions } = run('Analysts at Harlan Brooks expect growth.');
    expect(by(decisions, 'firm by its context')).toEqual([{ rule: 'firm by its context', surface: 'Harlan Brooks', result: 'organization' }]);
    expect(records).toEqual([['Harlan Brooks', 'organization']]);
  });

  it('cue "place after in or based in"', () => {
    const { records, decisions } = run('The protest in Port Ellery drew crowds.');
    expect(by(decisions, 'place after in or based in')).toEqual([{ rule: 'place after in or based in', surface: 'Port Ellery', result: 'place' }]);
    expect(records).toEqual([['Port Ellery', 'place']]);
  });
});

describe('entity rules: candidates, on the name and its type', () => {
  it('the table holds these rules, in this order', () => {
    expect(nameRules.map((rule) => rule.name)).toEqual(['lone word with no cue', 'nationality, party or creed', 'group of people', 'title alone or page reference', 'letters of two scripts', 'common noun', 'nationality with a common acronym', 'words of a heading or title', 'title of a work in quotation marks', 'date or page furniture', 'job title']);
  });

  /** Each example is dropped by its rule, and nothing else in it makes a record. */
  const dropped = (text: string, rule: string, surface: string) => {
    const { records, decisions } = run(text);
    expect(by(decisions, rule)).toEqual([{ rule, surface }]);
    expect(records).toEqual([]);
  };

  it('rule "lone word with no cue"', () => dropped('The committee praised Greyling and its staff.', 'lone word with no cue', 'Greyling'));
  it('rule "nationality, party or creed"', () => dropped('South Korean officials met on Tuesday.', 'nationality, party or creed', 'South Korean'));
  it('rule "group of people"', () => dropped('The letter was signed by Indigenous Peoples of the region.', 'group of people', 'Indigenous Peoples'));
  it('rule "title alone or page reference"', () => dropped('The story ran on Page A8 of the print edition.', 'title alone or page reference', 'Page A8'));
  it('rule "letters of two scripts"', () => dropped('The offer came from \u041Epen S\u0435\u0441urity Labs last week.', 'letters of two scripts', '\u041Epen S\u0435\u0441urity Labs'));

  it('rule "common noun"', () => {
    const { records, decisions } = run('Most of it now lives on the Internet, she said.');
    // (Typed an organisation by "the … ," first: the rule drops it whatever its type.)
    expect(by(decisions, 'the single name that acts')).toEqual([{ rule: 'the single name that acts', surface: 'Internet', result: 'organization' }]);
    expect(by(decisions, 'common noun')).toEqual([{ rule: 'common noun', surface: 'Internet' }]);
    expect(records).toEqual([]);
  });

  it('rule "nationality with a common acronym"', () => dropped('Chinese AI labs are catching up.', 'nationality with a common acronym', 'Chinese AI'));
  it('rule "words of a heading or title"', () => dropped('Her essay Do Parties Or Voters Choose drew replies.', 'words of a heading or title', 'Do Parties Or Voters Choose'));
  it('rule "title of a work in quotation marks"', () => dropped('The band played “Silver Harbour Nights” twice.', 'title of a work in quotation marks', 'Silver Harbour Nights'));
  it('rule "date or page furniture"', () => dropped('She won 58% of the vote in Tuesday’s election.', 'date or page furniture', 'Tuesday’s'));
  it('rule "job title"', () => dropped('Kegel was named Chief Digital Officer last year.', 'job title', 'Chief Digital'));
});

describe('entity rules: record passes', () => {
  it('the table holds these passes, in this order', () => {
    expect(recordPasses.map((pass) => pass.name)).toEqual(['registry name inside a detected name', 'introduced abbreviation', 'university and its campus', 'acronym of a longer name', "shorter form of a body's name", 'one name written two ways', 'middle initial', 'with and without "The"', 'short form of a given name', 'beginning of a longer name', 'ordinary words in title case']);
  });

  it('pass "registry name inside a detected name"', () => {
    const { records, decisions } = run('She studied at Imperial College London for a year.');
    expect(by(decisions, 'registry name inside a detected name')).toEqual([{ rule: 'registry name inside a detected name', surface: 'London' }]);
    expect(records).toEqual([['Imperial College London', 'organization']]);
  });

  it('pass "introduced abbreviation"', () => {
    const { records, entities, decisions } = run('The Kenya Lawyers Association (KLA) filed the suit. KLA said it would appeal.');
    expect(by(decisions, 'introduced abbreviation')).toEqual([{ rule: 'introduced abbreviation', surface: 'KLA', result: 'Kenya Lawyers Association' }]);
    expect(records).toEqual([['Kenya Lawyers Association', 'organization']]);
    expect(entities[0].aliases).toEqual(['KLA']);
    expect(entities[0].mentions).toHaveLength(3);
  });

  it('pass "university and its campus"', () => {
    const { records, decisions } = run('She teaches at the University of California, Berkeley, and lives nearby.');
    expect(by(decisions, 'university and its campus')).toEqual([
      { rule: 'university and its campus', surface: 'University of California', result: 'University of California, Berkeley' },
      { rule: 'university and its campus', surface: 'Berkeley' },
    ]);
    expect(records).toEqual([['University of California, Berkeley', 'organization']]);
  });

  it('pass "acronym of a longer name"', () => {
    const { records, decisions } = run('The Harbour Safety Commission met on Monday. Later, HSC officials said the port would reopen.');
    expect(by(decisions, 'acronym of a longer name')).toEqual([{ rule: 'acronym of a longer name', surface: 'HSC', result: 'Harbour Safety Commission' }]);
    expect(records).toEqual([['Harbour Safety Commission', 'organization']]);
  });

  it('pass "shorter form of a body\'s name"', () => {
    const { records, decisions } = run('Members of the Congressional Progressive Caucus met on Monday. The Progressive Caucus said it would vote no.');
    expect(by(decisions, "shorter form of a body's name")).toEqual([{ rule: "shorter form of a body's name", surface: 'Progressive Caucus', result: 'Congressional Progressive Caucus' }]);
    expect(records).toEqual([['Congressional Progressive Caucus', 'organization']]);
  });

  it('pass "one name written two ways"', () => {
    const { records, decisions } = run('Investors backed Determined.ai last year. Employees at Determined AI said little.');
    expect(by(decisions, 'one name written two ways')).toEqual([{ rule: 'one name written two ways', surface: 'Determined AI', result: 'Determined.ai' }]);
    expect(records).toEqual([['Determined.ai', 'organization']]);
  });

  it('pass "middle initial"', () => {
    const { records, decisions } = run('Harold J. Finch spoke first. Later, Harold Finch said he was done.');
    expect(by(decisions, 'middle initial')).toEqual([{ rule: 'middle initial', surface: 'Harold Finch', result: 'Harold J. Finch' }]);
    expect(records).toEqual([['Harold J. Finch', 'person']]);
  });

  it('pass "with and without "The""', () => {
    const { records, decisions } = run('Fans cheered The Reckoning Crew on Friday. Tickets for Reckoning Crew sold out.');
    expect(by(decisions, 'with and without "The"')).toEqual([{ rule: 'with and without "The"', surface: 'Reckoning Crew', result: 'The Reckoning Crew' }]);
    expect(records).toEqual([['The Reckoning Crew', 'other']]);
  });

  it('pass "short form of a given name"', () => {
    const { records, decisions } = run('Geoffrey Skelley wrote the piece. Geoff Skelley said the data were clear.');
    expect(by(decisions, 'short form of a given name')).toEqual([{ rule: 'short form of a given name', surface: 'Geoff Skelley', result: 'Geoffrey Skelley' }]);
    expect(records).toEqual([['Geoffrey Skelley', 'person']]);
  });

  it('pass "beginning of a longer name"', () => {
    const { records, decisions } = run('Maria Elena Duarte spoke first. Later, Maria Elena said she was done.');
    expect(by(decisions, 'beginning of a longer name')).toEqual([{ rule: 'beginning of a longer name', surface: 'Maria Elena', result: 'Maria Elena Duarte' }]);
    expect(records).toEqual([['Maria Elena Duarte', 'person']]);
  });

  it('pass "ordinary words in title case"', () => {
    const { records, decisions } = run('The clinic opened its Patient Care wing, and patient care improved.');
    expect(by(decisions, 'ordinary words in title case')).toEqual([{ rule: 'ordinary words in title case', surface: 'Patient Care' }]);
    expect(records).toEqual([]);
  });
});
