import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/extract/sentences.ts';
import { extractEntities, loadBuiltInRegistry, type FoundEntity, type RegistryEntry } from '../../src/extract/entities.ts';

const entitiesIn = (text: string, registry?: RegistryEntry[]) => extractEntities(text, splitSentences(text), registry);
const named = (entities: FoundEntity[], name: string) => entities.find((entity) => entity.name === name);
const names = (entities: FoundEntity[]) => entities.map((entity) => entity.name).sort();

function expectSpansHold(text: string, entities: FoundEntity[]) {
  for (const entity of entities) {
    for (const mention of entity.mentions) {
      expect(text.slice(mention.start, mention.end), `${entity.name}`).toBe(mention.surface);
      expect(mention.sentence).toContain(mention.surface);
    }
  }
}

describe('the built-in registry', () => {
  it('loads with a type for every entry and no alias shared by two entries', () => {
    const registry = loadBuiltInRegistry();
    expect(registry.length).toBeGreaterThan(50);
    const seen = new Map<string, string>();
    for (const entry of registry) {
      expect(['person', 'organization', 'model', 'product', 'place', 'law', 'other']).toContain(entry.type);
      for (const alias of [entry.name, ...entry.aliases]) {
        expect(seen.get(alias), `alias "${alias}"`).toBeUndefined();
        seen.set(alias, entry.name);
      }
    }
  });
});

describe('extractEntities: registry names and aliases', () => {
  const text = "The Commerce Department said on Monday that the U.S. Department of Commerce would review Nvidia's licences. US officials and U.S. lawmakers agreed.";
  const entities = entitiesIn(text);

  it('resolves different names of one agency to one record', () => {
    const commerce = named(entities, 'U.S. Department of Commerce')!;
    expect(commerce.type).toBe('organization');
    expect(commerce.origin).toBe('registry');
    expect(commerce.mentions.map((mention) => mention.surface)).toEqual(['Commerce Department', 'U.S. Department of Commerce']);
    expect(commerce.aliases).toContain('Commerce Department');
  });

  it('reads an adjectival form as a mention of the name ("DeepSeek-affiliated", "Nvidia-designed"), not as a name of its own', () => {
    const found = entitiesIn('Microsoft found DeepSeek-affiliated accounts pulling data through the API. Nvidia-designed chips remain popular.');
    expect(found.map((entity) => entity.name).sort()).toEqual(['DeepSeek', 'Microsoft', 'Nvidia']);
    expect(named(found, 'DeepSeek')!.mentions.map((mention) => mention.surface)).toEqual(['DeepSeek']);
  });

  it('resolves "U.S." and "US" to the United States', () => {
    const unitedStates = named(entities, 'United States')!;
    expect(unitedStates.type).toBe('place');
    // The third "U.S." belongs to "U.S. Department of Commerce".
    expect(unitedStates.mentions.map((mention) => mention.surface)).toEqual(['US', 'U.S.']);
  });

  it('strips possessives from the record but keeps them in the mention', () => {
    const nvidia = named(entities, 'Nvidia')!;
    expect(nvidia.mentions[0].surface).toBe("Nvidia's");
    expect(nvidia.aliases).toEqual([]);
    expect(names(entities)).not.toContain("Nvidia's");
  });

  it('keeps each mention with its sentence and exact span', () => {
    expect(named(entities, 'Nvidia')!.mentions[0].sentence).toBe("The Commerce Department said on Monday that the U.S. Department of Commerce would review Nvidia's licences.");
    expectSpansHold(text, entities);
  });

  it('uses a registry an editor extended', () => {
    const registry: RegistryEntry[] = [...loadBuiltInRegistry(), { name: 'Vantor Labs', type: 'organization', aliases: ['Vantor'] }];
    const found = entitiesIn('Critics said Vantor had copied the outputs.', registry);
    expect(named(found, 'Vantor Labs')).toMatchObject({ origin: 'registry', type: 'organization' });
  });
});

