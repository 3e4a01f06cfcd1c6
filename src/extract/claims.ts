// Claims: attributed statements, the backbone of a story's voices. A claim is a direct quotation
// with its speaker, or reported speech: "X said / claims / accused Y of / warned / denied …",
// "according to X", and the responses that are no statement ("declined to comment", "did not
// respond"). Each claim has a claimant (the organisation a spokesperson or an official speaks for,
// else the person), the person who spoke when there is one, a stance, and its sentence.
//
// "The company said", "the firm", "it said" resolve to the subject of the clause before: the first
// organisation named earlier in the same sentence, else the first one in the sentence before (not
// the last name seen: in "OpenAI said DeepSeek had …; the company said" the company is OpenAI).
//
// Rules are a table (CLAIM_RULES), each with an example; the stance comes from the verb
// (STANCE_VERBS). Measured by `npm run bench:explainers` on gold multi-source stories.
import type { Sentence } from './sentences.ts';
import type { FoundEntity } from './entities.ts';
import type { ExtractedQuote } from './quotes.ts';

import type { Stance } from './stances.ts';
export { STANCES, type Stance } from './stances.ts';

export interface ExtractedClaim {
  /** The organisation or person the statement belongs to; null when the text does not say. */
  claimant: string | null;
  /** The person who made it, when named (a spokesperson, an executive). */
  speaker: string | null;
  stance: Stance;
  /** The quotation, or the sentence that reports the statement. */
  text: string;
  sentence: string;
  quote: boolean;
  start: number;
  end: number;
}

