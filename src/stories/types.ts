// The story model, defined once: the zod schemas of what the story stage produces and the site and
// the export consume, with the TypeScript types inferred from them. The cluster stage stores an
// Explainer (versioned, see EXPLAINER_VERSION) in stories.explainer; the site's content loaders
// validate every entry against these same schemas (site/src/content.config.ts), and the site's
// components import the types from here, so a change in this file that the site does not follow
// fails `npm run typecheck` instead of rendering half a page.
import { z } from 'zod';
import { ENTITY_TYPES } from '../extract/entityTypes.ts';
import { STANCES } from '../extract/stances.ts';

/**
 * Version of the stored explainer's shape. Raise it whenever a field changes meaning or form; the
 * cluster stage reassembles every stored explainer of another version, and readers upgrade older
 * ones they meet before that (readStoredExplainer in ./storedExplainer.ts).
 * 2: notRepresented became structured entries (was English sentences); figures carry `moved`.
 * 3: timeline entries carry a `role` (development, background, report, scheduled).
 * 4: `voices`: who said what (claims and quotes by claimant).
 * 5: figures carry `comparedWith`: the same measure for other subjects or days.
 */
export const EXPLAINER_VERSION = 5;

// Slugs become directory names in the output, so they are held to a safe alphabet.
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug must be lowercase letters, digits and single hyphens');

const articleIds = z.array(z.string().min(1));
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export const datePrecisionSchema = z.enum(DATE_PRECISIONS);
export type DatePrecision = z.infer<typeof datePrecisionSchema>;

export const STORY_STATUSES = ['developing', 'dormant'] as const;
export const storyStatusSchema = z.enum(STORY_STATUSES);
export type StoryStatus = z.infer<typeof storyStatusSchema>;

/** One article as cited by a story: the target of a numbered citation. */
export const storySourceSchema = z.object({
  /** Citation number on the story page, starting at 1. */
  n: z.number().int().positive(),
  articleId: z.string().min(1),
  title: z.string(),
  outlet: z.string(),
  url: z.string(),
  publishedAt: z.string().nullable(),
  /** Label of the viewpoint this source carries in the story, or null when none was detected. */
  viewpoint: z.string().nullable(),
  viewpointName: z.string().nullable(),
  /** Syndicated copies of the same text at other outlets: counted once, listed under each outlet. */
  copies: z.array(z.object({ articleId: z.string().min(1), outlet: z.string(), url: z.string() })),
});
export type StorySource = z.infer<typeof storySourceSchema>;

/** A claim or sentence taken verbatim from the sources, with the articles that state it. */
export const citedTextSchema = z.object({ text: z.string(), articleIds });
export type CitedText = z.infer<typeof citedTextSchema>;
export type KeyPoint = CitedText;

export const keyFigureVariantSchema = z.object({
  value: z.number(),
  /** The figure as the source wrote it ("$5.5bn", "5.5 billion dollars"). */
  text: z.string(),
  articleIds,
});
export type KeyFigureVariant = z.infer<typeof keyFigureVariantSchema>;

/** A value of a figure as first reported: when and by whom. */
export const figureReportSchema = z.object({
  text: z.string(),
  value: z.number(),
  date: isoDay,
  outlet: z.string().nullable(),
});
export type FigureReport = z.infer<typeof figureReportSchema>;

/** A figure whose reported value changed as coverage went on: first value, latest value. */
export const figureMoveSchema = z.object({
  first: figureReportSchema,
  latest: figureReportSchema,
  direction: z.enum(['up', 'down']),
});
export type FigureMove = z.infer<typeof figureMoveSchema>;

export const keyFigureSchema = z.object({
  value: z.number(),
  /** Unit of the value: "USD", "%", or "count". */
  unit: z.string(),
  /** What is counted ("charge", "chips", "entities"). */
  label: z.string(),
  /** The figure as most sources wrote it. */
  text: z.string(),
  /** A sentence from a source that states the figure. */
  sentence: z.string(),
  articleIds,
  /** Number of distinct sources (syndicated copies counted once). */
  sourceCount: z.number().int().nonnegative(),
  /** True when sources give different values for the same quantity. */
  conflict: z.boolean(),
  variants: z.array(keyFigureVariantSchema),
  /** Set when a later day's coverage reported another value (a revision, not a slip): the home page lists these. */
  moved: figureMoveSchema.nullable(),
  /** The same measure for another subject or another day (AMD's charge beside Nvidia's): a comparison, not a disagreement. */
  comparedWith: z.array(z.object({ text: z.string(), sentence: z.string(), articleIds })),
});
export type KeyFigure = z.infer<typeof keyFigureSchema>;