describe('extractEntities: people', () => {
  it('drops honorifics and titles and links later surname mentions', () => {
    const text = 'Sen. Jane Roe wrote to the agency on Monday. Ranking Member Tom Okafor disagreed with her. Roe said the agency had failed, and Okafor called that unfair.';
    const entities = entitiesIn(text);
    expect(named(entities, 'Jane Roe')).toMatchObject({ type: 'person' });
    expect(named(entities, 'Jane Roe')!.mentions.map((mention) => mention.surface)).toEqual(['Sen. Jane Roe', 'Roe']);
    expect(named(entities, 'Tom Okafor')!.mentions).toHaveLength(2);
    expect(names(entities)).not.toContain('Roe');
    expect(names(entities).join('|')).not.toMatch(/Ranking Member|Sen\./);
    expectSpansHold(text, entities);
  });

  it('recognises people whose given name it does not know, from how they are introduced', () => {
    const text = 'Marguerite Okonkwo-Bell, a researcher at Stanford University, said the curbs worked. Okonkwo-Bell added that they came late. Tomasz Wren said the opposite.';
    const entities = entitiesIn(text);
    expect(named(entities, 'Marguerite Okonkwo-Bell')).toMatchObject({ type: 'person' });
    expect(named(entities, 'Marguerite Okonkwo-Bell')!.mentions).toHaveLength(2);
    expect(named(entities, 'Tomasz Wren')?.type).toBe('person');
    expect(named(entities, 'Stanford University')?.type).toBe('organization');
  });

  it('a surname with a courtesy title is a person, and the same person as a full name in the text', () => {
    const entities = entitiesIn('Liang Wenfeng founded the lab in 2023. Mr. Liang declined to comment. Ms. Tanaka, his adviser, agreed.');
    expect(named(entities, 'Liang Wenfeng')!.mentions).toHaveLength(2);
    expect(named(entities, 'Tanaka')?.type).toBe('person');
  });
});

describe('extractEntities: organisations', () => {
  it('links an abbreviation the registry knows and one it does not', () => {
    const text = 'The Bureau of Industry and Security (BIS) issued the rule. BIS said it would enforce it. The Halden Institute for Trade (HIT) criticised the rule. HIT said it was too broad.';
    const entities = entitiesIn(text);
    expect(named(entities, 'Bureau of Industry and Security')!.mentions).toHaveLength(3);
    const halden = named(entities, 'Halden Institute for Trade')!;
    expect(halden).toMatchObject({ type: 'organization', origin: 'detected' });
    expect(halden.aliases).toContain('HIT');
    expect(halden.mentions.map((mention) => mention.surface)).toEqual(['Halden Institute for Trade', 'HIT', 'HIT']);
    expect(names(entities)).not.toContain('HIT');
  });

  it('types a firm named like a person from the context it appears in', () => {
    const text = 'However, analysts at Morgan Stanley said the chips were in demand. Goldman Sachs analysts expect sales to fall. Morgan Stanley said in a note that demand was strong.';
    const entities = entitiesIn(text);
    expect(named(entities, 'Morgan Stanley')).toMatchObject({ type: 'organization' });
    expect(named(entities, 'Morgan Stanley')!.mentions).toHaveLength(2);
    expect(named(entities, 'Goldman Sachs')?.type).toBe('organization');
    expect(entities.filter((entity) => entity.type === 'person')).toEqual([]);
  });

  it('does not take a person introduced by job title, or a nationality, for a firm', () => {
    const entities = entitiesIn('The plant was opened by chief executive Rania Haddad on Monday. Chinese engineers at the site said Chinese analysts expect more orders.');
    expect(named(entities, 'Rania Haddad')?.type).toBe('person');
    expect(names(entities)).not.toContain('Chinese');
  });

  it('keeps a law named with "and" whole', () => {
    const entities = entitiesIn('Lawyers said scraping could breach the Computer Fraud and Abuse Act in some cases.');
    expect(named(entities, 'Computer Fraud and Abuse Act')?.type).toBe('law');
  });

  it('does not fuse two names joined by "and"', () => {
    const entities = entitiesIn('Analysts at Morgan Stanley and Bernstein Research agreed. Officials in Kuala Lumpur and Hsinchu responded.');
    expect(names(entities)).toEqual(expect.arrayContaining(['Morgan Stanley', 'Bernstein Research', 'Kuala Lumpur']));
    expect(names(entities).some((name) => / and /.test(name))).toBe(false);
  });

  it('keeps "and" inside a name built with "of" or "for"', () => {
    const entities = entitiesIn('A report from the Center for Strategic and International Studies said the rule was late.');
    expect(named(entities, 'Center for Strategic and International Studies')?.type).toBe('organization');
  });

  it('links a firm\'s short name to its full name', () => {
    const entities = entitiesIn('The startup Vantor Labs built a rival model. Critics said Vantor had copied outputs.');
    expect(named(entities, 'Vantor Labs')!.mentions.map((mention) => mention.surface)).toEqual(['Vantor Labs', 'Vantor']);
  });

  it('types laws and places from their words and context', () => {
    const entities = entitiesIn('Lawmakers introduced the Chip Security Act in May. A startup based in Hsinchu said the rule would hurt it.');
    expect(named(entities, 'Chip Security Act')?.type).toBe('law');
    expect(named(entities, 'Hsinchu')?.type).toBe('place');
  });
});

