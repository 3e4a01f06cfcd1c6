// The config file's schema. Every key has a default, so an empty file is a complete config; an
// unknown key is an error (strict objects), reported with its file and line by load.ts.
import { z } from 'zod';
import { builtInTopics } from './topics.ts';

const viewpointSchema = z.strictObject({
  label: z.string().min(1),
  name: z.string().min(1),
  cues: z.array(z.string().min(1)).default([]),
});

const topicRulesSchema = z.strictObject({
  require: z.array(z.array(z.string().min(1)).min(1)).default([]),
  boost: z.array(z.string().min(1)).default([]),
  exclude: z.array(z.string().min(1)).default([]),
  minScore: z.number().nonnegative().default(6),
});

const topicSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a slug of lower-case letters, digits and hyphens'),
  name: z.string().min(1),
  description: z.string().optional(),
  rules: topicRulesSchema.optional(),
  viewpoints: z.array(viewpointSchema).optional(),
});

const sourceSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  name: z.string().min(1).optional(),
  topics: z.array(z.string()).optional(),
});

/** The defaults other modules fall back on when the config is not at hand (the site build's loaders). */
export const DEFAULT_SITE_TITLE = 'AI Policy Tracker';
export const DEFAULT_BASE_URL = 'https://example.org/';

export const configSchema = z.strictObject({
  database: z.string().min(1).optional(),
  site: z.strictObject({
    title: z.string().min(1).default(DEFAULT_SITE_TITLE),
    baseUrl: z.url().default(DEFAULT_BASE_URL),
    outDir: z.string().min(1).default('site/dist'),
  }).prefault({}),
  fetch: z.strictObject({
    userAgent: z.string().min(1).default('tracker/1.0 (+https://example.org/about)'),
    timeoutMs: z.number().int().positive().default(20000),
    maxBytes: z.number().int().positive().default(10 * 1024 * 1024),
    perHostConcurrency: z.number().int().positive().default(2),
    minDelayMs: z.number().int().nonnegative().default(1000),
    allowPrivateHosts: z.boolean().default(false),
    /** Most article pages fetched per feed and run; the rest wait for the next run. */
    maxItemsPerFeed: z.number().int().positive().default(200),
  }).prefault({}),
  topics: z.array(topicSchema).optional(),
  sources: z.array(sourceSchema).default([]),
  schedule: z.strictObject({
    crawl: z.string().default('*/30 * * * *'),
    publish: z.string().default('15 * * * *'),
    digest: z.string().default('0 7 * * *'),
  }).prefault({}),
  stories: z.strictObject({
    /** Days after its last article when a story turns dormant. */
    dormantAfterDays: z.number().int().positive().default(14),
    /** Similarity (0–1) a new article needs to join an existing story. */
    joinThreshold: z.number().min(0).max(1).default(0.13),
    /** Largest gap in days between an article and a story's latest coverage for it to join. */
    maxGapDays: z.number().int().positive().default(21),
  }).prefault({}),
});

export type ConfigInput = z.input<typeof configSchema>;
type ParsedConfig = z.output<typeof configSchema>;

export type TopicConfig = {
  slug: string;
  name: string;
  description: string;
  rules: z.output<typeof topicRulesSchema>;
  viewpoints: z.output<typeof viewpointSchema>[];
};

export type Config = Omit<ParsedConfig, 'topics'> & { topics: TopicConfig[] };

/** Fills in topics: a built-in slug keeps its built-in rules and viewpoints unless overridden. */
export function resolveTopics(parsed: ParsedConfig): Config {
  const given = parsed.topics;
  const topics: TopicConfig[] = (given ?? builtInTopics).map((topic) => {
    const builtIn = builtInTopics.find((candidate) => candidate.slug === topic.slug);
    const rules = topic.rules ?? builtIn?.rules ?? { require: [], boost: [], exclude: [], minScore: 6 };
    return {
      slug: topic.slug,
      name: topic.name,
      description: topic.description ?? builtIn?.description ?? '',
      rules,
      viewpoints: topic.viewpoints ?? builtIn?.viewpoints ?? [],
    };
  });
  return { ...parsed, topics };
}
