import { and, eq, lt } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.js';
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
  constructor(private readonly database: Database) {}

  /** Claims the key for this request, or says what the first request with it left behind. */
  claim(userId: number, key: string, requestHash: string, now: Date): Promise<Claim> {
    return this.database.transaction(async (tx): Promise<Claim> => {
      const where = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
      const [existing] = await tx.select().from(idempotencyKeys).where(where).limit(1);
      const age = existing ? now.getTime() - Date.parse(existing.createdAt) : 0;
      const stale =
        existing && (age > DAY_MS || (existing.statusCode === null && age > ABANDONED_MS));
      if (existing && !stale) {
        if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
        if (existing.statusCode === null || existing.responseBody === null)
          return { kind: 'in-progress' };
        return { kind: 'replay', statusCode: existing.statusCode, body: existing.responseBody };
      }
      if (existing) await tx.delete(idempotencyKeys).where(where);
      await tx
        .insert(idempotencyKeys)
        .values({ userId, key, requestHash, createdAt: now.toISOString() });
      return { kind: 'new' };
    });
  }

  /**
   * Records the answer. Pass the write's own transaction as `tx`, so the answer commits with the
   * write or not at all: a crash in between can no longer leave a done write behind a key that a
   * retry would run again. Without `tx` it is a write of its own.
   */
  async complete(
    userId: number,
    key: string,
    statusCode: number,
    body: string,
    tx?: Pick<Tx, 'update'>,
  ): Promise<void> {
    const write = async (on: Pick<Tx, 'update'>) => {
      await on
        .update(idempotencyKeys)
        .set({ statusCode, responseBody: body })
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    };
    if (tx) await write(tx);
    else await this.database.transaction(write);
  }

  async release(userId: number, key: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      await tx
        .delete(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    });
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const deleted = await this.database.transaction((tx) =>
      tx
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.createdAt, cutoff.toISOString()))
        .returning({ key: idempotencyKeys.key }),
    );
    return deleted.length;
  }
}
