import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import {
  firstDayOfMonth,
  lastDayOfMonth,
  monthFromIndex,
  monthIndex,
  monthOf,
} from '@moneta/schema';
import type { Db } from '../../db/client.js';
import { monthlyTotals, transactions } from '../../db/schema.js';

export interface SummaryGroup {
  month: string;
  /** transfer and opening groups sum signed changes; income and expense sum amounts. */
  type: 'income' | 'expense' | 'transfer' | 'opening';
  categoryId: number | null;
  /** Exact SUM as text: BigInt-parsed by the caller, never through a float. */
  total: string;
  count: number;
}

type Range = { from?: string | undefined; to?: string | undefined };

const FIRST_MONTH = monthIndex('0001-01');
const LAST_MONTH = monthIndex('9999-12');

/**
 * Splits a date range into the whole months inside it, read from monthly_totals, and the partial
 * months at its edges, read from the transactions themselves.
 */
export function splitRange(range: Range): {
  months: { from?: string; to?: string } | null;
  edges: Range[];
} {
  const { from, to } = range;
  const fromMonth = from === undefined ? undefined : monthOf(from);
  const toMonth = to === undefined ? undefined : monthOf(to);
  // Month indexes of the first and last whole month: one past a partial month at either edge.
  const first =
    from === undefined || fromMonth === undefined
      ? undefined
      : monthIndex(fromMonth) + (from === firstDayOfMonth(fromMonth) ? 0 : 1);
  const last =
    to === undefined || toMonth === undefined
      ? undefined
      : monthIndex(toMonth) - (to === lastDayOfMonth(toMonth) ? 0 : 1);
  // Past 9999-12 or before 0001-01 (a range inside the calendar's first or last month) there
  // are no whole months to read.
  if (
    (first !== undefined && first > LAST_MONTH) ||
    (last !== undefined && last < FIRST_MONTH) ||
    (first !== undefined && last !== undefined && first > last)
  ) {
    return { months: null, edges: [{ from, to }] };
  }
  const edges: Range[] = [];
  if (from !== undefined && fromMonth !== undefined && first !== monthIndex(fromMonth))
    edges.push({ from, to: lastDayOfMonth(fromMonth) });
  if (to !== undefined && toMonth !== undefined && last !== monthIndex(toMonth))
    edges.push({ from: firstDayOfMonth(toMonth), to });
  return {
    months: {
      ...(first !== undefined ? { from: monthFromIndex(first) } : {}),
      ...(last !== undefined ? { to: monthFromIndex(last) } : {}),
    },
    edges,
  };
}

/** Rows of these accounts only; `accounts` is a JSON array of ids, so one statement fits any set. */
const IN_ACCOUNTS = sql`IN (SELECT value FROM json_each(${sql.placeholder('accounts')}))`;

type Statement<T> = {
  all(values: Record<string, unknown>): T[];
  get(values: Record<string, unknown>): T | undefined;
};

export class SummaryRepository {
  constructor(private readonly db: Db) {}

  /**
   * Totals grouped by month, type and category for a date range over a set of accounts; the
   * caller folds the groups. Whole months come from monthly_totals, so a year costs a dozen
   * index rows per category and account; only partial edge months scan transactions. Transfer
   * and opening groups carry signed sums.
   */
  groups(userId: number, accounts: readonly number[], range: Range): SummaryGroup[] {
    const { months, edges } = splitRange(range);
    const ids = JSON.stringify(accounts);
    const groups = months ? this.monthGroups(userId, ids, months) : [];
    for (const edge of edges) groups.push(...this.scanGroups(ids, edge));
    return groups;
  }

  private readonly prepared = new Map<string, Statement<unknown>>();

  private statement<T>(key: string, build: () => Statement<T>): Statement<T> {
    let found = this.prepared.get(key) as Statement<T> | undefined;
    if (!found) {
      found = build();
      this.prepared.set(key, found);
    }
    return found;
  }

  /**
   * The sum over the accounts of each one's running balance at the end of `date` ('through'),
   * the end of the day before ('before') or after every row ('latest'): one index probe each.
   */
  balance(accounts: readonly number[], when: 'through' | 'before' | 'latest', date = ''): bigint {
    const statement = this.statement(`balance|${when}`, () => {
      const dated =
        when === 'through'
          ? sql`AND date <= ${sql.placeholder('date')}`
          : when === 'before'
            ? sql`AND date < ${sql.placeholder('date')}`
            : sql``;
      return this.db
        .select({
          total: sql<string>`CAST(coalesce(SUM((SELECT balance_after FROM transactions
            WHERE account_id = j.value ${dated} ORDER BY date DESC, id DESC LIMIT 1)), 0) AS TEXT)`,
        })
        .from(sql`json_each(${sql.placeholder('accounts')}) j`)
        .prepare();
    });
    return BigInt(statement.get({ accounts: JSON.stringify(accounts), date })?.total ?? '0');
  }

