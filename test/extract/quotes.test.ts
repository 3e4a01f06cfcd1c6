import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/extract/sentences.ts';
import { extractEntities } from '../../src/extract/entities.ts';
import { extractQuotes } from '../../src/extract/quotes.ts';

const quotesIn = (text: string) => extractQuotes(text, extractEntities(text, splitSentences(text)));

describe('extractQuotes: speaker and role', () => {
  it('"…," said Jane Doe, head of policy at X.', () => {
    const [quote] = quotesIn('"We have seen clear evidence of systematic copying," said Jane Doe, head of policy at Acme Labs.');
    expect(quote).toMatchObject({ text: 'We have seen clear evidence of systematic copying', speaker: 'Jane Doe', speakerRole: 'head of policy at Acme Labs' });
  });

  it('"…," the company said after the accuser named the accused: the company is the accuser', () => {
    const [quote] = quotesIn('OpenAI said it had seen evidence that DeepSeek used its models to train a rival. “We will protect our technology from anyone who tries to copy it,” the company said.');
    expect(quote).toMatchObject({ speaker: 'OpenAI' });
  });

  it('"…," Jane Doe said. (curly quotes)', () => {
    const [quote] = quotesIn('“The rule is long overdue and badly drafted,” Jane Doe said.');
    expect(quote).toMatchObject({ text: 'The rule is long overdue and badly drafted', speaker: 'Jane Doe', speakerRole: null });
  });

  it('Jane Doe, a lawyer at Y, said: "…"', () => {
    const [quote] = quotesIn('Jane Doe, a lawyer at Halden & Pryce, said: "Distillation is not theft under current law."');
    expect(quote).toMatchObject({ text: 'Distillation is not theft under current law.', speaker: 'Jane Doe', speakerRole: 'a lawyer at Halden & Pryce' });
  });

  it('"…" according to X, with a name the name list does not know', () => {
    const [quote] = quotesIn('"Export controls have slowed Chinese labs by a year," according to Tomasz Wren, an analyst at Kestrel Research.');
    expect(quote).toMatchObject({ speaker: 'Tomasz Wren', speakerRole: 'an analyst at Kestrel Research' });
  });

  it('a titled speaker is stored without the title', () => {
    const [quote] = quotesIn('“This is a national security issue, full stop,” said Sen. Jane Roe, who chairs the panel.');
    expect(quote.speaker).toBe('Jane Roe');
    expect(quote.speakerRole).toBeNull();
  });

  it('an organisation speaking through a statement', () => {
    const [quote] = quotesIn('"We will comply with every rule that applies to us," the company said in a statement.');
    expect(quote.speaker).toBe('the company');
  });

  it('a quoted fragment inside reported speech belongs to the subject of "said"', () => {
    const text = 'Zhao Lei, a spokesman for the ministry, said on Tuesday that the curbs were "a blatant abuse of export control measures."';
    expect(quotesIn(text)[0]).toMatchObject({ speaker: 'Zhao Lei', speakerRole: 'a spokesman for the ministry' });
    expect(quotesIn('The ministry said the move was "a typical act of economic bullying that harms supply chains."')[0].speaker).toBe('the ministry');
  });

  it('a pronoun resolves to the last person named before the quote', () => {
    const text = 'Priya Natarajan runs the policy team at the lab. Her deputy, Owen Marsh, joined in March.\n\nNatarajan was blunt. "We are not going to tolerate this kind of abuse," she said.';
    expect(quotesIn(text)[0].speaker).toBe('Priya Natarajan');
  });

  it('a quote continuing in the next sentence keeps its speaker', () => {
    const text = '"The accounts were linked to a single operator," said Marcus Hale. "We shut them down within hours." He added that the investigation was continuing.';
    expect(quotesIn(text).map((quote) => [quote.text, quote.speaker])).toEqual([
      ['The accounts were linked to a single operator', 'Marcus Hale'],
      ['We shut them down within hours.', 'Marcus Hale'],
    ]);
  });

  it('a paragraph that is all quote, right after an attributed quote, goes on in the same voice', () => {
    const text = '"The accounts were linked to a single operator," said Marcus Hale, who led the review for the company.\n\n"Nobody has shown us any evidence of wrongdoing at all."';
    expect(quotesIn(text)[1].speaker).toBe('Marcus Hale');
  });

  it('a quote in a new paragraph after narrative prose does not inherit the previous speaker', () => {
    const text = '"The accounts were linked to a single operator," said Marcus Hale. The company has not said how many accounts it closed.\n\n"Nobody has shown us any evidence of wrongdoing at all."';
    expect(quotesIn(text)[1].speaker).toBeNull();
  });

  it('in an interview, unattributed answers are the words of the person the piece names most', () => {
    const text = 'Priya Raman runs the compliance team at Vantor Labs. Raman joined in 2019.\n\nWhat does compliance mean to you?\n\n"It means knowing where every chip we sell ends up, and saying so in public."\n\nWhat comes next?\n\nRaman hopes to hire more staff.';
    expect(quotesIn(text)[0].speaker).toBe('Priya Raman');
  });

  it('an owner named in passing is not the subject a pronoun stands for', () => {
    const text = 'Tom Reyes covered the lab for years. In 2024, as Reyes’s reporting spread, Ana Liu left the company. "I could not defend the way the data was gathered," she told a podcast.';
    expect(quotesIn(text)[0].speaker).toBe('Ana Liu');
  });

  it('an office with a qualifier ("the PAHO Director") stands for the person named before it', () => {
    const text = 'Maria Etienne spoke in Washington on Wednesday.\n\nThe PAHO Director also urged countries to keep testing "so we do not go into this next wave blind," and to share data.';
    expect(quotesIn(text)[0].speaker).toBe("Maria Etienne");
  });
});

