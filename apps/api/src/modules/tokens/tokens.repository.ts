import { createHash } from 'node:crypto';
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { ApiToken } from '@moneta/schema';
import type { Db } from '../../db/client.js';
import { apiTokens, users } from '../../db/schema.js';
import { credentialIs } from '../auth/sessions.repository.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const publicColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
};

export class TokensRepository {
  constructor(private readonly db: Db) {}

  /** Undefined (and nothing created) when the password changed since it was checked. */
  create(input: {
    userId: number;
    credentialVersion: number;
    name: string;
    token: string;
    now: string;
    expiresAt: string | null;
  }): ApiToken | undefined {
    return this.db.transaction(
      (tx) => {
        if (!credentialIs(tx, input.userId, input.credentialVersion)) return undefined;
        return tx
          .insert(apiTokens)
          .values({
            userId: input.userId,
            credentialVersion: input.credentialVersion,
            name: input.name,
            prefix: input.token.slice(0, 12),
            tokenHash: hashToken(input.token),
            createdAt: input.now,
            expiresAt: input.expiresAt,
          })
          .returning(publicColumns)
          .get();
      },
      { behavior: 'immediate' },
    );
  }

  list(userId: number): ApiToken[] {
    return this.db
      .select(publicColumns)
      .from(apiTokens)
      .where(eq(apiTokens.userId, userId))
      .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
      .all();
  }

  /** The token's owner when the token exists and has not expired. */
  findActive(token: string, now: string) {
    return this.db
      .select({
        tokenId: apiTokens.id,
        lastUsedAt: apiTokens.lastUsedAt,
        userId: users.id,
        username: users.username,
        currency: users.currency,
        createdAt: users.createdAt,
        credentialVersion: users.credentialVersion,
        timeZone: users.timeZone,
      })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(
        and(
          eq(apiTokens.tokenHash, hashToken(token)),
          eq(apiTokens.credentialVersion, users.credentialVersion),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        ),
      )
      .get();
  }

  touch(id: number, now: string): void {
    this.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id)).run();
  }

  delete(userId: number, id: number): boolean {
    return (
      this.db
        .delete(apiTokens)
        .where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, id)))
        .run().changes > 0
    );
  }

  deleteAllForUser(userId: number): void {
    this.db.delete(apiTokens).where(eq(apiTokens.userId, userId)).run();
  }
}
