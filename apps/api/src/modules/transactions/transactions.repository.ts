import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { foldForSearch, monthOf, searchTextOf } from '@moneta/schema';
import type { Database } from '../../db/database.js';
import { transactions, type TransactionRow } from '../../db/schema.js';
import { writeLedger, type LedgerTx } from '../ledger/ledger.js';

export interface NewTransaction {
  accountId: number;
  type: 'income' | 'expense';
  amount: number;
  title: string;
  description: string | null;
  categoryId: number | null;
  date: string;
}

/** A PATCH as the repository applies it: the row's fields, its cleared flag, an unlock. */
export type TransactionChanges = Partial<NewTransaction> & {
  cleared?: boolean;
  reconciliationId?: null;
};

export interface ListFilter {
  accountId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  type?: TransactionRow['type'] | undefined;
  categoryId?: number | undefined;
  q?: string | undefined;
  after?: { date: string; id: number } | undefined;
  limit: number;
  /** Newest first (the default) or oldest first; `after` continues in that order. */
  order?: 'newest' | 'oldest';
}

export { BalanceOverflowError } from '../ledger/ledger.js';

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The signed change a row makes to its account's balance. */
export function deltaOf(type: 'income' | 'expense', amount: number): number {
  return type === 'income' ? amount : -amount;
}

export class TransactionsRepository {
  constructor(private readonly database: Database) {}

  async find(userId: number, id: number): Promise<TransactionRow | undefined> {
    const [row] = await this.database
      .reader()
      .select()
      .from(transactions)
      .where(and(eq(transactions.userId, userId), eq(transactions.id, id)))
      .limit(1);
    return row;
  }

  /** `within` runs last inside the write's transaction (to keep an idempotent answer with it). */
  create(
    userId: number,
    input: NewTransaction,
    now: string,
    within?: (tx: LedgerTx, row: TransactionRow) => Promise<void>,
  ): Promise<TransactionRow> {
    return writeLedger(
      this.database,
      userId,
      async (tx, touched) => {
        const [inserted] = await tx
          .insert(transactions)
          .values({
            ...input,
            userId,
            delta: deltaOf(input.type, input.amount),
            balanceAfter: 0,
            searchText: searchTextOf(input.title, input.description),
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: transactions.id });
        if (!inserted) throw new Error('the transaction was not stored');
        touched.row(input.accountId, input.date, inserted.id);
        return inserted.id;
      },
      async (tx, id) => {
        const [row] = await tx.select().from(transactions).where(eq(transactions.id, id)).limit(1);
        if (!row) throw new Error(`transaction ${id} vanished inside its own write`);
        await within?.(tx, row);
        return row;
      },
    );
  }

  /** Applies the changes; returns undefined when the user has no such transaction. */
  update(
    userId: number,
    id: number,
    changes: TransactionChanges,
    now: string,
  ): Promise<TransactionRow | undefined> {
    return writeLedger(
      this.database,
      userId,
      async (tx, touched) => {
        const [before] = await tx
          .select()
          .from(transactions)
          .where(and(eq(transactions.userId, userId), eq(transactions.id, id)))
          .limit(1);
        if (!before) return false;
        const ownRow = before.type === 'income' || before.type === 'expense';
        const flagsOnly = Object.keys(changes).every(
          (key) => key === 'cleared' || key === 'reconciliationId',
        );
        // A transfer side or opening balance changes here only by its flags.
        if (!ownRow && !flagsOnly) return false;
        if (!ownRow) {
          await tx
            .update(transactions)
            .set({ ...changes, updatedAt: now })
            .where(eq(transactions.id, id));
          return true;
        }
        const searchText =
          changes.title !== undefined || changes.description !== undefined
            ? searchTextOf(
                changes.title ?? before.title,
                changes.description !== undefined ? changes.description : before.description,
              )
            : undefined;
        const type = changes.type ?? (before.type === 'income' ? 'income' : 'expense');
        const amount = changes.amount ?? before.amount;
        await tx
          .update(transactions)
          .set({
            ...changes,
            delta: deltaOf(type, amount),
            ...(searchText !== undefined ? { searchText } : {}),
            updatedAt: now,
          })
          .where(eq(transactions.id, id));
        const moved =
          changes.date !== undefined ||
          changes.amount !== undefined ||
          changes.type !== undefined ||
          changes.accountId !== undefined;
        if (moved) {
          touched.row(before.accountId, before.date, id);
          touched.row(changes.accountId ?? before.accountId, changes.date ?? before.date, id);
        } else if (changes.categoryId !== undefined) {
          touched.month(before.accountId, monthOf(before.date));
        }
        return true;
      },
      async (tx, found) =>
        found
          ? (await tx.select().from(transactions).where(eq(transactions.id, id)).limit(1))[0]
          : undefined,
    );
  }

  /** Deletes an income or expense; false when the user has no such one. */
  delete(userId: number, id: number): Promise<boolean> {
    return writeLedger(this.database, userId, async (tx, touched) => {
      const [row] = await tx
        .delete(transactions)
        .where(
          and(
            eq(transactions.userId, userId),
            eq(transactions.id, id),
            inArray(transactions.type, ['income', 'expense']),
          ),
        )
        .returning({ date: transactions.date, accountId: transactions.accountId });
      if (!row) return false;
      touched.row(row.accountId, row.date, id);
      return true;
    });
  }

  /** One prepared statement per filter shape: drizzle builds and SQLite plans each shape once. */
  private readonly listStatements = new Map<
    string,
    () => { all(values: Record<string, unknown>): TransactionRow[] }
  >();

  private listStatement(filter: ListFilter) {
    const oldestFirst = filter.order === 'oldest';
    const shape = [
      filter.accountId !== undefined ? 'account' : '',
      filter.from ? 'from' : '',
      filter.to ? 'to' : '',
      filter.type ? 'type' : '',
      filter.categoryId !== undefined ? 'category' : '',
      filter.q ? 'q' : '',
      filter.after ? 'after' : '',
      oldestFirst ? 'oldest' : 'newest',
    ].join('|');
    const cached = this.listStatements.get(shape);
    if (cached) return cached();
    const p = (name: string) => sql.placeholder(name);
    const conditions: SQL[] = [eq(transactions.userId, p('userId'))];
    if (filter.accountId !== undefined) conditions.push(eq(transactions.accountId, p('accountId')));
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
    const statement = this.database.prepared((db) =>
      db
        .select()
        .from(transactions)
        .where(and(...conditions))
        .orderBy(
          ...(oldestFirst
            ? [asc(transactions.date), asc(transactions.id)]
            : [desc(transactions.date), desc(transactions.id)]),
        )
        .limit(p('limit'))
        .prepare(),
    );
    this.listStatements.set(shape, statement);
    return statement();
  }

  /** Newest first, keyset-paginated on (date, id); fetches one extra row to tell if more follow. */
  async list(userId: number, filter: ListFilter): Promise<TransactionRow[]> {
    return this.listStatement(filter).all({
      userId,
      accountId: filter.accountId,
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
  async *iterate(
    userId: number,
    filter: Omit<ListFilter, 'after' | 'limit' | 'order'>,
  ): AsyncGenerator<TransactionRow> {
    const batch = 1000;
    let after: { date: string; id: number } | undefined;
    for (;;) {
      const rows = await this.list(userId, { ...filter, after, limit: batch, order: 'oldest' });
      yield* rows.slice(0, batch);
      const last = rows[batch - 1];
      if (rows.length <= batch || !last) return;
      after = { date: last.date, id: last.id };
    }
  }
}
