import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { transactions } from '../../db/schema.js';

export interface SummaryGroup {
  month: string;
  type: 'income' | 'expense';
  categoryId: number | null;
  /** Exact SUM as text: BigInt-parsed by the caller, never through a float. */
  total: string;
  count: number;
}

export class SummaryRepository {
  constructor(private readonly db: Db) {}

  /** One index range scan, grouped by month, type and category; the caller folds the groups. */
  groups(
    userId: number,
    range: { from?: string | undefined; to?: string | undefined },
  ): SummaryGroup[] {
    const conditions: SQL[] = [eq(transactions.userId, userId)];
    if (range.from) conditions.push(gte(transactions.date, range.from));
    if (range.to) conditions.push(lte(transactions.date, range.to));
    const month = sql<string>`substr(${transactions.date}, 1, 7)`;
    return this.db
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
      .all();
  }
}
