CREATE TABLE `csv_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`mapping` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`provider_id` text,
	`source` text NOT NULL,
	`filename` text NOT NULL,
	`media_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`stored_path` text NOT NULL,
	`origin` text,
	`status` text NOT NULL,
	`parser_id` text,
	`parser_version` text,
	`error_code` text,
	`error_message` text,
	`error_location` text,
	`summary` text,
	`connection_id` text,
	`captured_at` text NOT NULL,
	`parsed_at` text,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_sha256` ON `documents` (`sha256`);--> statement-breakpoint
CREATE INDEX `documents_status` ON `documents` (`status`);--> statement-breakpoint
CREATE TABLE `mail_messages` (
	`connection_id` text NOT NULL,
	`message_id` text NOT NULL,
	`attachment_sha256` text NOT NULL,
	`document_id` text,
	`processed_at` text NOT NULL,
	PRIMARY KEY(`connection_id`, `message_id`, `attachment_sha256`),
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `token_metadata` (
	`chain` text NOT NULL,
	`address` text NOT NULL,
	`symbol` text,
	`name` text,
	`decimals` integer NOT NULL,
	`logo` text,
	`source` text NOT NULL,
	`fetched_at` text NOT NULL,
	PRIMARY KEY(`chain`, `address`)
);
--> statement-breakpoint
ALTER TABLE `activities` ADD `document_id` text;--> statement-breakpoint
CREATE INDEX `activities_document` ON `activities` (`document_id`);