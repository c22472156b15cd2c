-- The full-text index over every article version and comment thread, written by storage/search-repo.ts in the
-- same transaction as their rows and rebuilt from the tables by `memhole reindex`. Contentless: the text is
-- stored once, in articles and comments; the index keeps only the tokens storage/search-text.ts makes of the
-- simplified text (overlapping CJK character bigrams; other words as unicode61 splits them).
-- A document's rowid is its article version's id, or its comment thread's id negated. The body comes first:
-- FTS5 marks every term's positions in any other column with the column's number, and the body holds most.
CREATE VIRTUAL TABLE `search_index` USING fts5(
  `body`, `title`, `author`, `card`, `comments`,
  content = '',
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- What a search filters and groups by, per document, in a few bytes: reading the article rows instead would
-- walk pages of text for every hit. published_at and captured_at are epoch milliseconds.
CREATE TABLE `search_docs` (
  `doc` integer PRIMARY KEY NOT NULL,
  `page_id` integer NOT NULL REFERENCES `pages`(`id`),
  `published_at` integer,
  `captured_at` integer NOT NULL
);
--> statement-breakpoint
-- Every article version is its own transaction, so its own small segment; merging 16 segments at a time
-- instead of 4 rewrites each term's entries fewer times (the crawl's article writes took about 8% less time).
INSERT INTO `search_index` (`search_index`, `rank`) VALUES ('automerge', 16);
