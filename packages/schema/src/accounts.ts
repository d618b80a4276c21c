import { z } from 'zod';
import { WELL_FORMED_MESSAGE, isWellFormed } from './text.js';
import { Currency, Id, Instant, IsoDate, Money, SignedAmountInput } from './common.js';

export const AccountKind = z.enum(['checking', 'savings', 'credit_card', 'cash', 'other']);

export const ACCOUNT_KIND_LABELS: Record<AccountKind, string> = {
  checking: 'Checking',
  savings: 'Savings',
  credit_card: 'Credit card',
  cash: 'Cash',
  other: 'Other',
};

export const AccountName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(60, 'must be at most 60 characters')
  .refine(isWellFormed, WELL_FORMED_MESSAGE);

export const Account = z.object({
  id: Id,
  name: z.string(),
  kind: AccountKind,
  currency: z.string().describe('ISO 4217: every amount in the account is in it'),
  onBudget: z
    .boolean()
    .describe(
      'Counted by budgets; off-budget accounts (a mortgage, investments) only in net worth',
    ),
  isDefault: z
    .boolean()
    .describe('Where a transaction goes when a request names no account; exactly one account is'),
  openingBalance: Money,
  openingDate: IsoDate,
  /** Closed accounts keep their history and leave the pickers. */
  closed: z.boolean(),
  closedAt: Instant.nullable(),
  balance: Money.describe("The balance as of today in the user's time zone"),
  /** The balance once every future-dated transaction has happened. */
  balanceWithUpcoming: Money,
  transactionCount: z.number().int().nonnegative(),
  createdAt: Instant,
  updatedAt: Instant,
});

export const AccountList = z.object({ items: z.array(Account) });

export const CreateAccountBody = z.strictObject({
  name: AccountName,
  kind: AccountKind.default('checking'),
  currency: Currency.optional().describe("ISO 4217; the user's reporting currency when omitted"),
  onBudget: z.boolean().default(true),
  openingBalance: SignedAmountInput.optional().describe(
    'The balance before the first transaction you record, e.g. "-310.25" owed on a card; 0 when omitted',
  ),
  openingDate: IsoDate.optional().describe('The date of the opening balance; today when omitted'),
  isDefault: z.literal(true).optional().describe('Make it the default account'),
});

export const UpdateAccountBody = z
  .strictObject({
    name: AccountName.optional(),
    kind: AccountKind.optional(),
    currency: Currency.optional().describe('Only while the account has no transactions'),
    onBudget: z.boolean().optional(),
    openingBalance: SignedAmountInput.optional(),
    openingDate: IsoDate.optional(),
    closed: z.boolean().optional().describe('Close (true) or reopen (false) the account'),
    isDefault: z.literal(true).optional().describe('Make it the default account'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'at least one field is required' });

export type AccountKind = z.infer<typeof AccountKind>;
export type Account = z.infer<typeof Account>;
export type AccountList = z.infer<typeof AccountList>;
export type CreateAccountBody = z.infer<typeof CreateAccountBody>;
export type CreateAccountInput = z.input<typeof CreateAccountBody>;
export type UpdateAccountBody = z.infer<typeof UpdateAccountBody>;
export type UpdateAccountInput = z.input<typeof UpdateAccountBody>;
