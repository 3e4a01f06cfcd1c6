// Schemas of the entries the site's loaders store. Each is typed against the interfaces the story
// stage produces (src/stories/types.ts), so a change there that the site does not follow fails
// the type check instead of rendering half a page.
import { z } from 'astro/zod';
import type {
  CitedText,
  CorrectionNote,
  Explainer,
  KeyFigure,
  KeyTerm,
  SiteArticle,
  SiteEntity,
  SiteMeta,
  SiteTopic,
  StorySource,
  TimelineEntry,
  ViewpointShare,
} from '../../../src/stories/types.ts';

// Slugs become directory names in the output, so they are held to a safe alphabet.
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug must be lowercase letters, digits and single hyphens');

const articleIds = z.array(z.string().min(1));

const citedTextSchema: z.ZodType<CitedText> = z.object({
  text: z.string(),
  articleIds,
});

const sourceSchema: z.ZodType<StorySource> = z.object({
  n: z.number().int().positive(),
  articleId: z.string().min(1),
  title: z.string(),
  outlet: z.string(),
  url: z.string(),
  publishedAt: z.string().nullable(),
  viewpoint: z.string().nullable(),
  viewpointName: z.string().nullable(),
  copies: z.array(z.object({ articleId: z.string().min(1), outlet: z.string(), url: z.string() })),
});

const figureSchema: z.ZodType<KeyFigure> = z.object({
  value: z.number(),
  unit: z.string(),
  label: z.string(),
  text: z.string(),
  sentence: z.string(),
  articleIds,
  sourceCount: z.number().int().nonnegative(),
  conflict: z.boolean(),
  variants: z.array(z.object({ value: z.number(), text: z.string(), articleIds })),
});

const timelineEntrySchema: z.ZodType<TimelineEntry> = z.object({
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?/, 'date must start with YYYY, YYYY-MM or YYYY-MM-DD'),
  precision: z.enum(['day', 'month', 'year']),
  text: z.string(),
  articleIds,
  background: z.boolean(),
  otherDates: z.array(z.object({ date: z.string(), precision: z.enum(['day', 'month', 'year']), articleIds })).optional(),
});

const viewpointSchema: z.ZodType<ViewpointShare> = z.object({
  label: z.string(),
  name: z.string(),
  share: z.number().min(0).max(1),
  articleIds,
  passage: z
    .object({ text: z.string(), articleId: z.string(), speaker: z.string().nullable() })
    .nullable(),
});

const termSchema: z.ZodType<KeyTerm> = z.object({
  term: z.string(),
  definition: z.string(),
  articleIds,
});

const correctionSchema: z.ZodType<CorrectionNote> = z.object({
  id: z.string(),
  target: z.string(),
  field: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  reason: z.string(),
  editor: z.string(),
  at: z.string(),
});

export const storySchema: z.ZodType<Explainer> = z.object({
  id: z.string().min(1),
  slug: slugSchema,
  title: z.string(),
  topic: slugSchema,
  topicName: z.string(),
  status: z.enum(['developing', 'dormant']),
  summary: z.array(citedTextSchema),
  whyItMatters: z.array(citedTextSchema),
  keyPoints: z.array(citedTextSchema),
  figures: z.array(figureSchema),
  timeline: z.array(timelineEntrySchema),
  viewpoints: z.array(viewpointSchema),
  notRepresented: z.array(z.string()),
  unknowns: z.array(citedTextSchema),
  terms: z.array(termSchema),
  sources: z.array(sourceSchema),
  related: z.array(z.object({ id: z.string(), slug: slugSchema, title: z.string() })),
  corrections: z.array(correctionSchema),
  articleIds,
  firstPublished: z.string().nullable(),
  lastPublished: z.string().nullable(),
});

export const articleSchema: z.ZodType<SiteArticle> = z.object({
  id: z.string().min(1),
  title: z.string(),
  outlet: z.string(),
  url: z.string(),
  publishedAt: z.string().nullable(),
  topics: z.array(z.string()),
  storySlug: slugSchema.nullable(),
  storyTitle: z.string().nullable(),
});

export const topicSchema: z.ZodType<SiteTopic> = z.object({
  slug: slugSchema,
  name: z.string(),
  description: z.string(),
});

export const metaSchema: z.ZodType<SiteMeta> = z.object({
  title: z.string().min(1),
  baseUrl: z.string(),
  generatedAt: z.string(),
});

export const entitySchema: z.ZodType<SiteEntity> = z.object({
  id: z.string().min(1),
  slug: slugSchema,
  name: z.string().min(1),
  type: z.string(),
  aliases: z.array(z.string()),
  origin: z.string(),
  articleCount: z.number().int().nonnegative(),
  mentionsByMonth: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), count: z.number().int().nonnegative() })),
  quotes: z.array(z.object({ text: z.string(), articleId: z.string(), articleTitle: z.string(), url: z.string() })),
  figures: z.array(z.object({ text: z.string(), sentence: z.string(), storySlug: slugSchema, storyTitle: z.string() })),
  stories: z.array(z.object({ slug: slugSchema, title: z.string() })),
});
