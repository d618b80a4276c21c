import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { idempotencyKeys } from '../../db/schema.js';

export type Claim =
  | { kind: 'new' }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' }
  | { kind: 'replay'; statusCode: number; body: string };

const DAY_MS = 24 * 3_600_000;
/** A claim whose request never finished (a crash, a dropped connection) can be taken over. */
const ABANDONED_MS = 60_000;

export class IdempotencyRepository {
  constructor(private readonly db: Db) {}

  /** Claims the key for this request, or says what the first request with it left behind. */
  claim(userId: number, key: string, requestHash: string, now: Date): Claim {
    return this.db.transaction(
      (tx) => {
        const where = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
        const existing = tx.select().from(idempotencyKeys).where(where).get();
        const age = existing ? now.getTime() - Date.parse(existing.createdAt) : 0;
        const stale =
          existing && (age > DAY_MS || (existing.statusCode === null && age > ABANDONED_MS));
        if (existing && !stale) {
          if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
          if (existing.statusCode === null || existing.responseBody === null)
            return { kind: 'in-progress' };
          return { kind: 'replay', statusCode: existing.statusCode, body: existing.responseBody };
        }
        if (existing) tx.delete(idempotencyKeys).where(where).run();
        tx.insert(idempotencyKeys)
          .values({ userId, key, requestHash, createdAt: now.toISOString() })
          .run();
        return { kind: 'new' };
      },
      { behavior: 'immediate' },
    );
  }

  /**
   * Records the answer. Pass the write's own transaction as `tx`, so the answer commits with the
   * write or not at all: a crash in between can no longer leave a done write behind a key that a
   * retry would run again.
   */
  complete(
    userId: number,
    key: string,
    statusCode: number,
    body: string,
    tx: Pick<Db, 'update'> = this.db,
  ): void {
    tx.update(idempotencyKeys)
      .set({ statusCode, responseBody: body })
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
      .run();
  }

  release(userId: number, key: string): void {
    this.db
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
      .run();
  }

  deleteOlderThan(cutoff: Date): number {
    return this.db
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, cutoff.toISOString()))
      .run().changes;
  }
}
