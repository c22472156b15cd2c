CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page_id` integer NOT NULL,
	`capture_id` integer NOT NULL,
	`extractor_version` text NOT NULL,
	`title` text NOT NULL,
	`headline` text NOT NULL,
	`column` text,
	`author` text,
	`published_text` text,
	`published_at` text,
	`origin_url` text,
	`origin_name` text,
	`topics` text NOT NULL,
	`collection` text,
	`copyright` text,
	`card` text,
	`tags` text NOT NULL,
	`categories` text NOT NULL,
	`images` text NOT NULL,
	`embeds` text NOT NULL,
	`markdown` text NOT NULL,
	`text` text NOT NULL,
	`text_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`capture_id`) REFERENCES `captures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `articles_page_id_id_idx` ON `articles` (`page_id`,`id`);--> statement-breakpoint
CREATE TABLE `blobs` (
	`hash` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`stored_size` integer NOT NULL,
	`compression` text NOT NULL,
	`data` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `captures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page_id` integer NOT NULL,
	`parent_capture_id` integer,
	`how` text NOT NULL,
	`requested_url` text NOT NULL,
	`final_url` text NOT NULL,
	`status` integer,
	`redirects` text NOT NULL,
	`headers` text NOT NULL,
	`request_headers` text NOT NULL,
	`remote_address` text,
	`failure_kind` text,
	`failure_message` text,
	`truncated` integer DEFAULT false NOT NULL,
	`body_hash` text,
	`body_size` integer,
	`content_type` text,
	`content_encoding` text,
	`charset` text,
	`captured_at` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_capture_id`) REFERENCES `captures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`body_hash`) REFERENCES `blobs`(`hash`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `captures_page_id_idx` ON `captures` (`page_id`);--> statement-breakpoint
CREATE TABLE `comment_threads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page_id` integer NOT NULL,
	`capture_id` integer NOT NULL,
	`intro` text,
	`hash` text NOT NULL,
	`first_capture_id` integer NOT NULL,
	`last_capture_id` integer NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`capture_id`) REFERENCES `captures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`first_capture_id`) REFERENCES `captures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`last_capture_id`) REFERENCES `captures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comment_threads_page_id_id_idx` ON `comment_threads` (`page_id`,`id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`position` integer NOT NULL,
	`parent_id` integer,
	`author` text NOT NULL,
	`text` text NOT NULL,
	`posted_at` integer,
	FOREIGN KEY (`thread_id`) REFERENCES `comment_threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comments_thread_id_position_idx` ON `comments` (`thread_id`,`position`);--> statement-breakpoint
CREATE TABLE `page_urls` (
	`url` text PRIMARY KEY NOT NULL,
	`page_id` integer NOT NULL,
	`first_seen_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `page_urls_page_id_idx` ON `page_urls` (`page_id`);--> statement-breakpoint
CREATE TABLE `pages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`canonical_key` text NOT NULL,
	`source_id` text NOT NULL,
	`kind` text NOT NULL,
	`url` text NOT NULL,
	`state` text DEFAULT 'alive' NOT NULL,
	`state_since` integer NOT NULL,
	`first_seen_at` integer NOT NULL,
	`next_check_at` integer,
	`check_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pages_canonical_key_unique` ON `pages` (`canonical_key`);--> statement-breakpoint
CREATE INDEX `pages_next_check_at_idx` ON `pages` (`next_check_at`);--> statement-breakpoint
CREATE INDEX `pages_source_id_idx` ON `pages` (`source_id`);