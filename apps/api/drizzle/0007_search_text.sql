ALTER TABLE `transactions` ADD `search_text` text;--> statement-breakpoint
CREATE INDEX `transactions_unsearchable_idx` ON `transactions` (`id`) WHERE "transactions"."search_text" IS NULL;