import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import {
  firstDayOfMonth,
  lastDayOfMonth,
  monthFromIndex,
  monthIndex,
  monthOf,
} from '@moneta/schema';
import type { Database, Db } from '../../db/database.js';
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

/** Income or expense of one category over a range. */
export interface CategoryTotal {
  type: 'income' | 'expense';
  categoryId: number | null;
  /** Exact SUM as text. */
  total: string;
  count: number;
}

/** One month's sum of one type: amounts for income and expense, signed changes otherwise. */
export interface MonthTotal {
  month: string;
  type: SummaryGroup['type'];
  total: string;
}

export interface SummaryTotals {
  categories: CategoryTotal[];
  months: MonthTotal[];
}

/** Adds row-level groups to the totals; the caller folds equal keys. */
function addGroups(totals: SummaryTotals, groups: readonly SummaryGroup[]): void {
  for (const { month, type, categoryId, total, count } of groups) {
    totals.months.push({ month, type, total });
    if (type === 'income' || type === 'expense') {
      totals.categories.push({ type, categoryId, total, count });
    }
  }
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

/** A prepared statement of either kind of driver: SQLite's answer at once, another's later. */
type Statement<T> = {
  all(values: Record<string, unknown>): T[] | Promise<T[]>;
  get(values: Record<string, unknown>): T | undefined | Promise<T | undefined>;
};

export class SummaryRepository {
  constructor(private readonly database: Database) {}

  /**
   * Totals for a date range over a set of accounts: each category's income or expense over the
   * whole range, and each month's sum per type (transfer and opening as signed sums). Whole
   * months are summed in SQL from monthly_totals, so the answer is a row per category and per
   * month and type, however many accounts and categories fed them; only partial edge months scan
   * transactions. A sum past 64 bits (SQLite's SUM refuses it) is folded in BigInt instead.
   */
  async totals(userId: number, accounts: readonly number[], range: Range): Promise<SummaryTotals> {
    const { months, edges } = splitRange(range);
    const ids = JSON.stringify(accounts);
    const totals: SummaryTotals = { categories: [], months: [] };
    if (months) {
      const values = { userId, accounts: ids, from: months.from, to: months.to };
      try {
        totals.categories = (await this.monthStatement('categories', months).all(
          values,
        )) as CategoryTotal[];
        totals.months = (await this.monthStatement('months', months).all(values)) as MonthTotal[];
      } catch (error) {
        if (!(error instanceof Error && /integer overflow/.test(error.message))) throw error;
        totals.categories = [];
        totals.months = [];
        addGroups(
          totals,
          (await this.monthStatement('rows', months).all(values)) as SummaryGroup[],
        );
      }
    }
    for (const edge of edges) addGroups(totals, await this.scanGroups(ids, edge));
    return totals;
  }

  private readonly prepared = new Map<string, () => Statement<unknown>>();

  private statement<T>(key: string, build: (db: Db) => Statement<T>): Statement<T> {
    let found = this.prepared.get(key) as (() => Statement<T>) | undefined;
    if (!found) {
      found = this.database.prepared(build);
      this.prepared.set(key, found);
    }
    return found();
  }

  /**
   * The sum over the accounts of each one's running balance at the end of `date` ('through'),
   * the end of the day before ('before') or after every row ('latest'): one index probe each.
   */
  async balance(
    accounts: readonly number[],
    when: 'through' | 'before' | 'latest',
    date = '',
  ): Promise<bigint> {
    const statement = this.statement(`balance|${when}`, (db) => {
      const dated =
        when === 'through'
          ? sql`AND date <= ${sql.placeholder('date')}`
          : when === 'before'
            ? sql`AND date < ${sql.placeholder('date')}`
            : sql``;
      return db
        .select({
          total: sql<string>`CAST(coalesce(SUM((SELECT balance_after FROM transactions
            WHERE account_id = j.value ${dated} ORDER BY date DESC, id DESC LIMIT 1)), 0) AS TEXT)`,
        })
        .from(sql`json_each(${sql.placeholder('accounts')}) j`)
        .prepare();
    });
    return BigInt(
      (await statement.get({ accounts: JSON.stringify(accounts), date }))?.total ?? '0',
    );
  }

  /** How many of the accounts' rows are dated after `date`. */
  async countAfter(accounts: readonly number[], date: string): Promise<number> {
    const statement = this.statement(
      'after',
      (db) =>
        db
          .select({ count: sql<number>`count(*)` })
          .from(transactions)
          .where(
            sql`${transactions.accountId} ${IN_ACCOUNTS} AND ${transactions.date} > ${sql.placeholder('date')}`,
          )
          .prepare() as unknown as Statement<{ count: number }>,
    );
    return (await statement.get({ accounts: JSON.stringify(accounts), date }))?.count ?? 0;
  }

  /** The dates of the accounts' first and last transactions; null without any. */
  async dateBounds(accounts: readonly number[]): Promise<{ first: string; last: string } | null> {
    const statement = this.statement(
      'bounds',
      (db) =>
        db
          .select({
            first: sql<string | null>`MIN((SELECT date FROM transactions WHERE account_id = j.value
            ORDER BY date ASC LIMIT 1))`,
            last: sql<string | null>`MAX((SELECT date FROM transactions WHERE account_id = j.value
            ORDER BY date DESC LIMIT 1))`,
          })
          .from(sql`json_each(${sql.placeholder('accounts')}) j`)
          .prepare() as unknown as Statement<{ first: string | null; last: string | null }>,
    );
    const bounds = await statement.get({ accounts: JSON.stringify(accounts) });
    return bounds?.first && bounds.last ? { first: bounds.first, last: bounds.last } : null;
  }

  /**
   * Each account's running balance at the end of each day in the range that has transactions:
   * the stored balance of the day's last row, exact (SQLite takes a bare column from the
   * MAX(id) row).
   */
  async dailyBalances(
    accounts: readonly number[],
    range: { from: string; to: string },
  ): Promise<Array<{ accountId: number; date: string; balance: number }>> {
    const statement = this.statement(
      'daily',
      (db) =>
        db
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

  /**
   * monthly_totals over whole months: summed per category ('categories'), per month and type
   * ('months'), or row by row ('rows', for sums SQL cannot hold).
   */
  private monthStatement(
    shape: 'categories' | 'months' | 'rows',
    months: { from?: string; to?: string },
  ): Statement<unknown> {
    return this.statement<unknown>(
      `${shape}|${months.from ? 'from' : ''}|${months.to ? 'to' : ''}`,
      (db) => {
        const conditions: SQL[] = [
          eq(monthlyTotals.userId, sql.placeholder('userId')),
          sql`${monthlyTotals.accountId} ${IN_ACCOUNTS}`,
        ];
        if (months.from) conditions.push(gte(monthlyTotals.month, sql.placeholder('from')));
        if (months.to) conditions.push(lte(monthlyTotals.month, sql.placeholder('to')));
        const categoryId = sql<number | null>`nullif(${monthlyTotals.categoryKey}, 0)`;
        if (shape === 'rows') {
          return db
            .select({
              month: monthlyTotals.month,
              type: monthlyTotals.type,
              categoryId,
              total: sql<string>`CAST(${monthlyTotals.total} AS TEXT)`,
              count: monthlyTotals.count,
            })
            .from(monthlyTotals)
            .where(and(...conditions))
            .prepare();
        }
        const total = sql<string>`CAST(SUM(${monthlyTotals.total}) AS TEXT)`;
        if (shape === 'months') {
          return db
            .select({ month: monthlyTotals.month, type: monthlyTotals.type, total })
            .from(monthlyTotals)
            .where(and(...conditions))
            .groupBy(monthlyTotals.month, monthlyTotals.type)
            .prepare();
        }
        conditions.push(inArray(monthlyTotals.type, ['income', 'expense']));
        return db
          .select({
            type: monthlyTotals.type,
            categoryId,
            total,
            count: sql<number>`SUM(${monthlyTotals.count})`,
          })
          .from(monthlyTotals)
          .where(and(...conditions))
          .groupBy(monthlyTotals.type, monthlyTotals.categoryKey)
          .prepare();
      },
    );
  }

  /** One index range scan of the transactions, grouped by month, type and category. */
  private async scanGroups(accounts: string, range: Range): Promise<SummaryGroup[]> {
    const statement = this.statement(
      `scan|${range.from ? 'from' : ''}|${range.to ? 'to' : ''}`,
      (db) => {
        // The accounts are the user's: the account id alone picks the rows, from the covering index.
        const conditions: SQL[] = [sql`${transactions.accountId} ${IN_ACCOUNTS}`];
        if (range.from) conditions.push(gte(transactions.date, sql.placeholder('from')));
        if (range.to) conditions.push(lte(transactions.date, sql.placeholder('to')));
        const month = sql<string>`substr(${transactions.date}, 1, 7)`;
        return db
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
