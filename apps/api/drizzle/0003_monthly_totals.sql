CREATE TABLE `monthly_totals` (
	`user_id` integer NOT NULL,
	`month` text NOT NULL,
	`type` text NOT NULL,
	`category_key` integer NOT NULL,
	`total` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`user_id`, `month`, `type`, `category_key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
