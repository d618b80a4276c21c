import { and, asc, desc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import { foldForSearch, monthOf, searchTextOf } from '@moneta/schema';
import type { Db } from '../../db/client.js';
import { transactions, type TransactionRow } from '../../db/schema.js';
import { BalanceOverflowError, isIntegerOverflow } from '../../db/sqlite-errors.js';
import { refreshMonthlyTotals } from '../summary/monthly-totals.js';

export type Executor = Pick<Db, 'run' | 'get'>;

export interface NewTransaction {
  type: 'income' | 'expense';
  amount: number;
  title: string;
  description: string | null;
  categoryId: number | null;
  date: string;
}

export interface ListFilter {
  from?: string | undefined;
  to?: string | undefined;
  type?: 'income' | 'expense' | undefined;
  categoryId?: number | undefined;
  q?: string | undefined;
  after?: { date: string; id: number } | undefined;
  limit: number;
  /** Newest first (the default) or oldest first; `after` continues in that order. */
  order?: 'newest' | 'oldest';
}

export { BalanceOverflowError } from '../../db/sqlite-errors.js';

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Rewrites `balance_after` for the user's rows at or after (date, id), starting from the
 * balance of the row just before. Appending today's transaction touches one row.
 */
export function recomputeBalances(tx: Executor, userId: number, date: string, id: number): void {
  try {
    tx.run(sql`
      WITH start AS (
        SELECT coalesce((
          SELECT balance_after FROM transactions
          WHERE user_id = ${userId} AND (date, id) < (${date}, ${id})
          ORDER BY date DESC, id DESC LIMIT 1
        ), 0) AS base
      ),
      running AS (
        SELECT id, (SELECT base FROM start) + SUM(CASE WHEN type = 'income' THEN amount ELSE -amount END)
          OVER (ORDER BY date, id ROWS UNBOUNDED PRECEDING) AS balance
        FROM transactions
        WHERE user_id = ${userId} AND (date, id) >= (${date}, ${id})
      )
      UPDATE transactions SET balance_after = running.balance
      FROM running
      WHERE transactions.id = running.id AND transactions.balance_after IS NOT running.balance
    `);
  } catch (error) {
    // A running sum past 64 bits fails in SQL before the check below can see it.
    if (isIntegerOverflow(error)) throw new BalanceOverflowError('balance out of exact range');
    throw error;
  }
  const extreme = tx.get<{ extreme: number | null }>(sql`
    SELECT MAX(ABS(balance_after)) AS extreme FROM transactions
    WHERE user_id = ${userId} AND (date, id) >= (${date}, ${id})
  `);
  if (extreme.extreme !== null && extreme.extreme > Number.MAX_SAFE_INTEGER) {
    throw new BalanceOverflowError('balance out of exact range');
  }
}

function earlier(a: { date: string; id: number }, b: { date: string; id: number }) {
  return a.date < b.date || (a.date === b.date && a.id <= b.id) ? a : b;
}

export class TransactionsRepository {
  constructor(private readonly db: Db) {}

  find(userId: number, id: number): TransactionRow | undefined {
    return this.db
      .select()
      .from(transactions)
      .where(and(eq(transactions.userId, userId), eq(transactions.id, id)))
      .get();
  }

  /** `within` runs last inside the write's transaction (to keep an idempotent answer with it). */
  create(
    userId: number,
    input: NewTransaction,
    now: string,
    within?: (tx: Pick<Db, 'update'>, row: TransactionRow) => void,
  ): TransactionRow {
    return this.db.transaction((tx) => {
      const inserted = tx
        .insert(transactions)
        .values({
          ...input,
          userId,
          balanceAfter: 0,
          searchText: searchTextOf(input.title, input.description),
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: transactions.id })
        .get();
      recomputeBalances(tx, userId, input.date, inserted.id);
      refreshMonthlyTotals(tx, userId, [monthOf(input.date)]);
      const row = tx.select().from(transactions).where(eq(transactions.id, inserted.id)).get();
      if (!row) throw new Error(`transaction ${inserted.id} vanished inside its own write`);
      within?.(tx, row);
      return row;
    });
  }

  /** Applies the changes; returns undefined when the user has no such transaction. */
  update(
    userId: number,
    id: number,
    changes: Partial<NewTransaction>,
    now: string,
  ): TransactionRow | undefined {
    return this.db.transaction((tx) => {
      const before = tx
        .select()
        .from(transactions)
        .where(and(eq(transactions.userId, userId), eq(transactions.id, id)))
        .get();
      if (!before) return undefined;
      const searchText =
        changes.title !== undefined || changes.description !== undefined
          ? searchTextOf(
              changes.title ?? before.title,
              changes.description !== undefined ? changes.description : before.description,
            )
          : undefined;
      tx.update(transactions)
        .set({ ...changes, ...(searchText !== undefined ? { searchText } : {}), updatedAt: now })
        .where(eq(transactions.id, id))
        .run();
      const moved =
        changes.date !== undefined || changes.amount !== undefined || changes.type !== undefined;
      if (moved) {
        const start = earlier({ date: before.date, id }, { date: changes.date ?? before.date, id });
        recomputeBalances(tx, userId, start.date, start.id);
      }
      if (moved || changes.categoryId !== undefined) {
        refreshMonthlyTotals(tx, userId, [
          monthOf(before.date),
          monthOf(changes.date ?? before.date),
        ]);
      }
      return tx.select().from(transactions).where(eq(transactions.id, id)).get();
    });
  }

  delete(userId: number, id: number): boolean {
    return this.db.transaction((tx) => {
      const row = tx
        .delete(transactions)
        .where(and(eq(transactions.userId, userId), eq(transactions.id, id)))
        .returning({ date: transactions.date })
        .get();
      if (!row) return false;
      recomputeBalances(tx, userId, row.date, id);
      refreshMonthlyTotals(tx, userId, [monthOf(row.date)]);
      return true;
    });
  }

  /** One prepared statement per filter shape: drizzle builds and SQLite plans each shape once. */
  private readonly listStatements = new Map<
    string,
    { all(values: Record<string, unknown>): TransactionRow[] }
  >();

  private listStatement(filter: ListFilter) {
    const oldestFirst = filter.order === 'oldest';
    const shape = [
      filter.from ? 'from' : '',
      filter.to ? 'to' : '',
      filter.type ? 'type' : '',
      filter.categoryId !== undefined ? 'category' : '',
      filter.q ? 'q' : '',
      filter.after ? 'after' : '',
      oldestFirst ? 'oldest' : 'newest',
    ].join('|');
    const cached = this.listStatements.get(shape);
    if (cached) return cached;
    const p = (name: string) => sql.placeholder(name);
    const conditions: SQL[] = [eq(transactions.userId, p('userId'))];
    if (filter.from) conditions.push(gte(transactions.date, p('from')));
    if (filter.to) conditions.push(lte(transactions.date, p('to')));
    if (filter.type) conditions.push(eq(transactions.type, p('type')));
    if (filter.categoryId !== undefined)
      conditions.push(eq(transactions.categoryId, p('categoryId')));
    if (filter.q) {
      // Both sides folded: case- and accent-insensitive over all of Unicode, not ASCII only.
      conditions.push(sql`${transactions.searchText} LIKE ${p('pattern')} ESCAPE '\\'`);
    }
    if (filter.after) {
      const position = sql`(${transactions.date}, ${transactions.id})`;
      const cursor = sql`(${p('afterDate')}, ${p('afterId')})`;
      conditions.push(oldestFirst ? sql`${position} > ${cursor}` : sql`${position} < ${cursor}`);
    }
    const statement = this.db
      .select()
      .from(transactions)
      .where(and(...conditions))
      .orderBy(
        ...(oldestFirst
          ? [asc(transactions.date), asc(transactions.id)]
          : [desc(transactions.date), desc(transactions.id)]),
      )
      .limit(p('limit'))
      .prepare();
    this.listStatements.set(shape, statement);
    return statement;
  }

  /** Newest first, keyset-paginated on (date, id); fetches one extra row to tell if more follow. */
  list(userId: number, filter: ListFilter): TransactionRow[] {
    return this.listStatement(filter).all({
      userId,
      from: filter.from,
      to: filter.to,
      type: filter.type,
      categoryId: filter.categoryId,
      pattern: filter.q ? likePattern(foldForSearch(filter.q)) : undefined,
      afterDate: filter.after?.date,
      afterId: filter.after?.id,
      limit: filter.limit + 1,
    });
  }

  /** Every matching row, oldest first, read in keyset batches so memory stays flat. */
  *iterate(
    userId: number,
    filter: Omit<ListFilter, 'after' | 'limit' | 'order'>,
  ): Generator<TransactionRow> {
    const batch = 1000;
    let after: { date: string; id: number } | undefined;
    for (;;) {
      const rows = this.list(userId, { ...filter, after, limit: batch, order: 'oldest' });
      yield* rows.slice(0, batch);
      const last = rows[batch - 1];
      if (rows.length <= batch || !last) return;
      after = { date: last.date, id: last.id };
    }
  }

  /** The all-time balance: the running balance of the latest row. */
  private prepareBalance() {
    return this.db
      .select({ balance: transactions.balanceAfter })
      .from(transactions)
      .where(eq(transactions.userId, sql.placeholder('userId')))
      .orderBy(desc(transactions.date), desc(transactions.id))
      .limit(1)
      .prepare();
  }

  private balanceStatement?: ReturnType<TransactionsRepository['prepareBalance']>;

  balance(userId: number): number {
    this.balanceStatement ??= this.prepareBalance();
    return this.balanceStatement.get({ userId })?.balance ?? 0;
  }

  /** The running balance of the last row dated on or before `date`, and how many come after. */
  private prepareBalanceOn() {
    return {
      balance: this.db
        .select({ balance: transactions.balanceAfter })
        .from(transactions)
        .where(
          and(
            eq(transactions.userId, sql.placeholder('userId')),
            lte(transactions.date, sql.placeholder('date')),
          ),
        )
        .orderBy(desc(transactions.date), desc(transactions.id))
        .limit(1)
        .prepare(),
      later: this.db
        .select({ count: sql<number>`count(*)` })
        .from(transactions)
        .where(
          and(
            eq(transactions.userId, sql.placeholder('userId')),
            gt(transactions.date, sql.placeholder('date')),
          ),
        )
        .prepare(),
    };
  }

  private balanceOnStatements?: ReturnType<TransactionsRepository['prepareBalanceOn']>;

  /** The balance at the end of `date`, and the number of transactions dated after it. */
  balanceOn(userId: number, date: string): { balance: number; later: number } {
    this.balanceOnStatements ??= this.prepareBalanceOn();
    const { balance, later } = this.balanceOnStatements;
    return {
      balance: balance.get({ userId, date })?.balance ?? 0,
      later: later.get({ userId, date })?.count ?? 0,
    };
  }
}
