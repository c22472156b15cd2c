DROP INDEX `articles_page_id_id_idx`;--> statement-breakpoint
CREATE INDEX `articles_page_id_id_version_idx` ON `articles` (`page_id`,`id`,`capture_id`,`text_hash`,`published_at`);