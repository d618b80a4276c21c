import { z } from 'zod';
import { Id, Instant, IsoDate, Money, SignedAmountInput } from './common.js';

export const ReconciliationPreviewQuery = z.object({
  date: IsoDate.optional().describe('The statement date; today when omitted'),
  statementBalance: SignedAmountInput.optional().describe("The balance on the bank's statement"),
});

/** Where an account stands against a statement: what is cleared, and what is left to find. */
export const ReconciliationPreview = z.object({
  accountId: Id,
  currency: z.string(),
  date: IsoDate,
  /** The sum of the cleared rows dated on or before `date`. */
  clearedBalance: Money,
  /** Every row's balance at the end of `date`, cleared or not. */
  balance: Money,
  statementBalance: Money.nullable(),
  /** statementBalance - clearedBalance; null without a statement balance. 0 means it agrees. */
  difference: Money.nullable(),
  /** Rows dated on or before `date` that are not cleared yet. */
  unclearedCount: z.number().int().nonnegative(),
  lastReconciliation: z
    .object({ id: Id, date: IsoDate, statementBalance: Money, createdAt: Instant })
    .nullable(),
});

export const CreateReconciliationBody = z.strictObject({
  date: IsoDate,
  statementBalance: SignedAmountInput,
});

export const Reconciliation = z.object({
  id: Id,
  accountId: Id,
  date: IsoDate,
  statementBalance: Money,
  /** Cleared rows this reconciliation locked. */
  reconciledCount: z.number().int().nonnegative(),
  createdAt: Instant,
});

export const ReconciliationList = z.object({ items: z.array(Reconciliation) });

export type ReconciliationPreview = z.infer<typeof ReconciliationPreview>;
export type CreateReconciliationBody = z.infer<typeof CreateReconciliationBody>;
export type Reconciliation = z.infer<typeof Reconciliation>;
export type ReconciliationList = z.infer<typeof ReconciliationList>;
