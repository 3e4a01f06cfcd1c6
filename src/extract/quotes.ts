// Direct quotations with their speaker and the speaker's role. Only text inside quotation marks is
// a quote; a paraphrase ("she said the rule was overdue") never is. Scare quotes (a few words) are
// skipped. The speaker comes from the attribution around the quote ("…," said Jane Doe; Jane Doe
// said: "…"; according to X), else from the sentence or paragraph that introduces it ("Mr. Ruano
// said signal timing remains his issue. “For me, …”"), resolved to a person or organisation the
// article names; offices and bodies ("the Director", "the court") resolve to who was named; pronouns
// resolve by gender to the paragraph's subject or the person quoted most nearby. Quoted words with
// no speaker, no speech verb and no shape of speech (terms, titles, slogans) are not quotes.
import { genderOf, type FoundEntity } from './entities.ts';
import {
  alternation, BODY_NOUNS, ELECTED_TITLES, GROUP_SPEAKER_NOUNS, LEADING_CONJUNCTIONS, MONTH_NAMES, NAME_PARTICLES, NOT_DESCRIPTION_WORDS,
  NOT_IN_CAPTION_ROLES, NOT_NAMES, NOT_NAME_START_WORDS, OFFICES, OFFICE_WORDS, ORGANIZATION_SUBJECT_NOUNS, PARENT_WORDS,
  PLURAL_SOURCE_GROUPS, QUOTE_CONTEXT_WORDS, SMALL_NUMBER_WORDS, SPEAKER_MODIFIERS, SPEAKS_FOR_NOUNS, SPEECH_VERBS, SPOKESPERSON_WORDS,
  STATEMENT_NOUNS, TELLS_AUDIENCES, TITLES_BEFORE_NAMES, TITLE_INTRODUCERS, TRADE_NOUNS, UNNAMED_SOURCE_NOUNS, UNNAMED_SOURCE_REFERENCES,
  WEEKDAY_NAMES, WORDS_BEFORE_VERB_AFTER_QUOTE, WORDS_BEFORE_VERB_BEFORE_QUOTE, WORDS_BEFORE_VERB_IN_REPORTED_SPEECH,
} from './words.ts';

export interface ExtractedQuote {
  text: string;
  speaker: string | null;
  speakerRole: string | null;
  start: number;
  end: number;
}

const verbWords = alternation(SPEECH_VERBS);
const verbs = String.raw`(?:told\s+(?:[A-Z][\w&'’.-]*\s*){1,4}|told\s+(?:${alternation(TELLS_AUDIENCES)}|a\s+\w+|the\s+\w+)|${verbWords})`;
const speechVerb = new RegExp(String.raw`\b(?:${verbWords}|[Aa]ccording to)\b`);
const titles = alternation(TITLES_BEFORE_NAMES);
const name = String.raw`(?:(?:${titles})\.\s+)?\p{Lu}[\p{L}\p{M}\d'’.-]*(?:\s+(?:${alternation(NAME_PARTICLES)}|Jr\.?|\p{Lu}[\p{L}\p{M}\d'’.-]*)){0,5}`;
// "a skeptical Robert Wolfarth", "lead author Josh Leipheimer": lower-case words describing the name.
const describedName = String.raw`(?:(?:an?|the)\s+(?:[a-z-]+\s+){0,2}(?:${alternation(SPEAKS_FOR_NOUNS)})\s+(?:for|of|at|with)\s+(?:the\s+)?${name}|(?:(?:an?|the)\s+)?(?:\p{Lu}[\p{L}.]*-(?:based|born|area)\s+)?(?:(?!(?:${alternation(NOT_DESCRIPTION_WORDS)})\b)[a-z][a-z-]*\s+){0,3}${name})`;
// What an unnamed source is called: "a senior official", "a person familiar with the matter".
const unnamedNouns = alternation(UNNAMED_SOURCE_NOUNS);
const unnamedSource = new RegExp(String.raw`(?:^|[^\p{L}])(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome)\s+(?:[\p{L}-]+\s+){0,4}?(?:${unnamedNouns})\b`, 'u');
// "said researchers", "officials said": people the article does not name, speaking for a body it does.
const pluralGroup = `(?:${alternation(PLURAL_SOURCE_GROUPS)})`;
const pluralGroupAlone = new RegExp(`^${pluralGroup}$`, 'i');
const occupations = String.raw`${alternation(ELECTED_TITLES)}|\d{1,3}-year-old|(?:${alternation(PARENT_WORDS)})-of-(?:${alternation(SMALL_NUMBER_WORDS)}|\d)|${alternation(TRADE_NOUNS)}`;
// "the chef", "the 45-year-old": a person described by trade or age.
const describedByTrade = new RegExp(String.raw`^(?:the|this)\s+(?:[\p{L}\d-]+\s+){0,2}(?:${occupations})$`, 'iu');
const groupSpeaker = String.raw`(?:[Tt]he|[Aa]n?|[Oo]ne)\s+(?:(?:${alternation(SPEAKER_MODIFIERS)}|[0-9]{2}-year-old)\s+)?(?:${occupations}|${alternation(GROUP_SPEAKER_NOUNS)})(?:['’]s\s+\w+)?`;
const pronoun = String.raw`(?:he|she|they|it)`;
// "the Director noted", "the Premier said": an office held by someone the article named before.
const office = String.raw`(?:[Tt]he|[Tt]his)\s+(?:\p{Lu}[\p{L}.&-]*\s+)?(?:${alternation(OFFICES)})`;
// Every speech verb in a stretch of text (for matchAll), and one near the end of it ("…, a senior official said that").
const speechVerbs = new RegExp(speechVerb.source, 'g');
const speechVerbNearEnd = new RegExp(String.raw`\b(?:${verbWords})\b[^.!?]{0,40}$`);
// "…," the insider said: a source the text has kept unnamed, referred to again.
const unnamedReference = new RegExp(String.raw`^\s*,?\s*(?:(?:said|says|told|added)\s+)?the\s+(?:[\w-]+\s+)?(?:${alternation(UNNAMED_SOURCE_REFERENCES)})\b`);
// "the senator", "the Labour MP": an office that stands for the person named before.
const officeSpeaker = new RegExp(String.raw`^(?:the|this)\s+(?:[\p{L}-]+\s+){0,2}(?:${alternation(OFFICE_WORDS)})$`, 'iu');
// "the company", "the court": a body that stands for the organisation named before.
const bodySpeaker = new RegExp(String.raw`^the\s+(${alternation(BODY_NOUNS)})$`, 'i');
// Each of those nouns as a word, to find the organisation whose name holds it ("the court" → District Court of Appeal).
const bodyNounWords = new Map<string, RegExp>(BODY_NOUNS.map((noun) => [noun, new RegExp(String.raw`\b${noun}\b`, 'i')]));
const titleBeforeName = new RegExp(String.raw`^(?:${titles})\.\s+`);
// "The court also found …, noting": a body as the subject of the clause.
const organizationSubject = new RegExp(String.raw`^\W*(?:[A-Z]\w+\s+)?[Tt]he\s+(?:${alternation(ORGANIZATION_SUBJECT_NOUNS)})\b`);
// A paragraph that ends "… said in a statement:" or "… wrote on Monday.".
const statementEnd = /(?::|\b(?:said|says|stated|added|wrote)(?:\s+(?:in|on)\s+[^.]{1,40})?[.:])\s*$/;
const statementWord = new RegExp(String.raw`\b(?:${alternation(STATEMENT_NOUNS)})\b`);
// "the “Framework for Artificial Intelligence Diffusion”", "a report titled “…”": the words before a title.
const titleIntroducer = new RegExp(String.raw`\b(?:${alternation(TITLE_INTRODUCERS)})\s*$`, 'i');
// "As Montoya-Lewis said", "When Winfrey asked": a conjunction is not part of the name.
const leadingConjunction = new RegExp(String.raw`^(?:${alternation(LEADING_CONJUNCTIONS)})\s+(?=\p{Lu})`, 'u');
const spokespersonWord = new RegExp(String.raw`\b(?:${alternation(SPOKESPERSON_WORDS)})\b`);
// "told", "wrote", "called it": words around quoted words that make them a quote whatever their shape.
const quoteContextWord = new RegExp(String.raw`\b(?:${alternation(QUOTE_CONTEXT_WORDS)})\b`, 'i');

