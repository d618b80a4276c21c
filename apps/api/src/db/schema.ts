import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Always lower case: the contract lowercases it, so uniqueness is case-insensitive. */
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    /**
     * Counts password changes. Sessions and tokens carry the value they were issued against
     * and stop working when it moves, including those made by a login still in flight.
     */
    credentialVersion: integer('credential_version').notNull().default(0),
    currency: text('currency').notNull(),
    /** IANA zone whose date is the user's "today"; null: the server's own zone. */
    timeZone: text('time_zone'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('users_username_unique').on(table.username)],
);

/**
 * Single-use invitations to register, made by the owner (`admin invite`) when REGISTRATION is
 * `invite`. Only a SHA-256 of the code is stored, like tokens.
 */
export const invites = sqliteTable(
  'invites',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    codeHash: text('code_hash').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    /** The account it created; null while unused, or when that account was deleted. */
    usedBy: integer('used_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [uniqueIndex('invites_code_hash_unique').on(table.codeHash)],
);

/** One row per login; deleting it revokes the session's token at once. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The user's credential version when the session was created. */
    credentialVersion: integer('credential_version').notNull().default(0),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

export const categories = sqliteTable(
  'categories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Case-folded name: unique per user, so "Food" and "food" cannot both exist. */
    nameKey: text('name_key').notNull(),
    kind: text('kind', { enum: ['income', 'expense'] }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('categories_user_name_unique').on(table.userId, table.nameKey)],
);

/** One committed CSV import. */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    filename: text('filename'),
    /** Transactions written by this import. */
    inserted: integer('inserted').notNull(),
    duplicates: integer('duplicates').notNull(),
    errors: integer('errors').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('imports_user_idx').on(table.userId, table.id)],
);

export const transactions = sqliteTable(
  'transactions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id').references(() => categories.id),
    type: text('type', { enum: ['income', 'expense'] }).notNull(),
    /** Positive integer of minor units; the sign comes from `type`. */
    amount: integer('amount').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** Calendar date, YYYY-MM-DD. */
    date: text('date').notNull(),
    /**
     * Running balance after this row in (date, id) order, kept up to date on every write so a
     * page of history and the current balance cost an index lookup, not a scan of all history.
     */
    balanceAfter: integer('balance_after').notNull(),
    /** The import that created the row, so the whole import can be undone. */
    importId: integer('import_id').references(() => imports.id),
    createdAt: createdAt(),
    /** searchTextOf(title, description): what a search matches, over all of Unicode. */
    searchText: text('search_text'),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [
    index('transactions_user_date_id_idx').on(table.userId, table.date, table.id),
    index('transactions_user_category_date_idx').on(
      table.userId,
      table.categoryId,
      table.date,
      table.id,
    ),
    index('transactions_user_type_date_idx').on(table.userId, table.type, table.date, table.id),
    index('transactions_import_idx').on(table.importId),
    // Rows written before search_text existed (or by raw SQL), for the backfill at start.
    index('transactions_unsearchable_idx')
      .on(table.id)
      .where(sql`${table.searchText} IS NULL`),
    // Covers the summary's range scan, so aggregates never touch the table rows.
    index('transactions_summary_idx').on(
      table.userId,
      table.date,
      table.type,
      table.categoryId,
      table.amount,
    ),
  ],
);

/**
 * Totals per user, month, type and category, kept up to date in the same database transaction as
 * every write to `transactions`, so a summary reads months instead of scanning years of rows.
 */
export const monthlyTotals = sqliteTable(
  'monthly_totals',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** YYYY-MM. */
    month: text('month').notNull(),
    type: text('type', { enum: ['income', 'expense'] }).notNull(),
    /** The category id, or 0 for uncategorised (0 is never an id). */
    categoryKey: integer('category_key').notNull(),
    /** Sum of amounts in minor units. */
    total: integer('total').notNull(),
    count: integer('count').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.month, table.type, table.categoryKey] })],
);

/** Personal access tokens for scripts; only a SHA-256 of the 256-bit secret is stored. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The user's credential version when the token was issued. */
    credentialVersion: integer('credential_version').notNull().default(0),
    createdAt: createdAt(),
    lastUsedAt: text('last_used_at'),
    expiresAt: text('expires_at'),
  },
  (table) => [
    uniqueIndex('api_tokens_hash_unique').on(table.tokenHash),
    index('api_tokens_user_idx').on(table.userId),
  ],
);

/** Remembered responses of creates sent with an Idempotency-Key, per user, for 24 hours. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    /** null while the first request is still being handled. */
    statusCode: integer('status_code'),
    responseBody: text('response_body'),
    createdAt: text('created_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.key] }),
    index('idempotency_keys_created_idx').on(table.createdAt),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
export type TransactionRow = typeof transactions.$inferSelect;
