import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Category, CategoryKind } from '@moneta/schema';
import type { Db } from '../../db/client.js';
import { writeLedger } from '../ledger/ledger.js';
import { categories, monthlyTotals, transactions, type CategoryRow } from '../../db/schema.js';

/** Case- and width-folded name, the key that makes names unique per user. */
export function categoryNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

export class CategoriesRepository {
  constructor(private readonly db: Db) {}

  list(userId: number): Category[] {
    return this.db
      .select({
        id: categories.id,
        name: categories.name,
        kind: categories.kind,
        // A join, not a correlated subquery: drizzle leaves the columns of a single-table select
        // unqualified, so inside a subquery `category_id = id` would compare transaction columns.
        transactionCount: count(transactions.id),
      })
      .from(categories)
      .leftJoin(
        transactions,
        and(eq(transactions.userId, categories.userId), eq(transactions.categoryId, categories.id)),
      )
      .where(eq(categories.userId, userId))
      .groupBy(categories.id)
      .orderBy(asc(categories.kind), asc(categories.nameKey))
      .all();
  }

  private prepareNames() {
    return this.db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(eq(categories.userId, sql.placeholder('userId')))
      .prepare();
  }

  private namesStatement?: ReturnType<CategoriesRepository['prepareNames']>;

  /** Id and name only: no transaction counts, so it costs an index lookup, not a scan of history. */
  names(userId: number): Array<{ id: number; name: string }> {
    this.namesStatement ??= this.prepareNames();
    return this.namesStatement.all({ userId });
  }

  find(userId: number, id: number): CategoryRow | undefined {
    return this.db
      .select()
      .from(categories)
      .where(and(eq(categories.userId, userId), eq(categories.id, id)))
      .get();
  }

  get(userId: number, id: number): Category | undefined {
    return this.list(userId).find((category) => category.id === id);
  }

  countTransactions(userId: number, id: number): number {
    const row = this.db
      .select({ count: sql<number>`COUNT(*)` })
      .from(transactions)
      .where(and(eq(transactions.userId, userId), eq(transactions.categoryId, id)))
      .get();
    return row?.count ?? 0;
  }

  /** Throws a UNIQUE violation when the user already has the name. */
  /** `within` runs last inside the write's transaction (to keep an idempotent answer with it). */
  create(
    userId: number,
    input: { name: string; kind: CategoryKind },
    now: string,
    within?: (tx: Pick<Db, 'update'>, created: Category) => void,
  ): Category {
    return this.db.transaction(
      (tx) => {
        const row = tx
          .insert(categories)
          .values({
            userId,
            name: input.name,
            nameKey: categoryNameKey(input.name),
            kind: input.kind,
            createdAt: now,
          })
          .returning()
          .get();
        const created: Category = {
          id: row.id,
          name: row.name,
          kind: row.kind,
          transactionCount: 0,
        };
        within?.(tx, created);
        return created;
      },
      { behavior: 'immediate' },
    );
  }

  update(userId: number, id: number, input: { name?: string; kind?: CategoryKind }): void {
    this.db
      .update(categories)
      .set({
        ...(input.name !== undefined
          ? { name: input.name, nameKey: categoryNameKey(input.name) }
          : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
      })
      .where(and(eq(categories.userId, userId), eq(categories.id, id)))
      .run();
  }

  /** Deletes the category, first moving its transactions to `moveTo` when given. */
  delete(userId: number, id: number, moveTo: number | undefined, now: string): void {
    writeLedger(this.db, userId, (tx, touched) => {
      if (moveTo !== undefined) {
        const months = tx
          .select({ accountId: monthlyTotals.accountId, month: monthlyTotals.month })
          .from(monthlyTotals)
          .where(and(eq(monthlyTotals.userId, userId), eq(monthlyTotals.categoryKey, id)))
          .all();
        tx.update(transactions)
          .set({ categoryId: moveTo, updatedAt: now })
          .where(and(eq(transactions.userId, userId), eq(transactions.categoryId, id)))
          .run();
        for (const row of months) touched.month(row.accountId, row.month);
      }
      tx.delete(categories)
        .where(and(eq(categories.userId, userId), eq(categories.id, id)))
        .run();
    });
  }
}
