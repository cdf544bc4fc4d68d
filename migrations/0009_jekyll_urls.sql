CREATE TABLE `article_urls` (
	`path` text PRIMARY KEY NOT NULL,
	`info_code` text NOT NULL
);
