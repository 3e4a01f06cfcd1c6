CREATE TABLE `registry_entities` (
	`name` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`added_by` text NOT NULL,
	`added_at` text NOT NULL,
	`note` text
);
