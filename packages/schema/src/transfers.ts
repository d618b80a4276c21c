import { z } from 'zod';
import { AmountInput, Id, Instant, IsoDate, Money } from './common.js';
import { Description, Title } from './transactions.js';

/** One side of a transfer: a row of type `transfer` in the account's history. */
export const TransferLeg = z.object({
  accountId: Id,
  currency: z.string(),
  /** Positive, in the account's currency: what left (from) or arrived (to). */
  amount: Money,
  transactionId: Id,
  title: z.string(),
  /**
   * Covered by a reconciliation: the transfer is locked until this side is unlocked
   * (PATCH /transactions/{transactionId} with "reconciled": false).
   */
  reconciled: z.boolean(),
});

export const Transfer = z.object({
  id: Id,
  date: IsoDate,
  description: z.string().nullable(),
  from: TransferLeg,
  to: TransferLeg,
  /**
   * to.amount / from.amount as a decimal (up to 10 places, truncated): the rate the bank used.
   * Informational only; both amounts are exact as recorded.
   */
  rate: z.string(),
  createdAt: Instant,
  updatedAt: Instant,
});

export const CreateTransferBody = z.strictObject({
  fromAccountId: Id,
  toAccountId: Id,
  amount: AmountInput.describe('What leaves the from account, in its currency, such as "250.00"'),
  toAmount: AmountInput.optional().describe(
    'What arrives, in the to account’s currency: required when the currencies differ (the rate ' +
      'the bank used), otherwise omitted or equal to amount',
  ),
  date: IsoDate.optional().describe('Today when omitted'),
  title: Title.optional().describe(
    'Both sides’ title; "Transfer to …" / "Transfer from …" when omitted',
  ),
  description: Description.nullable().optional(),
});

export const UpdateTransferBody = z
  .strictObject({
    fromAccountId: Id.optional(),
    toAccountId: Id.optional(),
    amount: AmountInput.optional(),
    toAmount: AmountInput.optional(),
    date: IsoDate.optional(),
    title: Title.optional(),
    description: Description.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'at least one field is required' });

export type TransferLeg = z.infer<typeof TransferLeg>;
export type Transfer = z.infer<typeof Transfer>;
export type CreateTransferBody = z.infer<typeof CreateTransferBody>;
export type CreateTransferInput = z.input<typeof CreateTransferBody>;
export type UpdateTransferBody = z.infer<typeof UpdateTransferBody>;
