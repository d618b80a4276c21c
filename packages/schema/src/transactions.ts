import { z } from 'zod';
import { AmountInput, Id, IdString, Instant, IsoDate, Money, intString } from './common.js';

export const TransactionType = z.enum(['income', 'expense']);

export const Title = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(200, 'must be at most 200 characters');

export const Description = z.string().trim().max(2000, 'must be at most 2000 characters');

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

export const ListTransactionsQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    type: TransactionType.optional(),
    categoryId: IdString.optional(),
    q: z.string().trim().min(1).max(200).optional(),
    limit: intString(1, 200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
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
export type TransactionPage = z.infer<typeof TransactionPage>;
