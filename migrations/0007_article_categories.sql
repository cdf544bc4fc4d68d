CREATE TABLE `article_categories` (
	`article_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`published_at` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`article_id`, `category_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `article_categories_category_published_idx` ON `article_categories` (`category_id`,"published_at" DESC,"article_id" DESC);--> statement-breakpoint
-- Backfill (by hand): every stored article's primary category becomes its first join row.
INSERT INTO `article_categories` (`article_id`, `category_id`, `published_at`, `position`)
SELECT `id`, `category_id`, `published_at`, 0 FROM `articles` WHERE true
ON CONFLICT (`article_id`, `category_id`) DO NOTHING;
