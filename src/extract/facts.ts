// All fact extractors over one article's text, in the order they depend on each other.
import type { TopicConfig } from '../config/schema.ts';
import { splitSentences, type Sentence } from './sentences.ts';
import { extractEntities, type FoundEntity, type RegistryEntry, loadBuiltInRegistry } from './entities.ts';
import { extractFigures, type Figure } from './figures.ts';
import { extractEvents, type ExtractedEvent } from './events.ts';
import { extractQuotes, type ExtractedQuote } from './quotes.ts';
import { labelViewpoints, type ViewpointLabel } from './viewpoints.ts';

export interface ArticleFacts {
  entities: FoundEntity[];
  figures: Figure[];
  events: ExtractedEvent[];
  quotes: ExtractedQuote[];
  viewpoints: ViewpointLabel[];
}

export function extractFacts(title: string, text: string, publishedAt: string | null, topics: TopicConfig[], registry: RegistryEntry[] = loadBuiltInRegistry()): ArticleFacts {
  const sentences = splitSentences(text);
  const entities = extractEntities(text, sentences, registry);
  const quotes = extractQuotes(text, entities);
  return {
    entities,
    figures: attributeFigures(extractFigures(sentences), sentences, quotes, entities),
    events: extractEvents(sentences, publishedAt),
    quotes,
    viewpoints: topics.flatMap((topic) => labelViewpoints(topic, title, sentences, quotes)),
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
