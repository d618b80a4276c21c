import Database from 'better-sqlite3';

export interface LedgerReport {
  integrity: string;
  transactions: number;
  /** Per user: the exact signed sum (of `delta`) of all their rows, in minor units. */
  sums: Map<number, bigint>;
  /** Per account: the exact signed sum of its rows, its balance after every row. */
  balances: Map<number, bigint>;
  /** Every way the stored running balances or totals disagree with the rows; empty when all is well. */
  problems: string[];
  ids: Set<number>;
}

/** At most this many lines of one kind of problem, then a count of the rest. */
const SHOWN = 20;

function capped(problems: string[]): string[] {
  return problems.length <= SHOWN
    ? problems
    : [...problems.slice(0, SHOWN), `... and ${problems.length - SHOWN} more`];
}

interface LedgerRow {
  id: bigint;
  userId: bigint;
  accountId: bigint;
  type: string;
  date: string;
  amount: bigint;
  delta: bigint;
  balanceAfter: bigint;
}

/**
 * Walks every account's rows in (date, id) order and checks each `balance_after` against the
 * BigInt prefix sum of `delta`, and each `delta` against its type and amount. Only `userId`'s
 * accounts when given.
 */
export function checkBalances(
  sqlite: Database.Database,
  userId?: number,
): Pick<LedgerReport, 'transactions' | 'sums' | 'balances' | 'problems' | 'ids'> {
  const rows = sqlite
    .prepare(
      `SELECT id, user_id AS userId, account_id AS accountId, type, date, amount, delta,
              balance_after AS balanceAfter
       FROM transactions ${userId === undefined ? '' : 'WHERE user_id = ?'}
       ORDER BY account_id, date, id`,
    )
    .safeIntegers(true)
    .all(...(userId === undefined ? [] : [userId])) as LedgerRow[];
  const sums = new Map<number, bigint>();
  const balances = new Map<number, bigint>();
  const problems: string[] = [];
  const ids = new Set<number>();
  for (const row of rows) {
    const accountId = Number(row.accountId);
    const balance = (balances.get(accountId) ?? 0n) + row.delta;
    balances.set(accountId, balance);
    sums.set(Number(row.userId), (sums.get(Number(row.userId)) ?? 0n) + row.delta);
    ids.add(Number(row.id));
    const signed =
      row.type === 'income'
        ? row.delta === row.amount
        : row.type === 'expense'
          ? row.delta === -row.amount
          : row.delta === row.amount || row.delta === -row.amount;
    if (!signed) {
      problems.push(
        `transaction ${row.id}: ${row.type} of amount ${row.amount}, delta ${row.delta}`,
      );
    }
    if (row.balanceAfter !== balance) {
      problems.push(
        `account ${row.accountId}, transaction ${row.id} on ${row.date}: balance_after ` +
          `${row.balanceAfter}, prefix sum of delta ${balance}`,
      );
    }
  }
  return { transactions: rows.length, sums, balances, problems: capped(problems), ids };
}

interface TotalRow {
  userId: bigint;
  accountId: bigint;
  month: string;
  type: string;
  categoryKey: bigint;
  total: bigint;
  count: bigint;
}

/**
 * Compares monthly_totals with a fresh GROUP BY over the transactions (income and expense sum
 * their amounts, transfer and opening their signed deltas), row by row; one line per difference.
 */
export function checkMonthlyTotals(sqlite: Database.Database, userId?: number): string[] {
  const where = userId === undefined ? '' : 'WHERE user_id = ?';
  const params = userId === undefined ? [] : [userId];
  const read = (query: string) =>
    new Map(
      (
        sqlite
          .prepare(query)
          .safeIntegers(true)
          .all(...params) as TotalRow[]
      ).map((row) => [
        `user ${row.userId}, account ${row.accountId}, ${row.month} ${row.type} category ${row.categoryKey}`,
        row,
      ]),
    );
  const fresh = read(
    `SELECT user_id AS userId, account_id AS accountId, substr(date, 1, 7) AS month, type,
            coalesce(category_id, 0) AS categoryKey,
            SUM(CASE WHEN type IN ('income', 'expense') THEN amount ELSE delta END) AS total,
            COUNT(*) AS count
     FROM transactions ${where} GROUP BY 1, 2, 3, 4, 5`,
  );
  const stored = read(
    `SELECT user_id AS userId, account_id AS accountId, month, type, category_key AS categoryKey,
            total, count
     FROM monthly_totals ${where}`,
  );
  const shown = (row: TotalRow | undefined) =>
    row ? `${row.total} (${row.count} rows)` : 'nothing';
  const problems: string[] = [];
  for (const key of new Set([...fresh.keys(), ...stored.keys()])) {
    const kept = stored.get(key);
    const computed = fresh.get(key);
    if (kept?.total !== computed?.total || kept?.count !== computed?.count) {
      problems.push(
        `monthly total ${key}: stored ${shown(kept)}, fresh GROUP BY ${shown(computed)}`,
      );
    }
  }
  return capped(problems.sort());
}

/**
 * Reads a database file the way an auditor would: integrity check, then every account's running
 * balances against the BigInt prefix sums of its rows, and the monthly totals against the rows.
 */
export function auditLedger(path: string): LedgerReport {
  const sqlite = new Database(path, { fileMustExist: true });
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true }) as string;
    // The monthly totals are written in the same database transaction: a crash must not split them.
    const balances = checkBalances(sqlite);
    return {
      integrity,
      ...balances,
      problems: [...balances.problems, ...checkMonthlyTotals(sqlite)],
    };
  } finally {
    sqlite.close();
  }
}

/** MONETA_HEAVY=1 switches the suites to their long modes. */
export const HEAVY = process.env.MONETA_HEAVY === '1';