describe('extractQuotes: what is not a quote', () => {
  it('skips scare quotes and titles of a few words', () => {
    expect(quotesIn('The company called the practice "distillation" and said it broke its "terms of use".')).toEqual([]);
  });

  it('never treats a paraphrase as a quote', () => {
    expect(quotesIn('She said the rule was overdue. Jane Doe told reporters that the agency had moved too slowly.')).toEqual([]);
  });
});

describe('extractQuotes: offsets', () => {
  it('points at the quoted words in the article text, with straight or curly marks', () => {
    for (const text of [
      'Intro sentence here.\n\n"We have seen clear evidence of copying," said Jane Doe.',
      'Intro sentence here.\n\n“We have seen clear evidence of copying,” said Jane Doe.',
    ]) {
      const [quote] = quotesIn(text);
      expect(text.slice(quote.start, quote.end)).toBe(quote.text);
      expect(quote.text).toBe('We have seen clear evidence of copying');
    }
  });
});

describe('extractQuotes: attributions as news copy writes them', () => {
  const cases: [string, string][] = [
    ['“We will appeal the decision in court,” said a spokesperson for Nvidia.', 'Nvidia'],
    ['Tom Smith runs the lab.\n\n“We will appeal the decision in court,” Smith, 45, said.', 'Tom Smith'],
    ['“We will appeal the decision in court,” according to a statement from the Commerce Department.', 'U.S. Department of Commerce'],
    ['Senator Maria Cantwell spoke first.\n\n“We will appeal the decision in court,” the senator said.', 'Maria Cantwell'],
    ['Asked whether the company would appeal, Jensen Huang said: “We will appeal the decision in court.”', 'Jensen Huang'],
    ['“We will appeal the decision in court,” Jensen Huang said, adding: “It is not over yet by any means.”', 'Jensen Huang'],
    ['In a statement on Tuesday, Nvidia said: “We will appeal the decision in court.”', 'Nvidia'],
    ['Jensen Huang spoke in Taipei.\n\n“We will appeal the decision in court,” Huang told reporters on Tuesday in Taipei.', 'Jensen Huang'],
    ['Dario Amodei, the chief executive of Anthropic, wrote in a blog post that distillation “is a form of theft that we will fight.”', 'Dario Amodei'],
    ['“We will appeal the decision in court,” Rep. John Moolenaar (R-Mich.) said in a statement.', 'John Moolenaar'],
    ['“We will appeal the decision in court,” said Sen. Elizabeth Warren, D-Mass.', 'Elizabeth Warren'],
    ['The Commerce Department’s Bureau of Industry and Security said in a statement that the rule “will protect national security for years to come.”', 'Bureau of Industry and Security'],
    ['Howard Lutnick was asked about the rule.\n\n“This is a national security issue for all of us,” Lutnick told CNBC.', 'Howard Lutnick'],
    ['OpenAI has accused DeepSeek of copying. “We know that groups in China are actively working to replicate our models,” an OpenAI spokesperson said.', 'OpenAI'],
    ['Li Wei, who heads the lab, disagreed. “We trained the model on our own data from start to finish,” Li said.', 'Li Wei'],
  ];
  it.each(cases)('%s', (text, speaker) => {
    const quotes = quotesIn(text);
    expect(quotes[quotes.length - 1].speaker).toBe(speaker);
  });
});

