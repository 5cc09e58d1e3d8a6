CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`account_key` text NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`base_currency` text DEFAULT 'USD' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_connection_key` ON `accounts` (`connection_id`,`account_key`);--> statement-breakpoint
CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` text NOT NULL,
	`provider_ref` text NOT NULL,
	`type` text NOT NULL,
	`executed_at` text NOT NULL,
	`asset` text NOT NULL,
	`quantity` text NOT NULL,
	`quote_asset` text,
	`price` text,
	`fee` text,
	`fee_asset` text,
	`raw` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activities_account_ref` ON `activities` (`account_id`,`provider_ref`);--> statement-breakpoint
CREATE INDEX `activities_executed_at` ON `activities` (`executed_at`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`token_sha256` text NOT NULL,
	`kind` text NOT NULL,
	`origin` text,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_sha` ON `api_tokens` (`token_sha256`);--> statement-breakpoint
CREATE TABLE `asset_identifiers` (
	`asset_id` text NOT NULL,
	`scheme` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`scheme`, `value`),
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `assets` (
	`id` text PRIMARY KEY NOT NULL,
	`symbol` text NOT NULL,
	`name` text,
	`asset_class` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`event` text NOT NULL,
	`subject` text,
	`detail` text
);
--> statement-breakpoint
CREATE TABLE `balances` (
	`account_id` text NOT NULL,
	`asset_id` text NOT NULL,
	`free` text NOT NULL,
	`locked` text NOT NULL,
	`total` text NOT NULL,
	`as_of` text NOT NULL,
	PRIMARY KEY(`account_id`, `asset_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`provider_id` text NOT NULL,
	`label` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`secret_id` text,
	`demo` integer DEFAULT false NOT NULL,
	`sync_interval_minutes` integer DEFAULT 60 NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`last_success_at` text,
	`last_error_at` text,
	`last_error` text,
	`warnings` text DEFAULT '[]' NOT NULL,
	`next_run_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `connector_state` (
	`connection_id` text NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`connection_id`, `key`),
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_id` text NOT NULL,
	`text_sha256` text NOT NULL,
	`granted_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE TABLE `fx_rates` (
	`base` text NOT NULL,
	`quote` text NOT NULL,
	`source` text NOT NULL,
	`at` text NOT NULL,
	`rate` text NOT NULL,
	`fetched_at` text NOT NULL,
	PRIMARY KEY(`base`, `quote`, `source`, `at`)
);
--> statement-breakpoint
CREATE TABLE `positions` (
	`account_id` text NOT NULL,
	`symbol` text NOT NULL,
	`side` text NOT NULL,
	`contracts` text NOT NULL,
	`size_in_base` text NOT NULL,
	`entry_price` text,
	`mark_price` text,
	`notional` text,
	`unrealized_pnl` text,
	`leverage` text,
	`liquidation_price` text,
	`margin_mode` text,
	`margin` text,
	`settle_asset` text,
	`as_of` text NOT NULL,
	PRIMARY KEY(`account_id`, `symbol`, `side`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `prices` (
	`asset_id` text NOT NULL,
	`quote` text NOT NULL,
	`source` text NOT NULL,
	`at` text NOT NULL,
	`price` text NOT NULL,
	`fetched_at` text NOT NULL,
	PRIMARY KEY(`asset_id`, `quote`, `source`, `at`)
);
--> statement-breakpoint
CREATE TABLE `secrets` (
	`id` text PRIMARY KEY NOT NULL,
	`key_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`iv` text NOT NULL,
	`ciphertext` text NOT NULL,
	`auth_tag` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`value_usd` text NOT NULL,
	`value_chf` text NOT NULL,
	`unpriced_count` text DEFAULT '0' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `snapshots_scope_at` ON `snapshots` (`scope`,`at`);--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`balances_count` integer DEFAULT 0 NOT NULL,
	`activities_count` integer DEFAULT 0 NOT NULL,
	`positions_count` integer DEFAULT 0 NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`error_code` text,
	`error_message` text,
	`error_hints` text,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_runs_connection_started` ON `sync_runs` (`connection_id`,`started_at`);