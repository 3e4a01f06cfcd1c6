// Viewpoints: which stakeholder perspectives an article carries, from its topic's taxonomy. Each
// label comes with a score, the cue phrases that produced it and the passage that carries it most
// strongly, so a reader can see why and an editor can correct it.
import type { TopicConfig } from '../config/schema.ts';
import type { Sentence } from './sentences.ts';
import type { ExtractedQuote } from './quotes.ts';
import { compilePattern, countMatches } from './patterns.ts';

export interface ViewpointLabel {
  topic: string;
  label: string;
  score: number;
  cues: string[];
  passage: string | null;
}

export function labelViewpoints(topic: TopicConfig, title: string, sentences: Sentence[], quotes: ExtractedQuote[]): ViewpointLabel[] {
  const results: ViewpointLabel[] = [];
  const quoteOffsets = quotes.map((quote) => [quote.start, quote.end, (quote.speakerRole ?? '') + ' ' + (quote.speaker ?? '')] as const);
  for (const viewpoint of topic.viewpoints) {
    const patterns = viewpoint.cues.map(compilePattern);
    let score = 0;
    const cues = new Set<string>();
    let best: { sentence: string; score: number } | null = null;
    const titleHits = patterns.reduce((sum, pattern) => sum + countMatches(pattern, title), 0);
    score += titleHits * 2;
    for (const sentence of sentences) {
      let sentenceScore = 0;
      for (const pattern of patterns) {
        const hits = countMatches(pattern, sentence.text);
        if (hits > 0) { sentenceScore += hits; cues.add(pattern.source); }
      }
      if (sentenceScore === 0) continue;
      // A passage that quotes someone counts more: it gives the viewpoint a voice.
      const quoted = quoteOffsets.some(([start, end]) => start < sentence.end && end > sentence.start);
      if (quoted) sentenceScore *= 1.5;
      score += sentenceScore;
      if (!best || sentenceScore > best.score) best = { sentence: sentence.text, score: sentenceScore };
    }
    // Speakers' roles ("a trade lawyer", "an investor") are strong cues.
    for (const [, , role] of quoteOffsets) {
      for (const pattern of patterns) if (countMatches(pattern, role) > 0) { score += 2; cues.add(pattern.source); }
    }
    if (score > 0) results.push({ topic: topic.slug, label: viewpoint.label, score: Math.round(score * 10) / 10, cues: [...cues].slice(0, 12), passage: best?.sentence ?? null });
  }
  return results.sort((a, b) => b.score - a.score);
}