describe('extractQuotes: speakers introduced at a distance', () => {
  it('an office named before ("the Director noted") is the person who holds it', () => {
    const text = 'Pan American Health Organization Director Carissa F. Etienne spoke on Wednesday. Cases rose, and the Director noted that “time and time again, the waves arrive here weeks later.”';
    expect(quotesIn(text)[0].speaker).toBe('Carissa F. Etienne');
  });

  it('a quote after a colon belongs to the sentence that opens it, and a paragraph of quote to the statement before it', () => {
    expect(quotesIn('Omar Haddad does not hide that he resents it: “We consider this one of the hardest decisions we make.”')[0].speaker).toBe('Omar Haddad');
    const text = 'Governor Jane Rankin said in a statement:\n\n“I realise this will be shocking news for people in the territory, and I call for calm.”';
    expect(quotesIn(text)[0].speaker).toBe('Jane Rankin');
  });

  it('an attribution with a long title after the quote', () => {
    const text = '“We are looking to bring ministers of trade here from across the region,” Minister of Industry, Investment and Commerce, Senator the Hon. Aubyn Hill, said.';
    expect(quotesIn(text)[0].speaker).toBe('Aubyn Hill');
  });
});

describe('extractQuotes: more attribution shapes', () => {
  it('a described speaker, researchers speaking for their firm, and a credit without a verb', () => {
    expect(quotesIn('“A device like ours could help clinicians a great deal,” said lead author Josh Leipheimer, a doctoral student.')[0].speaker).toBe('Josh Leipheimer');
    expect(quotesIn('Security firm ESET found the app first. “It is true that removing the app stops the decryption,” said researchers.')[0].speaker).toBe('ESET');
    expect(quotesIn('“Our agents continue to interdict unlawful cargo at the border,” Augusto Reyes, Director of the Air and Marine Branch.')[0].speaker).toBe('Augusto Reyes');
  });

  it('a body named before speaks through "the court … noting that"', () => {
    const text = 'The California Court of Appeal ruled on Thursday. The court also found the statute did not help, noting that “it does not apply here because the claims depend on its own activities.”';
    expect(quotesIn(text)[0].speaker).toBe('California Court of Appeal');
  });
});

describe('extractQuotes: terms and titles are not quotes', () => {
  it('skips a quoted product name, a defined term and a title without anyone speaking', () => {
    expect(quotesIn('Chrome users can now turn on “Enhanced Safe Browsing protection” in their settings.')).toEqual([]);
    expect(quotesIn('The resort is part of what the group calls its “Unbound Collection of Independent Hotels” brand.')).toEqual([]);
  });

  it('keeps a long quoted sentence even when no one is named', () => {
    const quotes = quotesIn('Protesters held signs. “We have waited for far too long and we will not wait any longer for this.”');
    expect(quotes).toHaveLength(1);
  });
});

describe('extractQuotes: time phrases and pronoun subjects', () => {
  it('does not take "On Monday" for a speaker, and a pronoun subject resolves by gender', () => {
    const text = 'Oprah Winfrey interviewed Prince Harry. When Winfrey asked if he could share the questions, he declined, saying "I am not comfortable with sharing that." On Monday, Winfrey told CBS more.';
    expect(quotesIn(text)[0].speaker).toBe('Harry');
  });
});

describe('extractQuotes: pronouns within a paragraph', () => {
  it('a pronoun means the person named earlier in its own paragraph, even when another is quoted more', () => {
    const text = '“Training one model burns a lot of power,” said Sasha Luccioni. “It adds up quickly across a field,” Luccioni said.\n\nSparks says the firm works with a drug maker. “As an industry, it is worth thinking about how we want to combat this,” he adds.';
    const quotes = quotesIn(text.replace('Sparks says', 'Evan Sparks says'));
    expect(quotes[quotes.length - 1].speaker).toBe('Evan Sparks');
  });
});

describe('extractQuotes: a paragraph about one person', () => {
  it('gives an unattributed quote to the only person its paragraph names, and never names "One"', () => {
    const text = 'Dana Whitfield, a first-year student, has just returned home after a week in halls. She does not plan to go back. “I was living in a flat with five others who were nice but very different from me.”';
    expect(quotesIn(text)[0].speaker).toBe('Dana Whitfield');
    expect(quotesIn('One said: “The government looked to universities to sort out the mess it made for itself.”')[0].speaker).toBeNull();
  });
});

