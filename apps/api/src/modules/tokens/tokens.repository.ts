import { createHash } from 'node:crypto';
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { ApiToken } from '@moneta/schema';
import type { Database } from '../../db/database.js';
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
  constructor(private readonly database: Database) {}

  /** Undefined (and nothing created) when the password changed since it was checked. */
  create(input: {
    userId: number;
    credentialVersion: number;
    name: string;
    token: string;
    now: string;
    expiresAt: string | null;
  }): Promise<ApiToken | undefined> {
    return this.database.transaction(async (tx) => {
      if (!(await credentialIs(tx, input.userId, input.credentialVersion))) return undefined;
      const [created] = await tx
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
        .returning(publicColumns);
      return created;
    });
  }

  async list(userId: number): Promise<ApiToken[]> {
    return this.database
      .reader()
      .select(publicColumns)
      .from(apiTokens)
      .where(eq(apiTokens.userId, userId))
      .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  }

  /** The token's owner when the token exists and has not expired. */
  async findActive(token: string, now: string) {
    const [found] = await this.database
      .reader()
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
      .limit(1);
    return found;
  }

  async touch(id: number, now: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      await tx.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
    });
  }

  async delete(userId: number, id: number): Promise<boolean> {
    const deleted = await this.database.transaction((tx) =>
      tx
        .delete(apiTokens)
        .where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, id)))
        .returning({ id: apiTokens.id }),
    );
    return deleted.length > 0;
  }

  async deleteAllForUser(userId: number): Promise<void> {
    await this.database.transaction(async (tx) => {
      await tx.delete(apiTokens).where(eq(apiTokens.userId, userId));
    });
  }
}