// The verbs of reported speech by the stance they carry, most specific first. "Accused" before
// "said": a sentence with both is an accusation.
const STANCE_VERBS: readonly { stance: Stance; verbs: readonly string[] }[] = [
  { stance: 'no-response', verbs: ['did not respond', 'did not immediately respond', 'has not responded', 'have not responded', 'had not responded', 'did not reply', 'did not immediately reply', 'has not replied', 'could not be reached', 'did not return', 'has not commented', 'did not comment', 'has not publicly commented', 'has not publicly responded', 'did not publicly respond', 'has remained silent', 'stayed silent', 'remained silent', 'said nothing', 'has said nothing', 'have said nothing', 'said little', 'has said little'] },
  { stance: 'declines', verbs: ['declined to comment', 'declined to discuss', 'declined to elaborate', 'declined to say', 'declined to answer', 'refused to comment', 'declined a request for comment', 'would not comment', 'no comment'] },
  { stance: 'denies', verbs: ['denied', 'denies', 'deny', 'rejected', 'rejects', 'dismissed', 'dismisses', 'refuted', 'disputed', 'disputes', 'pushed back', 'called the allegations', 'called the accusations'] },
  { stance: 'accuses', verbs: ['accused', 'accuses', 'accusing', 'alleged', 'alleges', 'alleging', 'charged that', 'blamed', 'blames', 'claimed', 'claims', 'claiming', 'has evidence', 'had evidence', 'had seen evidence', 'has seen evidence', 'found evidence', 'said it had evidence'] },
  { stance: 'warns', verbs: ['warned', 'warns', 'warning', 'cautioned', 'cautions', 'threatened'] },
  { stance: 'confirms', verbs: ['confirmed', 'confirms', 'acknowledged', 'acknowledges', 'admitted', 'admits', 'conceded', 'disclosed', 'discloses', 'announced', 'announces', 'verified'] },
  { stance: 'says', verbs: ['said', 'says', 'told', 'tells', 'stated', 'states', 'wrote', 'writes', 'argued', 'argues', 'added', 'noted', 'notes', 'explained', 'insisted', 'insists', 'maintained', 'maintains', 'contended', 'suggested', 'predicted', 'believes', 'urged', 'urges', 'called for', 'calls for', 'asked', 'testified', 'posted', 'commented', 'responded', 'replied', 'countered', 'reported', 'reports', 'described', 'describes', 'defended', 'defends', 'praised', 'welcomed', 'welcomes', 'criticised', 'criticized', 'according to'] },
];

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const stanceOf = new Map<string, Stance>();
for (const { stance, verbs } of STANCE_VERBS) for (const verb of verbs) if (!stanceOf.has(verb)) stanceOf.set(verb, stance);
// Longest first, so "declined to comment" wins over "declined" and "did not respond" over "said".
const verbAlternation = [...stanceOf.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
const verbPattern = new RegExp(`\\b(?:${verbAlternation})\\b`, 'gi');
/** The first verb of speech in a text, whatever its voice. */
const firstVerb = new RegExp(verbPattern.source, 'i');
/** Its own scanner for speechVerbIn, so that its position never leaks into stanceIn's matchAll. */
const verbScan = new RegExp(verbPattern.source, 'gi');

/** "is accused of", "was warned": a verb in the passive says what was done to the subject, not what it said. */
const passiveBefore = /\b(?:is|are|was|were|be|been|being|get|got|gets)\s+(?:\w+ly\s+)?$/i;

/** The first verb of speech in a sentence that is not in the passive, or null. */
function speechVerbIn(text: string): RegExpExecArray | null {
  verbScan.lastIndex = 0;
  for (let match = verbScan.exec(text); match; match = verbScan.exec(text)) {
    if (!passiveBefore.test(text.slice(Math.max(0, match.index - 30), match.index))) return match;
  }
  return null;
}

/** The stance of the strongest verb in a stretch of text; 'says' when none. */
export function stanceIn(text: string): Stance {
  let best: Stance | null = null;
  const rank = (stance: Stance) => STANCE_VERBS.findIndex((entry) => entry.stance === stance);
  for (const match of text.matchAll(verbPattern)) {
    if (passiveBefore.test(text.slice(Math.max(0, match.index - 30), match.index))) continue;
    const stance = stanceOf.get(match[0].toLowerCase().replace(/\s+/g, ' '));
    if (stance && (best === null || rank(stance) < rank(best))) best = stance;
  }
  return best ?? 'says';
}

// Words that stand for an organisation named before: "the company said", "the lab denied".
const BODY_REFERENCES = ['company', 'firm', 'lab', 'laboratory', 'startup', 'start-up', 'group', 'agency', 'department', 'bureau', 'ministry', 'chipmaker', 'chip maker', 'chip designer', 'developer', 'maker', 'government', 'administration', 'embassy', 'regulator', 'committee', 'office', 'organisation', 'organization', 'giant', 'business'];
const bodyReference = new RegExp(`\\b(?:[Tt]he|[Tt]his)\\s+(?:(?:[A-Z][\\w.-]*|artificial intelligence)\\s+){0,2}(?:${BODY_REFERENCES.map(escape).join('|')})\\b`);
const pronounSubject = /^(?:It|They|He|She)\b|(?:,|\band|\bbut)\s+(?:it|they|he|she)\s+(?:also\s+)?(?:said|says|told|added|warned|denied|accused|claimed|declined|did not|has not|had not|argued|noted)\b/;
// Who is not a claimant: media and documents as grammatical subjects ("the report said").
const NOT_CLAIMANT = /^(?:the\s+)?(?:report|reports|filing|document|letter|statement|study|paper|rule|order|notice|data|figures|analysis|survey|article)$/i;
const SPOKESPERSON = /\b(?:spokesperson|spokesman|spokeswoman|representative|press office|head of (?:policy|communications|security)|chief executive|CEO|president|official|officials|executive|director|general counsel|lawyer for|counsel for)\b/i;

interface Mention { name: string; type: string; start: number; end: number }

export interface ClaimRule {
  name: string;
  /** Finds a claim in a sentence that holds no quotation; null when the rule does not apply. */
  find: (sentence: Sentence, context: ClaimContext) => Omit<ExtractedClaim, 'text' | 'sentence' | 'quote' | 'start' | 'end'> | null;
}

interface ClaimContext {
  mentionsIn: (sentence: Sentence) => Mention[];
  /** The person named last before an offset, within the sentence and the two before it. */
  personBefore: (offset: number) => Mention | null;
  subjectBefore: (offset: number) => Mention | null;
  employerOf: (person: string, sentence: Sentence) => string | null;
}

/** The first organisation or person named in a stretch of a sentence, as a claimant. */
function firstActor(mentions: Mention[], from: number, to: number): Mention | null {
  return mentions.find((mention) => mention.start >= from && mention.end <= to && (mention.type === 'organization' || mention.type === 'person')) ?? null;
}

/** "DeepSeek’s work", "Nvidia's shares": a possessive names whose thing it is, not who speaks. */
function isPossessive(mention: Mention, sentence: Sentence): boolean {
  return /^['’]s?\b/.test(sentence.text.slice(mention.end - sentence.start, mention.end - sentence.start + 2));
}

function claimantOf(actor: Mention, sentence: Sentence, context: ClaimContext): { claimant: string; speaker: string | null } {
  if (actor.type === 'person') return { claimant: context.employerOf(actor.name, sentence) ?? actor.name, speaker: actor.name };
  return { claimant: actor.name, speaker: null };
}

// In order; the first rule that finds a claim in a sentence wins.
export const CLAIM_RULES: readonly ClaimRule[] = [
  // "DeepSeek did not respond to a request for comment." / "Nvidia declined to comment.": a response that is no statement.
  {
    name: 'no response',
    find: (sentence, context) => {
      const stance = stanceIn(sentence.text);
      if (stance !== 'no-response' && stance !== 'declines') return null;
      const verb = firstVerb.exec(sentence.text);
      const at = verb ? sentence.start + verb.index : sentence.end;
      const mentions = context.mentionsIn(sentence).filter((mention) => (mention.type === 'organization' || mention.type === 'person') && mention.end <= at);
      const before = sentence.text.slice(0, verb?.index ?? 0);
      // "The company, which is funded by High-Flyer, has said little": the body named before, not the aside.
      const opensWithReference = (/^\W*(?:The|This)\s/.test(before) && bodyReference.exec(before)?.index === 0) || /^(?:It|They)\b/.test(sentence.text);
      const opening = mentions[0] && mentions[0].start - sentence.start <= 4 && !isPossessive(mentions[0], sentence) ? mentions[0] : null;
      const actor = opensWithReference ? context.subjectBefore(sentence.start)
        : opening ?? [...mentions].reverse().find((mention) => !isPossessive(mention, sentence)) ?? (bodyReference.test(before) ? context.subjectBefore(sentence.start) : null);
      if (!actor) return null;
      return { ...claimantOf(actor, sentence, context), stance };
    },
  },
  // "According to the Commerce Department, the rule covers 140 entities.": the body named after "according to".
  {
    name: 'according to',
    find: (sentence, context) => {
      const found = /\b[Aa]ccording to\b/.exec(sentence.text);
      if (!found) return null;
      const from = sentence.start + found.index + found[0].length;
      const stance = stanceIn(sentence.text.replace(/\b[Aa]ccording to\b/, ''));
      const actor = firstActor(context.mentionsIn(sentence), from, from + 80);
      // The actor must stand right after the words ("according to Nvidia's filing"), else the
      // capitalised name written there is the claimant ("according to Bloomberg", unknown to the registry).
      if (actor && actor.start - from <= 6) return { ...claimantOf(actor, sentence, context), stance };
      const named = /^\s+(?:the\s+)?((?:\p{Lu}[\p{L}&.'’-]*\s?){1,5})/u.exec(sentence.text.slice(found.index + found[0].length));
      if (!named) return null;
      const name = named[1].trim().replace(/['’]s$/, '');
      return name.length >= 2 ? { claimant: name, speaker: null, stance } : null;
    },
  },
  // "OpenAI accused DeepSeek of distilling its models." / "Nvidia said it expects a charge": a named subject and a verb of speech.
  {
    name: 'named subject',
    find: (sentence, context) => {
      const verb = speechVerbIn(sentence.text);
      if (!verb) return null;
      const before = sentence.text.slice(0, verb.index);
      // The subject: an actor in the words before the verb, when those words are a noun phrase (no clause of their own).
      if (before.length > 160 || /[;:]/.test(before)) return null;
      // "The company, which is funded by High-Flyer, has said": the body reference is the subject (next rule).
      if (/^\W*(?:The|This)\s/.test(before) && bodyReference.test(before.slice(0, 60)) && bodyReference.exec(before)!.index < 5) return null;
      // "A report by Bloomberg said", "The letter to OpenAI claims": a document is the subject, not the actor.
      const head = before.trim().split(/\s+/).slice(0, 2).join(' ').replace(/^(?:The|A|An)\s+/i, '');
      if (NOT_CLAIMANT.test(head)) return null;
      const mentions = context.mentionsIn(sentence).filter((mention) => (mention.type === 'organization' || mention.type === 'person') && mention.end <= sentence.start + verb.index);
      if (mentions.length === 0) return null;
      // The actor nearest the verb ("… before OpenAI had said"), unless it hangs off another by a
      // preposition ("Jane Roe of the Commerce Committee said", "a spokesperson for Nvidia said"):
      // then the one it hangs off, the person speaking for the body.
      // The sentence's grammatical subject when it opens with an actor ("David Sacks, who advises
      // President Trump, said"); else the actor nearest the verb.
      const opening = mentions[0].start - sentence.start <= 4 && !isPossessive(mentions[0], sentence) ? mentions[0] : null;
      const named = mentions.filter((mention) => !isPossessive(mention, sentence));
      if (!opening && named.length === 0) return null;
      let actor = opening ?? named[named.length - 1];
      if (!opening) for (let k = mentions.length - 1; k > 0; k--) {
        const between = sentence.text.slice(mentions[k - 1].end - sentence.start, mentions[k].start - sentence.start);
        if (/^(?:,\s*)?(?:[a-z-]+\s+){0,3}(?:of|at|for|from|with|by|to)\s+(?:the\s+)?$/.test(between)) actor = mentions[k - 1];
        else break;
      }
      return { ...claimantOf(actor, sentence, context), stance: stanceIn(sentence.text.slice(verb.index)) };
    },
  },
  // "The company said it would comply." / "It denied the accusation." / "He said he expected …": the subject of the clause before.
  {
    name: 'body or pronoun subject',
    find: (sentence, context) => {
      const verb = speechVerbIn(sentence.text);
      if (!verb) return null;
      const before = sentence.text.slice(0, verb.index);
      const upToVerb = sentence.text.slice(0, verb.index + verb[0].length);
      if (/^\W*(?:He|She)\s+(?:also\s+)?$/.test(before) || /(?:,|\band|\bbut)\s+(?:he|she)\s+(?:also\s+)?$/.test(before)) {
        const person = context.personBefore(sentence.start + verb.index);
        return person ? { ...claimantOf(person, sentence, context), stance: stanceIn(sentence.text.slice(verb.index)) } : null;
      }
      if (!(bodyReference.test(before) && before.length < 80) && !pronounSubject.test(upToVerb)) return null;
      const actor = context.subjectBefore(sentence.start + verb.index);
      if (!actor) return null;
      return { ...claimantOf(actor, sentence, context), stance: stanceIn(sentence.text.slice(verb.index)) };
    },
  },
];

/**
 * The claims of one article: every quote becomes one (its stance from the words around it), and
 * each sentence without a quote is read by the rules in CLAIM_RULES.
 */
export function extractClaims(text: string, sentences: Sentence[], entities: FoundEntity[], quotes: ExtractedQuote[]): ExtractedClaim[] {
  const actors = entities.filter((entity) => entity.type === 'organization' || entity.type === 'person');
  const mentions: Mention[] = actors.flatMap((entity) => entity.mentions.map((mention) => ({ name: entity.name, type: entity.type, start: mention.start, end: mention.end })))
    .sort((a, b) => a.start - b.start);
  const byName = new Map(actors.map((entity) => [entity.name, entity]));
  const sentenceAt = (offset: number) => {
    let low = 0;
    let high = sentences.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (sentences[middle].end <= offset) low = middle + 1;
      else if (sentences[middle].start > offset) high = middle - 1;
      else return middle;
    }
    return -1;
  };
  const mentionsIn = (sentence: Sentence) => mentions.filter((mention) => mention.start >= sentence.start && mention.end <= sentence.end);
  const organizationsIn = (sentence: Sentence, before = Infinity) => mentionsIn(sentence).filter((mention) => mention.type === 'organization' && mention.start < before);
  const mentionCount = new Map<string, number>();
  for (const mention of mentions) mentionCount.set(mention.name, (mentionCount.get(mention.name) ?? 0) + 1);
  /**
   * The organisation "the company" or "it" stands for: the first one named earlier in the same
   * sentence; else, among those named in the three sentences before, the one the article names most
   * (the subject of the piece), the opener of the nearest of those sentences counting half as much again.
   */
  const subjectBefore = (offset: number): Mention | null => {
    const index = sentenceAt(offset);
    if (index >= 0) {
      const here = organizationsIn(sentences[index], offset).filter((mention) => !isPossessive(mention, sentences[index]));
      if (here.length > 0) return here[0];
    }
    const end = index >= 0 ? index : sentences.length;
    let best: { mention: Mention; score: number } | null = null;
    for (let k = end - 1; k >= 0 && k >= end - 3; k--) {
      organizationsIn(sentences[k]).forEach((mention, position) => {
        const score = (mentionCount.get(mention.name) ?? 0) * (k === end - 1 && position === 0 ? 1.5 : 1);
        if (!best || score > best.score) best = { mention, score };
      });
    }
    return (best as { mention: Mention } | null)?.mention ?? null;
  };
  // "OpenAI spokesperson Jane Roe", "Jane Roe, a spokesperson for OpenAI", "OpenAI's head of policy, Jane Roe": the employer.
  const employerOf = (person: string, sentence: Sentence): string | null => {
    const personMentions = mentionsIn(sentence).filter((mention) => mention.name === person);
    for (const mention of personMentions) {
      const window = text.slice(Math.max(sentence.start, mention.start - 80), Math.min(sentence.end, mention.end + 80));
      if (!SPOKESPERSON.test(window)) continue;
      const organisations = mentionsIn(sentence).filter((other) => other.type === 'organization' && Math.abs(other.start - mention.start) < 90);
      if (organisations.length > 0) return organisations.sort((a, b) => Math.abs(a.start - mention.start) - Math.abs(b.start - mention.start))[0].name;
    }
    return null;
  };
  // The person "he" or "she" stands for: the one opening the nearest sentence before that opens
  // with a person ("David Sacks, who advises President Trump, said …. He said"), else the last named.
  const personBefore = (offset: number): Mention | null => {
    const index = sentenceAt(offset);
    const end = index >= 0 ? index : sentences.length;
    for (let k = end - 1; k >= 0 && k >= end - 2; k--) {
      const opener = mentions.find((mention) => mention.type === 'person' && mention.start >= sentences[k].start && mention.start - sentences[k].start <= 4);
      if (opener) return opener;
    }
    const from = sentences[Math.max(0, end - 2)]?.start ?? 0;
    const people = mentions.filter((mention) => mention.type === 'person' && mention.start >= from && mention.end <= offset);
    return people[people.length - 1] ?? null;
  };
  const context: ClaimContext = { mentionsIn, subjectBefore, personBefore, employerOf };

  const claims: ExtractedClaim[] = [];
  const quoted = new Set<number>();
  for (const quote of quotes) {
    const index = sentenceAt(quote.start);
    const sentence = index >= 0 ? sentences[index] : null;
    if (sentence) quoted.add(index);
    // The end sentence too: a quote over two sentences covers both.
    const last = sentenceAt(Math.max(quote.start, quote.end - 1));
    if (last >= 0) quoted.add(last);
    if (quote.text.split(/\s+/).length < 4) continue;
    let claimant = quote.speaker;
    let speaker: string | null = null;
    const entity = quote.speaker ? byName.get(quote.speaker) : undefined;
    if (entity?.type === 'person' && sentence) {
      speaker = entity.name;
      claimant = employerOf(entity.name, sentence) ?? (quote.speakerRole && SPOKESPERSON.test(quote.speakerRole) ? organisationIn(quote.speakerRole, actors) : null) ?? entity.name;
    } else if (quote.speaker && !entity) {
      speaker = null;
    }
    const attribution = sentence ? sentence.text.replace(quote.text, ' ') : '';
    claims.push({
      claimant, speaker, stance: stanceIn(attribution), text: quote.text, sentence: sentence?.text ?? quote.text, quote: true, start: quote.start, end: quote.end,
    });
  }
  sentences.forEach((sentence, index) => {
    if (quoted.has(index)) return;
    // Reported speech is stated in a sentence: a question, a heading or a caption is not one.
    if (!/[.!]["”’)]?$/.test(sentence.text) || sentence.text.split(/\s+/).length < 5) return;
    for (const rule of CLAIM_RULES) {
      const found = rule.find(sentence, context);
      if (!found) continue;
      if (found.claimant && NOT_CLAIMANT.test(found.claimant)) break;
      claims.push({ ...found, text: sentence.text, sentence: sentence.text, quote: false, start: sentence.start, end: sentence.end });
      break;
    }
  });
  return claims.sort((a, b) => a.start - b.start);
}

/** The organisation a role names ("a spokesperson for Nvidia"), when the article knows it. */
function organisationIn(role: string, actors: FoundEntity[]): string | null {
  const found = actors.filter((entity) => entity.type === 'organization' && [entity.name, ...entity.aliases].some((name) => role.includes(name)));
  return found.sort((a, b) => b.name.length - a.name.length)[0]?.name ?? null;
}
