import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
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
  type: 'income' | 'expense';
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

export class SummaryRepository {
  constructor(private readonly db: Db) {}

  /**
   * Totals grouped by month, type and category for a date range; the caller folds the groups.
   * Whole months come from monthly_totals, so a year costs a dozen index rows per category, and
   * all time costs as many rows as months; only partial edge months scan transactions.
   */
  groups(userId: number, range: Range): SummaryGroup[] {
    const { months, edges } = splitRange(range);
    const groups = months ? this.monthGroups(userId, months) : [];
    for (const edge of edges) groups.push(...this.scanGroups(userId, edge));
    return groups;
  }

  /** The running balance at the end of the day before `date`: the last row's stored balance. */
  balanceBefore(userId: number, date: string): number {
    this.balanceBeforeStatement ??= this.db
      .select({ balance: transactions.balanceAfter })
      .from(transactions)
      .where(
        and(
          eq(transactions.userId, sql.placeholder('userId')),
          lt(transactions.date, sql.placeholder('date')),
        ),
      )
      .orderBy(desc(transactions.date), desc(transactions.id))
      .limit(1)
      .prepare();
    return this.balanceBeforeStatement.get({ userId, date })?.balance ?? 0;
  }

  private balanceBeforeStatement?: {
    get(values: Record<string, unknown>): { balance: number } | undefined;
  };

  /** The dates of the user's first and last transactions, two index lookups; null without any. */
  dateBounds(userId: number): { first: string; last: string } | null {
    this.dateBoundsStatement ??= this.db
      .select({
        first: sql<string | null>`(SELECT ${transactions.date} FROM ${transactions}
          WHERE ${transactions.userId} = ${sql.placeholder('userId')}
          ORDER BY ${transactions.date} ASC LIMIT 1)`,
        last: sql<string | null>`(SELECT ${transactions.date} FROM ${transactions}
          WHERE ${transactions.userId} = ${sql.placeholder('userId')}
          ORDER BY ${transactions.date} DESC LIMIT 1)`,
      })
      .from(sql`(SELECT 1)`)
      .prepare();
    const bounds = this.dateBoundsStatement.get({ userId });
    return bounds?.first && bounds.last ? { first: bounds.first, last: bounds.last } : null;
  }

  private dateBoundsStatement?: {
    get(values: Record<string, unknown>): { first: string | null; last: string | null } | undefined;
  };

  /**
   * The running balance at the end of each day in the range that has transactions: the stored
   * balance of the day's last row, exact (SQLite takes a bare column from the MAX(id) row).
   */
  dailyBalances(userId: number, range: { from: string; to: string }): Map<string, number> {
    this.dailyBalancesStatement ??= this.db
      .select({
        date: transactions.date,
        lastId: sql<number>`MAX(${transactions.id})`,
        balance: transactions.balanceAfter,
      })
      .from(transactions)
      .where(
        and(
          eq(transactions.userId, sql.placeholder('userId')),
          gte(transactions.date, sql.placeholder('from')),
          lte(transactions.date, sql.placeholder('to')),
        ),
      )
      .groupBy(transactions.date)
      .prepare();
    const rows = this.dailyBalancesStatement.all({ userId, from: range.from, to: range.to });
    return new Map(rows.map((row) => [row.date, row.balance]));
  }

  private dailyBalancesStatement?: {
    all(values: Record<string, unknown>): Array<{ date: string; balance: number }>;
  };

  /** Prepared once per shape (which bounds are given), as drizzle builds and SQLite plans them. */
  private readonly statements = new Map<
    string,
    { all(values: Record<string, unknown>): SummaryGroup[] }
  >();

  private monthGroups(userId: number, months: { from?: string; to?: string }): SummaryGroup[] {
    const key = `months|${months.from ? 'from' : ''}|${months.to ? 'to' : ''}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const conditions: SQL[] = [eq(monthlyTotals.userId, sql.placeholder('userId'))];
      if (months.from) conditions.push(gte(monthlyTotals.month, sql.placeholder('from')));
      if (months.to) conditions.push(lte(monthlyTotals.month, sql.placeholder('to')));
      statement = this.db
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
      this.statements.set(key, statement);
    }
    return statement.all({ userId, from: months.from, to: months.to });
  }

  /** One index range scan of the transactions, grouped by month, type and category. */
  private scanGroups(userId: number, range: Range): SummaryGroup[] {
    const key = `scan|${range.from ? 'from' : ''}|${range.to ? 'to' : ''}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const conditions: SQL[] = [eq(transactions.userId, sql.placeholder('userId'))];
      if (range.from) conditions.push(gte(transactions.date, sql.placeholder('from')));
      if (range.to) conditions.push(lte(transactions.date, sql.placeholder('to')));
      const month = sql<string>`substr(${transactions.date}, 1, 7)`;
      statement = this.db
        .select({
          month,
          type: transactions.type,
          categoryId: transactions.categoryId,
          total: sql<string>`CAST(SUM(${transactions.amount}) AS TEXT)`,
          count: sql<number>`COUNT(*)`,
        })
        .from(transactions)
        .where(and(...conditions))
        .groupBy(month, transactions.type, transactions.categoryId)
        .prepare();
      this.statements.set(key, statement);
    }
    return statement.all({ userId, from: range.from, to: range.to });
  }
}
