import { z } from 'zod';
import { WELL_FORMED_MESSAGE, isWellFormed } from './text.js';
import { AmountInput, Id, IdParam, Instant, IsoDate, Money, intParam } from './common.js';

/** What a request may create or filter by. */
export const TransactionType = z.enum(['income', 'expense']);

/**
 * What a row of history may be: income and expense count in totals; a transfer leg and an
 * account's opening balance only move the account's balance.
 */
export const TransactionKind = z.enum(['income', 'expense', 'transfer', 'opening']);

export const Title = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(200, 'must be at most 200 characters')
  .refine(isWellFormed, WELL_FORMED_MESSAGE);

export const Description = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .refine(isWellFormed, WELL_FORMED_MESSAGE);

export const Transaction = z.object({
  id: Id,
  accountId: Id,
  /** The account's currency: the amount and balance are in it. */
  currency: z.string(),
  type: TransactionKind,
  /** Positive; for a transfer leg or opening balance the sign is in `change`. */
  amount: Money,
  /** The signed change to the account's balance. */
  change: Money,
  title: z.string(),
  description: z.string().nullable(),
  categoryId: Id.nullable(),
  date: IsoDate,
  createdAt: Instant,
  updatedAt: Instant,
  /** The account's running balance after this transaction, in (date, id) order. */
  balanceAfter: Money,
  /** Seen on the bank's statement (set by hand or by reconciling). */
  cleared: z.boolean(),
  /** Covered by a reconciliation: its amount, date, type, account and cleared flag are locked. */
  reconciled: z.boolean(),
  /** For a transfer leg: the transfer, and its other side; null for every other row. */
  transfer: z
    .object({
      id: Id,
      direction: z.enum(['out', 'in']),
      /** The other side's account, amount and currency. */
      accountId: Id,
      amount: Money,
      currency: z.string(),
    })
    .nullable(),
});

export const CreateTransactionBody = z.strictObject({
  accountId: Id.optional().describe('The account; the default account when omitted'),
  type: TransactionType,
  amount: AmountInput,
  title: Title,
  description: Description.nullable().optional(),
  categoryId: Id.nullable().optional(),
  date: IsoDate.optional(),
});

export const UpdateTransactionBody = z
  .strictObject({
    accountId: Id.optional().describe(
      'Move it to another account; one in another currency needs the amount in that currency',
    ),
    type: TransactionType.optional(),
    amount: AmountInput.optional(),
    title: Title.optional(),
    description: Description.nullable().optional(),
    categoryId: Id.nullable().optional(),
    date: IsoDate.optional(),
    cleared: z
      .boolean()
      .optional()
      .describe('Mark it seen on the statement; any row, transfer sides too'),
    reconciled: z
      .literal(false)
      .optional()
      .describe('Unlock a reconciled row so its amount, date, type or account can change'),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'at least one field is required',
  });

const TransactionFilters = z.object({
  accountId: IdParam.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  type: TransactionKind.optional(),
  categoryId: IdParam.optional(),
  q: z.string().trim().min(1).max(200).optional(),
});

const rangeInOrder = (query: { from?: string | undefined; to?: string | undefined }) =>
  !query.from || !query.to || query.from <= query.to;

export const ListTransactionsQuery = TransactionFilters.extend({
  limit: intParam(1, 200, 50),
  cursor: z.string().max(200).optional(),
}).refine(rangeInOrder, { message: 'must not be before from', path: ['to'] });

/** The list's filters, for exports: every matching row, oldest first. */
export const ExportTransactionsQuery = TransactionFilters.refine(rangeInOrder, {
  message: 'must not be before from',
  path: ['to'],
});

export const TransactionPage = z.object({
  items: z.array(Transaction),
  nextCursor: z.string().nullable(),
});

export type TransactionType = z.infer<typeof TransactionType>;
export type TransactionKind = z.infer<typeof TransactionKind>;
export type Transaction = z.infer<typeof Transaction>;
export type CreateTransactionBody = z.infer<typeof CreateTransactionBody>;
export type CreateTransactionInput = z.input<typeof CreateTransactionBody>;
export type UpdateTransactionBody = z.infer<typeof UpdateTransactionBody>;
export type UpdateTransactionInput = z.input<typeof UpdateTransactionBody>;
export type ListTransactionsQuery = z.infer<typeof ListTransactionsQuery>;
export type ExportTransactionsQuery = z.infer<typeof ExportTransactionsQuery>;
export type TransactionPage = z.infer<typeof TransactionPage>;
