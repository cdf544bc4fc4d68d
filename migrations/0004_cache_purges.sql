CREATE TABLE `cache_purges` (
	`tag` text PRIMARY KEY NOT NULL,
	`purged_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cache_purges_purged_at_idx` ON `cache_purges` (`purged_at`);