describe('extractEntities: what is not an entity', () => {
  it('ignores sentence-initial words, headings and page furniture', () => {
    const text = 'Related Coverage\n\nSign Up For Our Newsletter\n\nHowever, the rule stands. Meanwhile exports grew. Despite the rule, sales rose. Asked about it, officials declined.\n\nRead more\n\nShare this article';
    expect(entitiesIn(text)).toEqual([]);
  });

  it('does not make records of job titles', () => {
    const entities = entitiesIn('Chief Executive Officer Elena Voss said the lab had done nothing wrong.');
    expect(names(entities)).toEqual(['Elena Voss']);
  });
});

describe('generic acronyms', () => {
  it('does not make an organisation of a common-noun acronym, but keeps a real one', () => {
    const text = 'Demand for AI chips rose as every GPU maker raised prices. The IEA said data centres will double their power use, and the IEA expects more.';
    const names = extractEntities(text, splitSentences(text)).map((entity) => entity.name);
    expect(names).not.toContain('AI');
    expect(names).not.toContain('GPU');
    expect(names).toContain('IEA');
  });
});

describe('extractEntities: names in real news copy', () => {
  it('splits a title out of a run of capitals and keeps the place or body before it', () => {
    const text = '“It is a global issue,” said Cambridge Police Commissioner Christine Elow. Elow spoke after the arrests.';
    const entities = entitiesIn(text);
    expect(named(entities, 'Christine Elow')).toMatchObject({ type: 'person' });
    expect(named(entities, 'Christine Elow')!.mentions).toHaveLength(2);
    expect(named(entities, 'Cambridge Police')?.type).toBe('organization');
    expectSpansHold(text, entities);
  });

  it('finds places from the gazetteer and from how the prose introduces them, and skips nationality adjectives', () => {
    const text = 'The suspects lived in Dedham and in Watertown, Mass., and flew to Boston. South Korean officials and African Americans were not involved.';
    const entities = entitiesIn(text);
    for (const place of ['Dedham', 'Watertown', 'Boston']) expect(named(entities, place)?.type, place).toBe('place');
    expect(names(entities).join('|')).not.toMatch(/South Korean|African Americans/);
  });

  it('reads names with accents, dotted initials and a university with its city', () => {
    const text = 'Marjorie Velázquez spoke to Showa Denko K.K. engineers. Researchers at Imperial College London agreed.';
    const entities = entitiesIn(text);
    expect(named(entities, 'Marjorie Velázquez')?.type).toBe('person');
    expect(names(entities)).toContain('Showa Denko K.K.');
    expect(names(entities)).toContain('Imperial College London');
    expect(names(entities)).not.toContain('London');
  });

  it('merges an acronym with the name its initials spell, and a possessive ends a name', () => {
    const text = 'The Congressional Black Caucus met on Monday. The CBC said it would endorse. Sheffield’s Residence Life team replied.';
    const entities = entitiesIn(text);
    expect(named(entities, 'Congressional Black Caucus')!.aliases).toContain('CBC');
    expect(names(entities)).not.toContain('CBC');
    expect(names(entities).join('|')).not.toMatch(/Sheffield’s Residence/);
  });
});

describe('extractEntities: datelines and outlets', () => {
  it('reads a dateline in capitals as the place it names', () => {
    const entities = entitiesIn('NEW YORK — Shares of chip makers fell on Monday. BEIJING (Wire) — The ministry said it would respond.');
    expect(named(entities, 'New York')?.type).toBe('place');
    expect(named(entities, 'Beijing')?.type).toBe('place');
    expect(names(entities)).not.toContain('YORK');
  });

  it('types an outlet the registry lists as an organisation, whatever its words look like', () => {
    const registry = [...loadBuiltInRegistry(), { name: 'Silicon Harbor', type: 'organization' as const, aliases: [] }];
    const entities = entitiesIn('The figure was first reported by Silicon Harbor on Tuesday.', registry);
    expect(named(entities, 'Silicon Harbor')?.type).toBe('organization');
  });
});

describe('extractEntities: one record per thing, however it is written', () => {
  it('merges a middle initial, a dotted brand, an acronym with connectors and one after a place name', () => {
    const text = 'Michael R. Bloomberg spoke first. Later Michael Bloomberg said more. Determined AI was bought; Determined.ai staff stayed. The Commission of Inquiry reported, and the COI named names. The United States Drug Enforcement Agency said the DEA would act.';
    const entities = entitiesIn(text);
    expect(named(entities, 'Michael R. Bloomberg')!.aliases).toContain('Michael Bloomberg');
    expect(names(entities).filter((name) => /Determined/.test(name))).toHaveLength(1);
    expect(named(entities, 'Commission of Inquiry')!.aliases).toContain('COI');
    expect(named(entities, 'United States Drug Enforcement Agency')!.aliases).toContain('DEA');
  });
});

