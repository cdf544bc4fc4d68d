CREATE TABLE `sync_state` (
	`site` text PRIMARY KEY NOT NULL,
	`commit` text NOT NULL,
	`synced_at` integer NOT NULL
);
