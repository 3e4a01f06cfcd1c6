// All fact extractors over one article's text, in the order they depend on each other.
import type { TopicConfig } from '../config/schema.ts';
import { splitSentences } from './sentences.ts';
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
    figures: extractFigures(sentences),
    events: extractEvents(sentences, publishedAt),
    quotes,
    viewpoints: topics.flatMap((topic) => labelViewpoints(topic, title, sentences, quotes)),
  };
}
