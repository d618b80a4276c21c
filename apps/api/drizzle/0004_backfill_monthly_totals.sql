-- Totals for the transactions recorded before monthly_totals existed.
INSERT INTO `monthly_totals` (`user_id`, `month`, `type`, `category_key`, `total`, `count`)
SELECT `user_id`, substr(`date`, 1, 7), `type`, coalesce(`category_id`, 0), SUM(`amount`), COUNT(*)
FROM `transactions`
GROUP BY `user_id`, substr(`date`, 1, 7), `type`, coalesce(`category_id`, 0);
