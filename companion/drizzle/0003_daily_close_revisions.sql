CREATE TABLE `daily_close_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`earliest_day` text NOT NULL
);
