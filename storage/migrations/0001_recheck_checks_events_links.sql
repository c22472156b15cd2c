CREATE TABLE `checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page_id` integer NOT NULL,
	`capture_id` integer NOT NULL,
	`checked_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`status` integer,
	`final_url` text,
	`failure_kind` text,
	`notice` text,
	`notice_platform` text,
	`removed_by` text,
	`article_id` integer,
	`detail` text NOT NULL,
	`state_before` text NOT NULL,
	`state_after` text NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`capture_id`) REFERENCES `captures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `checks_page_id_id_idx` ON `checks` (`page_id`,`id`);--> statement-breakpoint
CREATE INDEX `checks_checked_at_idx` ON `checks` (`checked_at`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page_id` integer NOT NULL,
	`kind` text NOT NULL,
	`from_state` text,
	`to_state` text,
	`at` integer NOT NULL,
	`check_ids` text NOT NULL,
	`from_article_id` integer,
	`to_article_id` integer,
	`removal_kind` text,
	`removed_by` text,
	`notice` text,
	`detail` text NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_page_id_idx` ON `events` (`page_id`);--> statement-breakpoint
CREATE INDEX `events_at_idx` ON `events` (`at`);--> statement-breakpoint
CREATE INDEX `events_kind_idx` ON `events` (`kind`);--> statement-breakpoint
CREATE TABLE `page_links` (
	`from_page_id` integer NOT NULL,
	`to_page_id` integer NOT NULL,
	`kind` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	PRIMARY KEY(`from_page_id`, `to_page_id`, `kind`),
	FOREIGN KEY (`from_page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `page_links_to_page_id_idx` ON `page_links` (`to_page_id`);