  /** How many of the accounts' rows are dated after `date`. */
  countAfter(accounts: readonly number[], date: string): number {
    const statement = this.statement(
      'after',
      () =>
        this.db
          .select({ count: sql<number>`count(*)` })
          .from(transactions)
          .where(
            sql`${transactions.accountId} ${IN_ACCOUNTS} AND ${transactions.date} > ${sql.placeholder('date')}`,
          )
          .prepare() as unknown as Statement<{ count: number }>,
    );
    return statement.get({ accounts: JSON.stringify(accounts), date })?.count ?? 0;
  }

  /** The dates of the accounts' first and last transactions; null without any. */
  dateBounds(accounts: readonly number[]): { first: string; last: string } | null {
    const statement = this.statement(
      'bounds',
      () =>
        this.db
          .select({
            first: sql<string | null>`MIN((SELECT date FROM transactions WHERE account_id = j.value
            ORDER BY date ASC LIMIT 1))`,
            last: sql<string | null>`MAX((SELECT date FROM transactions WHERE account_id = j.value
            ORDER BY date DESC LIMIT 1))`,
          })
          .from(sql`json_each(${sql.placeholder('accounts')}) j`)
          .prepare() as unknown as Statement<{ first: string | null; last: string | null }>,
    );
    const bounds = statement.get({ accounts: JSON.stringify(accounts) });
    return bounds?.first && bounds.last ? { first: bounds.first, last: bounds.last } : null;
  }

  /**
   * Each account's running balance at the end of each day in the range that has transactions:
   * the stored balance of the day's last row, exact (SQLite takes a bare column from the
   * MAX(id) row).
   */
  dailyBalances(
    accounts: readonly number[],
    range: { from: string; to: string },
  ): Array<{ accountId: number; date: string; balance: number }> {
    const statement = this.statement(
      'daily',
      () =>
        this.db
          .select({
            accountId: transactions.accountId,
            date: transactions.date,
            lastId: sql<number>`MAX(${transactions.id})`,
            balance: transactions.balanceAfter,
          })
          .from(transactions)
          .where(
            and(
              sql`${transactions.accountId} ${IN_ACCOUNTS}`,
              gte(transactions.date, sql.placeholder('from')),
              lte(transactions.date, sql.placeholder('to')),
            ),
          )
          .groupBy(transactions.accountId, transactions.date)
          .prepare() as unknown as Statement<{ accountId: number; date: string; balance: number }>,
    );
    return statement.all({ accounts: JSON.stringify(accounts), from: range.from, to: range.to });
  }

  private monthGroups(
    userId: number,
    accounts: string,
    months: { from?: string; to?: string },
  ): SummaryGroup[] {
    const statement = this.statement(
      `months|${months.from ? 'from' : ''}|${months.to ? 'to' : ''}`,
      () => {
        const conditions: SQL[] = [
          eq(monthlyTotals.userId, sql.placeholder('userId')),
          sql`${monthlyTotals.accountId} ${IN_ACCOUNTS}`,
        ];
        if (months.from) conditions.push(gte(monthlyTotals.month, sql.placeholder('from')));
        if (months.to) conditions.push(lte(monthlyTotals.month, sql.placeholder('to')));
        return this.db
          .select({
            month: monthlyTotals.month,
            type: monthlyTotals.type,
            categoryId: sql<number | null>`nullif(${monthlyTotals.categoryKey}, 0)`,
            total: sql<string>`CAST(${monthlyTotals.total} AS TEXT)`,
            count: monthlyTotals.count,
          })
          .from(monthlyTotals)
          .where(and(...conditions))
          .prepare();
      },
    );
    return statement.all({ userId, accounts, from: months.from, to: months.to });
  }

  /** One index range scan of the transactions, grouped by month, type and category. */
  private scanGroups(accounts: string, range: Range): SummaryGroup[] {
    const statement = this.statement(
      `scan|${range.from ? 'from' : ''}|${range.to ? 'to' : ''}`,
      () => {
        // The accounts are the user's: the account id alone picks the rows, from the covering index.
        const conditions: SQL[] = [sql`${transactions.accountId} ${IN_ACCOUNTS}`];
        if (range.from) conditions.push(gte(transactions.date, sql.placeholder('from')));
        if (range.to) conditions.push(lte(transactions.date, sql.placeholder('to')));
        const month = sql<string>`substr(${transactions.date}, 1, 7)`;
        return this.db
          .select({
            month,
            type: transactions.type,
            categoryId: transactions.categoryId,
            total: sql<string>`CAST(SUM(CASE WHEN ${transactions.type} IN ('income', 'expense')
            THEN ${transactions.amount} ELSE ${transactions.delta} END) AS TEXT)`,
            count: sql<number>`COUNT(*)`,
          })
          .from(transactions)
          .where(and(...conditions))
          .groupBy(month, transactions.type, transactions.categoryId)
          .prepare();
      },
    );
    return statement.all({ accounts, from: range.from, to: range.to });
  }
}
