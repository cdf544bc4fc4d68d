-- Full-text search (src/search/tokens.ts explains the token scheme). Written by hand:
-- drizzle-kit cannot express FTS5 tables or triggers, so none of this is in schema.ts.
--
-- search_fts holds only the index: contentless (content=''), so the token streams are not
-- stored twice; contentless_delete=1 lets a row be replaced or deleted by rowid. rowid is
-- articles.id. The columns are token streams built in JS; unicode61 just splits them on
-- spaces. prefix='1' indexes every token's first character, so a 1-character query is a
-- prefix-index lookup.
--
-- search_docs is what ranking and snippets read without touching the wide articles rows:
-- the publish flag and date (first, so reading them never walks a long row) and the plain
-- text snippets are cut from. content_hash and tokenizer_version tell the reindex route
-- which rows are missing or out of date.
--
-- Kept in step by: explicit, guarded writes in the article write batch
-- (src/db/write-articles.ts → src/db/search-index.ts) for imports and edits; the
-- triggers below for status changes and deletes. Unpublishing keeps the index row and
-- clears `published`, so republishing needs no re-tokenizing.
--
-- Backfill: articles that exist before this migration are indexed by
-- POST /api/v1/admin/search/reindex (npm run search:reindex), since tokenizing is JS.
CREATE TABLE `search_docs` (
	`article_id` integer PRIMARY KEY NOT NULL REFERENCES `articles`(`id`) ON DELETE CASCADE,
	`published` integer NOT NULL,
	`published_at` integer NOT NULL,
	`content_hash` text NOT NULL,
	`tokenizer_version` integer NOT NULL,
	`body_text` text NOT NULL
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts` USING fts5(
	title,
	body,
	content='',
	contentless_delete=1,
	tokenize='unicode61 remove_diacritics 0',
	prefix='1'
);
--> statement-breakpoint
CREATE TRIGGER `search_docs_status` AFTER UPDATE OF `status` ON `articles`
BEGIN
	UPDATE `search_docs` SET `published` = (NEW.`status` = 'published') WHERE `article_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `search_fts_delete` AFTER DELETE ON `articles`
BEGIN
	DELETE FROM `search_fts` WHERE rowid = OLD.`id`;
END;
