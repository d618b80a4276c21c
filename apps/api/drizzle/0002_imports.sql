CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`filename` text,
	`inserted` integer NOT NULL,
	`duplicates` integer NOT NULL,
	`errors` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `imports_user_idx` ON `imports` (`user_id`,`id`);--> statement-breakpoint
ALTER TABLE `transactions` ADD `import_id` integer REFERENCES imports(id);--> statement-breakpoint
CREATE INDEX `transactions_import_idx` ON `transactions` (`import_id`);