import Database from 'better-sqlite3';

export interface LedgerReport {
  integrity: string;
  transactions: number;
  /** Per user: the exact signed sum of the rows, in minor units. */
  sums: Map<number, bigint>;
  /** Every way the stored running balances disagree with the rows; empty when all is well. */
  problems: string[];
  ids: Set<number>;
}

/**
 * Reads a database file the way an auditor would: integrity check, then for every user walks the
 * rows in (date, id) order and checks each `balance_after` against the BigInt prefix sum, and that
 * the latest one equals the sum of all rows, and that the monthly totals match the rows.
 */
export function auditLedger(path: string): LedgerReport {
  const sqlite = new Database(path, { fileMustExist: true });
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true }) as string;
    const rows = sqlite
      .prepare(
        'SELECT id, user_id AS userId, type, amount, balance_after AS balanceAfter FROM transactions ORDER BY user_id, date, id',
      )
      .safeIntegers(true)
      .all() as Array<{
      id: bigint;
      userId: bigint;
      type: string;
      amount: bigint;
      balanceAfter: bigint;
    }>;
    const sums = new Map<number, bigint>();
    const problems: string[] = [];
    const ids = new Set<number>();
    for (const row of rows) {
      const userId = Number(row.userId);
      const sum = (sums.get(userId) ?? 0n) + (row.type === 'income' ? row.amount : -row.amount);
      sums.set(userId, sum);
      ids.add(Number(row.id));
      if (row.balanceAfter !== sum) {
        problems.push(
          `transaction ${row.id}: balance_after ${row.balanceAfter}, prefix sum ${sum}`,
        );
      }
    }
    for (const [userId, sum] of sums) {
      const latest = sqlite
        .prepare(
          'SELECT balance_after FROM transactions WHERE user_id = ? ORDER BY date DESC, id DESC LIMIT 1',
        )
        .safeIntegers(true)
        .pluck()
        .get(userId) as bigint;
      if (latest !== sum) problems.push(`user ${userId}: balance ${latest}, sum of rows ${sum}`);
    }
    // The monthly totals are written in the same database transaction: a crash must not split them.
    const fresh = `SELECT user_id, substr(date, 1, 7), type, coalesce(category_id, 0), SUM(amount), COUNT(*)
      FROM transactions GROUP BY 1, 2, 3, 4`;
    const stored = 'SELECT user_id, month, type, category_key, total, count FROM monthly_totals';
    const drift = sqlite
      .prepare(
        `SELECT (SELECT COUNT(*) FROM (${fresh} EXCEPT ${stored})) + (SELECT COUNT(*) FROM (${stored} EXCEPT ${fresh}))`,
      )
      .pluck()
      .get() as number;
    if (drift > 0) problems.push(`${drift} monthly totals disagree with the transactions`);
    return { integrity, transactions: rows.length, sums, problems, ids };
  } finally {
    sqlite.close();
  }
}

/** MONETA_HEAVY=1 switches the suites to their long modes. */
export const HEAVY = process.env.MONETA_HEAVY === '1';
