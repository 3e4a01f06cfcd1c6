CREATE TABLE `crawl_items` (
	`url` text PRIMARY KEY NOT NULL,
	`source_id` integer NOT NULL,
	`item` text,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error_kind` text,
	`last_error` text,
	`next_attempt_at` text,
	`published_at` text,
	`first_seen_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `crawl_items_source_state` ON `crawl_items` (`source_id`,`state`);--> statement-breakpoint
CREATE INDEX `crawl_items_state_due` ON `crawl_items` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `entity_type_votes` (
	`entity_id` text NOT NULL,
	`type` text NOT NULL,
	`articles` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`entity_id`, `type`)
);
--> statement-breakpoint
ALTER TABLE `entity_mentions` ADD `type` text;--> statement-breakpoint
ALTER TABLE `stories` ADD `needs_assembly` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `stories_needs_assembly` ON `stories` (`needs_assembly`);