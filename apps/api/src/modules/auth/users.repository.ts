import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { categories, users, type UserRow } from '../../db/schema.js';
import { categoryNameKey } from '../categories/categories.repository.js';

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
  constructor(private readonly db: Db) {}

  findByUsername(username: string): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.username, username)).get();
  }

  findById(id: number): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.id, id)).get();
  }

  /** Creates the user with the default categories, in one transaction. */
  create(input: { username: string; passwordHash: string; currency: string; now: string }): UserRow {
    return this.db.transaction((tx) => {
      const user = tx
        .insert(users)
        .values({
          username: input.username,
          passwordHash: input.passwordHash,
          currency: input.currency,
          createdAt: input.now,
        })
        .returning()
        .get();
      tx.insert(categories)
        .values(
          DEFAULT_CATEGORIES.map((category) => ({
            userId: user.id,
            name: category.name,
            nameKey: categoryNameKey(category.name),
            kind: category.kind,
            createdAt: input.now,
          })),
        )
        .run();
      return user;
    });
  }
}
