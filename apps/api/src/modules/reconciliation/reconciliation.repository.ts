import { and, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.js';
import { reconciliations, transactions } from '../../db/schema.js';

export type ReconciliationRow = typeof reconciliations.$inferSelect & { reconciledCount: number };

/** The statement and the ledger disagree: nothing was locked. */
export class StatementMismatchError extends Error {
  override name = 'StatementMismatchError';
  constructor(readonly difference: bigint) {
    super(`statement differs by ${difference}`);
  }
}

/** The cleared and the full balance at the end of `date`, and the rows still uncleared. */
async function standingOf(db: Pick<Tx, 'select'>, accountId: number, date: string) {
  const [row] = await db
    .select({
      cleared: sql<string>`CAST(coalesce(SUM(CASE WHEN ${transactions.cleared} THEN ${transactions.delta} END), 0) AS TEXT)`,
      all: sql<string>`CAST(coalesce(SUM(${transactions.delta}), 0) AS TEXT)`,
      uncleared: sql<number>`coalesce(SUM(CASE WHEN ${transactions.cleared} THEN 0 ELSE 1 END), 0)`,
    })
    .from(transactions)
    .where(and(eq(transactions.accountId, accountId), lte(transactions.date, date)));
  return {
    cleared: BigInt(row?.cleared ?? '0'),
    balance: BigInt(row?.all ?? '0'),
    uncleared: row?.uncleared ?? 0,
  };
}

export class ReconciliationRepository {
  constructor(private readonly database: Database) {}

  /** The cleared and the full balance at the end of `date`, and the rows still uncleared. */
  standing(accountId: number, date: string) {
    return standingOf(this.database.reader(), accountId, date);
  }

  async list(userId: number, accountId: number): Promise<ReconciliationRow[]> {
    return this.database
      .reader()
      .select({
        id: reconciliations.id,
        userId: reconciliations.userId,
        accountId: reconciliations.accountId,
        date: reconciliations.date,
        statementBalance: reconciliations.statementBalance,
        createdAt: reconciliations.createdAt,
        // Qualified by hand: drizzle writes a bare "id" here, which the subquery would take as its own.
        reconciledCount: sql<number>`(SELECT COUNT(*) FROM transactions t
          WHERE t.reconciliation_id = "reconciliations"."id")`,
      })
      .from(reconciliations)
      .where(and(eq(reconciliations.userId, userId), eq(reconciliations.accountId, accountId)))
      .orderBy(desc(reconciliations.date), desc(reconciliations.id));
  }

  /**
   * Agrees with the statement: when the cleared balance at the end of `date` equals it (checked
   * inside the write), locks every cleared row up to then that no reconciliation covers yet.
   */
  create(
    userId: number,
    accountId: number,
    input: { date: string; statementBalance: number },
    now: string,
    within?: (tx: Pick<Tx, 'update'>, created: ReconciliationRow) => Promise<void>,
  ): Promise<ReconciliationRow> {
    return this.database.transaction(async (tx) => {
      const { cleared } = await standingOf(tx, accountId, input.date);
      const difference = BigInt(input.statementBalance) - cleared;
      if (difference !== 0n) throw new StatementMismatchError(difference);
      const [created] = await tx
        .insert(reconciliations)
        .values({ userId, accountId, ...input, createdAt: now })
        .returning();
      if (!created) throw new Error(`the reconciliation of account ${accountId} was not stored`);
      const locked = await tx
        .update(transactions)
        .set({ reconciliationId: created.id })
        .where(
          and(
            eq(transactions.accountId, accountId),
            eq(transactions.cleared, true),
            lte(transactions.date, input.date),
            isNull(transactions.reconciliationId),
          ),
        )
        .returning({ id: transactions.id });
      const result = { ...created, reconciledCount: locked.length };
      await within?.(tx, result);
      return result;
    });
  }
}