// Speaker attribution, in order: the first rule that finds a speaker wins; a rule whose speaker
// cleanSpeaker() rejects ("On Monday") leaves the next rule to try.
//
// 1. Attribution patterns read the words right after the quote (side 'after', to the end of its line
//    or the next quote) or right before it (side 'before', from the start of its line or the end of
//    the previous quote). The words they catch are then resolved to someone the article names
//    (speakerResolutions: "the company" → the organisation named before, "she" → …).
// 2. A source the text keeps unnamed ("said a senior official", "a person familiar with the matter
//    said") is recognised next: rule 'unnamed source' leaves the quote without a speaker (the
//    description becomes its role) and nothing further guesses one; rule 'spokesperson for a body'
//    gives it to the organisation a spokesperson speaks for.
// 3. Still no one: the context rules (contextRules) look further, at the sentence, the paragraph,
//    the paragraph before and the quote before.
// 4. Article passes (articlePasses) run over all quotes at the end.
interface PatternRule { name: string; side: 'after' | 'before'; pattern: RegExp }

export const attributionPatterns: readonly PatternRule[] = [
  // “We will not be silenced.” – Leo Varadkar: a credit after a dash, as live pages and pull quotes print it.
  { name: 'dash credit', side: 'after', pattern: new RegExp(String.raw`^\s*[—–-]\s*(?<speaker>${name})\s*(?:,\s*(?<role>[^.“”"]{3,120}))?\s*$`, 'u') },
  // "…," Augusto Reyes, Director of the Caribbean Air and Marine Branch. (no verb: a caption-style credit)
  { name: 'caption credit', side: 'after', pattern: new RegExp(String.raw`^\s*(?<speaker>${name}),\s+(?<role>(?![^.“”"]*\b(?:${alternation(NOT_IN_CAPTION_ROLES)})\b)[^.“”"]{3,120})\.(?:\s|$)`, 'u') },
  // "…," said Jane Doe, head of policy at X. / said a skeptical Robert Wolfarth, the trust's new chairman.
  { name: 'verb then speaker', side: 'after', pattern: new RegExp(String.raw`^\s*,?\s*(?:${verbs})\s+(?<speaker>${pluralGroup}\b|${describedName}|${groupSpeaker})(?:\s*,\s*(?<role>[^,;"“”]{3,120}?)(?=[,;]|\.(?:\s|$)|$))?`, 'u') },
  // "…," Jane Doe said. / "…," she said.
  { name: 'speaker then verb', side: 'after', pattern: new RegExp(String.raw`^\s*,?\s*(?<speaker>${office}|${name}|${groupSpeaker}|${pronoun})\s*(?:,\s*(?<role>[^,.;"“”]{3,120}?),\s*)?\s+(?:(?:${alternation(WORDS_BEFORE_VERB_AFTER_QUOTE)})\s+)?(?:${verbs})\b`, 'u') },
  // "Export controls have slowed Chinese labs by a year," according to Tomasz Wren, an analyst at Kestrel Research.
  { name: 'according to after', side: 'after', pattern: new RegExp(String.raw`^\s*,?\s*according\s+to\s+(?:the\s+)?(?<speaker>${name}|${groupSpeaker})(?:\s*,\s*(?<role>[^,.;"“”]{3,120}?))?(?=[,.;]|$)`, 'u') },
  // Jane Doe, head of policy at X, said: "…"
  { name: 'speaker says before', side: 'before', pattern: new RegExp(String.raw`(?<speaker>${office}|${name}|${groupSpeaker}|${pronoun})(?:\s*,\s*(?<role>[^,.;"“”]{3,120}?),)?\s+(?:(?:${alternation(WORDS_BEFORE_VERB_BEFORE_QUOTE)})\s+){0,2}(?:${verbs})(?:\s+(?:in\s+a\s+statement|on\s+\w+|in\s+an\s+interview|at\s+a\s+\w+))?\s*[:,;]?\s*$`, 'u') },
  // The cuts would hit rural hospitals hardest, according to Tomasz Wren, an analyst at Kestrel Research: "Half of them could close."
  { name: 'according to before', side: 'before', pattern: new RegExp(String.raw`according\s+to\s+(?:the\s+)?(?<speaker>${name}|${groupSpeaker})(?:\s*,\s*(?<role>[^,.;"“”]{3,120}?))?\s*[:,]\s*$`, 'u') },
  // A quoted fragment inside reported speech: The ministry said the move was "a typical act of economic bullying."
  { name: 'reported speech', side: 'before', pattern: new RegExp(String.raw`(?:^|[.!?]\s+|,\s+|\b(?:and|but)\s+)(?<speaker>${office}|${name}|${groupSpeaker}|${pronoun})(?:\s*,\s*(?<role>[^,.;"“”]{3,120}?),)?\s+(?:(?:${alternation(WORDS_BEFORE_VERB_IN_REPORTED_SPEECH)})\s+)?(?:${verbs})[\s,]+(?:that\s+)?(?:(?!\b(?:saying|adding|said|says|told)\b|,\s+(?:he|she|they)\b)[^"“”.!?]){1,100}$`, 'u') },
];

