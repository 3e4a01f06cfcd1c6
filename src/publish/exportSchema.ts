// The export format (CONTRACT.md) as one schema: `tracker export` is typed by it, and the tests
// parse what the command prints with it, so the command and its contract cannot drift apart.
import { z } from 'zod';
import { ENTITY_TYPES } from '../extract/entityTypes.ts';
import { figureMoveSchema, notRepresentedSchema, timelineRoleSchema } from '../stories/types.ts';
import { STANCES } from '../extract/stances.ts';

const id = z.string().min(1);
const dateAtPrecision = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);

export const exportSchema = z.object({
  generatedAt: z.iso.datetime(),
  articles: z.array(z.object({
    id, url: z.url(), canonicalUrl: z.url(), outlet: z.string().min(1), title: z.string(), byline: z.string().nullable(),
    publishedAt: z.string().nullable(), lang: z.string().nullable(), text: z.string(), topics: z.array(z.string()), storyId: z.string().nullable(),
  })),
  stories: z.array(z.object({
    id, slug: z.string().min(1), title: z.string().min(1), topic: z.string().min(1), summary: z.string(), articleIds: z.array(id).min(1),
    keyPoints: z.array(z.object({ text: z.string().min(1), articleIds: z.array(id).min(1) })),
    figures: z.array(z.object({ value: z.number(), unit: z.string(), label: z.string(), articleIds: z.array(id).min(1), conflict: z.boolean(),
      /** Beside the contract's fields: the first and the latest value when a later day reported another one. */
      moved: figureMoveSchema.nullable() })),
    timeline: z.array(z.object({ date: dateAtPrecision, precision: z.enum(['day', 'month', 'year']), text: z.string().min(1), articleIds: z.array(id).min(1),
      /** Beside the contract's fields: development, background, report or scheduled. */
      role: timelineRoleSchema,
      /** The last date of a range, or null. */
      end: dateAtPrecision.nullable() })),
    viewpoints: z.array(z.object({ label: z.string().min(1), share: z.number().min(0).max(1), articleIds: z.array(id).min(1) })),
    /** Each entry starts with the actor's (or viewpoint's) name. */
    notRepresented: z.array(z.string().min(1)),
    /** Beside the contract's sentences, the same entries as data, in the same order. */
    notRepresentedDetail: z.array(notRepresentedSchema),
    unknowns: z.array(z.string()),
    terms: z.array(z.object({ term: z.string().min(1), definition: z.string().min(1), articleIds: z.array(id).min(1) })),
  })),
  entities: z.array(z.object({
    id, name: z.string().min(1), type: z.enum(ENTITY_TYPES),
    aliases: z.array(z.string()), articleIds: z.array(id),
  })),
  figures: z.array(z.object({ id, articleId: id, value: z.number(), unit: z.string(), text: z.string(), sentence: z.string(), claimant: z.string().nullable() })),
  events: z.array(z.object({ id, articleId: id, date: dateAtPrecision, precision: z.enum(['day', 'month', 'year']), text: z.string() })),
  quotes: z.array(z.object({ id, articleId: id, speaker: z.string().nullable(), text: z.string() })),
  /** Attributed statements, quotes included; speaker and quote sit beside the contract's fields. */
  claims: z.array(z.object({ id, articleId: id, claimant: z.string().nullable(), speaker: z.string().nullable(), stance: z.enum(STANCES), text: z.string().min(1), quote: z.boolean() })),
  corrections: z.array(z.object({ id, target: z.string(), field: z.string(), before: z.string().nullable(), after: z.string().nullable(), reason: z.string(), editor: z.string(), at: z.string() })),
});

export type ExportDocument = z.infer<typeof exportSchema>;
/** The name the tests use. */
export type ExportShape = ExportDocument;
