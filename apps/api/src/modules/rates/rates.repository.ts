import { and, asc, desc, eq, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { rates } from '../../db/schema.js';

export type RateRow = typeof rates.$inferSelect;

export class RatesRepository {
  /** Read for every other currency of every summary: planned once. */
  private readonly latestQuery;

  constructor(private readonly database: Database) {
    const p = (name: string) => sql.placeholder(name);
    this.latestQuery = database.prepared((db) =>
      db
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
        .prepare(),
    );
  }

  async list(
    userId: number,
    filter: { base?: string | undefined; quote?: string | undefined },
  ): Promise<RateRow[]> {
    return this.database
      .reader()
      .select()
      .from(rates)
      .where(
        and(
          eq(rates.userId, userId),
          filter.base ? eq(rates.base, filter.base) : undefined,
          filter.quote ? eq(rates.quote, filter.quote) : undefined,
        ),
      )
      .orderBy(asc(rates.base), asc(rates.quote), desc(rates.date));
  }

  /** Sets the rate of a pair from a date on; the same pair and date again replaces it. */
  async put(
    userId: number,
    input: Omit<RateRow, 'userId' | 'createdAt'>,
    now: string,
  ): Promise<RateRow> {
    const [row] = await this.database.transaction((tx) =>
      tx
        .insert(rates)
        .values({ ...input, userId, createdAt: now })
        .onConflictDoUpdate({
          target: [rates.userId, rates.base, rates.quote, rates.date],
          set: { rate: input.rate, createdAt: now },
        })
        .returning(),
    );
    if (!row) throw new Error(`the rate ${input.base}/${input.quote} was not stored`);
    return row;
  }

  async delete(
    userId: number,
    key: { base: string; quote: string; date: string },
  ): Promise<boolean> {
    const deleted = await this.database.transaction((tx) =>
      tx
        .delete(rates)
        .where(
          and(
            eq(rates.userId, userId),
            eq(rates.base, key.base),
            eq(rates.quote, key.quote),
            eq(rates.date, key.date),
          ),
        )
        .returning({ date: rates.date }),
    );
    return deleted.length > 0;
  }

  /**
   * The latest rate on or before `date` between two currencies, entered either way round: the
   * later date wins, and on the same date the pair as asked.
   */
  async latest(
    userId: number,
    from: string,
    to: string,
    date: string,
  ): Promise<RateRow | undefined> {
    const found = this.latestQuery().all({ userId, from, to, date });
    const [first, second] = found;
    if (first && second && first.date === second.date) {
      return first.base === from ? first : second;
    }
    return first;
  }
}