const otherDateSchema = z.object({ date: z.string(), precision: datePrecisionSchema, articleIds });

/**
 * What a timeline entry is to the story: the happening and what followed (development), what came
 * before the coverage (background), a media report about the story (report), or a date ahead of
 * the coverage (scheduled: a deadline, a date a rule takes effect; the site's "What's next").
 */
export const TIMELINE_ROLES = ['development', 'background', 'report', 'scheduled'] as const;
export const timelineRoleSchema = z.enum(TIMELINE_ROLES);
export type TimelineRole = z.infer<typeof timelineRoleSchema>;

export const timelineEntrySchema = z.object({
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?/, 'date must start with YYYY, YYYY-MM or YYYY-MM-DD'),
  precision: datePrecisionSchema,
  text: z.string(),
  articleIds,
  /** True for events before the story's first coverage: context rather than news (role background). */
  background: z.boolean(),
  role: timelineRoleSchema,
  /** Other dates that some sources give for the same event: a visible disagreement. */
  otherDates: z.array(otherDateSchema).optional(),
  /** The last day (or month, or year) of a range ("between April 22 and June 5"), at the entry's precision; one entry, not two. */
  end: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).nullable().optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const viewpointShareSchema = z.object({
  /** Slug of the viewpoint in the topic taxonomy. */
  label: z.string(),
  /** Human name of the viewpoint. */
  name: z.string(),
  /** Share of the story's sources carrying this viewpoint, a source with several positions counting for each in equal parts; the shares of a story sum to 1. */
  share: z.number().min(0).max(1),
  articleIds,
  /** A representative passage or quote, with the article it comes from. */
  passage: z.object({ text: z.string(), articleId: z.string(), speaker: z.string().nullable() }).nullable(),
});
export type ViewpointShare = z.infer<typeof viewpointShareSchema>;

/**
 * A stakeholder the coverage talks about but does not give a voice, as data; the words a reader
 * sees are composed by describeNotRepresented (./notRepresented.ts), for the site and the export.
 * - `declined`: an actor named in the sources that, the coverage says, did not respond or declined to comment;
 * - `unquoted`: an actor named in at least half of the sources (two or more) and never quoted;
 * - `viewpoint`: a viewpoint of the topic's taxonomy that no source carries.
 */
export const notRepresentedSchema = z.object({
  kind: z.enum(['declined', 'unquoted', 'viewpoint']),
  /** The actor's name, or the viewpoint's name. */
  name: z.string().min(1),
  /** The entity id (declined, unquoted) or the viewpoint's label (viewpoint). */
  ref: z.string(),
  /** Distinct sources that name the actor (0 for a viewpoint). */
  namedIn: z.number().int().nonnegative(),
  /** Distinct sources of the story. */
  sourceCount: z.number().int().nonnegative(),
});
export type NotRepresented = z.infer<typeof notRepresentedSchema>;

/** One attributed statement in a story: a quote, reported speech or a response (declined, no response). */
export const voiceClaimSchema = z.object({
  text: z.string().min(1),
  /** The person who spoke, when named and not the claimant itself. */
  speaker: z.string().nullable(),
  stance: z.enum(STANCES),
  quote: z.boolean(),
  articleIds,
});

/** A stakeholder's voice in the coverage: its claims, quotes first, cited. */
export const voiceSchema = z.object({
  name: z.string().min(1),
  /** Distinct sources that carry a claim of it. */
  sourceCount: z.number().int().nonnegative(),
  claims: z.array(voiceClaimSchema),
});
export type Voice = z.infer<typeof voiceSchema>;

export const keyTermSchema = z.object({ term: z.string(), definition: z.string(), articleIds });
export type KeyTerm = z.infer<typeof keyTermSchema>;

