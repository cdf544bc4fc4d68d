CREATE TABLE `article_tags` (
	`article_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	`published_at` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`article_id`, `tag_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `article_tags_tag_published_idx` ON `article_tags` (`tag_id`,"published_at" DESC,"article_id" DESC);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`info_code` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`body_html` text NOT NULL,
	`source_text` text NOT NULL,
	`published_at` integer NOT NULL,
	`utc_offset_min` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`source_name` text,
	`author` text,
	`original_url` text,
	`image_url` text,
	`category_id` integer NOT NULL,
	`status` text DEFAULT 'published' NOT NULL,
	`content_hash` text NOT NULL,
	`sanitizer_version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`modified_at` integer NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_info_code_unique` ON `articles` (`info_code`);--> statement-breakpoint
CREATE INDEX `articles_status_published_idx` ON `articles` (`status`,"published_at" DESC,"id" DESC);--> statement-breakpoint
CREATE INDEX `articles_category_published_idx` ON `articles` (`category_id`,`status`,"published_at" DESC,"id" DESC);--> statement-breakpoint
CREATE INDEX `articles_updated_idx` ON `articles` (`status`,"updated_at" DESC);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_slug_unique` ON `categories` (`slug`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_unique` ON `tags` (`name`);