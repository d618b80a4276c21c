import { and, asc, count, desc, eq, gte, inArray, isNotNull, lte, min, sql } from 'drizzle-orm';
import { searchTextOf, type Import } from '@moneta/schema';
import type { Database } from '../../db/database.js';
import { categories, imports, transactions } from '../../db/schema.js';
import { deltaOf, type NewTransaction } from '../transactions/transactions.repository.js';
import { writeLedger, type LedgerTx } from '../ledger/ledger.js';

/** Rows of the import are locked by a reconciliation: undoing it would change a reconciled balance. */
export class ReconciledRowsError extends Error {
  override name = 'ReconciledRowsError';
  constructor(readonly count: number) {
    super(`${count} rows of the import are reconciled`);
  }
}

/** A category the import files rows under was deleted or changed kind while the import ran. */
export class CategoriesChangedError extends Error {
  override name = 'CategoriesChangedError';
}

export class ImportsRepository {
  constructor(private readonly database: Database) {}

  /** The account's transactions in a date range, oldest id first: the candidates for duplicates. */
  async existingBetween(userId: number, accountId: number, from: string, to: string) {
    return this.database
      .reader()
      .select({
        id: transactions.id,
        date: transactions.date,
        type: transactions.type,
        amount: transactions.amount,
        title: transactions.title,
      })
      .from(transactions)
      .where(
        and(
          eq(transactions.userId, userId),
          eq(transactions.accountId, accountId),
          gte(transactions.date, from),
          lte(transactions.date, to),
        ),
      )
      .orderBy(asc(transactions.id));
  }

  /**
   * Writes the import and all its rows in one transaction, then one balance recompute. The
   * categories the rows were matched to are checked again inside it: the import was read and
   * checked between turns of the event loop, when other requests could change them.
   * `within` runs last inside the transaction (to keep an idempotent answer with it).
   */
  commit(
    userId: number,
    meta: { accountId: number; filename: string | null; duplicates: number; errors: number },
    rows: Array<Omit<NewTransaction, 'accountId'>>,
    now: string,
    within?: (tx: LedgerTx, created: Import) => Promise<void>,
  ): Promise<Import> {
    return writeLedger(
      this.database,
      userId,
      async (tx, touched) => {
        const wanted = new Map<number, NewTransaction['type']>();
        for (const row of rows) if (row.categoryId !== null) wanted.set(row.categoryId, row.type);
        if (wanted.size > 0) {
          const found = new Map(
            (
              await tx
                .select({ id: categories.id, kind: categories.kind })
                .from(categories)
                .where(
                  and(eq(categories.userId, userId), inArray(categories.id, [...wanted.keys()])),
                )
            ).map((category) => [category.id, category.kind]),
          );
          for (const [id, type] of wanted) {
            if (found.get(id) !== type) throw new CategoriesChangedError(`category ${id}`);
          }
        }
        const [created] = await tx
          .insert(imports)
          .values({
            userId,
            accountId: meta.accountId,
            filename: meta.filename,
            inserted: rows.length,
            duplicates: meta.duplicates,
            errors: meta.errors,
            createdAt: now,
          })
          .returning();
        if (!created) throw new Error('the import was not stored');
        // One prepared statement run per row: far cheaper than multi-row VALUES rebuilt per batch.
        const insert = tx
          .insert(transactions)
          .values({
            userId,
            accountId: meta.accountId,
            importId: created.id,
            type: sql.placeholder('type'),
            amount: sql.placeholder('amount'),
            delta: sql.placeholder('delta'),
            title: sql.placeholder('title'),
            description: sql.placeholder('description'),
            categoryId: sql.placeholder('categoryId'),
            date: sql.placeholder('date'),
            searchText: sql.placeholder('searchText'),
            balanceAfter: 0,
            createdAt: now,
            updatedAt: now,
          })
          .prepare();
        for (const row of rows) {
          insert.run({
            ...row,
            delta: deltaOf(row.type, row.amount),
            searchText: searchTextOf(row.title, row.description),
          });
          touched.row(meta.accountId, row.date);
        }
        return toImport(created);
      },
      async (tx, result) => {
        await within?.(tx, result);
        return result;
      },
    );
  }

  async list(userId: number): Promise<Import[]> {
    const rows = await this.database
      .reader()
      .select()
      .from(imports)
      .where(eq(imports.userId, userId))
      .orderBy(desc(imports.id));
    return rows.map(toImport);
  }

  /**
   * Deletes the import and every transaction it wrote; false when the user has no such import.
   * Throws ReconciledRowsError, writing nothing, while a reconciliation locks any of them.
   */
  undo(userId: number, id: number): Promise<boolean> {
    return writeLedger(this.database, userId, async (tx, touched) => {
      const [found] = await tx
        .select({ id: imports.id })
        .from(imports)
        .where(and(eq(imports.userId, userId), eq(imports.id, id)))
        .limit(1);
      if (!found) return false;
      const [locked] = await tx
        .select({ count: count() })
        .from(transactions)
        .where(and(eq(transactions.importId, id), isNotNull(transactions.reconciliationId)));
      const reconciled = locked?.count ?? 0;
      if (reconciled > 0) throw new ReconciledRowsError(reconciled);
      const written = await tx
        .select({ accountId: transactions.accountId, date: min(transactions.date) })
        .from(transactions)
        .where(and(eq(transactions.userId, userId), eq(transactions.importId, id)))
        .groupBy(transactions.accountId);
      const months = await tx
        .selectDistinct({
          accountId: transactions.accountId,
          month: sql<string>`substr(${transactions.date}, 1, 7)`,
        })
        .from(transactions)
        .where(and(eq(transactions.userId, userId), eq(transactions.importId, id)));
      await tx
        .delete(transactions)
        .where(and(eq(transactions.userId, userId), eq(transactions.importId, id)));
      await tx.delete(imports).where(eq(imports.id, id));
      for (const row of written) if (row.date) touched.row(row.accountId, row.date);
      for (const row of months) touched.month(row.accountId, row.month);
      return true;
    });
  }
}

function toImport(row: typeof imports.$inferSelect): Import {
  return {
    id: row.id,
    accountId: row.accountId,
    filename: row.filename,
    inserted: row.inserted,
    duplicates: row.duplicates,
    errors: row.errors,
    createdAt: row.createdAt,
  };
}
