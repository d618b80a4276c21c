import { and, asc, desc, eq, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rates } from '../../db/schema.js';

export type RateRow = typeof rates.$inferSelect;

export class RatesRepository {
  /** Read for every other currency of every summary: planned once. */
  private readonly latestQuery;

  constructor(private readonly db: Db) {
    const p = (name: string) => sql.placeholder(name);
    this.latestQuery = db
      .select()
      .from(rates)
      .where(
        and(
          eq(rates.userId, p('userId')),
          or(
            and(eq(rates.base, p('from')), eq(rates.quote, p('to'))),
            and(eq(rates.base, p('to')), eq(rates.quote, p('from'))),
          ),
          lte(rates.date, p('date')),
        ),
      )
      .orderBy(desc(rates.date))
      .limit(2)
      .prepare();
  }

  list(userId: number, filter: { base?: string | undefined; quote?: string | undefined }) {
    return this.db
      .select()
      .from(rates)
      .where(
        and(
          eq(rates.userId, userId),
          filter.base ? eq(rates.base, filter.base) : undefined,
          filter.quote ? eq(rates.quote, filter.quote) : undefined,
        ),
      )
      .orderBy(asc(rates.base), asc(rates.quote), desc(rates.date))
      .all();
  }

  /** Sets the rate of a pair from a date on; the same pair and date again replaces it. */
  put(userId: number, input: Omit<RateRow, 'userId' | 'createdAt'>, now: string): RateRow {
    return this.db
      .insert(rates)
      .values({ ...input, userId, createdAt: now })
      .onConflictDoUpdate({
        target: [rates.userId, rates.base, rates.quote, rates.date],
        set: { rate: input.rate, createdAt: now },
      })
      .returning()
      .get();
  }

  delete(userId: number, key: { base: string; quote: string; date: string }): boolean {
    return (
      this.db
        .delete(rates)
        .where(
          and(
            eq(rates.userId, userId),
            eq(rates.base, key.base),
            eq(rates.quote, key.quote),
            eq(rates.date, key.date),
          ),
        )
        .run().changes > 0
    );
  }

  /**
   * The latest rate on or before `date` between two currencies, entered either way round: the
   * later date wins, and on the same date the pair as asked.
   */
  latest(userId: number, from: string, to: string, date: string): RateRow | undefined {
    const found = this.latestQuery.all({ userId, from, to, date });
    const [first, second] = found;
    if (first && second && first.date === second.date) {
      return first.base === from ? first : second;
    }
    return first;
  }
}