export const correctionNoteSchema = z.object({
  id: z.string(),
  target: z.string(),
  field: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  reason: z.string(),
  editor: z.string(),
  at: z.string(),
});
export type CorrectionNote = z.infer<typeof correctionNoteSchema>;

/** The explainer: everything a story page shows, in page order. */
export const explainerSchema = z.object({
  /** EXPLAINER_VERSION when it was assembled. */
  version: z.number().int().positive(),
  id: z.string().min(1),
  slug: slugSchema,
  title: z.string(),
  topic: slugSchema,
  topicName: z.string(),
  status: storyStatusSchema,
  /** Chosen source sentences, not generated text. */
  summary: z.array(citedTextSchema),
  whyItMatters: z.array(citedTextSchema),
  keyPoints: z.array(citedTextSchema),
  figures: z.array(keyFigureSchema),
  timeline: z.array(timelineEntrySchema),
  viewpoints: z.array(viewpointShareSchema),
  /** Stakeholders the coverage talks about but never quotes or gives a voice. */
  notRepresented: z.array(notRepresentedSchema),
  /** Who said what: the stakeholders with claims in the sources, most widely carried first. */
  voices: z.array(voiceSchema),
  unknowns: z.array(citedTextSchema),
  terms: z.array(keyTermSchema),
  sources: z.array(storySourceSchema),
  related: z.array(z.object({ id: z.string(), slug: slugSchema, title: z.string() })),
  corrections: z.array(correctionNoteSchema),
  articleIds,
  firstPublished: z.string().nullable(),
  lastPublished: z.string().nullable(),
});
export type Explainer = z.infer<typeof explainerSchema>;

// What the site needs beyond the explainers.

export const siteArticleSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  outlet: z.string(),
  url: z.string(),
  publishedAt: z.string().nullable(),
  topics: z.array(z.string()),
  storySlug: slugSchema.nullable(),
  storyTitle: z.string().nullable(),
});
export type SiteArticle = z.infer<typeof siteArticleSchema>;

/** A topic's written rules, as the topic stage applies them (shown on /about/). */
export const topicRulesSchema = z.object({
  require: z.array(z.array(z.string())),
  boost: z.array(z.string()),
  exclude: z.array(z.string()),
  minScore: z.number(),
});

export const siteTopicSchema = z.object({
  slug: slugSchema,
  name: z.string(),
  description: z.string(),
  /** The rules articles were assigned by; null for data written before topics stored them. */
  rules: topicRulesSchema.nullable(),
  /** The topic's viewpoint taxonomy. */
  viewpoints: z.array(z.object({ label: z.string(), name: z.string() })),
});
export type SiteTopic = z.infer<typeof siteTopicSchema>;

export const siteMetaSchema = z.object({
  title: z.string().min(1),
  baseUrl: z.string(),
  generatedAt: z.string(),
});
export type SiteMeta = z.infer<typeof siteMetaSchema>;

/** A person, organisation or place the site gives its own page. */
export const siteEntitySchema = z.object({
  id: z.string().min(1),
  slug: slugSchema,
  name: z.string().min(1),
  type: z.enum(ENTITY_TYPES),
  aliases: z.array(z.string()),
  /** "registry" for curated entities, "detected" for those found in the text. */
  origin: z.enum(['registry', 'detected']),
  /** Distinct on-topic articles that mention it. */
  articleCount: z.number().int().nonnegative(),
  /** Mentions in on-topic articles per month ("YYYY-MM"), oldest first; undated articles left out. */
  mentionsByMonth: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), count: z.number().int().nonnegative() })),
  /** Quotes it is the speaker of. */
  quotes: z.array(z.object({ text: z.string(), articleId: z.string(), articleTitle: z.string(), url: z.string() })),
  /** Key figures of the stories whose sentence names it. */
  figures: z.array(z.object({ text: z.string(), sentence: z.string(), storySlug: slugSchema, storyTitle: z.string() })),
  /** Stories with at least one article that mentions it. */
  stories: z.array(z.object({ slug: slugSchema, title: z.string() })),
});
export type SiteEntity = z.infer<typeof siteEntitySchema>;
