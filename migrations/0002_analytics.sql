CREATE TABLE `article_views` (
	`info_code` text NOT NULL,
	`day` text NOT NULL,
	`app` text NOT NULL,
	`views` integer NOT NULL,
	PRIMARY KEY(`info_code`, `day`, `app`)
);
--> statement-breakpoint
CREATE INDEX `article_views_day_idx` ON `article_views` (`day`,`info_code`,`views`);