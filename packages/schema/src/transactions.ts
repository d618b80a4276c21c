import { z } from 'zod';
import { WELL_FORMED_MESSAGE, isWellFormed } from './text.js';
import { AmountInput, Id, IdParam, Instant, IsoDate, Money, intParam } from './common.js';

export const TransactionType = z.enum(['income', 'expense']);

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
  type: TransactionType,
  amount: Money,
  title: z.string(),
  description: z.string().nullable(),
  categoryId: Id.nullable(),
  date: IsoDate,
  createdAt: Instant,
  updatedAt: Instant,
  /** The user's running balance after this transaction, in (date, id) order. */
  balanceAfter: Money,
});

export const CreateTransactionBody = z.strictObject({
  type: TransactionType,
  amount: AmountInput,
  title: Title,
  description: Description.nullable().optional(),
  categoryId: Id.nullable().optional(),
  date: IsoDate.optional(),
});

export const UpdateTransactionBody = z
  .strictObject({
    type: TransactionType.optional(),
    amount: AmountInput.optional(),
    title: Title.optional(),
    description: Description.nullable().optional(),
    categoryId: Id.nullable().optional(),
    date: IsoDate.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'at least one field is required',
  });

const TransactionFilters = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  type: TransactionType.optional(),
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
export type Transaction = z.infer<typeof Transaction>;
export type CreateTransactionBody = z.infer<typeof CreateTransactionBody>;
export type CreateTransactionInput = z.input<typeof CreateTransactionBody>;
export type UpdateTransactionBody = z.infer<typeof UpdateTransactionBody>;
export type UpdateTransactionInput = z.input<typeof UpdateTransactionBody>;
export type ListTransactionsQuery = z.infer<typeof ListTransactionsQuery>;
export type ExportTransactionsQuery = z.infer<typeof ExportTransactionsQuery>;
export type TransactionPage = z.infer<typeof TransactionPage>;
