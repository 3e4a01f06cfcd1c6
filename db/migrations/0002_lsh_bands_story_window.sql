CREATE TABLE `article_bands` (
	`band` text NOT NULL,
	`article_id` text NOT NULL,
	PRIMARY KEY(`band`, `article_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_bands_article` ON `article_bands` (`article_id`);--> statement-breakpoint
CREATE INDEX `stories_topic_last` ON `stories` (`topic`,`last_published`);