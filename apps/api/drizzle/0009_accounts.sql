CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`kind` text NOT NULL,
	`currency` text NOT NULL,
	`on_budget` integer DEFAULT true NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`opening_balance` integer DEFAULT 0 NOT NULL,
	`opening_date` text NOT NULL,
	`closed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_user_name_unique` ON `accounts` (`user_id`,`name_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_user_default_unique` ON `accounts` (`user_id`) WHERE "accounts"."is_default" = 1;--> statement-breakpoint
CREATE TABLE `rates` (
	`user_id` integer NOT NULL,
	`base` text NOT NULL,
	`quote` text NOT NULL,
	`date` text NOT NULL,
	`rate` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`user_id`, `base`, `quote`, `date`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reconciliations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`date` text NOT NULL,
	`statement_balance` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reconciliations_account_idx` ON `reconciliations` (`account_id`,`date`);--> statement-breakpoint
CREATE TABLE `transfers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `transfers_user_idx` ON `transfers` (`user_id`);--> statement-breakpoint
-- Every existing user gets one account, in their currency, holding all their history.
INSERT INTO `accounts` (`user_id`, `name`, `name_key`, `kind`, `currency`, `is_default`, `opening_date`, `updated_at`)
SELECT `id`, 'Main account', 'main account', 'checking', `currency`, 1, substr(`created_at`, 1, 10), `created_at` FROM `users`;
--> statement-breakpoint
ALTER TABLE `imports` ADD `account_id` integer REFERENCES accounts(id);
--> statement-breakpoint
UPDATE `imports` SET `account_id` = (SELECT `id` FROM `accounts` WHERE `accounts`.`user_id` = `imports`.`user_id`);
--> statement-breakpoint
CREATE TABLE `__new_transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`category_id` integer,
	`type` text NOT NULL,
	`amount` integer NOT NULL,
	`delta` integer NOT NULL,
	`transfer_id` integer,
	`cleared` integer DEFAULT false NOT NULL,
	`reconciliation_id` integer,
	`title` text NOT NULL,
	`description` text,
	`date` text NOT NULL,
	`balance_after` integer NOT NULL,
	`import_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`search_text` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transfer_id`) REFERENCES `transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reconciliation_id`) REFERENCES `reconciliations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Balances were kept per user; with one account per user they are already the account's.
INSERT INTO `__new_transactions` (`id`, `user_id`, `account_id`, `category_id`, `type`, `amount`, `delta`, `title`, `description`, `date`, `balance_after`, `import_id`, `created_at`, `search_text`, `updated_at`)
SELECT t.`id`, t.`user_id`, a.`id`, t.`category_id`, t.`type`, t.`amount`,
  CASE WHEN t.`type` = 'income' THEN t.`amount` ELSE -t.`amount` END,
  t.`title`, t.`description`, t.`date`, t.`balance_after`, t.`import_id`, t.`created_at`, t.`search_text`, t.`updated_at`
FROM `transactions` t JOIN `accounts` a ON a.`user_id` = t.`user_id`;
--> statement-breakpoint
DROP TABLE `transactions`;
--> statement-breakpoint
ALTER TABLE `__new_transactions` RENAME TO `transactions`;
--> statement-breakpoint
CREATE INDEX `transactions_user_date_id_idx` ON `transactions` (`user_id`,`date`,`id`);--> statement-breakpoint
CREATE INDEX `transactions_user_category_date_idx` ON `transactions` (`user_id`,`category_id`,`date`,`id`);--> statement-breakpoint
CREATE INDEX `transactions_user_type_date_idx` ON `transactions` (`user_id`,`type`,`date`,`id`);--> statement-breakpoint
CREATE INDEX `transactions_summary_idx` ON `transactions` (`account_id`,`date`,`type`,`category_id`,`amount`,`delta`);--> statement-breakpoint
CREATE INDEX `transactions_import_idx` ON `transactions` (`import_id`);--> statement-breakpoint
CREATE INDEX `transactions_unsearchable_idx` ON `transactions` (`id`) WHERE "transactions"."search_text" IS NULL;--> statement-breakpoint
CREATE INDEX `transactions_account_date_id_idx` ON `transactions` (`account_id`,`date`,`id`);--> statement-breakpoint
CREATE INDEX `transactions_transfer_idx` ON `transactions` (`transfer_id`);--> statement-breakpoint
CREATE INDEX `transactions_reconciliation_idx` ON `transactions` (`reconciliation_id`) WHERE "transactions"."reconciliation_id" IS NOT NULL;
--> statement-breakpoint
DROP TABLE `monthly_totals`;
--> statement-breakpoint
CREATE TABLE `monthly_totals` (
	`user_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`month` text NOT NULL,
	`type` text NOT NULL,
	`category_key` integer NOT NULL,
	`total` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`user_id`, `month`, `account_id`, `type`, `category_key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `monthly_totals` (`user_id`, `account_id`, `month`, `type`, `category_key`, `total`, `count`)
SELECT `user_id`, `account_id`, substr(`date`, 1, 7), `type`, coalesce(`category_id`, 0), SUM(`amount`), COUNT(*)
FROM `transactions`
GROUP BY `user_id`, `account_id`, substr(`date`, 1, 7), `type`, coalesce(`category_id`, 0);
