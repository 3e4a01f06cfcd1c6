// Explainer assembly: every section is chosen from, or computed from, the story's sources. No
// sentence is generated; each carries the ids of the articles that state it.
import { eq, inArray } from 'drizzle-orm';
import type { TrackerDb } from '../db/client.ts';
import { articles, stories, storyArticles, figures, events, quotes, claims, viewpoints, entityMentions, entities } from '../../db/schema.ts';
import type { Config, TopicConfig } from '../config/schema.ts';
import type { CorrectionOverlay } from '../editorial/corrections.ts';
import { splitSentences } from '../extract/sentences.ts';
import { termVector, cosine, wordSet, jaccard, stem, type TermVector } from './terms.ts';
import { EXPLAINER_VERSION } from './types.ts';
import type {
  Explainer, StorySource, CitedText, KeyFigure, TimelineEntry, TimelineRole, ViewpointShare, KeyTerm, StoryStatus, NotRepresented, Voice,
} from './types.ts';
import { figureMove, publicationDays } from './figureMoves.ts';
import type { Stance } from '../extract/stances.ts';
import { parseStringArray } from '../text/json.ts';

type ArticleRow = typeof articles.$inferSelect;
type FigureRow = typeof figures.$inferSelect;
type EventRow = typeof events.$inferSelect;

const DAY = 86400000;
export const GENERAL_VIEWPOINT = { label: 'general-reporting', name: 'General reporting' };

interface StoryContext {
  story: typeof stories.$inferSelect;
  topic: TopicConfig;
  members: ArticleRow[];
  /** Originals only: syndicated copies are folded into their original's source entry. */
  originals: ArticleRow[];
  copyOf: Map<string, string>;
  vector: TermVector;
}

function uniq<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Maps copies to their originals, so a claim from a copy is cited once. */
function citedIds(context: StoryContext, ids: string[]): string[] {
  return uniq(ids.map((id) => context.copyOf.get(id) ?? id));
}

function buildSources(context: StoryContext, viewpointOf: Map<string, string | null>, viewpointNames: Map<string, string>): StorySource[] {
  return context.originals.map((article, index) => {
    const label = viewpointOf.get(article.id) ?? null;
    return {
      n: index + 1,
      articleId: article.id,
      title: article.title,
      outlet: article.outlet,
      url: article.url,
      publishedAt: article.publishedAt,
      viewpoint: label,
      viewpointName: label ? viewpointNames.get(label) ?? label : null,
      copies: context.members.filter((member) => context.copyOf.get(member.id) === article.id)
        .map((member) => ({ articleId: member.id, outlet: member.outlet, url: member.url })),
    };
  });
}

interface ScoredSentence { text: string; articleId: string; position: number; score: number; words: Set<string> }

function leadSentences(context: StoryContext, perArticle: number, standaloneOnly = true): ScoredSentence[] {
  const result: ScoredSentence[] = [];
  for (const article of context.originals) {
    const headline = wordSet(article.title);
    const sentences = splitSentences(article.text)
      .filter((sentence) => (standaloneOnly ? isStandaloneSentence(sentence.text) : isPlainSentence(sentence.text)))
      // The page's headline or its tail repeated as a sentence ("Here is what business owners should understand") is not a point.
      .filter((sentence) => !repeatsHeadline(sentence.text, headline))
      .slice(0, perArticle);
    sentences.forEach((sentence, position) => {
      const vector = termVector('', sentence.text, []);
      const score = cosine(vector, context.vector) * (1 - position * 0.08);
      result.push({ text: cleanSentence(sentence.text), articleId: article.id, position, score, words: wordSet(sentence.text) });
    });
  }
  return result;
}

/** A sentence that is mostly its page's headline: three quarters of its words are in the title. */
function repeatsHeadline(text: string, headline: Set<string>): boolean {
  const words = wordSet(text);
  if (words.size === 0 || headline.size === 0) return false;
  let shared = 0;
  for (const word of words) if (headline.has(word)) shared++;
  return shared / words.size >= 0.75;
}