describe('extractEntities: more real-copy shapes', () => {
  it('keeps a campus with its university, reads airport codes as aliases, and skips quoted slogans', () => {
    const text = 'Researchers at the University of California, Berkeley agreed. Flights leave Boise (BOI) daily. Protesters chanted “Don’t Buy Books by Crooks” outside.';
    const entities = entitiesIn(text);
    expect(names(entities)).toContain('University of California, Berkeley');
    expect(names(entities)).not.toContain('Berkeley');
    expect(named(entities, 'Boise')!.aliases).toContain('BOI');
    expect(names(entities).join('|')).not.toMatch(/Buy Books/);
  });
});

describe('extractEntities: phrases that look like names but are not', () => {
  it('skips a nationality with a common acronym and lower-case hyphen compounds, keeps "British Columbia"', () => {
    const entities = entitiesIn('Chinese AI labs and US AI firms made AI-related claims about US-origin chips in British Columbia.');
    expect(names(entities).join('|')).not.toMatch(/Chinese AI|US AI|AI-related|US-origin/);
    expect(named(entities, 'British Columbia')?.type).toBe('place');
  });

  it('types a school of law as an organisation, not a law', () => {
    expect(named(entitiesIn('Professors at the Kessington School of Law disagreed with the ruling.'), 'Kessington School of Law')?.type).toBe('organization');
  });
});

describe('extractEntities: names joined by "and", registry variants', () => {
  it('joins a run of plain words to a body\'s name across "and"', () => {
    const entities = entitiesIn('Volunteers from Fauna and Flora International counted the goats. The Smart and Sustainable Automation Research Lab built the printer.');
    expect(named(entities, 'Fauna and Flora International')?.type).toBe('organization');
    expect(named(entities, 'Smart and Sustainable Automation Research Lab')?.type).toBe('organization');
    expect(named(entities, 'Flora International')).toBeUndefined();
  });

  it('keeps two companies apart: "Nvidia and Samsung Electronics"', () => {
    const entities = entitiesIn('Orders from Nvidia and Samsung Electronics rose in the quarter.');
    expect(names(entities)).toEqual(['Nvidia', 'Samsung Electronics']);
  });

  it('finds a registry name written without its dot, and chips in the plural', () => {
    const entities = entitiesIn('Taiwan Semiconductor Manufacturing Co (TSMC) makes the chips. Buyers stockpiled H100s and A800s last year.');
    expect(named(entities, 'TSMC')?.mentions.length).toBe(2);
    expect(named(entities, 'H100')).toBeDefined();
    expect(named(entities, 'A800')).toBeDefined();
    expect(entities.some((entity) => entity.name.includes('Manufacturing Co'))).toBe(false);
  });
});

describe('extractEntities: US states', () => {
  it('reads AP state abbreviations after a city, and leaves a state inside a longer name to it', () => {
    const entities = entitiesIn('Prices spiked in Reno and Carson City, Nev., on Friday. Students at the University of South Carolina and customers of Southern California Edison were told to wait.');
    expect(named(entities, 'Nevada')?.aliases).toContain('Nev.');
    expect(named(entities, 'University of South Carolina')?.type).toBe('organization');
    expect(named(entities, 'Southern California Edison')).toBeDefined();
    expect(named(entities, 'South Carolina')).toBeUndefined();
  });
});

describe('extractEntities: people with two given names', () => {
  it('keeps "Yunfan Gerry Zhang" whole', () => {
    expect(names(entitiesIn('The news was welcomed by Yunfan Gerry Zhang, who studies stars.'))).toEqual(['Yunfan Gerry Zhang']);
  });
});

describe('extractEntities: Title Case text', () => {
  it('does not take headings or slogans written in Title Case for names, but keeps "Hoi An"', () => {
    const entities = entitiesIn('Readers asked: Do Parties Or Voters Choose Presidential Nominees? The resort sits near Hoi An, where Democracy Is Coming was sung.');
    expect(names(entities)).toEqual(['Hoi An']);
  });
});

