CREATE TABLE `cache_entries` (
	`tag` text NOT NULL,
	`key` text NOT NULL,
	PRIMARY KEY(`tag`, `key`)
);
