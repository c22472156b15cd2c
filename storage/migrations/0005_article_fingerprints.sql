CREATE TABLE `article_fingerprint_bands` (
	`band_key` integer NOT NULL,
	`article_id` integer NOT NULL,
	PRIMARY KEY(`band_key`, `article_id`),
	FOREIGN KEY (`article_id`) REFERENCES `article_fingerprints`(`article_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `article_fingerprints` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`page_id` integer NOT NULL,
	`shingles` integer NOT NULL,
	`signature` blob NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE no action
);