describe('extractEntities: forms of one name', () => {
  it('merges a name with and without "The", and a short given name with the full one', () => {
    const entities = entitiesIn('Volunteers from The Reckoning Crew met on Sunday. Members of Reckoning Crew knocked on doors. Gerald Ford pardoned him; Gerry Ford never explained why.');
    expect(named(entities, 'The Reckoning Crew')?.aliases).toContain('Reckoning Crew');
    expect(named(entities, 'Gerald Ford')?.aliases).toContain('Gerry Ford');
  });

  it('keeps a Roman numeral and drops a trailing title', () => {
    const entities = entitiesIn('Veterans of World War I gathered. The PAHO Director spoke, and the Alameda County DA declined to comment.');
    expect(named(entities, 'World War I')).toBeDefined();
    expect(entities.some((entity) => /Director|DA$/.test(entity.name))).toBe(false);
  });
});

describe('extractEntities: family names', () => {
  it('types a plain given name before a known family name as a person', () => {
    const entities = entitiesIn('The council chose Deqa Dhalac as mayor, while Junmyung Lee ran the count.');
    expect(named(entities, 'Deqa Dhalac')?.type).toBe('person');
    expect(named(entities, 'Junmyung Lee')?.type).toBe('person');
  });
});

describe('extractEntities: AI models with versions, and bodies inside longer names', () => {
  it('keeps a model family with its version as one model', () => {
    const entities = entitiesIn('Anthropic said Claude Opus 4 was targeted, Google released Gemini 2.5 Pro, OpenAI shipped o3-mini and Alibaba launched Qwen2.5-Max. DeepSeek-V3.1 followed. Claude is popular.');
    for (const model of ['Claude Opus 4', 'Gemini 2.5 Pro', 'o3-mini', 'Qwen2.5-Max', 'DeepSeek-V3.1', 'Claude']) expect(named(entities, model)?.type).toBe('model');
  });

  it('"House Select Committee on China" and "the Chinese Embassy" are bodies', () => {
    const entities = entitiesIn('Rep. John Moolenaar, chairman of the House Select Committee on China, praised it. Liu Pengyu of the Chinese Embassy objected.');
    expect(named(entities, 'House Select Committee on China')?.type).toBe('organization');
    expect(named(entities, 'Chinese Embassy')?.type).toBe('organization');
  });
});

describe('extractEntities: bodies by their words, acronyms by their brackets', () => {
  it('"AUSTIN (KXAN)" is a dateline and a station, not a name and its abbreviation; "at MIT" is a body', () => {
    const entities = entitiesIn('AUSTIN (KXAN) — Voters approved the amendment. Tim Lee told KXAN it was a win. She studied at MIT before that.');
    expect(named(entities, 'KXAN')?.type).toBe('organization');
    expect(named(entities, 'MIT')?.type).toBe('organization');
  });

  it('types foreign bodies by their words and a château as a place', () => {
    const entities = entitiesIn('The Fondation Louis Vuitton lent works to the Musée Guimet, near the Château de Versailles, and Showa Denko K.K. paid.');
    expect(named(entities, 'Fondation Louis Vuitton')?.type).toBe('organization');
    expect(named(entities, 'Musée Guimet')?.type).toBe('organization');
    expect(named(entities, 'Château de Versailles')?.type).toBe('place');
  });
});

describe('extractEntities: a name before a firm noun', () => {
  it('"the Albemarle Rowe investment bank" is a firm; "the Yarmush lab" is left to its person', () => {
    const entities = entitiesIn('Joanne Whitcombe, head of research at the Albemarle Rowe investment bank, said so. Martin Yarmush leads the Yarmush lab.');
    expect(named(entities, 'Albemarle Rowe')?.type).toBe('organization');
    expect(entities.some((entity) => entity.name === 'Yarmush' && entity.type === 'organization')).toBe(false);
  });
});

describe('extractEntities: names that end like adjectives', () => {
  it('keeps "Aditi Mwangi" (both words end in -i), drops "Chinese AI"', () => {
    expect(names(entitiesIn('We met Aditi Mwangi yesterday, along with Chinese AI firms.'))).toEqual(['Aditi Mwangi']);
  });
});

describe('extractEntities: firms by their context', () => {
  it('"the firm Achterberg Lowe LLP." and "the consultancy Redline Assurance" are firms', () => {
    const entities = entitiesIn('"It is a targeted instrument," said Daniel Achterberg, a partner at the firm Achterberg Lowe LLP. Konrad Wielgus, a principal at the consultancy Redline Assurance, agreed.');
    expect(named(entities, 'Achterberg Lowe LLP')?.type).toBe('organization');
    expect(named(entities, 'Redline Assurance')?.type).toBe('organization');
    expect(named(entities, 'Daniel Achterberg')?.type).toBe('person');
  });
});

