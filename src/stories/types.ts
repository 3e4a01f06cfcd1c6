// The typed objects that the story stage produces and that both the export and the site consume.
// One interface per explainer section, so that each site component is fed by exactly one of them.

export type DatePrecision = 'day' | 'month' | 'year';

/** One article as cited by a story: the target of a numbered citation. */
export interface StorySource {
  /** Citation number on the story page, starting at 1. */
  n: number;
  articleId: string;
  title: string;
  outlet: string;
  url: string;
  publishedAt: string | null;
  /** Label of the viewpoint this source carries in the story, or null when none was detected. */
  viewpoint: string | null;
  viewpointName: string | null;
  /** Syndicated copies of the same text at other outlets: counted once, listed under each outlet. */
  copies: { articleId: string; outlet: string; url: string }[];
}

/** A claim or sentence taken verbatim from the sources, with the articles that state it. */
export interface CitedText {
  text: string;
  articleIds: string[];
}

export interface KeyPoint extends CitedText {}

export interface KeyFigureVariant {
  value: number;
  /** The figure as the source wrote it ("$5.5bn", "5.5 billion dollars"). */
  text: string;
  articleIds: string[];
}

export interface KeyFigure {
  value: number;
  /** Unit of the value: "USD", "%", or "count". */
  unit: string;
  /** What is counted ("charge", "chips", "entities"). */
  label: string;
  /** The figure as most sources wrote it. */
  text: string;
  /** A sentence from a source that states the figure. */
  sentence: string;
  articleIds: string[];
  /** Number of distinct sources (syndicated copies counted once). */
  sourceCount: number;
  /** True when sources give different values for the same quantity. */
  conflict: boolean;
  variants: KeyFigureVariant[];
}

export interface TimelineEntry {
  date: string;
  precision: DatePrecision;
  text: string;
  articleIds: string[];
  /** True for events before the story's first coverage: context rather than news. */
  background: boolean;
  /** Other dates that some sources give for the same event: a visible disagreement. */
  otherDates?: { date: string; precision: DatePrecision; articleIds: string[] }[];
}

export interface ViewpointShare {
  /** Slug of the viewpoint in the topic taxonomy. */
  label: string;
  /** Human name of the viewpoint. */
  name: string;
  /** Share of the story's sources carrying this viewpoint; the shares of a story sum to 1. */
  share: number;
  articleIds: string[];
  /** A representative passage or quote, with the article it comes from. */
  passage: { text: string; articleId: string; speaker: string | null } | null;
}

export interface KeyTerm {
  term: string;
  definition: string;
  articleIds: string[];
}

export interface CorrectionNote {
  id: string;
  target: string;
  field: string;
  before: string | null;
  after: string | null;
  reason: string;
  editor: string;
  at: string;
}

export type StoryStatus = 'developing' | 'dormant';

/** The explainer: everything a story page shows, in page order. */
export interface Explainer {
  id: string;
  slug: string;
  title: string;
  topic: string;
  topicName: string;
  status: StoryStatus;
  /** Chosen source sentences, not generated text. */
  summary: CitedText[];
  whyItMatters: CitedText[];
  keyPoints: KeyPoint[];
  figures: KeyFigure[];
  timeline: TimelineEntry[];
  viewpoints: ViewpointShare[];
  /** Stakeholders the coverage talks about but never quotes or gives a voice. */
  notRepresented: string[];
  unknowns: CitedText[];
  terms: KeyTerm[];
  sources: StorySource[];
  related: { id: string; slug: string; title: string }[];
  corrections: CorrectionNote[];
  articleIds: string[];
  firstPublished: string | null;
  lastPublished: string | null;
}

/** What the site needs beyond the explainers. */
export interface SiteArticle {
  id: string;
  title: string;
  outlet: string;
  url: string;
  publishedAt: string | null;
  topics: string[];
  storySlug: string | null;
  storyTitle: string | null;
}

export interface SiteTopic {
  slug: string;
  name: string;
  description: string;
}

export interface SiteMeta {
  title: string;
  baseUrl: string;
  generatedAt: string;
}

/** A person, organisation or place the site gives its own page. */
export interface SiteEntity {
  id: string;
  slug: string;
  name: string;
  /** "person", "organisation", "place", … as the entity stage typed it. */
  type: string;
  aliases: string[];
  /** "registry" for curated entities, "detected" for those found in the text. */
  origin: string;
  /** Distinct on-topic articles that mention it. */
  articleCount: number;
  /** Mentions in on-topic articles per month ("YYYY-MM"), oldest first; undated articles left out. */
  mentionsByMonth: { month: string; count: number }[];
  /** Quotes it is the speaker of. */
  quotes: { text: string; articleId: string; articleTitle: string; url: string }[];
  /** Key figures of the stories whose sentence names it. */
  figures: { text: string; sentence: string; storySlug: string; storyTitle: string }[];
  /** Stories with at least one article that mentions it. */
  stories: { slug: string; title: string }[];
}
