// Topic assignment: an article belongs to a topic when every `require` group matches somewhere in
// its title or text and its score reaches the topic's minimum. The matched cues are kept, so the
// reason for each assignment can be shown and corrected.
import type { TopicConfig } from '../config/schema.ts';
import { compilePattern, countMatches } from './patterns.ts';

export interface TopicAssignment { topic: string; score: number; cues: string[] }

export function assignTopics(title: string, text: string, topics: TopicConfig[], allowed: string[] | null = null): TopicAssignment[] {
  const assignments: TopicAssignment[] = [];
  // The lead matters more than the tail: related-coverage paragraphs at the end of a page should
  // not pull an article into a topic.
  const lead = text.slice(0, 6000);
  for (const topic of topics) {
    if (allowed && !allowed.includes(topic.slug)) continue;
    const { require, boost, exclude, minScore } = topic.rules;
    if (require.length === 0) continue;
    const cues = new Set<string>();
    let requiredOk = true;
    for (const group of require) {
      let groupHit = false;
      for (const source of group) {
        const pattern = compilePattern(source);
        if (countMatches(pattern, title) + countMatches(pattern, lead) > 0) { groupHit = true; cues.add(source); }
      }
      if (!groupHit) { requiredOk = false; break; }
    }
    if (!requiredOk) continue;
    let score = 0;
    for (const source of new Set([...require[0], ...boost])) {
      const pattern = compilePattern(source);
      const inTitle = countMatches(pattern, title);
      const inText = Math.min(countMatches(pattern, lead), 4);
      if (inTitle + inText > 0) cues.add(source);
      score += inTitle * 3 + inText;
    }
    let penalty = 0;
    for (const source of exclude) {
      const pattern = compilePattern(source);
      const hits = countMatches(pattern, title) * 3 + Math.min(countMatches(pattern, lead), 5);
      if (hits > 0) { penalty += hits * 2; cues.add(`-${source}`); }
    }
    score -= penalty;
    if (score >= minScore) assignments.push({ topic: topic.slug, score, cues: [...cues] });
  }
  return assignments;
}