/** One quote as the context rules see it (offsets into the article's text). */
interface QuoteContext {
  text: string;
  /** The opening quotation mark, and just after the closing one. */
  start: number;
  end: number;
  /** The words after the quote, to the end of its line or the next quote. */
  after: string;
  lineStart: number;
  lineEnd: number;
  /** Where the words that lead into the quote start: its line, or the end of the quote before on it. */
  leadStart: number;
  /** Where the sentence that holds the quote starts (not before leadStart). */
  sentenceStart: number;
  /** The quote ends its own sentence ("… their needs."). */
  closedSentence: boolean;
  /** A ‘…’ match of the fallback pattern, as pull quotes print. */
  pullQuote: boolean;
  /** The quote before, and whether it was left open at its paragraph's end. */
  previous: ExtractedQuote | undefined;
  previousOpen: boolean;
}

/** What the rules may ask about the article (see findQuotes). */
interface ArticleContext {
  /** The people it names, and the people and organisations. */
  people: FoundEntity[];
  speakers: FoundEntity[];
  mentions: NamedMention[];
  interviewee: string | null;
  namedIn: (from: number, to: number) => string | null;
  lastPersonBefore: (offset: number, pronounWord?: string) => string | null;
  lastOrganizationBefore: (offset: number, noun?: string) => string | null;
}

/** A speaker a context rule found; a role, when given (null included), replaces the one found so far. */
interface Attribution { speaker: string; role?: string | null }

interface ContextRule { name: string; find: (quote: QuoteContext, article: ArticleContext) => Attribution | null }

const who = (speaker: string | null | undefined): Attribution | null => (speaker ? { speaker } : null);

/**
 * The last speech verb in the words that lead into the quote, in its sentence, and the clause it
 * belongs to ("After Peggy Bell asked …, Mr. Cueto responded that “…”": from the verb before it).
 */
function lastSpeechVerbClause({ text, start, sentenceStart }: QuoteContext): { verb: RegExpMatchArray; verbAt: number; windowStart: number } | null {
  const found = [...text.slice(sentenceStart, start).matchAll(speechVerbs)];
  const verb = found[found.length - 1];
  if (!verb) return null;
  const windowStart = found.length > 1 ? sentenceStart + found[found.length - 2].index! + found[found.length - 2][0].length : sentenceStart;
  return { verb, verbAt: sentenceStart + verb.index!, windowStart };
}

