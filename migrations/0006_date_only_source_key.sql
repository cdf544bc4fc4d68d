ALTER TABLE `articles` ADD `date_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` ADD `source_key` text;