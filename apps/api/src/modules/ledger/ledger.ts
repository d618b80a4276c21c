import { sql } from 'drizzle-orm';
import { monthOf } from '@moneta/schema';
import { sqlGet, sqlRun, type Database, type Tx } from '../../db/database.js';
import { BalanceOverflowError, isIntegerOverflow } from '../../db/sqlite-errors.js';
import { refreshMonthlyTotals } from './monthly-totals.js';

/** The open transaction a ledger write runs its statements on. */
export type LedgerTx = Tx;

interface Position {
  date: string;
  id: number;
}

/**
 * What a write changed, account by account: the earliest (date, id) from which running balances
 * may differ, and the months whose totals may differ. A write says what it touched; the ledger
 * works out the rest.
 */
export class Touched {
  private readonly balances = new Map<number, Position>();
  private readonly months = new Map<number, Set<string>>();

  /** A row was inserted, deleted or changed at (date, id) in the account. */
  row(accountId: number, date: string, id = 0): this {
    const current = this.balances.get(accountId);
    if (!current || date < current.date || (date === current.date && id < current.id)) {
      this.balances.set(accountId, { date, id });
    }
    return this.month(accountId, monthOf(date));
  }

  /** The month's totals may differ (a category move), with no balance changed. */
  month(accountId: number, month: string): this {
    const months = this.months.get(accountId) ?? new Set<string>();
    months.add(month);
    this.months.set(accountId, months);
    return this;
  }

  get empty(): boolean {
    return this.months.size === 0;
  }

  /** @internal */
  async settle(tx: LedgerTx, userId: number): Promise<void> {
    for (const [accountId, from] of this.balances) await recomputeBalances(tx, accountId, from);
    for (const [accountId, months] of this.months) {
      await refreshMonthlyTotals(tx, userId, accountId, months);
    }
  }
}

/**
 * The one way to write to the ledger (transactions, transfers, opening balances, imports,
 * category moves, account changes): `write` runs inside a database transaction and notes what it
 * touched; the per-account running balances and monthly totals are brought up to date before the
 * transaction commits, and `finish` runs after that (to read the settled rows, or keep an
 * idempotent answer with them). A balance or total leaving the exact range throws
 * BalanceOverflowError and nothing is written.
 */
export function writeLedger<T, R = T>(
  database: Database,
  userId: number,
  write: (tx: LedgerTx, touched: Touched) => Promise<T>,
  finish?: (tx: LedgerTx, written: T) => Promise<R>,
): Promise<R> {
  return database.transaction(async (tx) => {
    const touched = new Touched();
    const written = await write(tx, touched);
    await touched.settle(tx, userId);
    return finish ? finish(tx, written) : (written as unknown as R);
  });
}

/**
 * Rewrites `balance_after` for the account's rows at or after (date, id), starting from the
 * balance of the row just before. Appending today's transaction touches one row.
 */
async function recomputeBalances(tx: LedgerTx, accountId: number, from: Position): Promise<void> {
  try {
    await sqlRun(
      tx,
      sql`
      WITH start AS (
        SELECT coalesce((
          SELECT balance_after FROM transactions
          WHERE account_id = ${accountId} AND (date, id) < (${from.date}, ${from.id})
          ORDER BY date DESC, id DESC LIMIT 1
        ), 0) AS base
      ),
      running AS (
        SELECT id, (SELECT base FROM start) + SUM(delta)
          OVER (ORDER BY date, id ROWS UNBOUNDED PRECEDING) AS balance
        FROM transactions
        WHERE account_id = ${accountId} AND (date, id) >= (${from.date}, ${from.id})
      )
      UPDATE transactions SET balance_after = running.balance
      FROM running
      WHERE transactions.id = running.id AND transactions.balance_after IS NOT running.balance
    `,
    );
  } catch (error) {
    // A running sum past 64 bits fails in SQL before the check below can see it.
    if (isIntegerOverflow(error)) throw new BalanceOverflowError('balance out of exact range');
    throw error;
  }
  const extreme = await sqlGet<{ extreme: number | null }>(
    tx,
    sql`
    SELECT MAX(ABS(balance_after)) AS extreme FROM transactions
    WHERE account_id = ${accountId} AND (date, id) >= (${from.date}, ${from.id})
  `,
  );
  if (extreme?.extreme != null && extreme.extreme > Number.MAX_SAFE_INTEGER) {
    throw new BalanceOverflowError('balance out of exact range');
  }
}

export { BalanceOverflowError } from '../../db/sqlite-errors.js';
