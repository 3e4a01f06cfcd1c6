CREATE TABLE `claims` (
	`id` text PRIMARY KEY NOT NULL,
	`article_id` text NOT NULL,
	`claimant` text,
	`speaker` text,
	`stance` text NOT NULL,
	`text` text NOT NULL,
	`sentence` text NOT NULL,
	`is_quote` integer NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `claims_article` ON `claims` (`article_id`);--> statement-breakpoint
-- Claims are a new fact: every stored article is read again by the next extract run to find its own.
UPDATE `documents` SET `needs_extract` = 1 WHERE `id` IN (SELECT `document_id` FROM `articles`);--> statement-breakpoint
UPDATE `articles` SET `facts_at` = NULL;
