// All fact extractors over one article's text, in the order they depend on each other.
import type { TopicConfig } from '../config/schema.ts';
import { splitSentences, excerptAround, MAX_STORED_SENTENCE, type Sentence } from './sentences.ts';
import { capLength } from './body/sanitize.ts';
import { extractEntities, type FoundEntity, type RegistryEntry, loadBuiltInRegistry } from './entities.ts';
import { extractFigures, type Figure } from './figures.ts';
import { extractEvents, type ExtractedEvent } from './events.ts';
import { extractQuotes, type ExtractedQuote } from './quotes.ts';
import { extractClaims, type ExtractedClaim } from './claims.ts';
import { labelViewpoints, type ViewpointLabel } from './viewpoints.ts';

export interface ArticleFacts {
  entities: FoundEntity[];
  figures: Figure[];
  events: ExtractedEvent[];
  quotes: ExtractedQuote[];
  claims: ExtractedClaim[];
  viewpoints: ViewpointLabel[];
}

export function extractFacts(title: string, text: string, publishedAt: string | null, topics: TopicConfig[], registry: RegistryEntry[] = loadBuiltInRegistry()): ArticleFacts {
  const sentences = splitSentences(text);
  const entities = extractEntities(text, sentences, registry);
  const quotes = extractQuotes(text, entities);
  return boundFacts({
    entities,
    figures: attributeFigures(extractFigures(sentences), sentences, quotes, entities),
    events: extractEvents(sentences, publishedAt),
    quotes,
    claims: extractClaims(text, sentences, entities, quotes),
    viewpoints: topics.flatMap((topic) => labelViewpoints(topic, title, sentences, quotes)),
  }, sentences);
}

/** The longest name, label or role a fact stores, and the longest quote. */
const MAX_NAME = 300;
const MAX_QUOTE = 2000;

/**
 * Every text a fact stores, bounded: a sentence (a page without full stops can make one enormous)
 * becomes the part around its fact (MAX_STORED_SENTENCE), names, labels and roles MAX_NAME, a
 * quote MAX_QUOTE characters. Ordinary facts are far below every bound and come out unchanged.
 * Done last: the extractors compare sentences and offsets with each other.
 */
function boundFacts(facts: ArticleFacts, sentences: Sentence[]): ArticleFacts {
  const name = <T extends string | null>(value: T): T => (value === null ? value : capLength(value, MAX_NAME) as T);
  // A fact's sentence around the fact's own span (offsets into the article text).
  const around = (sentence: string, start: number, end: number) => {
    if (sentence.length <= MAX_STORED_SENTENCE) return sentence;
    const at = sentences.find((candidate) => candidate.start <= start && candidate.end >= start && candidate.text === sentence)?.start;
    return at === undefined ? excerptAround(sentence, 0, 0) : excerptAround(sentence, start - at, end - at);
  };
  return {
    entities: facts.entities.map((entity) => ({
      ...entity,
      name: name(entity.name),
      aliases: entity.aliases.map(name),
      mentions: entity.mentions.map((mention) => ({ ...mention, surface: name(mention.surface), sentence: around(mention.sentence, mention.start, mention.end) })),
    })),
    figures: facts.figures.map((figure) => ({
      ...figure,
      text: name(figure.text), label: name(figure.label), qualifier: name(figure.qualifier), claimant: name(figure.claimant),
      sentence: around(figure.sentence, figure.start, figure.end),
    })),
    events: facts.events.map((event) => {
      if (event.text.length <= MAX_STORED_SENTENCE && event.sentence.length <= MAX_STORED_SENTENCE) return event;
      // The event's text is a clause of its sentence: cut it around the date too.
      const sentenceStart = sentences.find((candidate) => candidate.start <= event.start && candidate.end >= event.start && candidate.text === event.sentence)?.start ?? event.start;
      const date = event.sentence.slice(event.start - sentenceStart, event.end - sentenceStart);
      const dateAt = date ? event.text.indexOf(date) : -1;
      return {
        ...event,
        text: dateAt >= 0 ? excerptAround(event.text, dateAt, dateAt + date.length) : excerptAround(event.text, 0, 0),
        sentence: around(event.sentence, event.start, event.end),
      };
    }),
    quotes: facts.quotes.map((quote) => ({ ...quote, text: capLength(quote.text, MAX_QUOTE), speaker: name(quote.speaker), speakerRole: name(quote.speakerRole) })),
    claims: facts.claims.map((claim) => ({
      ...claim, claimant: name(claim.claimant), speaker: name(claim.speaker),
      text: claim.quote ? capLength(claim.text, MAX_QUOTE) : around(claim.text, claim.start, claim.end),
      sentence: around(claim.sentence, claim.start, claim.end),
    })),
    viewpoints: facts.viewpoints.map((viewpoint) => ({
      ...viewpoint,
      cues: viewpoint.cues.map(name),
      passage: viewpoint.passage === null ? null : excerptAround(viewpoint.passage, 0, 0),
    })),
  };
}

const claimVerb = /\b(?:said|says|say|estimated|estimates|estimate|reported|reports|disclosed|told|expects?|expected|projected|forecast|predicted|warned|found|finds|[Aa]ccording to|puts?|put it at|calculated|counted|announced|claimed|claims)\b/;

/**
 * Who claims each figure: the speaker of the quote it stands in; else the person or body the
 * sentence credits ("Nvidia said", "according to the Commerce Department": the first one named
 * before the verb, or the one right after "according to"); else what the figure extractor read
 * from the words alone.
 */
function attributeFigures(figures: Figure[], sentences: Sentence[], quotes: ExtractedQuote[], entities: FoundEntity[]): Figure[] {
  const mentions = entities
    .filter((entity) => entity.type === 'person' || entity.type === 'organization')
    .flatMap((entity) => entity.mentions.map((mention) => ({ name: entity.name, type: entity.type, start: mention.start, sentence: mention.sentence })))
    .sort((a, b) => a.start - b.start);
  return figures.map((figure) => {
    const quote = quotes.find((candidate) => candidate.start <= figure.start && candidate.end >= figure.end);
    if (quote?.speaker) return { ...figure, claimant: quote.speaker };
    const sentenceStart = sentences.find((sentence) => sentence.start <= figure.start && sentence.end >= figure.end)?.start ?? figure.start;
    const verb = claimVerb.exec(figure.sentence);
    if (verb) {
      const verbAt = sentenceStart + verb.index;
      const credited = /ccording to/.test(verb[0])
        ? mentions.find((mention) => mention.start >= verbAt && mention.start <= verbAt + 40)
        : mentions.find((mention) => mention.start >= sentenceStart && mention.start < verbAt && mention.sentence === figure.sentence);
      if (credited) return { ...figure, claimant: credited.name };
    }
    // "the company said": the firm the article named last before the figure.
    if (figure.claimant && /^the (?:company|firm|chipmaker|group|lab|startup|agency|department|ministry|bank)$/i.test(figure.claimant)) {
      const body = [...mentions].reverse().find((mention) => mention.type === 'organization' && mention.start < figure.start);
      if (body) return { ...figure, claimant: body.name };
    }
    return figure;
  });
}