describe('extractQuotes: subjects across clauses and sentences', () => {
  it('a body that speaks through two verbs, and a next sentence that does not attribute the quote', () => {
    const text = 'Fraser Amos, a student officer, spoke earlier.\n\nA spokesperson for Sheffield University urged students to talk to the university, saying: “We understand this is difficult for those who are new here.” He added that more events were planned.';
    expect(quotesIn(text)[0].speaker).toBe('Sheffield University');
  });

  it('a relative clause after a body does not make the body the speaker', () => {
    const text = 'Prof Gavin Yamey, director of a centre at Duke University, who is leading research into the spread, says: “Reopening a university is like dumping a cruise ship in the middle of town.”';
    expect(quotesIn(text)[0].speaker).toBe('Gavin Yamey');
  });
});

describe('extractQuotes: bodies and described lawyers', () => {
  it('"the court" is the court the article named, not the last company', () => {
    const text = 'The 4th District Court of Appeal ruled against Amazon on Thursday. “Amazon placed itself between the seller and the buyer in the chain of distribution,” explained the court in its ruling.';
    expect(quotesIn(text)[0].speaker).toBe('District Court of Appeal');
  });

  it('a speaker described by place and trade before the name', () => {
    expect(quotesIn('“Amazon has avoided being liable for other sellers for years,” noted Maryland-based product liability lawyer Jim Dunham.')[0].speaker).toBe('Jim Dunham');
  });
});

describe('extractQuotes: pull quotes', () => {
  it('a pull quote takes the speaker of the body quote it repeats', () => {
    const text = '“We ran out of fuel for the generators two days ago”\n\nThe hospital is dark at night. “We ran out of fuel for the generators two days ago,” said Dr. Omar Haddad, who runs the ward.';
    const quotes = quotesIn(text);
    expect(quotes.map((quote) => quote.speaker)).toEqual(['Omar Haddad', 'Omar Haddad']);
  });
});

describe('extractQuotes: the sentence before, seen right up to the quote', () => {
  it('an owner in the sentence before is not the speaker, and the statement\'s author is', () => {
    const text = 'Angela Bolger sued the company in 2017.\n\nAmazon plans to appeal, and Angela Bolger was not reached.\n\nBolger’s lawyer, Jeremy Robinson, had a more succinct statement after the ruling on Thursday. “It is impossible to overstate the magnitude of this ruling. Consumers will feel it.”';
    expect(quotesIn(text)[0].speaker).toBe('Jeremy Robinson');
  });
});

describe('extractQuotes: British single quotation marks', () => {
  it('reads straight single quotes, with apostrophes inside words and a possessive plural', () => {
    const text = "The minister was defiant. 'We can't let the players' union dictate the terms of a national law,' said Jane Roe, the sports minister.\n\nShe later told the BBC: 'Nobody's job is at risk today.'";
    const quotes = quotesIn(text);
    expect(quotes.map((quote) => [quote.text, quote.speaker])).toEqual([
      ["We can't let the players' union dictate the terms of a national law", 'Jane Roe'],
      ["Nobody's job is at risk today.", 'Jane Roe'],
    ]);
  });

  it('reads curly single quotes that run over two paragraphs', () => {
    const text = 'Tom Reyes, who runs the clinic, was blunt.\n\n‘We have been waiting for this money for three years. It never came.\n\n‘Now they tell us it’s too late,’ he said.';
    const quotes = quotesIn(text);
    expect(quotes[0].text).toContain('We have been waiting');
    expect(quotes.every((quote) => quote.speaker === 'Tom Reyes')).toBe(true);
  });

  it('leaves single marks alone in American copy, where double marks carry the speech', () => {
    const text = '"We called it \'the ghost fleet\' for a reason," said Maria Lopez.\n\n"Nobody could find the ships," Lopez said.';
    expect(quotesIn(text).map((quote) => quote.speaker)).toEqual(['Maria Lopez', 'Maria Lopez']);
  });
});

