import { z } from 'zod';
import { Id, IdParam, IsoDate, Money } from './common.js';
import { CategoryKind } from './categories.js';
import { NetWorth } from './rates.js';

export const SummaryQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    accountId: IdParam.optional().describe(
      'One account, in its currency; all accounts in the reporting currency when omitted',
    ),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'must not be before from',
    path: ['to'],
  });

/** Longest span of months whose empty months the summary fills in (50 years). */
export const MAX_FILLED_MONTHS = 600;

/** Longest period (in days) whose balance line has a point per day: a quarter; longer, per month. */
export const MAX_DAILY_POINTS = 92;

export const BalanceOverTime = z
  .object({
    opening: Money.describe(
      'The balance at the end of the day before the period: the running balance before its first day',
    ),
    step: z.enum(['day', 'month']),
    points: z.array(
      z.object({
        /** The day, or the month's last day (the period's end in its last month). */
        date: IsoDate,
        balance: Money,
      }),
    ),
  })
  .describe(
    `The running balance at the end of each day of the period when it spans at most ` +
      `${MAX_DAILY_POINTS} days, else at the end of each month (the last point on the period's ` +
      `end). The period runs from \`from\` (else the first transaction) to \`to\` (else the last ` +
      `transaction or today, whichever is later); future-dated transactions count on their dates. ` +
      `Months are filled as in byMonth; no points without any transaction and no \`from\`.`,
  );

export const Summary = z.object({
  /** The currency of every amount below but `accounts`: the account's, or the reporting currency. */
  currency: z.string(),
  /** The account summarised; null for all accounts in the reporting currency. */
  accountId: Id.nullable(),
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  /** The balance as of today (the user's time zone), whatever the range: future-dated rows excluded. */
  balance: Money.describe(
    "The balance as of today in the user's time zone, whatever the range; future-dated transactions are in upcoming",
  ),
  /** The date `balance` is as of: today in the user's time zone. */
  asOf: IsoDate,
  /** Transactions dated after today, and the balance once they have all happened. */
  upcoming: z.object({
    count: z.number().int().nonnegative(),
    balance: Money.describe('The balance after every future-dated transaction'),
  }),
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
  byMonth: z
    .array(
      z.object({
        month: z.string().regex(/^\d{4}-\d{2}$/),
        income: Money,
        expense: Money,
      }),
    )
    .describe(
      `Months in order from the first to the last with data. Months without data in between are ` +
        `listed as zero while that span is at most ${MAX_FILLED_MONTHS} months; a longer span ` +
        `lists only the months with data.`,
    ),
  balanceOverTime: BalanceOverTime,
  netWorth: NetWorth,
  /** Every account's balance as of today, each in its own currency. */
  accounts: z.array(
    z.object({
      id: Id,
      name: z.string(),
      currency: z.string(),
      closed: z.boolean(),
      balance: Money,
    }),
  ),
});

export type SummaryQuery = z.infer<typeof SummaryQuery>;
export type Summary = z.infer<typeof Summary>;
export type BalanceOverTime = z.infer<typeof BalanceOverTime>;