/** A complete prose sentence: not a fragment, a heading or page furniture. */
function isPlainSentence(text: string): boolean {
  const words = text.split(/\s+/).length;
  if (words < 6 || words > 70) return false;
  if (!/[.!?]["”’)]?$/.test(text)) return false;
  // A teaser ("Here is what business owners should understand:") promises what follows; it says nothing itself.
  if (/[:…]["”’)]?$|\.\.\.$/.test(text) || /^here(?:'s| is| are)\b/i.test(text)) return false;
  return !/\b(subscribe|newsletter|cookie|sign up|click here|read more|advertisement)\b/i.test(text);
}

/** A sentence that reads on its own, out of its paragraph: no leading pronoun or connective, no question. */
function isStandaloneSentence(text: string): boolean {
  if (!isPlainSentence(text) || text.split(/\s+/).length < 8 || /\?["”’)]?$/.test(text)) return false;
  return !/^(["“]|But |And |Or |So |He |She |They |It |This |That |These |Those |Still,|Yet )/.test(text);
}

/**
 * Drops a leading dateline ("WASHINGTON (Wire) — ") and the source page's own citation markers
 * ("… campaigns.[2][5]") so the sentence reads as plain text; nothing else changes.
 */
function cleanSentence(text: string): string {
  return text.replace(/^[A-Z][A-Z .,'’-]{2,}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]*\))?\s*[—–-]\s+/, '')
    .replace(/\s?(?:\[(?:\d{1,3}|citation needed|note \d+)\])+(?=[\s.,;:!?)"”’]|$)/gi, '');
}

/** Sources that state (nearly) the same sentence, for citations. */
function supportingArticles(candidate: ScoredSentence, all: ScoredSentence[]): string[] {
  return uniq([candidate.articleId, ...all.filter((other) => other.articleId !== candidate.articleId && jaccard(candidate.words, other.words) >= 0.5).map((other) => other.articleId)]);
}

/** Maximal marginal relevance: relevant sentences that do not repeat each other. */
function selectDiverse(candidates: ScoredSentence[], count: number, lambda = 0.7, alreadyChosen: ScoredSentence[] = []): ScoredSentence[] {
  const chosen: ScoredSentence[] = [];
  const pool = [...candidates];
  while (chosen.length < count && pool.length > 0) {
    let bestIndex = -1;
    let bestScore = -Infinity;
    pool.forEach((candidate, index) => {
      const redundancy = Math.max(0, ...[...chosen, ...alreadyChosen].map((other) => jaccard(candidate.words, other.words)));
      const score = lambda * candidate.score - (1 - lambda) * redundancy;
      if (redundancy < 0.45 && score > bestScore) { bestScore = score; bestIndex = index; }
    });
    if (bestIndex === -1) break;
    chosen.push(pool.splice(bestIndex, 1)[0]);
  }
  return chosen;
}

const whyCues = /\b(matters|significant|first time|biggest|largest|unprecedented|signals?|marks? a|means that|could reshape|raises (?:questions|concerns)|implications?|stakes|threat|at risk|precedent|escalat\w+|turning point|shift)\b/i;
// What we don't know: only where a source says something is not known, not verified or not
// answered. A hedged claim ("allegedly", "if proven") is a claim, and a refusal to comment is a
// response (listed under "not represented"), not an open question.
const uncertaintyCues = /\b(unverified|could not be (?:independently )?verified|(?:has|have) not been (?:independently )?verified|not (?:been )?independently verified|unclear|remains to be seen|remains? unknown|it is not known|not yet known|unconfirmed|open question|unanswered|no evidence was|has not (?:said|disclosed|confirmed|explained|specified)|did not (?:say|disclose|specify|explain)|would not say|declined to say|was not clear|is not clear|not clear (?:whether|how|what|when|why|if)|did not answer questions)\b/i;

function canonicalLabel(label: string): string {
  const synonyms: Record<string, string> = { queries: 'request', query: 'request', requests: 'request', request: 'request', prompts: 'request', firms: 'entity', companies: 'entity', organisations: 'entity', organizations: 'entity', entities: 'entity' };
  return label.split(' ').map((word) => synonyms[word] ?? stem(word)).join(' ');
}

/** What identifies a figure beyond its unit and label: whose it is and when. */
export interface FigureIdentity {
  /** The organisation or person the figure belongs to: its claimant, else the actor named before it in its sentence. */
  subjectOf: (row: FigureRow) => string | null;
  /** The day its sentence dates it to, if any ("closed 6.9% lower on Wednesday"). */
  dayOf: (row: FigureRow) => string | null;
}

/**
 * Key figures: one card per quantity. Rows with the same unit and counted thing are grouped; values
 * within 2% are one figure written differently. Values that differ are a disagreement only between
 * distinct sources about the same subject and the same day; a value for another subject (AMD's
 * charge beside Nvidia's) or another day (the after-hours fall and the next day's close) is a
 * quantity of its own, with its own card.
 */
function mergeFigures(context: StoryContext, rows: FigureRow[], identity: FigureIdentity): KeyFigure[] {
  const groups = new Map<string, FigureRow[]>();
  for (const row of rows) {
    if (row.label === 'count' || row.label === 'amount') continue;
    const key = `${row.unit}|${canonicalLabel(row.label)}`;
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  const sourcesOf = (figureRows: FigureRow[]) => citedIds(context, figureRows.map((row) => row.articleId));
  const result: KeyFigure[] = [];
  for (const [, list] of groups) {
    // Values within 2% are the same figure written differently ("$5.5bn", "about 5.5 billion dollars").
    const variants: { value: number; rows: FigureRow[] }[] = [];
    for (const row of list) {
      const variant = variants.find((candidate) => Math.abs(candidate.value - row.value) <= Math.abs(candidate.value) * 0.02);
      if (variant) variant.rows.push(row);
      else variants.push({ value: row.value, rows: [row] });
    }
    variants.sort((a, b) => sourcesOf(b.rows).length - sourcesOf(a.rows).length);
    // Variants of another subject or another day than the leading one are quantities of their own.
    const known = <T,>(values: (T | null)[]) => new Set(values.filter((value): value is T => value !== null));
    const cards: { value: number; rows: FigureRow[] }[][] = [];
    for (const variant of variants) {
      const subjects = known(variant.rows.map(identity.subjectOf));
      const days = known(variant.rows.map(identity.dayOf));
      const card = cards.find((existing) => {
        const lead = existing[0];
        const leadSubjects = known(lead.rows.map(identity.subjectOf));
        const leadDays = known(lead.rows.map(identity.dayOf));
        const otherSubject = subjects.size > 0 && leadSubjects.size > 0 && ![...subjects].some((subject) => leadSubjects.has(subject));
        const otherDay = days.size > 0 && leadDays.size > 0 && ![...days].some((day) => leadDays.has(day));
        return !otherSubject && !otherDay;
      });
      if (card) card.push(variant);
      else cards.push([variant]);
    }
    const groupCards: KeyFigure[] = [];
    for (const cardVariants of cards) {
      const main = cardVariants[0];
      const cardRows = cardVariants.flatMap((variant) => variant.rows);
      const allIds = sourcesOf(cardRows);
      const textCounts = new Map<string, number>();
      for (const row of main.rows) textCounts.set(row.text, (textCounts.get(row.text) ?? 0) + 1);
      const text = [...textCounts].sort((a, b) => b[1] - a[1])[0][0];
      // Only a disagreement between distinct sources about the same quantity is a conflict.
      const conflict = cardVariants.length > 1 && cardVariants.slice(1).some((variant) => sourcesOf(variant.rows).some((id) => !sourcesOf(main.rows).includes(id)));
      result.push({
        value: main.value, unit: main.rows[0].unit, label: main.rows[0].label, text, sentence: main.rows[0].sentence,
        articleIds: allIds, sourceCount: allIds.length, conflict,
        variants: cardVariants.map((variant) => ({ value: variant.value, text: variant.rows[0].text, articleIds: sourcesOf(variant.rows) })),
        moved: null,
        comparedWith: [],
      });
      groupCards.push(result[result.length - 1]);
    }
    // Cards of one measure for different subjects or days are shown beside each other.
    for (const card of groupCards) {
      card.comparedWith = groupCards.filter((other) => other !== card).slice(0, 3).map((other) => ({ text: other.text, sentence: other.sentence, articleIds: other.articleIds }));
    }
  }
  return result.sort((a, b) => b.sourceCount - a.sourceCount || Number(b.conflict) - Number(a.conflict)).slice(0, 10);
}

// What makes a headline something other than a straight report, each halving its chance to be the story's title.
const HEADLINE_STYLE_CUES: readonly { name: string; pattern: RegExp }[] = [
  // "What the H20 rule means for your supply chain": addressed to the reader.
  { name: 'second person', pattern: /\b(?:you|your|yours|you're|you’re)\b/i },
  // "What the rescinded rule means for cloud buyers", "Here's what to know".
  { name: 'explainer framing', pattern: /\b(?:what (?:it|this|that|the .{1,60}) means? for|here['’]s (?:what|why|how)|what (?:you|to) (?:need to )?know|explained|everything we know)\b/i },
  // "Is DeepSeek a thief?"
  { name: 'question', pattern: /\?\s*$/ },
  // "5 things", "Three lessons from".
  { name: 'listicle', pattern: /^(?:\d+|three|four|five|six|seven|eight|nine|ten)\s+(?:things|ways|reasons|lessons|takeaways|questions|steps)\b/i },
  // "Markets live: …", "Live updates: …", "As it happened": a running page, not a report of the happening.
  { name: 'live page', pattern: /^(?:(?:markets?|business|politics|world)\s+)?live\b|\blive (?:updates|blog|coverage)\b|\bas it happened\b/i },
  // "Opinion: …", "Analysis | …", "Comment".
  { name: 'opinion label', pattern: /^(?:opinion|analysis|comment|commentary|editorial|column|view|perspective|sponsored|podcast|newsletter)\s*[:|–—-]/i },
];

function headlineStyle(title: string): number {
  return HEADLINE_STYLE_CUES.reduce((factor, cue) => (cue.pattern.test(title) ? factor * 0.5 : factor), 1);
}

// A media report about the story: "Bloomberg reported on Tuesday that …", "first reported by".
// A media report about the story: "Bloomberg reported on Tuesday that …", "The Financial Times first
// reported", "according to a report"; not "was reported to cost" (a figure someone gave).
const mediaReport = /(?<!\b(?:was|were|is|are|been|being|widely)\s)\b\p{Lu}[\p{L}&.'’-]*\s+(?:first\s+|also\s+|later\s+)?reported\b|\breported by\b|\baccording to (?:a|an) (?:report|story)\b|\bin a report (?:by|in|from)\b|\bbroke the news\b/u;
const LEAD_CHARACTERS = 600;
/** How close to what the story is about an event before the coverage must be to count as part of it. */
const STORY_EVENT_SIMILARITY = 0.12;

/**
 * The role of a timeline entry. Scheduled: its date is after the publication of the first source
 * that gives it (announced ahead: a deadline, a date a rule takes effect, results due). Report: the
 * sentence is a media report about the story. Background: a week or more before the first
 * coverage, or before it, outside the opening of a first-day report and not about what the story
 * is about (the stock fall the day before an accusation). Else development.
 */
function timelineRole(context: StoryContext, date: string, rows: EventRow[], text: string, firstDay: number | null, firstDayIds: Set<string>): TimelineRole {
  const start = Date.parse(date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);
  const end = Date.parse(date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-28` : date);
  const publishedDays = rows.map((row) => context.members.find((member) => member.id === row.articleId)?.publishedAt).filter((value): value is string => !!value).map((value) => Date.parse(value.slice(0, 10)));
  if (publishedDays.length > 0 && start > Math.min(...publishedDays)) return 'scheduled';
  if (mediaReport.test(text)) return 'report';
  if (firstDay === null) return 'development';
  if (end < firstDay - 7 * DAY) return 'background';
  if (end < firstDay) {
    const inLead = rows.some((row) => firstDayIds.has(context.copyOf.get(row.articleId) ?? row.articleId) && row.start < LEAD_CHARACTERS);
    if (!inLead && cosine(termVector('', text, []), context.vector) < STORY_EVENT_SIMILARITY) return 'background';
  }
  return 'development';
}

/** The names (and aliases) of the people and organisations that at least two of the story's sources name, or its only source. */
function storyActorNames(db: TrackerDb, rows: { articleId: string; entityId: string; type: string | null }[], copyOf: Map<string, string>, sourceCount: number): string[] {
  const sourcesOf = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.type !== 'organization' && row.type !== 'person') continue;
    const set = sourcesOf.get(row.entityId) ?? new Set<string>();
    set.add(copyOf.get(row.articleId) ?? row.articleId);
    sourcesOf.set(row.entityId, set);
  }
  const ids = [...sourcesOf].filter(([, set]) => set.size >= Math.min(2, sourceCount)).map(([id]) => id);
  if (ids.length === 0) return [];
  return db.select({ name: entities.name, aliases: entities.aliases }).from(entities).where(inArray(entities.id, ids)).all()
    .flatMap((row) => [row.name, ...parseStringArray(row.aliases)]).filter((name) => name.length >= 2);
}

const STANCE_ORDER: Stance[] = ['accuses', 'denies', 'warns', 'confirms', 'says', 'declines', 'no-response'];
const MAX_VOICES = 8;
const CLAIMS_PER_VOICE = 3;

/**
 * Who said what: the story's claims grouped by claimant (syndicated copies cited as their
 * original), the claimants carried by the most sources first; per claimant its quotes first, then
 * its strongest statements, the same words once.
 */
function storyVoices(context: StoryContext, rows: (typeof claims.$inferSelect)[]): Voice[] {
  const byName = new Map<string, { name: string; claims: Map<string, Voice['claims'][number]> }>();
  for (const row of rows) {
    if (!row.claimant) continue;
    const key = row.claimant.toLowerCase();
    const entry = byName.get(key) ?? { name: row.claimant, claims: new Map() };
    byName.set(key, entry);
    const words = row.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const existing = entry.claims.get(words);
    const articleIds = citedIds(context, [row.articleId]);
    if (existing) existing.articleIds = uniq([...existing.articleIds, ...articleIds]);
    else entry.claims.set(words, { text: cleanSentence(row.text), speaker: row.speaker && row.speaker !== row.claimant ? row.speaker : null, stance: row.stance, quote: row.isQuote, articleIds });
  }
  return [...byName.values()]
    .map((entry) => {
      const all = [...entry.claims.values()];
      const sourceCount = uniq(all.flatMap((claim) => claim.articleIds)).length;
      const chosen = all.sort((a, b) => Number(b.quote) - Number(a.quote) || STANCE_ORDER.indexOf(a.stance) - STANCE_ORDER.indexOf(b.stance) || b.articleIds.length - a.articleIds.length)
        .slice(0, CLAIMS_PER_VOICE);
      return { name: entry.name, sourceCount, claims: chosen };
    })
    .sort((a, b) => b.sourceCount - a.sourceCount || a.name.localeCompare(b.name))
    .slice(0, MAX_VOICES);
}

/** Page furniture and stamps that carry a date but report no happening ("Jane Doe | 16 April 2025, 20:20"). */
function isTimelineWorthy(text: string): boolean {
  if (/[|•·]/.test(text) || /\b\d{1,2}[:.]\d{2}\b\s*(?:\(?(?:GMT|UTC|[AP]\.?M\.?|ET|EST|EDT|BST|CET))/i.test(text)) return false;
  const words = text.split(/\s+/).filter((word) => /[a-z]/.test(word));
  return words.length >= 6;
}

function mergeTimeline(context: StoryContext, rows: EventRow[]): TimelineEntry[] {
  const firstPublished = context.originals.map((article) => article.publishedAt).filter((date): date is string => !!date).sort()[0];
  const firstDay = firstPublished ? Date.parse(firstPublished.slice(0, 10)) : null;
  // The reports of the first day of coverage: what their opening paragraphs date is the happening itself.
  const firstDayIds = new Set(context.originals.filter((article) => article.publishedAt && firstPublished && article.publishedAt.slice(0, 10) === firstPublished.slice(0, 10)).map((article) => article.id));
  // Group by date; within a date, sentences about the same happening (shared words) merge.
  const byDate = new Map<string, { precision: TimelineEntry['precision']; clusters: { rows: EventRow[]; words: Set<string> }[] }>();
  for (const row of rows) {
    if (!isTimelineWorthy(row.text)) continue;
    const group = byDate.get(row.date) ?? { precision: row.precision as TimelineEntry['precision'], clusters: [] };
    const words = wordSet(row.text);
    const cluster = group.clusters.find((existing) => jaccard(words, existing.words) >= 0.15);
    if (cluster) { cluster.rows.push(row); for (const word of words) cluster.words.add(word); }
    else group.clusters.push({ rows: [row], words });
    byDate.set(row.date, group);
  }
  // A month-level mention ("in October 2022") of an event the sources also date to the day folds into it.
  for (const [date, group] of byDate) {
    if (group.precision !== 'month') continue;
    const days = [...byDate].filter(([other, otherGroup]) => other.startsWith(`${date}-`) && otherGroup.precision === 'day');
    if (days.length === 0) continue;
    const target = days.sort((a, b) => b[1].clusters.length - a[1].clusters.length)[0][1].clusters;
    for (const cluster of group.clusters) target[0]?.rows.push(...cluster.rows.map((row) => ({ ...row, text: target[0].rows[0].text })));
    byDate.delete(date);
  }
  const entries: (TimelineEntry & { weight: number })[] = [];
  for (const [date, group] of byDate) {
    const ranked = group.clusters
      .map((cluster) => ({ cluster, ids: citedIds(context, cluster.rows.map((row) => row.articleId)) }))
      .sort((a, b) => b.ids.length - a.ids.length);
    // At most two entries a date: the happenings most sources report.
    for (const { cluster, ids } of ranked.slice(0, 2)) {
      const texts = cluster.rows.map((row) => row.text).filter((candidate) => candidate.split(/\s+/).length >= 6);
      const text = texts.sort((a, b) => a.length - b.length)[Math.floor((texts.length - 1) / 2)] ?? cluster.rows[0].text;
      const role = timelineRole(context, date, cluster.rows, text, firstDay, firstDayIds);
      // A range is one entry: its end is the one most of its sources give.
      const ends = cluster.rows.map((row) => row.endDate).filter((value): value is string => !!value && value > date);
      const end = ends.sort((a, b) => ends.filter((value) => value === b).length - ends.filter((value) => value === a).length)[0] ?? null;
      entries.push({ date, precision: group.precision, text, articleIds: ids, background: role === 'background', role, ...(end ? { end } : {}), weight: ids.length + (group.precision === 'day' ? 0.5 : 0) });
    }
  }
  // The same happening dated to different days by different sources is a visible conflict: the
  // date most sources give leads, the others are listed with their sources.
  const dayEntries = entries.filter((entry) => entry.precision === 'day');
  const absorbed = new Set<(typeof entries)[number]>();
  for (const entry of dayEntries) {
    if (absorbed.has(entry)) continue;
    const words = wordSet(entry.text);
    for (const other of dayEntries) {
      if (other === entry || absorbed.has(other) || other.date === entry.date || other.date.slice(0, 7) !== entry.date.slice(0, 7)) continue;
      if (jaccard(words, wordSet(other.text)) < 0.6 || other.articleIds.some((id) => entry.articleIds.includes(id))) continue;
      const [lead, minority] = other.articleIds.length > entry.articleIds.length ? [other, entry] : [entry, other];
      lead.otherDates = [...(lead.otherDates ?? []), { date: minority.date, precision: minority.precision, articleIds: minority.articleIds }];
      absorbed.add(minority);
      if (minority === entry) break;
    }
  }
  // Keep what more than one source reports, and what a single source dates precisely.
  const kept = entries.filter((entry) => !absorbed.has(entry)).filter((entry) => entry.articleIds.length > 1 || entry.precision !== 'year')
    .sort((a, b) => b.weight - a.weight).slice(0, 16);
  return kept.map(({ weight: _weight, ...entry }) => entry).sort((a, b) => a.date.localeCompare(b.date) || b.articleIds.length - a.articleIds.length);
}

// "Distillation is a technique in which…", "The Entity List is a trade restriction list…",
// "ECCN stands for…", "An interim final rule, which…, is a rule that…".
const definitionPattern = /^(?:The\s+|An?\s+)?(?<term>[A-Z][\w-]*(?:\s+(?:[A-Z0-9][\w-]*|of|for|and|the|on)){0,6}|[a-z][a-z-]+(?:\s[a-z][a-z-]+){0,2}|“[^”]{2,40}”|"[^"]{2,40}")(?:\s*\([^)]{1,20}\))?,?\s+(?:is|are|refers to|means|describes|stands for)\s+(?:a|an|the|when|how|what|any|one|shorthand|short)\b\s*(?<rest>.{20,})$/;
const definingWords = /\b(in which|that|which|where|used|technique|method|list|rule|process|practice|classification|category|designation|approach|term|system|code|framework|regulation|mechanism|way|tool|type|kind|form|measure|label|number|threshold|standard|licen[cs]e)\b/i;
const notTerms = /^(it|this|that|he|she|they|there|what|which|one|our|the company|the rule|the move|today|the deal|result|the result|the question|the problem|the issue|the answer|the point|the goal|the aim|the idea|the risk|the reason|the difference|the change|where|here|why|how|part|much|more|less|all|some|none)$/i;

/** Terms the sources define: a definition sentence about a term the coverage uses more than once. */
function extractTerms(context: StoryContext): KeyTerm[] {
  const found = new Map<string, KeyTerm>();
  const corpus = context.originals.map((article) => article.text.toLowerCase()).join('\n');
  for (const article of context.originals) {
    for (const sentence of splitSentences(article.text)) {
      const match = sentence.text.match(definitionPattern);
      if (!match?.groups) continue;
      const term = match.groups.term.replace(/^[“"]|[”"]$/g, '').replace(/^(?:The|An?)\s+/, '').trim();
      if (notTerms.test(term) || term.split(/\s+/).length > 6 || term.length < 3) continue;
      // "The framework is…" refers back to something named earlier; a common noun is defined as
      // "A/An X is…" or "X is…".
      if (/^[a-z]/.test(term) && /^The\s/.test(sentence.text)) continue;
      if (!definingWords.test(match.groups.rest)) continue;
      // A term worth a glossary entry is one the coverage keeps using.
      const occurrences = corpus.split(term.toLowerCase()).length - 1;
      if (occurrences < 2) continue;
      const key = term.toLowerCase();
      const existing = found.get(key);
      if (existing) { if (!existing.articleIds.includes(article.id)) existing.articleIds.push(article.id); }
      else found.set(key, { term, definition: cleanSentence(sentence.text), articleIds: [article.id] });
    }
  }
  return [...found.values()].sort((a, b) => b.articleIds.length - a.articleIds.length).slice(0, 8);
}

/**
 * The corrections a story's page lists: to the story, to its articles, to their facts (hidden ones
 * included) and to the entities they name, oldest first.
 */
function storyCorrections(db: TrackerDb, overlay: CorrectionOverlay, storyId: string, memberIds: string[], entityIds: string[]): Explainer['corrections'] {
  if (overlay.all.length === 0) return [];
  const targets = [storyId, ...memberIds, ...entityIds];
  for (const table of [figures, events, quotes, viewpoints]) {
    for (const row of db.select({ id: table.id }).from(table).where(inArray(table.articleId, memberIds)).all()) targets.push(row.id);
  }
  return uniq(targets).flatMap((id) => overlay.for(id))
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
    .map((row) => ({ id: row.id, target: row.target, field: row.field, before: row.before, after: row.after, reason: row.reason, editor: row.editor, at: row.at }));
}

export function assembleExplainer(db: TrackerDb, config: Config, storyId: string, overlay: CorrectionOverlay, referenceTime: number): Explainer | null {
  const story = db.select().from(stories).where(eq(stories.id, storyId)).get();
  if (!story) return null;
  const topic = config.topics.find((candidate) => candidate.slug === story.topic) ?? { slug: story.topic, name: story.topic, description: '', rules: { require: [], boost: [], exclude: [], minScore: 0 }, viewpoints: [] };
  const memberIds = db.select({ id: storyArticles.articleId }).from(storyArticles).where(eq(storyArticles.storyId, storyId)).all().map((row) => row.id);
  if (memberIds.length === 0) return null;
  const members = overlay.apply(db.select().from(articles).where(inArray(articles.id, memberIds)).all())
    .sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || a.id.localeCompare(b.id));
  const copyOf = new Map<string, string>();
  for (const member of members) if (member.duplicateOf && memberIds.includes(member.duplicateOf)) copyOf.set(member.id, member.duplicateOf);
  const originals = members.filter((member) => !copyOf.has(member.id));
  // The story's entity mentions, read once: the story's terms, figure subjects, key-point actors and who is not represented use them.
  const entityIdsByArticle = db.select({ articleId: entityMentions.articleId, entityId: entityMentions.entityId, sentence: entityMentions.sentence, start: entityMentions.start, type: entityMentions.type })
    .from(entityMentions).where(inArray(entityMentions.articleId, memberIds)).all();
  const vector: TermVector = new Map();
  for (const article of originals) {
    const ids = entityIdsByArticle.filter((row) => row.articleId === article.id).map((row) => row.entityId);
    for (const [term, weight] of termVector(article.title, article.text.slice(0, 1500), ids)) vector.set(term, (vector.get(term) ?? 0) + weight);
  }
  const context: StoryContext = { story, topic, members, originals, copyOf, vector };

  // Viewpoints: each source's strongest label for this topic; sources with none count as general reporting.
  const viewpointRows = overlay.apply(db.select().from(viewpoints).where(inArray(viewpoints.articleId, memberIds)).all()).filter((row) => row.topic === topic.slug);
  const viewpointNames = new Map(topic.viewpoints.map((viewpoint) => [viewpoint.label, viewpoint.name]));
  viewpointNames.set(GENERAL_VIEWPOINT.label, GENERAL_VIEWPOINT.name);
  // An article can carry several positions: every label within half of its strongest (at most
  // three); the strongest colours its entry in the source list.
  const viewpointsOf = new Map<string, string[]>();
  for (const article of originals) {
    const rows = viewpointRows.filter((row) => row.articleId === article.id && row.score >= 3).sort((a, b) => b.score - a.score);
    viewpointsOf.set(article.id, rows.filter((row) => row.score >= rows[0].score * 0.5).slice(0, 3).map((row) => row.label));
  }
  const viewpointOf = new Map<string, string | null>([...viewpointsOf].map(([id, labels]) => [id, labels[0] ?? null]));
  const sources = buildSources(context, viewpointOf, viewpointNames);

  const quoteRows = overlay.apply(db.select().from(quotes).where(inArray(quotes.articleId, memberIds)).all());
  // Shares: each source counts once, split equally among the positions it carries (general
  // reporting when none), so the shares of a story sum to 1 over the positions shown.
  const shareCounts = new Map<string, string[]>();
  const shareWeights = new Map<string, number>();
  for (const source of sources) {
    const labels = viewpointsOf.get(source.articleId)?.length ? viewpointsOf.get(source.articleId)! : [GENERAL_VIEWPOINT.label];
    for (const label of labels) {
      shareCounts.set(label, [...(shareCounts.get(label) ?? []), source.articleId]);
      shareWeights.set(label, (shareWeights.get(label) ?? 0) + 1 / labels.length);
    }
  }
  const viewpointShares: ViewpointShare[] = [...shareCounts].map(([label, ids]) => {
    const rows = viewpointRows.filter((row) => row.label === label && ids.includes(row.articleId)).sort((a, b) => b.score - a.score);
    const best = rows[0];
    const quote = best ? quoteRows.find((row) => row.articleId === best.articleId && best.passage?.includes(row.text.slice(0, 40))) : undefined;
    return {
      label,
      name: viewpointNames.get(label) ?? label,
      share: (shareWeights.get(label) ?? 0) / sources.length,
      articleIds: ids,
      passage: best?.passage ? { text: cleanSentence(best.passage), articleId: best.articleId, speaker: quote?.speaker ?? null } : null,
    };
  }).sort((a, b) => b.share - a.share || a.label.localeCompare(b.label));

  const figureRows = overlay.apply(db.select().from(figures).where(inArray(figures.articleId, memberIds)).all());
  const eventRows = overlay.apply(db.select().from(events).where(inArray(events.articleId, memberIds)).all());
  // Whose a figure is: its claimant, else the organisation or person named last before it in its sentence.
  const actorMentions = entityIdsByArticle.filter((mention) => mention.type === 'organization' || mention.type === 'person');
  const sentenceDays = new Map<string, string>();
  for (const row of eventRows) if (row.precision === 'day') sentenceDays.set(`${row.articleId}\u241f${row.sentence}`, row.date);
  const identity: FigureIdentity = {
    subjectOf: (row) => {
      if (row.claimant) return row.claimant.toLowerCase();
      const before = actorMentions.filter((mention) => mention.articleId === row.articleId && mention.sentence === row.sentence && mention.start < row.start);
      return before.length ? before.reduce((a, b) => (b.start > a.start ? b : a)).entityId : null;
    },
    dayOf: (row) => sentenceDays.get(`${row.articleId}\u241f${row.sentence}`) ?? null,
  };
  const keyFigures = mergeFigures(context, figureRows, identity);
  // A number that other sources contradict stays in Key figures (flagged), not in the summary or key points.
  const disputed = keyFigures.filter((figure) => figure.conflict).flatMap((figure) => figure.variants.slice(1).map((variant) => variant.text));
  const undisputed = (sentence: ScoredSentence) => !disputed.some((text) => sentence.text.includes(text));

  // Summary, why it matters and key points: extractive, from lead sentences.
  const candidates = leadSentences(context, 6).filter(undisputed).sort((a, b) => b.score - a.score);
  // Sentences that several sources state (nearly) alike are the safest summary.
  for (const candidate of candidates) candidate.score *= 1 + 0.25 * (supportingArticles(candidate, candidates).length - 1);
  const summarySentences = selectDiverse(candidates.filter((candidate) => candidate.position <= 1), 2, 0.8);
  const summary: CitedText[] = summarySentences.map((sentence) => ({ text: sentence.text, articleIds: citedIds(context, supportingArticles(sentence, candidates)) }));
  const allSentences = leadSentences(context, 40).filter(undisputed);
  // Why it matters says what is at stake, not that an outlet reported something.
  const whyCandidates = allSentences.filter((sentence) => whyCues.test(sentence.text) && !mediaReport.test(sentence.text)).sort((a, b) => b.score - a.score);
  const why = selectDiverse(whyCandidates, 2, 0.7, summarySentences);
  // A key point is about the story's actors or its numbers: it names an actor that at least two
  // sources (or the only one) name, or gives a figure.
  const actorNames = storyActorNames(db, entityIdsByArticle, copyOf, originals.length);
  const aboutStory = (sentence: ScoredSentence) => /\d/.test(sentence.text) || actorNames.some((name) => sentence.text.includes(name));
  const keyPointSentences = selectDiverse(candidates.filter((candidate) => candidate.position <= 4 && aboutStory(candidate)), 5, 0.65, [...summarySentences, ...why]);
  const keyPoints: CitedText[] = keyPointSentences.map((sentence) => ({ text: sentence.text, articleIds: citedIds(context, supportingArticles(sentence, allSentences)) }));

  // Not represented: the story's main actors (named in at least half of its sources, two or more)
  // with no claim, quote or response in any source; an actor whose only answer is "declined to
  // comment" or "did not respond" is listed as such; and taxonomy viewpoints with no source.
  const mentionCounts = new Map<string, Set<string>>();
  // Mentions in original articles: how much the coverage talks about an actor, not only whether it names it.
  const mentionTotals = new Map<string, number>();
  for (const row of entityIdsByArticle) {
    const set = mentionCounts.get(row.entityId) ?? new Set<string>();
    set.add(copyOf.get(row.articleId) ?? row.articleId);
    mentionCounts.set(row.entityId, set);
    if (!copyOf.has(row.articleId)) mentionTotals.set(row.entityId, (mentionTotals.get(row.entityId) ?? 0) + 1);
  }
  const claimRows = overlay.apply(db.select().from(claims).where(inArray(claims.articleId, memberIds)).all());
  const voiced = new Set<string>();
  const declined = new Set<string>();
  for (const row of claimRows) {
    const names = [row.claimant, row.speaker].filter((name): name is string => !!name).map((name) => name.toLowerCase());
    for (const name of names) (row.stance === 'declines' || row.stance === 'no-response' ? declined : voiced).add(name);
  }
  for (const row of quoteRows) if (row.speaker) voiced.add(row.speaker.toLowerCase());
  const entityRows = mentionCounts.size ? overlay.apply(db.select().from(entities).where(inArray(entities.id, [...mentionCounts.keys()])).all()) : [];
  const notRepresented: NotRepresented[] = [];
  for (const entity of entityRows.sort((a, b) => (mentionCounts.get(b.id)?.size ?? 0) - (mentionCounts.get(a.id)?.size ?? 0))) {
    if (entity.type !== 'organization' && entity.type !== 'person') continue;
    const count = mentionCounts.get(entity.id)?.size ?? 0;
    const names = [entity.name, ...parseStringArray(entity.aliases)].map((name) => name.toLowerCase());
    // A refusal to comment is listed as such, whatever else the coverage reports of the actor.
    const silent = names.some((name) => declined.has(name));
    if (!silent && names.some((name) => voiced.has(name))) continue;
    const entry = { name: entity.name, ref: entity.id, namedIn: count, sourceCount: sources.length };
    if (silent) notRepresented.push({ kind: 'declined', ...entry });
    // A main actor: named in at least half of the sources (two or more) and talked about there, at
    // least twice per source on average; a passing reference ("under President X") is not a stakeholder.
    else if (count >= Math.max(2, Math.ceil(sources.length / 2)) && (mentionTotals.get(entity.id) ?? 0) >= 2 * count && notRepresented.length < 6) notRepresented.push({ kind: 'unquoted', ...entry });
  }
  for (const viewpoint of topic.viewpoints) {
    if (!shareCounts.has(viewpoint.label)) notRepresented.push({ kind: 'viewpoint', name: viewpoint.name, ref: viewpoint.label, namedIn: 0, sourceCount: sources.length });
  }

  const unknownSentences = leadSentences(context, 80, false).filter(undisputed).filter((sentence) => uncertaintyCues.test(sentence.text));
  const unknowns = selectDiverse(unknownSentences.map((sentence) => ({ ...sentence, score: 1 })), 6, 0.5)
    .map((sentence) => ({ text: sentence.text, articleIds: citedIds(context, supportingArticles(sentence, allSentences)) }));

  const dates = members.map((member) => member.publishedAt).filter((date): date is string => !!date).sort();
  const lastPublished = dates[dates.length - 1] ?? null;
  const status: StoryStatus = lastPublished && referenceTime - Date.parse(lastPublished) <= config.stories.dormantAfterDays * DAY ? 'developing' : 'dormant';
  // The title: the headline of a straight report closest to the story's centre; marketing, opinion,
  // questions and listicles count against a headline (headlineStyle).
  // Wire copy that other outlets syndicate is straight news: each copy adds a quarter to its chance.
  const copiesOf = (id: string) => members.filter((member) => copyOf.get(member.id) === id).length;
  const central = originals.map((article) => ({ article, score: cosine(termVector(article.title, article.text.slice(0, 1500), []), vector) * headlineStyle(article.title) * (1 + 0.25 * copiesOf(article.id)) }))
    .sort((a, b) => b.score - a.score)[0];

  const published = publicationDays(sources);
  for (const figure of keyFigures) figure.moved = figureMove(figure, published);

  return {
    version: EXPLAINER_VERSION,
    id: story.id,
    slug: story.slug,
    title: central?.article.title ?? story.title,
    topic: topic.slug,
    topicName: topic.name,
    status,
    summary,
    whyItMatters: why.map((sentence) => ({ text: sentence.text, articleIds: citedIds(context, supportingArticles(sentence, allSentences)) })),
    keyPoints,
    figures: keyFigures,
    timeline: mergeTimeline(context, eventRows),
    viewpoints: viewpointShares,
    notRepresented,
    unknowns,
    voices: storyVoices(context, claimRows),
    terms: extractTerms(context),
    sources,
    related: [],
    corrections: storyCorrections(db, overlay, storyId, memberIds, [...mentionCounts.keys()]),
    articleIds: members.map((member) => member.id),
    firstPublished: dates[0] ?? null,
    lastPublished,
  };
}
