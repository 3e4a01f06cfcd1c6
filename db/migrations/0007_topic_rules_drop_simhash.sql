ALTER TABLE `topics` ADD `rules` text;--> statement-breakpoint
ALTER TABLE `topics` ADD `viewpoints` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` DROP COLUMN `simhash`;