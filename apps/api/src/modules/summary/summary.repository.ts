import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { daysInMonth } from '@moneta/schema';
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

function lastDayOf(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(year, monthNumber)).padStart(2, '0')}`;
}

function shiftMonth(month: string, by: 1 | -1): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Splits a date range into the whole months inside it, read from monthly_totals, and the partial
 * months at its edges, read from the transactions themselves.
 */
export function splitRange(range: Range): {
  months: { from?: string; to?: string } | null;
  edges: Range[];
} {
  const { from, to } = range;
  const firstMonth =
    from && (from.endsWith('-01') ? from.slice(0, 7) : shiftMonth(from.slice(0, 7), 1));
  const lastMonth =
    to && (to === lastDayOf(to.slice(0, 7)) ? to.slice(0, 7) : shiftMonth(to.slice(0, 7), -1));
  // Past 9999-12 (a range within December 9999) there are no whole months to read.
  const beyondCalendar = firstMonth !== undefined && firstMonth.length > 7;
  if (beyondCalendar || (firstMonth && lastMonth && firstMonth > lastMonth)) {
    return { months: null, edges: [{ from, to }] };
  }
  const edges: Range[] = [];
  if (from && firstMonth !== from.slice(0, 7))
    edges.push({ from, to: lastDayOf(from.slice(0, 7)) });
  if (to && lastMonth !== to.slice(0, 7)) edges.push({ from: `${to.slice(0, 7)}-01`, to });
  return {
    months: {
      ...(firstMonth ? { from: firstMonth } : {}),
      ...(lastMonth ? { to: lastMonth } : {}),
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
