import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { firstDayOfMonth, lastDayOfMonth } from '@moneta/schema';
import type { Db } from '../../db/client.js';
import { BalanceOverflowError, isIntegerOverflow } from '../../db/sqlite-errors.js';

type Executor = Pick<Db, 'run'>;

/**
 * Recomputes the user's monthly totals for the given months from their transactions. Every write
 * to `transactions` calls this inside its own database transaction, for the months it touched.
 */
export function refreshMonthlyTotals(tx: Executor, userId: number, months: Iterable<string>): void {
  for (const month of new Set(months)) {
    tx.run(sql`DELETE FROM monthly_totals WHERE user_id = ${userId} AND month = ${month}`);
    try {
      tx.run(sql`
        INSERT INTO monthly_totals (user_id, month, type, category_key, total, count)
        SELECT user_id, ${month}, type, coalesce(category_id, 0), SUM(amount), COUNT(*)
        FROM transactions
        WHERE user_id = ${userId} AND date >= ${firstDayOfMonth(month)} AND date <= ${lastDayOfMonth(month)}
        GROUP BY type, coalesce(category_id, 0)
      `);
    } catch (error) {
      // Thousands of maximal amounts in one month: a total beyond 64 bits is refused, not wrapped.
      if (isIntegerOverflow(error)) {
        throw new BalanceOverflowError('monthly total out of range');
      }
      throw error;
    }
  }
}

/** Rebuilds every monthly total from scratch, for bulk loads that bypass the repositories. */
export function rebuildMonthlyTotals(sqlite: Database.Database): void {
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM monthly_totals').run();
    sqlite
      .prepare(
        `INSERT INTO monthly_totals (user_id, month, type, category_key, total, count)
         SELECT user_id, substr(date, 1, 7), type, coalesce(category_id, 0), SUM(amount), COUNT(*)
         FROM transactions GROUP BY user_id, substr(date, 1, 7), type, coalesce(category_id, 0)`,
      )
      .run();
  })();
}
