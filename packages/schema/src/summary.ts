import { z } from 'zod';
import { Id, IsoDate, Money } from './common.js';
import { CategoryKind } from './categories.js';

export const SummaryQuery = z
  .object({ from: IsoDate.optional(), to: IsoDate.optional() })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'must not be before from',
    path: ['to'],
  });

export const Summary = z.object({
  currency: z.string(),
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  /** All-time balance, whatever the range. */
  balance: Money,
  income: Money,
  expense: Money,
  net: Money,
  byCategory: z.array(
    z.object({
      /** null for uncategorised transactions. */
      categoryId: Id.nullable(),
      name: z.string(),
      kind: CategoryKind,
      total: Money,
      count: z.number().int().nonnegative(),
    }),
  ),
  byMonth: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      income: Money,
      expense: Money,
    }),
  ),
});

export type SummaryQuery = z.infer<typeof SummaryQuery>;
export type Summary = z.infer<typeof Summary>;
