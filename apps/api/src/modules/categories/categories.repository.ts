import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Category, CategoryKind } from '@moneta/schema';
import type { Database, Tx } from '../../db/database.js';
import { writeLedger } from '../ledger/ledger.js';
import { categories, monthlyTotals, transactions, type CategoryRow } from '../../db/schema.js';

/** Case- and width-folded name, the key that makes names unique per user. */
export function categoryNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

export class CategoriesRepository {
  /** The names of a user's categories, read with every summary: planned once. */
  private readonly namesStatement;

  constructor(private readonly database: Database) {
    this.namesStatement = database.prepared((db) =>
      db
        .select({ id: categories.id, name: categories.name })
        .from(categories)
        .where(eq(categories.userId, sql.placeholder('userId')))
        .prepare(),
    );
  }

  async list(userId: number): Promise<Category[]> {
    return this.database
      .reader()
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
      .orderBy(asc(categories.kind), asc(categories.nameKey));
  }

  /** Id and name only: no transaction counts, so it costs an index lookup, not a scan of history. */
  async names(userId: number): Promise<Array<{ id: number; name: string }>> {
    return this.namesStatement().all({ userId });
  }

  async find(userId: number, id: number): Promise<CategoryRow | undefined> {
    const [row] = await this.database
      .reader()
      .select()
      .from(categories)
      .where(and(eq(categories.userId, userId), eq(categories.id, id)))
      .limit(1);
    return row;
  }

  async get(userId: number, id: number): Promise<Category | undefined> {
    return (await this.list(userId)).find((category) => category.id === id);
  }

  async countTransactions(userId: number, id: number): Promise<number> {
    const [row] = await this.database
      .reader()
      .select({ count: sql<number>`COUNT(*)` })
      .from(transactions)
      .where(and(eq(transactions.userId, userId), eq(transactions.categoryId, id)));
    return row?.count ?? 0;
  }

  /** Throws a UNIQUE violation when the user already has the name. */
  /** `within` runs last inside the write's transaction (to keep an idempotent answer with it). */
  create(
    userId: number,
    input: { name: string; kind: CategoryKind },
    now: string,
    within?: (tx: Pick<Tx, 'update'>, created: Category) => Promise<void>,
  ): Promise<Category> {
    return this.database.transaction(async (tx) => {
      const [row] = await tx
        .insert(categories)
        .values({
          userId,
          name: input.name,
          nameKey: categoryNameKey(input.name),
          kind: input.kind,
          createdAt: now,
        })
        .returning();
      if (!row) throw new Error(`category ${input.name} was not stored`);
      const created: Category = {
        id: row.id,
        name: row.name,
        kind: row.kind,
        transactionCount: 0,
      };
      await within?.(tx, created);
      return created;
    });
  }

  async update(
    userId: number,
    id: number,
    input: { name?: string; kind?: CategoryKind },
  ): Promise<void> {
    await this.database.transaction(async (tx) => {
      await tx
        .update(categories)
        .set({
          ...(input.name !== undefined
            ? { name: input.name, nameKey: categoryNameKey(input.name) }
            : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
        })
        .where(and(eq(categories.userId, userId), eq(categories.id, id)));
    });
  }

  /** Deletes the category, first moving its transactions to `moveTo` when given. */
  async delete(userId: number, id: number, moveTo: number | undefined, now: string): Promise<void> {
    await writeLedger(this.database, userId, async (tx, touched) => {
      if (moveTo !== undefined) {
        const months = await tx
          .select({ accountId: monthlyTotals.accountId, month: monthlyTotals.month })
          .from(monthlyTotals)
          .where(and(eq(monthlyTotals.userId, userId), eq(monthlyTotals.categoryKey, id)));
        await tx
          .update(transactions)
          .set({ categoryId: moveTo, updatedAt: now })
          .where(and(eq(transactions.userId, userId), eq(transactions.categoryId, id)));
        for (const row of months) touched.month(row.accountId, row.month);
      }
      await tx.delete(categories).where(and(eq(categories.userId, userId), eq(categories.id, id)));
    });
  }
}
