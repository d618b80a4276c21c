import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
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

/**
 * A place money is kept: a current account, savings, a card, cash. Every transaction belongs to
 * one, and its running balance is kept per account, in the account's own currency.
 */
export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Case-folded name: unique per user. */
    nameKey: text('name_key').notNull(),
    kind: text('kind', {
      enum: ['checking', 'savings', 'credit_card', 'cash', 'other'],
    }).notNull(),
    /** ISO 4217; amounts of the account's transactions are minor units of it. */
    currency: text('currency').notNull(),
    onBudget: integer('on_budget', { mode: 'boolean' }).notNull().default(true),
    /** Where a script's transaction goes when it names no account; one per user. */
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    /** Signed minor units; when not 0, an `opening` row on openingDate carries it in the ledger. */
    openingBalance: integer('opening_balance').notNull().default(0),
    openingDate: text('opening_date').notNull(),
    /** Closed accounts keep their history but leave the pickers; null while open. */
    closedAt: text('closed_at'),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('accounts_user_name_unique').on(table.userId, table.nameKey),
    uniqueIndex('accounts_user_default_unique')
      .on(table.userId)
      .where(sql`${table.isDefault} = 1`),
  ],
);

/** Both legs of a transfer point here; the legs are edited and deleted together. */
export const transfers = sqliteTable(
  'transfers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [index('transfers_user_idx').on(table.userId)],
);

/** A statement balance the user agreed with for an account on a date; its rows are locked. */
export const reconciliations = sqliteTable(
  'reconciliations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    /** Signed minor units, as on the bank's statement. */
    statementBalance: integer('statement_balance').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('reconciliations_account_idx').on(table.accountId, table.date)],
);

/**
 * Exchange rates the user entered: 1 unit of `base` is `rate` units of `quote` from `date` on.
 * The rate is kept as the decimal text it was given, so a conversion never passes a float.
 */
export const rates = sqliteTable(
  'rates',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    base: text('base').notNull(),
    quote: text('quote').notNull(),
    date: text('date').notNull(),
    rate: text('rate').notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.base, table.quote, table.date] })],
);

/** One committed CSV import. */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The account its rows went into; null for imports made before accounts existed. */
    accountId: integer('account_id').references(() => accounts.id),
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
    accountId: integer('account_id')
      .notNull()
      .references((): AnySQLiteColumn => accounts.id),
    categoryId: integer('category_id').references(() => categories.id),
    /**
     * income and expense count in totals; a transfer leg and an account's opening balance move
     * the account's balance only.
     */
    type: text('type', { enum: ['income', 'expense', 'transfer', 'opening'] }).notNull(),
    /** Positive integer of minor units (0 only for an opening balance's placeholder). */
    amount: integer('amount').notNull(),
    /** The signed change to the account's balance: +income, -expense, ±transfer or opening. */
    delta: integer('delta').notNull(),
    transferId: integer('transfer_id').references(() => transfers.id),
    /** Seen on the bank's statement. */
    cleared: integer('cleared', { mode: 'boolean' }).notNull().default(false),
    /** Set when a reconciliation covered the row: it is locked against edits. */
    reconciliationId: integer('reconciliation_id').references(() => reconciliations.id, {
      onDelete: 'set null',
    }),
    title: text('title').notNull(),
    description: text('description'),
    /** Calendar date, YYYY-MM-DD. */
    date: text('date').notNull(),
    /**
     * The account's running balance after this row in (date, id) order, kept up to date on every write so a
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
    index('transactions_account_date_id_idx').on(table.accountId, table.date, table.id),
    index('transactions_transfer_idx').on(table.transferId),
    index('transactions_reconciliation_idx')
      .on(table.reconciliationId)
      .where(sql`${table.reconciliationId} IS NOT NULL`),
    // Rows written before search_text existed (or by raw SQL), for the backfill at start.
    index('transactions_unsearchable_idx')
      .on(table.id)
      .where(sql`${table.searchText} IS NULL`),
    // Covers the summary's range scan of an account, so aggregates never touch the table rows.
    index('transactions_summary_idx').on(
      table.accountId,
      table.date,
      table.type,
      table.categoryId,
      table.amount,
      table.delta,
    ),
  ],
);

/**
 * Totals per user, account, month, type and category, kept up to date in the same database transaction as
 * every write to `transactions`, so a summary reads months instead of scanning years of rows.
 */
export const monthlyTotals = sqliteTable(
  'monthly_totals',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** YYYY-MM. */
    month: text('month').notNull(),
    type: text('type', { enum: ['income', 'expense', 'transfer', 'opening'] }).notNull(),
    /** The category id, or 0 for uncategorised (0 is never an id). */
    categoryKey: integer('category_key').notNull(),
    /**
     * Minor units: the sum of amounts for income and expense, of signed changes for transfer
     * legs and opening balances.
     */
    total: integer('total').notNull(),
    count: integer('count').notNull(),
  },
  (table) => [
    primaryKey({
      columns: [table.userId, table.month, table.accountId, table.type, table.categoryKey],
    }),
  ],
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
export type AccountRow = typeof accounts.$inferSelect;
export type TransactionRow = typeof transactions.$inferSelect;
