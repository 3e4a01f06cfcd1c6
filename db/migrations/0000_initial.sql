CREATE TABLE `article_topics` (
	`article_id` text NOT NULL,
	`topic` text NOT NULL,
	`score` real NOT NULL,
	`cues` text NOT NULL,
	PRIMARY KEY(`article_id`, `topic`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_topics_topic` ON `article_topics` (`topic`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` integer,
	`url` text NOT NULL,
	`canonical_url` text NOT NULL,
	`outlet` text NOT NULL,
	`title` text NOT NULL,
	`byline` text,
	`published_at` text,
	`lang` text,
	`text` text NOT NULL,
	`word_count` integer NOT NULL,
	`text_hash` text NOT NULL,
	`simhash` text NOT NULL,
	`duplicate_of` text,
	`extracted_at` text NOT NULL,
	`facts_at` text,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_canonical_url_unique` ON `articles` (`canonical_url`);--> statement-breakpoint
CREATE INDEX `articles_published` ON `articles` (`published_at`);--> statement-breakpoint
CREATE INDEX `articles_text_hash` ON `articles` (`text_hash`);--> statement-breakpoint
CREATE TABLE `corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`target` text NOT NULL,
	`field` text NOT NULL,
	`before` text,
	`after` text,
	`reason` text NOT NULL,
	`editor` text NOT NULL,
	`at` text NOT NULL,
	`hidden` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `corrections_target` ON `corrections` (`target`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer,
	`url` text NOT NULL,
	`final_url` text NOT NULL,
	`status` integer NOT NULL,
	`content_type` text,
	`charset` text,
	`body` blob NOT NULL,
	`body_sha256` text NOT NULL,
	`etag` text,
	`last_modified` text,
	`feed_item` text,
	`fetched_at` text NOT NULL,
	`needs_extract` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_url_unique` ON `documents` (`url`);--> statement-breakpoint
CREATE INDEX `documents_needs_extract` ON `documents` (`needs_extract`);--> statement-breakpoint
CREATE TABLE `entities` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`origin` text DEFAULT 'detected' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `entity_mentions` (
	`id` text PRIMARY KEY NOT NULL,
	`entity_id` text NOT NULL,
	`article_id` text NOT NULL,
	`surface` text NOT NULL,
	`sentence` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mentions_article` ON `entity_mentions` (`article_id`);--> statement-breakpoint
CREATE INDEX `mentions_entity` ON `entity_mentions` (`entity_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`article_id` text NOT NULL,
	`date` text NOT NULL,
	`precision` text NOT NULL,
	`end_date` text,
	`text` text NOT NULL,
	`sentence` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `events_article` ON `events` (`article_id`);--> statement-breakpoint
CREATE INDEX `events_date` ON `events` (`date`);--> statement-breakpoint
CREATE TABLE `fetch_errors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer,
	`url` text NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fetch_errors_source` ON `fetch_errors` (`source_id`,`at`);--> statement-breakpoint
CREATE TABLE `figures` (
	`id` text PRIMARY KEY NOT NULL,
	`article_id` text NOT NULL,
	`value` real NOT NULL,
	`unit` text NOT NULL,
	`label` text NOT NULL,
	`text` text NOT NULL,
	`qualifier` text,
	`claimant` text,
	`sentence` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `figures_article` ON `figures` (`article_id`);--> statement-breakpoint
CREATE TABLE `quotes` (
	`id` text PRIMARY KEY NOT NULL,
	`article_id` text NOT NULL,
	`speaker` text,
	`speaker_role` text,
	`text` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quotes_article` ON `quotes` (`article_id`);--> statement-breakpoint
CREATE TABLE `runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`stage` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`summary` text
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`name` text,
	`kind` text DEFAULT 'unknown' NOT NULL,
	`topics` text,
	`etag` text,
	`last_modified` text,
	`last_fetch_at` text,
	`last_success_at` text,
	`last_status` text,
	`last_error` text,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`items_seen` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_url_unique` ON `sources` (`url`);--> statement-breakpoint
CREATE TABLE `stories` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`topic` text NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'developing' NOT NULL,
	`first_published` text,
	`last_published` text,
	`explainer` text,
	`digest` text,
	`signature` text DEFAULT '{}' NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stories_slug_unique` ON `stories` (`slug`);--> statement-breakpoint
CREATE INDEX `stories_topic` ON `stories` (`topic`);--> statement-breakpoint
CREATE TABLE `story_articles` (
	`story_id` text NOT NULL,
	`article_id` text NOT NULL,
	`similarity` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`story_id`, `article_id`),
	FOREIGN KEY (`story_id`) REFERENCES `stories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `story_articles_article` ON `story_articles` (`article_id`);--> statement-breakpoint
CREATE TABLE `story_terms` (
	`term` text NOT NULL,
	`story_id` text NOT NULL,
	`weight` real NOT NULL,
	PRIMARY KEY(`term`, `story_id`),
	FOREIGN KEY (`story_id`) REFERENCES `stories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `story_terms_story` ON `story_terms` (`story_id`);--> statement-breakpoint
CREATE TABLE `term_stats` (
	`term` text PRIMARY KEY NOT NULL,
	`documents` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `topics` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `viewpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`article_id` text NOT NULL,
	`topic` text NOT NULL,
	`label` text NOT NULL,
	`score` real NOT NULL,
	`cues` text NOT NULL,
	`passage` text,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `viewpoints_article` ON `viewpoints` (`article_id`);