describe('extractQuotes: unnamed sources', () => {
  it('gives no name to "a senior official" or "a person familiar with the matter", keeping the description', () => {
    const text = 'Maria Lopez runs the export office.\n\n"We will not comment on the licences at all," said a senior official.\n\n"The review has stalled for months now," a person familiar with the matter said.\n\nA senior Tory MP said: "He needs to listen to the backbenches now."';
    const quotes = quotesIn(text);
    expect(quotes.map((quote) => quote.speaker)).toEqual([null, null, null]);
    expect(quotes[0].speakerRole).toBe('a senior official');
  });

  it('a description after a name is not an unnamed source: "Sen. Marian Holt, R-Idaho, a member of …, said"', () => {
    const text = 'Sen. Marian Holt, R-Idaho, a member of the Senate Banking Committee, which oversees export controls, said in a statement: "Chips that train frontier models should not leave on a general licence."';
    expect(quotesIn(text)[0].speaker).toBe('Marian Holt');
  });

  it('"the insider said" refers back to a source kept unnamed', () => {
    const text = 'Li Wenhua, a trade scholar, called the rule unfair. An industry insider who requested anonymity said demand had not changed. "Our clients are Chinese companies operating in China," the insider said.';
    expect(quotesIn(text)[0].speaker).toBeNull();
  });

  it('a spokesperson speaks for the body named: "a spokesperson for X", "an X spokesperson"', () => {
    expect(quotesIn('Maria Lopez was not available. A spokesperson for Vantor Labs said: "We will not comment on the case."')[0].speaker).toBe('Vantor Labs');
  });
});

describe('extractQuotes: a speaker called by trade', () => {
  it('"the chef said" is the person the piece has been about', () => {
    const text = "Jamie Oliver has joined the campaign against junk food.\n\nSpeaking to a Sunday paper, the chef said: 'We have to stop feeding children this rubbish every day.'";
    expect(quotesIn(text)[0].speaker).toBe('Jamie Oliver');
  });
});

describe('extractQuotes: perfect tense and Irish offices', () => {
  it('"Taoiseach Leo Varadkar has said:" names Leo Varadkar', () => {
    expect(quotesIn('Taoiseach Leo Varadkar has said: "We will review the restrictions in three weeks time."')[0].speaker).toBe('Leo Varadkar');
  });
});

describe('extractQuotes: a paragraph that opens on a quote', () => {
  it('"he says" / "she says" is the person the paragraph before is about, not the one quoted most', () => {
    const text = [
      'Tomás Ibarra teaches at a university. "Distillation is ordinary practice in every lab I know," says Ibarra. "Nobody hides it."',
      'In Berlin, Katrin Albers keeps a log of every teacher model. Last week she finished a student model.',
      '"I would like to say exactly what it learned and from whom," she says.',
    ].join('\n\n');
    expect(quotesIn(text).pop()?.speaker).toBe('Katrin Albers');
  });
});

describe('extractQuotes: tabloid and Irish attributions', () => {
  it('"the 45-year-old revealed", "the mother-of-two said", "she slammed", "the Cork TD wrote"', () => {
    expect(quotesIn('Jane Roe lost her job last year. "It was the worst day of my life," the 45-year-old revealed.')[0].speaker).toBe('Jane Roe');
    expect(quotesIn('Jane Roe lost her job last year. The mother-of-two said: "It was the worst day of my whole life."')[0].speaker).toBe('Jane Roe');
    expect(quotesIn('Jane Roe lost her job. "The council has let every family down," she slammed.')[0].speaker).toBe('Jane Roe');
    expect(quotesIn('Mick Barry spoke in the Dáil. Posting on Twitter, the Cork TD wrote: "This is a disaster for the hospitality sector in the city."')[0].speaker).toBe('Mick Barry');
  });
});

describe('extractQuotes: titles in quotation marks', () => {
  it('a Title Case name after "the" is a title even beside a speech verb', () => {
    expect(quotesIn('The move adds to the regime and the "Framework for Artificial Intelligence Diffusion", an interim final rule.')).toEqual([]);
  });
});

describe('extractQuotes: credits and roles', () => {
  it('reads a credit after a dash, and keeps ages and what came next out of the role', () => {
    expect(quotesIn('“We will open the pubs again when it is safe to do so and not before.” – Leo Varadkar')[0].speaker).toBe('Leo Varadkar');
    expect(quotesIn('Jane Roe, the mayor, spoke. “We are ready for the storm and the shelters are open tonight,” Roe, 52, said.')[0].speakerRole).toBeNull();
    expect(quotesIn('Jane Roe spoke. “We are ready for the storm and the shelters are open tonight,” said Roe, adding that buses would run.')[0].speakerRole).toBeNull();
  });
});

