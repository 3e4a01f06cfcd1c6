CREATE TABLE `robots_txt` (
	`origin` text PRIMARY KEY NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`fetched_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `sources` ADD `origin` text DEFAULT 'config' NOT NULL;