import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { firstDayOfMonth, lastDayOfMonth } from '@moneta/schema';
import { sqlRun, type Tx } from '../../db/database.js';
import { BalanceOverflowError, isIntegerOverflow } from '../../db/sqlite-errors.js';

type Executor = Pick<Tx, 'run'>;

/**
 * What a group's total means: income and expense sum their (positive) amounts; transfer legs and
 * opening balances sum their signed changes, so a month's change to the balance is
 * income - expense + transfer + opening.
 */
const TOTAL_SQL = "SUM(CASE WHEN type IN ('income', 'expense') THEN amount ELSE delta END)";
const TOTAL = sql.raw(TOTAL_SQL);

/**
 * Recomputes an account's totals for the given months from its transactions.
 * Only the ledger calls this, inside the write's own database transaction.
 */
export async function refreshMonthlyTotals(
  tx: Executor,
  userId: number,
  accountId: number,
  months: Iterable<string>,
): Promise<void> {
  for (const month of new Set(months)) {
    await sqlRun(
      tx,
      sql`DELETE FROM monthly_totals
      WHERE user_id = ${userId} AND month = ${month} AND account_id = ${accountId}`,
    );
    try {
      await sqlRun(
        tx,
        sql`
        INSERT INTO monthly_totals (user_id, account_id, month, type, category_key, total, count)
        SELECT ${userId}, account_id, ${month}, type, coalesce(category_id, 0), ${TOTAL}, COUNT(*)
        FROM transactions
        WHERE account_id = ${accountId} AND date >= ${firstDayOfMonth(month)}
          AND date <= ${lastDayOfMonth(month)}
        GROUP BY type, coalesce(category_id, 0)
      `,
      );
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
        `INSERT INTO monthly_totals (user_id, account_id, month, type, category_key, total, count)
         SELECT user_id, account_id, substr(date, 1, 7), type, coalesce(category_id, 0), ${TOTAL_SQL}, COUNT(*)
         FROM transactions
         GROUP BY user_id, account_id, substr(date, 1, 7), type, coalesce(category_id, 0)`,
      )
      .run();
  })();
}