export const contextRules: readonly ContextRule[] = [
  // Transportation chief Eulois Cleckley, who oversees the budget, pledged to the trust in July that “the money will be there.”
  {
    name: 'speech verb in the sentence',
    find: (quote, { namedIn, lastPersonBefore }) => {
      const clause = lastSpeechVerbClause(quote);
      if (!clause) return null;
      const { text, sentenceStart } = quote;
      const { verbAt, windowStart } = clause;
      // The clause's pronoun subject: the last "he" or "she" before the verb ("…, he declined, saying").
      const pronounBefore = /\b(he|she)\b(?![\s\S]*\b(?:he|she)\b)/i.exec(text.slice(windowStart, verbAt));
      return who(namedIn(windowStart, verbAt) ?? (pronounBefore ? lastPersonBefore(verbAt, pronounBefore[1]) : null)
        // "A spokesperson for Sheffield University urged …, saying": the first verb's subject goes on.
        ?? (windowStart > sentenceStart && !/\b(?:he|she|they)\b/i.test(text.slice(windowStart, verbAt)) ? namedIn(sentenceStart, windowStart) : null));
    },
  },
  // The court also found that the city had acted in good faith, noting that “the ordinance was never meant to single anyone out.”
  {
    name: 'body as the clause subject',
    find: (quote, { lastOrganizationBefore }) => {
      const clause = lastSpeechVerbClause(quote);
      return clause && organizationSubject.test(quote.text.slice(clause.windowStart, clause.verbAt)) ? who(lastOrganizationBefore(clause.windowStart)) : null;
    },
  },
  // According to a statement from the Miami-Dade Sheriff's Office, “the suspect was taken into custody without incident.”
  {
    name: 'according to in the sentence',
    find: (quote, { namedIn }) => {
      const clause = lastSpeechVerbClause(quote);
      return clause && /^[Aa]ccording to/.test(clause.verb[0]) ? who(namedIn(clause.verbAt, quote.start)) : null;
    },
  },
  // “Nobody told us the bridge would close for a whole year,” the release from the Department of Transportation states.
  {
    name: 'speech verb after the quote',
    find: ({ text, start, end, after, closedSentence }, { mentions, namedIn, lastPersonBefore }) => {
      const afterVerb = speechVerb.exec(after);
      if (!afterVerb) return null;
      // (“… needs.” He added that …: a new sentence, not this quote's attribution.)
      if (closedSentence && /^\s*\p{Lu}/u.test(after)) return null;
      const verbAt = end + afterVerb.index;
      const verbEnd = verbAt + afterVerb[0].length;
      // "…" in the first quarter of 2020, he added: the pronoun right before the verb.
      const pronounAfter = /\b(he|she)\s+(?:\w+\s+)?$/i.exec(after.slice(0, afterVerb.index));
      const named = pronounAfter ? lastPersonBefore(start, pronounAfter[1]) : namedIn(end, verbAt);
      if (named) return { speaker: named };
      // "…," said X: only a name right after the verb ("according to a statement from X" may put a
      // few words before the name).
      const reach = /ccording to/.test(afterVerb[0]) ? 60 : 3;
      return who(mentions.find((mention) => mention.start >= verbEnd && mention.start <= verbEnd + reach)?.name);
    },
  },
  // Al-Kahlout doesn't hide it, but he resents it: “They took everything we built.”
  {
    name: 'colon after the subject',
    find: ({ text, start, sentenceStart }, { namedIn, lastPersonBefore }) => {
      const lead = text.slice(sentenceStart, start);
      if (!/:\s*$/.test(lead)) return null;
      const pronounInLead = /\b(he|she)\b/i.exec(lead);
      return who(namedIn(sentenceStart, start) ?? (pronounInLead ? lastPersonBefore(start, pronounInLead[1]) : null));
    },
  },
  // Cork County Council said in a statement:\n\n“Works on the N22 will resume on Monday and should finish by March.”
  {
    name: 'statement in the paragraph before',
    find: ({ text, start, lineStart }, { namedIn }) => {
      // A paragraph that is all quote, after one that ends "… said in a statement:".
      if (start - 1 > lineStart + 1) return null;
      const previousBreak = text.lastIndexOf('\n\n', lineStart - 3);
      const previousParagraph = text.slice(previousBreak < 0 ? 0 : previousBreak + 2, Math.max(0, lineStart - 2));
      if (!statementEnd.test(previousParagraph) || /[”"]\s*$/.test(previousParagraph)) return null;
      const paragraphStart = previousBreak < 0 ? 0 : previousBreak + 2;
      const lastSentence = lastSentenceBoundary(text, paragraphStart, paragraphStart + previousParagraph.length);
      return who(namedIn(lastSentence, paragraphStart + previousParagraph.length));
    },
  },
  // Mr. Ruano said signal timing remains his issue. “For me, it is the lights on Flagler Street.”
  {
    name: 'sentence before introduces',
    find: ({ text, leadStart, sentenceStart }, { namedIn, lastPersonBefore }) => {
      if (sentenceStart <= leadStart) return null;
      const introduction = text.slice(lastSentenceBoundary(text, leadStart, sentenceStart - 1), sentenceStart);
      // "X had a more succinct statement after the ruling. “…”": a statement, a comment, a post.
      const introVerb = introduction.match(speechVerb) ?? introduction.match(statementWord);
      if (!introVerb || /[“"]/.test(introduction)) return null;
      const introStart = sentenceStart - introduction.length;
      const pronounInIntro = /\b(he|she)\b/i.exec(introduction.slice(0, introVerb.index));
      return who(namedIn(introStart, introStart + introduction.length) ?? (pronounInIntro ? lastPersonBefore(introStart + introVerb.index!, pronounInIntro[1]) : null));
    },
  },
  // Dan, a first-year student, has just returned home. “I was living in a flat with nine others.”
  {
    name: 'paragraph about one person',
    find: ({ text, start, previous }, { mentions }) => {
      // A quote with no attribution at all, in a paragraph about one person: that person's words.
      if (previous?.speaker) return null;
      const paragraphStart = paragraphStartOf(text, start);
      const people = new Set(mentions.filter((mention) => mention.type === 'person' && mention.start >= paragraphStart && mention.start < start).map((mention) => mention.name));
      return people.size === 1 ? { speaker: [...people][0] } : null;
    },
  },
  // "The accounts were linked to a single operator," said Marcus Hale. "We shut them down within hours."
  {
    name: 'continued quote',
    find: ({ text, start, previous, previousOpen }) => {
      // The next sentence of the same paragraph, or the next paragraph of a quote left open, keeps the previous speaker.
      if (!previous?.speaker) return null;
      const between = text.slice(previous.end, start);
      if ((between.trim().length < 160 && !between.includes('\n\n')) || (previousOpen && /^\W*\n\n\W*$/.test(between))) return { speaker: previous.speaker, role: previous.speakerRole };
      return null;
    },
  },
  // "The accounts were linked to a single operator," said Marcus Hale.\n\n"Nobody has shown us any evidence of wrongdoing at all."
  {
    name: 'quote paragraph in the same voice',
    find: ({ text, start, end, lineStart, lineEnd, pullQuote, previous }) => {
      // A paragraph that is all quote, right after a paragraph that ends with an attributed quote, goes
      // on in the same voice: news copy names a new speaker, it does not leave one to be guessed.
      if (pullQuote || !previous?.speaker || start - 1 > lineStart + 1 || lineEnd - end > 4 || !/^[”"]?[.!?…]?\s*$/.test(text.slice(end, lineEnd))) return null;
      const previousBreak = text.lastIndexOf('\n\n', lineStart - 3);
      const previousStart = previousBreak < 0 ? 0 : previousBreak + 2;
      const tail = text.slice(previous.end, Math.max(previous.end, lineStart - 2));
      if (previous.start >= previousStart && !tail.includes("\n") && tail.length < 300 && !/[.!?]\s+\p{Lu}[^.!?]*[.!?]\s*$/u.test(tail.replace(/^[”"]/, ''))) return { speaker: previous.speaker, role: previous.speakerRole };
      return null;
    },
  },
  // What did you miss most?\n\n“My mother's cooking, and the sea.” (an interview: the answer is the interviewee's)
  {
    name: 'interview answer',
    find: ({ start, lineStart }, { interviewee }) => (interviewee && start - 1 <= lineStart + 1 ? { speaker: interviewee } : null),
  },
];

/** A speaker resolved, and the resolution that did it (null: there was no speaker to resolve). */
interface Resolution { speaker: string | null; rule: string | null }

/** A way to resolve the words an attribution pattern caught: undefined when it does not apply. */
interface SpeakerResolution { name: string; resolve: (speaker: string, offset: number, article: ArticleContext) => string | null | undefined }

// "Kerry TD", "Cork North-Central TD": a seat or a party before the office.
const seatSpeaker = new RegExp(String.raw`^(?:\p{Lu}[\p{L}-]*\s+){1,2}(?:MP|${alternation(ELECTED_TITLES)})$`, 'u');
const stripTitle = (speaker: string) => speaker.replace(titleBeforeName, '');

// The words an attribution pattern caught, as someone the article names, in order: the first
// resolution that applies decides (its answer may be null: "it said" names no one).
export const speakerResolutions: readonly SpeakerResolution[] = [
  // “We ran out of flour by noon,” the chef said.: a person described by trade or age is the person named before.
  { name: 'person by trade', resolve: (speaker, offset, { lastPersonBefore }) => (describedByTrade.test(speaker) ? lastPersonBefore(offset) ?? speaker : undefined) },
  // “We were never consulted about the closure,” said Kerry TD.: a seat or a party before the office is a description.
  { name: 'seat', resolve: (speaker, offset, { lastPersonBefore }) => (seatSpeaker.test(speaker) ? lastPersonBefore(offset) ?? speaker : undefined) },
  // “We will not back down,” the senator said.: an office held by the person named before.
  { name: 'office', resolve: (speaker, offset, { lastPersonBefore }) => (officeSpeaker.test(speaker) ? lastPersonBefore(offset) ?? speaker : undefined) },
  // “The lower court got it wrong,” the court said.: the body named before, one whose name holds the noun when there is one.
  {
    name: 'body',
    resolve: (speaker, offset, { lastOrganizationBefore }) => {
      const body = bodySpeaker.exec(speaker);
      return body ? lastOrganizationBefore(offset, body[1]) ?? speaker : undefined;
    },
  },
  // “The signal is unmistakable,” said researchers.: people the article does not name, speaking for the body named before.
  { name: 'plural group', resolve: (speaker, offset, { lastOrganizationBefore }) => (pluralGroupAlone.test(speaker) ? lastOrganizationBefore(offset) : undefined) },
  // “We are not going to tolerate this kind of abuse,” she said.: by gender, the paragraph's subject or the person quoted most nearby.
  { name: 'pronoun', resolve: (speaker, offset, { lastPersonBefore }) => (/^(he|she|they)$/i.test(speaker) ? lastPersonBefore(offset, speaker) : undefined) },
  // “The figures speak for themselves,” it said.: no one.
  { name: 'it', resolve: (speaker) => (/^it$/i.test(speaker) ? null : undefined) },
  // “For me, it is the lights,” Mr. Ruano said.: a person the article names, by a surname alone, or (for names written surname first, "Li Wei") the first name of one person only.
  {
    name: 'person named',
    resolve: (speaker, _offset, { people }) => {
      const stripped = stripTitle(speaker);
      const person = people.find((entity) => entity.name === stripped || entity.aliases.includes(stripped) || (!stripped.includes(' ') && entity.name.split(' ').pop() === stripped))
        ?? (!stripped.includes(' ') ? onlyOne(people.filter((entity) => entity.name.includes(' ') && entity.name.split(' ')[0] === stripped)) : undefined);
      return person?.name;
    },
  },
  // “We take this seriously,” Microsoft President Brad Smith said.: the person (else the organisation) named inside.
  {
    name: 'name inside',
    resolve: (speaker, _offset, { speakers }) => {
      const stripped = stripTitle(speaker);
      return speakers.filter((entity) => entity.name.includes(' ') && stripped.includes(entity.name)).sort((a, b) => Number(b.type === 'person') - Number(a.type === 'person') || b.name.length - a.name.length)[0]?.name;
    },
  },
  // “The rule stands,” Nvidia said.: an organisation the article names, by its name or an alias.
  {
    name: 'organisation named',
    resolve: (speaker, _offset, { speakers }) => {
      const stripped = stripTitle(speaker);
      return speakers.find((entity) => entity.name === stripped || entity.aliases.includes(stripped))?.name;
    },
  },
  // The Bureau of Industry and Security said: “The list will keep growing.” (the pattern caught "Security"): the one name it ends; else the words as caught.
  {
    name: 'name ending',
    resolve: (speaker, _offset, { speakers }) => {
      const stripped = stripTitle(speaker);
      return onlyOne(speakers.filter((entity) => entity.name.endsWith(` ${stripped}`)))?.name ?? stripped;
    },
  },
];

function resolveSpeaker(speaker: string | null, offset: number, article: ArticleContext): Resolution {
  if (!speaker) return { speaker: null, rule: null };
  for (const resolution of speakerResolutions) {
    const found = resolution.resolve(speaker, offset, article);
    if (found !== undefined) return { speaker: found, rule: resolution.name };
  }
  return { speaker: null, rule: null };
}

interface ArticlePass { name: string; run: (quotes: ExtractedQuote[], text: string, openQuotes: Set<ExtractedQuote>) => ExtractedQuote[] }

const normalWords = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

// Passes over all of an article's quotes, in order, after each has been attributed on its own; each
// returns the quotes it gave a speaker.
export const articlePasses: readonly ArticlePass[] = [
  // “We are not going anywhere. The plant stays open as long as there is work for it\n\n“and the orders keep coming,” said plant manager Ruth Okafor.
  {
    name: 'open quote closed in the next paragraph',
    run: (quotes, text, openQuotes) => {
      // A quote left open at a paragraph's end is attributed where it closes, in the next paragraph.
      const attributed: ExtractedQuote[] = [];
      for (let k = quotes.length - 2; k >= 0; k--) {
        const quote = quotes[k];
        const next = quotes[k + 1];
        if (!quote.speaker && openQuotes.has(quote) && next.speaker && /^\W*\n\n\W*$/.test(text.slice(quote.end, next.start))) {
          quote.speaker = next.speaker;
          quote.speakerRole = next.speakerRole;
          attributed.push(quote);
        }
      }
      return attributed;
    },
  },
  // A pull quote, “We will rebuild every single home on this street”, and in the body: “We will rebuild every single home on this street,” said Mayor Lena Ortiz.
  {
    name: 'repeated words',
    run: (quotes) => {
      // A pull quote or a headline repeats words the body attributes: the same words, the same speaker.
      const attributed: ExtractedQuote[] = [];
      for (const quote of quotes) {
        if (quote.speaker) continue;
        const words = normalWords(quote.text);
        if (words.split(' ').length < 5) continue;
        const source = quotes.find((other) => other !== quote && other.speaker && (normalWords(other.text).includes(words) || words.includes(normalWords(other.text))));
        if (source) { quote.speaker = source.speaker; quote.speakerRole = source.speakerRole; attributed.push(quote); }
      }
      return attributed;
    },
  },
];

const notNames = new RegExp(`^(${alternation(NOT_NAMES)})$`);
// A time or place phrase caught where a name should be ("On Monday, Winfrey told CBS …").
const notNameStart = new RegExp(String.raw`^(?:${alternation([...NOT_NAME_START_WORDS, ...WEEKDAY_NAMES, ...MONTH_NAMES])})\b`);

function cleanSpeaker(raw: string | undefined): string | null {
  if (!raw) return null;
  // "The ministry said" at the start of a sentence is the same speaker as "…, the ministry said".
  let speaker = raw.trim().replace(/['’]s$/, '').replace(/^(The|An?|One)(?=\s+[a-z])/, (word) => word.toLowerCase());
  // "As Montoya-Lewis said", "When Winfrey asked": a conjunction is not part of the name.
  speaker = speaker.replace(leadingConjunction, '');
  // "a skeptical Robert Wolfarth": the description goes, the name stays.
  speaker = speaker.replace(/^(?:an?|the)\s+(?:[a-z-]+\s+){1,2}(?=\p{Lu})/u, '');
  // "Maryland-based product liability lawyer Jim Dunham": the description goes.
  speaker = speaker.replace(/^\p{Lu}[\p{L}.]*-(?:based|born|area)\s+(?:[a-z-]+\s+){0,3}(?=\p{Lu})/u, '');
  // A name does not run across a sentence's end ("… Winter Outlook. Researchers said").
  speaker = speaker.replace(/(?<!\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gov|Sen|Rep|Prof|Gen|Lt|Col|Inc|Corp|Co))\.\s.*$/, '');
  // A sentence's full stop is not part of the name ("said a spokesperson for Nvidia."), an initial's or "Inc." is.
  speaker = speaker.replace(/(?<!\b(?:[A-Z]|Inc|Corp|Co|Ltd|Jr|Sr|St))\.$/, '');
  if (notNames.test(speaker) || notNameStart.test(speaker) || /-(?:based|born|area|led)$/.test(speaker) || (/\b(?:MP|MPs|Democrat|Republican|Conservative|Labour)$/.test(speaker) && !/^(?:the|a|an)\s/.test(speaker))) return null;
  return speaker;
}

interface NamedMention { name: string; type: string; start: number; end: number; possessive: boolean }

export function extractQuotes(text: string, entities: FoundEntity[] = []): ExtractedQuote[] {
  return findQuotes(text, entities);
}

/**
 * The quotes with the name of the rule or pass that gave each its speaker (null: none did) and, when
 * an attribution pattern caught a speaker, the speaker resolution that read it (whatever came after).
 */
export function extractQuotesWithRules(text: string, entities: FoundEntity[] = []): { quote: ExtractedQuote; rule: string | null; resolution: string | null }[] {
  const rules = new Map<ExtractedQuote, { rule: string | null; resolution: string | null }>();
  return findQuotes(text, entities, (quote, rule, resolution) => rules.set(quote, { rule, resolution }))
    .map((quote) => ({ quote, rule: rules.get(quote)?.rule ?? null, resolution: rules.get(quote)?.resolution ?? null }));
}

function findQuotes(text: string, entities: FoundEntity[], trace?: (quote: ExtractedQuote, rule: string | null, resolution: string | null) => void): ExtractedQuote[] {
  const quotes: ExtractedQuote[] = [];
  const people = entities.filter((entity) => entity.type === 'person');
  const speakers = entities.filter((entity) => entity.type === 'person' || entity.type === 'organization');
  const mentions: NamedMention[] = speakers.flatMap((entity) => entity.mentions.map((mention) => ({ name: entity.name, type: entity.type, start: mention.start, end: mention.end, possessive: /['’]s?$/.test(mention.surface) })))
    .sort((a, b) => a.start - b.start);
  const gender = new Map(people.map((person) => [person.name, genderOf(person)]));
  const spoken = new Map<string, number>();
  // An interview (questions standing as paragraphs of their own): unattributed answers in quotation
  // marks are the words of the person the piece is about, the one it names most.
  const questions = text.split(/\n\n/).filter((paragraph) => /\?\s*$/.test(paragraph) && !/^[“"‘]/.test(paragraph) && paragraph.split(/\s+/).length <= 30).length;
  const interviewee = questions >= 2 ? [...people].sort((a, b) => b.mentions.length - a.mentions.length)[0]?.name ?? null : null;
  /**
   * The person a pronoun stands for: the first one named earlier in the same paragraph whose given
   * name does not contradict it; failing that, among the people named in the last few paragraphs,
   * the one quoted most so far (an interview's subject), else the last one named.
   */
  const lastPersonBefore = (offset: number, pronounWord?: string) => {
    const wanted = pronounWord?.toLowerCase() === 'she' ? 'f' : pronounWord?.toLowerCase() === 'he' ? 'm' : null;
    const fits = (name: string) => !wanted || gender.get(name) === wanted || gender.get(name) === null;
    let found: string | null = null;
    let inParagraph: string | null = null;
    const paragraphStart = paragraphStartOf(text, offset);
    const recent = new Set<string>();
    for (const mention of mentions) {
      if (mention.start >= offset) break;
      if (mention.type !== 'person' || !fits(mention.name)) continue;
      found = mention.name;
      // ("In 2016, as Trump’s rise continued, Schwartz disavowed the book": an owner is not the subject.)
      if (mention.start >= paragraphStart && !mention.possessive) inParagraph ??= mention.name;
      if (mention.start >= offset - 600) recent.add(mention.name);
    }
    // The first person named earlier in the same paragraph (its subject, as a rule) is who the pronoun means.
    if (inParagraph) return inParagraph;
    // A paragraph that opens on the quote: the person the paragraph before ends on ("Ibarra worries
    // that …" / "“…,” he says.").
    if (offset - paragraphStart < 3 && paragraphStart > 2) {
      const previousStart = paragraphStartOf(text, paragraphStart - 3);
      const lastSentence = lastSentenceBoundary(text, previousStart, paragraphStart - 2);
      // (Names inside an earlier quotation are what was said, not who says it.)
      const quoted = (at: number) => quotes.some((quote) => quote.start <= at && quote.end >= at);
      const named = (from: number) => mentions.find((mention) => mention.type === 'person' && mention.start >= from && mention.start < paragraphStart && !mention.possessive && fits(mention.name) && !quoted(mention.start));
      // Its last sentence's subject, else the person that paragraph is about (the first it names).
      const subject = named(lastSentence) ?? named(previousStart);
      if (subject) return subject.name;
    }
    let best: string | null = null;
    for (const name of recent) if ((spoken.get(name) ?? 0) > (best ? spoken.get(best) ?? 0 : 0)) best = name;
    return best ?? found;
  };
  // What the attribution patterns caught ("the company", "she", "Mr. Ruano") as someone the article names.
  const resolve = (speaker: string | null, offset: number): Resolution => resolveSpeaker(speaker, offset, article);
  /**
   * Who text[from, to) names as the speaker: the first person in it (the clause's subject: "Prof
   * Gavin Yamey, director of … at Duke University, says"), else the first organisation.
   */
  const namedIn = (from: number, to: number): string | null => {
    let organization: NamedMention | null = null;
    let owner: NamedMention | null = null;
    for (const mention of mentions) {
      if (mention.start >= to) break;
      if (mention.start < from) continue;
      // "Bolger’s lawyer, Jeremy Robinson": the owner is not the subject.
      if (mention.possessive) { owner ??= mention; continue; }
      if (mention.type === 'person') return mention.name;
      organization ??= mention;
    }
    return organization?.name ?? owner?.name ?? null;
  };
  /**
   * The last organisation named before `offset` ("the company said"); with a noun, the last one whose
   * name holds it ("the court" → "District Court of Appeal"), when there is one.
   */
  /**
   * The organisation "the company", "the court" stands for: one named before whose name holds the
   * noun ("the court" → District Court of Appeal); else the subject of the clause before: the first
   * organisation named in the sentence that holds the offset, else in the sentence before it ("OpenAI
   * said DeepSeek had used its models. “…,” the company said." → OpenAI, not DeepSeek); else the last one named.
   */
  const lastOrganizationBefore = (offset: number, noun?: string): string | null => {
    let found: string | null = null;
    let named: string | null = null;
    const word = noun ? bodyNounWords.get(noun.toLowerCase()) ?? new RegExp(`\\b${noun.replace(/[^a-z ]/gi, '')}\\b`, 'i') : null;
    for (const mention of mentions) {
      if (mention.start >= offset) break;
      if (mention.type !== 'organization') continue;
      found = mention.name;
      if (word?.test(mention.name)) named = mention.name;
    }
    if (named || !found || !noun) return named ?? found;
    const here = sentenceStartBefore(offset);
    const before = here > 0 ? sentenceStartBefore(here - 1) : 0;
    const firstIn = (from: number, to: number) => mentions.find((mention) => mention.type === 'organization' && mention.start >= from && mention.end <= to)?.name ?? null;
    return firstIn(here, offset) ?? firstIn(before, here) ?? found;
  };
  /** Where the sentence holding an offset starts: after the last full stop, question or exclamation mark, or paragraph break before it. */
  const sentenceStartBefore = (offset: number): number => {
    const from = Math.max(0, offset - 600);
    let start = from === 0 ? 0 : from;
    for (const boundary of text.slice(from, offset).matchAll(/(?:[.!?][”"’)]?\s+|\n\n)(?=[“"‘(]?\p{Lu})/gu)) start = from + boundary.index + boundary[0].length;
    return start;
  };

  const article: ArticleContext = { people, speakers, mentions, interviewee, namedIn, lastPersonBefore, lastOrganizationBefore };

  // Paired curly quotes, or straight quotes within a paragraph; a quote left open at the end of a
  // paragraph (it goes on in the next one) runs to the paragraph's end.
  // British copy quotes in single marks, curly or straight ('We will fight,' he said.): there a
  // closing mark follows the quote's own punctuation, and an apostrophe sits inside a word.
  const pattern = /“([^”\n]{2,4000})”|"([^"\n]{2,4000})"|“([^”“\n]{20,4000})(?=\n\n“)|(?<![\p{L}\d])‘([^’\n]{10,400}?)’(?![\p{L}\d])/gu;
  const singlePattern = /(?<![\p{L}\d])‘(\p{Lu}(?:[^‘’\n]|’(?=\p{L})|(?<=s)’(?=\s\p{Ll})){6,3000}?[,.!?…])’(?![\p{L}\d])|(?<![\p{L}\d'])'(\p{Lu}(?:[^'\n]|'(?=\p{L})|(?<=s)'(?=\s\p{Ll})){6,3000}?[,.!?…])'(?![\p{L}\d])|(?<![\p{L}\d])‘(\p{Lu}(?:[^‘’\n]|’(?=\p{L})){20,4000}[.!?…])(?=\n\n‘)|(?<![\p{L}\d'])'(\p{Lu}(?:[^'\n]|'(?=\p{L})){20,4000}[.!?…])(?=\n\n')/gu;
  // Single marks are read as speech where the text uses them more than double ones (in American
  // copy they are quotes within quotes, and headlines).
  const allMatches = [...text.matchAll(pattern)].map((found) => ({ found, single: false }));
  const singles = [...text.matchAll(singlePattern)];
  if (singles.length > 0 && singles.length > allMatches.filter(({ found }) => found[4] === undefined).length) {
    // The single-mark reading replaces the fallback's short ‘…’ matches that it covers.
    const kept = allMatches.filter(({ found }) => !singles.some((other) => other.index! < found.index! + found[0].length && other.index! + other[0].length > found.index!));
    allMatches.length = 0;
    allMatches.push(...kept, ...singles.map((found) => ({ found, single: true })));
    allMatches.sort((a, b) => a.found.index! - b.found.index!);
  }
  let previousOpen = false;
  const openQuotes = new Set<ExtractedQuote>();
  for (const { found: match, single } of allMatches) {
    const raw = match[1] ?? match[2] ?? match[3] ?? match[4];
    const open = single ? match[3] !== undefined || match[4] !== undefined : match[3] !== undefined;
    const pullQuote = !single && match[4] !== undefined;
    const inner = raw.trim();
    const words = inner.split(/\s+/).length;
    if (words < (pullQuote ? 6 : 4)) continue; // scare quotes and titles
    const start = match.index;
    const end = start + match[0].length;
    const lineStart = Math.max(text.lastIndexOf('\n', start) + 1, start - 5000);
    const lineEndIndex = text.indexOf('\n', end);
    const lineEnd = lineEndIndex === -1 ? text.length : lineEndIndex;
    const nextQuote = text.slice(end, Math.min(lineEnd, end + 200)).search(single ? /[“"‘]|(?<![\p{L}])'(?=\p{Lu})/u : /[“"]/);
    const after = text.slice(end, Math.min(lineEnd, end + 200, nextQuote >= 0 ? end + nextQuote : lineEnd));
    const previous = quotes[quotes.length - 1];
    const leadStart = Math.max(lineStart, previous && previous.end > lineStart ? previous.end + 1 : lineStart);
    const before = text.slice(Math.max(leadStart, start - 200), start);
    let speaker: string | null = null;
    let role: string | null = null;
    // The rule that named the speaker (reported to a trace, for tests).
    let rule: string | null = null;
    // “… their needs.” He added that …: after a quote that closes its sentence, a capitalised
    // pronoun starts the next sentence; it does not attribute this one.
    const closedSentence = /[.!?]$/.test(inner);
    for (const candidate of attributionPatterns) {
      const found = (candidate.side === 'after' ? after : before).match(candidate.pattern);
      if (!found?.groups?.speaker) continue;
      if (candidate.side === 'after' && closedSentence && /^(?:He|She|They|It)$/.test(found.groups.speaker)) continue;
      // "X, director of … at Duke University, who is leading …, says:": a body followed by a
      // relative clause is part of the speaker's description, not the speaker.
      if (candidate.side === 'before' && /^(?:who|which)\b/.test(found.groups.role?.trim() ?? '') && !people.some((person) => person.name === resolve(cleanSpeaker(found.groups!.speaker), start).speaker)) continue;
      speaker = cleanSpeaker(found.groups.speaker); role = found.groups.role?.trim() ?? null;
      if (speaker) { rule = candidate.name; break; }
    }
    const resolution = resolve(speaker, start);
    let resolved = resolution.speaker;
    // "said a senior official", "a person familiar with the matter said", "the company" with no company
    // named: a source the text does not name. The quote keeps the description as its role and no
    // speaker, and nothing further guesses one.
    const describedOnly = resolved !== null && /^(?:an?|one|another|two|three|several|some)\s/i.test(resolved) && !speakers.some((entity) => entity.name === resolved);
    const unnamedAfter = (/^\s*,?\s*(?:(?:said|says|told|added|according to)\s+)?(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal)\s/.test(after) && unnamedSource.test(after.slice(0, 90)))
      // "…," the insider said: a source the text has kept unnamed, referred to again.
      || unnamedReference.test(after);
    const sentenceStart = Math.max(leadStart, lastSentenceBoundary(text, leadStart, start));
    const leadSentence = text.slice(sentenceStart, start);
    // ("Sen. Marian Holt, R-Idaho, a member of the committee, said": a description of someone named.)
    const leadFrom = start - leadSentence.length;
    const unnamedBefore = !speaker && unnamedSource.test(leadSentence) && !mentions.some((mention) => mention.type === 'person' && mention.start >= leadFrom && mention.start < leadFrom + (unnamedSource.exec(leadSentence)?.index ?? 0)) && speechVerbNearEnd.test(leadSentence) && !/\b(?:he|she)\s+(?:\w+\s+)?(?:said|says|told|added)\b/i.test(leadSentence);
    let unnamed = false;
    // "A spokesperson for Sheffield University", "an OpenAI spokesperson": a spokesperson speaks for the body named.
    const regionStart = unnamedAfter ? end : start - leadSentence.length;
    const regionEnd = unnamedAfter ? end + Math.min(90, after.length) : start;
    const spokes = (unnamedAfter || unnamedBefore) && spokespersonWord.test(text.slice(regionStart, regionEnd));
    const body = spokes ? mentions.find((mention) => mention.type === 'organization' && mention.start >= regionStart && mention.end <= regionEnd)?.name : undefined;
    if (body && !describedOnly) {
      resolved = body;
      rule = 'spokesperson for a body';
    } else if (describedOnly || unnamedAfter || unnamedBefore) {
      role ??= describedOnly ? resolved : (unnamedAfter ? unnamedSource.exec(after)?.[0] : unnamedSource.exec(leadSentence)?.[0])?.replace(/^[^\p{L}]+/u, '').trim() ?? null;
      resolved = null;
      unnamed = true;
      rule = 'unnamed source';
    }
    // No one named yet: the context rules, in order, look further (the sentence, the paragraph, the
    // paragraph before, the quote before).
    if (!resolved && !unnamed) {
      const context: QuoteContext = { text, start, end, after, lineStart, lineEnd, leadStart, sentenceStart, closedSentence, pullQuote, previous, previousOpen };
      for (const candidate of contextRules) {
        const found = candidate.find(context, article);
        if (!found) continue;
        resolved = found.speaker;
        if (found.role !== undefined) role = found.role;
        rule = candidate.name;
        break;
      }
    }
    // Without a speaker, a speech verb around it or the shape of a spoken sentence, quoted words are
    // a title, a term or a slogan ("the so-called “Enhanced Safe Browsing protection”"), not a quote.
    if (!resolved && !speaker && !unnamed) {
      // "the “Framework for Artificial Intelligence Diffusion”, an interim final rule": a name in Title Case
      // after an article, without a sentence's punctuation, is a title whatever verbs stand near it.
      const titleWords = inner.split(/\s+/);
      if (titleWords.length <= 12 && !/[.!?,;:]$/.test(inner) && titleWords.filter((word) => /^\p{Lu}/u.test(word)).length >= titleWords.length * 0.6 && titleIntroducer.test(text.slice(Math.max(0, start - 20), start))) continue;
      const sentenceStart = lastSentenceBoundary(text, lineStart, start);
      const context = `${text.slice(sentenceStart, start)} ${after.slice(0, 80)}`;
      const spokenShape = /^[\p{Lu}“"‘]/u.test(inner) && /[.!?,…]["”’]?$/.test(inner) && words >= 6;
      const innerWords = inner.split(/\s+/);
      const titleCase = innerWords.filter((word) => /^\p{Lu}/u.test(word)).length >= innerWords.length * 0.6;
      if (!speechVerb.test(context) && !spokenShape && (words < 8 || titleCase) && !quoteContextWord.test(context)) continue;
    }
    // Offsets point at the quoted words themselves, so text.slice(start, end) is the quote.
    const quoteText = inner.replace(/[,]$/, '');
    const quoteStart = start + 1 + (raw.length - raw.trimStart().length);
    if (resolved) spoken.set(resolved, (spoken.get(resolved) ?? 0) + 1);
    // A role is a description: not a relative clause, an age ("52") or what the speaker went on to do.
    const roleText = role && !/^(?:who|which|that)\b/.test(role) && !/^\d{1,3}$/.test(role.trim()) && !/^[a-z]+ing\b/.test(role) ? role : null;
    const quote: ExtractedQuote = { text: quoteText, speaker: resolved, speakerRole: roleText, start: quoteStart, end: quoteStart + quoteText.length };
    quotes.push(quote);
    trace?.(quote, resolved || unnamed ? rule : null, resolution.rule);
    previousOpen = open;
    if (open) openQuotes.add(quotes[quotes.length - 1]);
  }
  for (const pass of articlePasses) for (const quote of pass.run(quotes, text, openQuotes)) trace?.(quote, pass.name, null);
  return quotes;
}

/** Where the paragraph holding `offset` starts (paragraphs are separated by a blank line). */
function paragraphStartOf(text: string, offset: number): number {
  // Looked for within a bounded stretch: a paragraph of more than 5,000 characters starts there.
  const from = Math.max(0, offset - 5000);
  const breakAt = text.slice(from, offset + 2).lastIndexOf('\n\n');
  return breakAt < 0 ? from : from + breakAt + 2;
}

function onlyOne<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

/** Where the sentence holding `offset` starts, not before `floor`. */
function lastSentenceBoundary(text: string, floor: number, offset: number): number {
  // No sentence the tracker reads runs past a thousand characters; the bound keeps run-on text linear.
  floor = Math.max(floor, offset - 1000);
  // A few characters past the offset, so that a boundary right before it ("Thursday. “It …") sees
  // the capital that follows.
  const slice = text.slice(floor, Math.min(text.length, offset + 2));
  let boundary = 0;
  for (const found of slice.matchAll(/[.!?]["”’]?\s+(?=[“"‘]?\p{Lu})/gu)) {
    if (found.index! + found[0].length > offset - floor) break;
    // "Mr. Barrios", "U.S. officials": an abbreviation is not a sentence's end.
    const word = /(\S+)[.!?]["”’]?\s+$/.exec(slice.slice(Math.max(0, found.index! - 40), found.index! + found[0].length))?.[1] ?? '';
    if (/^(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|St|Jr|Sr|Inc|Corp|Co|Ltd|[A-Z]|(?:[A-Z]\.)+[A-Z]|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)$/.test(word)) continue;
    boundary = found.index! + found[0].length;
  }
  return floor + boundary;
}
