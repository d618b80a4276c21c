import { z } from 'zod';
import { Currency, Instant, IsoDate, Money } from './common.js';

const RATE_TEXT = /^\d{1,12}(\.\d{1,12})?$/;

/** An exchange rate as a decimal string: how many units of `quote` one unit of `base` buys. */
export const RateValue = z
  .string()
  .regex(RATE_TEXT, 'must be a positive decimal such as "1.0842" (at most 12 decimals)')
  .refine((text) => /[1-9]/.test(text), 'must be greater than zero')
  .describe('How many units of quote one unit of base buys, such as "1.0842"');

export const Rate = z.object({
  base: z.string(),
  quote: z.string(),
  /** In effect from this date until a later rate of the same pair. */
  date: IsoDate,
  rate: z.string(),
  createdAt: Instant,
});

export const RateList = z.object({ items: z.array(Rate) });

export const PutRateBody = z.strictObject({
  base: Currency,
  quote: Currency,
  date: IsoDate,
  rate: RateValue,
});

export const RateKeyParams = z.object({
  base: Currency,
  quote: Currency,
  date: IsoDate,
});

export const ListRatesQuery = z.object({
  base: Currency.optional(),
  quote: Currency.optional(),
});

/**
 * What everything is worth in the reporting currency today: each currency's balances summed
 * exactly, converted once by the latest rate on or before today (either direction of the pair),
 * rounded half away from zero to the reporting currency's minor unit.
 */
export const NetWorth = z.object({
  currency: z.string(),
  asOf: IsoDate,
  /** null when a balance in another currency has no rate to convert it: see missingRates. */
  amount: Money.nullable(),
  missingRates: z.array(z.object({ base: z.string(), quote: z.string() })),
  byCurrency: z.array(
    z.object({
      currency: z.string(),
      balance: Money,
      /** In the reporting currency; null without a rate. */
      converted: Money.nullable(),
      rate: z.string().nullable(),
      rateDate: IsoDate.nullable(),
    }),
  ),
});

export type Rate = z.infer<typeof Rate>;
export type RateList = z.infer<typeof RateList>;
export type PutRateBody = z.infer<typeof PutRateBody>;
export type NetWorth = z.infer<typeof NetWorth>;
