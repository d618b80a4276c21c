import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import {
  accounts,
  apiTokens,
  categories,
  sessions,
  transactions,
  users,
  type UserRow,
} from '../../db/schema.js';
import { categoryNameKey } from '../categories/categories.repository.js';
import { DEFAULT_ACCOUNT_NAME, accountNameKey } from '../accounts/accounts.repository.js';
import { admit, markInviteUsed, type RegistrationMode } from './invites.repository.js';

export const DEFAULT_CATEGORIES: ReadonlyArray<{ name: string; kind: 'income' | 'expense' }> = [
  { name: 'Salary', kind: 'income' },
  { name: 'Freelance', kind: 'income' },
  { name: 'Interest', kind: 'income' },
  { name: 'Gifts received', kind: 'income' },
  { name: 'Other income', kind: 'income' },
  { name: 'Groceries', kind: 'expense' },
  { name: 'Rent', kind: 'expense' },
  { name: 'Utilities', kind: 'expense' },
  { name: 'Transport', kind: 'expense' },
  { name: 'Dining out', kind: 'expense' },
  { name: 'Health', kind: 'expense' },
  { name: 'Entertainment', kind: 'expense' },
  { name: 'Shopping', kind: 'expense' },
  { name: 'Travel', kind: 'expense' },
  { name: 'Other expenses', kind: 'expense' },
];

export class UsersRepository {
  constructor(private readonly database: Database) {}

  async findByUsername(username: string): Promise<UserRow | undefined> {
    const [row] = await this.database
      .reader()
      .select()
      .from(users)
      .where(eq(users.username, username))
      .limit(1);
    return row;
  }

  /** Changes the user's settings; the updated row, or undefined when there is no such user. */
  async updateSettings(
    userId: number,
    settings: { timeZone?: string | null | undefined; currency?: string | undefined },
  ): Promise<UserRow | undefined> {
    const [row] = await this.database.transaction((tx) =>
      tx
        .update(users)
        .set({
          ...(settings.timeZone !== undefined ? { timeZone: settings.timeZone } : {}),
          ...(settings.currency !== undefined ? { currency: settings.currency } : {}),
        })
        .where(eq(users.id, userId))
        .returning(),
    );
    return row;
  }

  /** Whether any account exists. */
  async any(): Promise<boolean> {
    const found = await this.database.reader().select({ id: users.id }).from(users).limit(1);
    return found.length > 0;
  }

  async findById(id: number): Promise<UserRow | undefined> {
    const [row] = await this.database
      .reader()
      .select()
      .from(users)
      .where(eq(users.id, id))
      .limit(1);
    return row;
  }

  /**
   * Creates the user with the default categories and one account, in one transaction, if the registration mode
   * admits them (checked in the same transaction: two "first accounts" cannot both pass).
   * Throws RegistrationRefusedError otherwise.
   */
  create(input: {
    username: string;
    passwordHash: string;
    currency: string;
    timeZone?: string | undefined;
    now: string;
    registration: { mode: RegistrationMode; inviteCode?: string | undefined };
  }): Promise<UserRow> {
    return this.database.transaction(async (tx) => {
      const { inviteId } = await admit(
        tx,
        input.registration.mode,
        input.registration.inviteCode,
        input.now,
      );
      const [user] = await tx
        .insert(users)
        .values({
          username: input.username,
          passwordHash: input.passwordHash,
          currency: input.currency,
          timeZone: input.timeZone ?? null,
          createdAt: input.now,
        })
        .returning();
      if (!user) throw new Error(`user ${input.username} was not stored`);
      await tx.insert(categories).values(
        DEFAULT_CATEGORIES.map((category) => ({
          userId: user.id,
          name: category.name,
          nameKey: categoryNameKey(category.name),
          kind: category.kind,
          createdAt: input.now,
        })),
      );
      await tx.insert(accounts).values({
        userId: user.id,
        name: DEFAULT_ACCOUNT_NAME,
        nameKey: accountNameKey(DEFAULT_ACCOUNT_NAME),
        kind: 'checking',
        currency: input.currency,
        isDefault: true,
        openingDate: input.now.slice(0, 10),
        createdAt: input.now,
        updatedAt: input.now,
      });
      if (inviteId !== null) await markInviteUsed(tx, inviteId, user.id);
      return user;
    });
  }

  /**
   * Sets a new password hash, moves the credential version on and ends every session except
   * `keepSessionId` (none when omitted) and every API token, in one transaction: whoever knew the
   * old password is out at once, and a login that checked the old one while this ran gets no
   * session or token. With `expectedVersion`, nothing changes (false) if another change came
   * first.
   */
  changePassword(
    userId: number,
    passwordHash: string,
    options: { keepSessionId?: string | undefined; expectedVersion?: number } = {},
  ): Promise<boolean> {
    const { keepSessionId, expectedVersion } = options;
    return this.database.transaction(async (tx) => {
      const [changed] = await tx
        .update(users)
        .set({ passwordHash, credentialVersion: sql`${users.credentialVersion} + 1` })
        .where(
          expectedVersion === undefined
            ? eq(users.id, userId)
            : and(eq(users.id, userId), eq(users.credentialVersion, expectedVersion)),
        )
        .returning({ version: users.credentialVersion });
      if (!changed) return false;
      await tx
        .delete(sessions)
        .where(
          keepSessionId === undefined
            ? eq(sessions.userId, userId)
            : and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)),
        );
      if (keepSessionId !== undefined) {
        await tx
          .update(sessions)
          .set({ credentialVersion: changed.version })
          .where(eq(sessions.id, keepSessionId));
      }
      await tx.delete(apiTokens).where(eq(apiTokens.userId, userId));
      return true;
    });
  }

  /**
   * Deletes the user and everything they own in one transaction. Transactions and categories go
   * explicitly (a transaction references its category); the rest follows the user by cascade.
   */
  delete(userId: number): Promise<boolean> {
    return this.database.transaction(async (tx) => {
      await tx.delete(transactions).where(eq(transactions.userId, userId));
      await tx.delete(categories).where(eq(categories.userId, userId));
      await tx.delete(sessions).where(eq(sessions.userId, userId));
      const deleted = await tx
        .delete(users)
        .where(eq(users.id, userId))
        .returning({ id: users.id });
      return deleted.length > 0;
    });
  }
}
