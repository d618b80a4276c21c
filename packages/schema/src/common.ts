import { z } from 'zod';
import { isCurrencyCode } from './currencies.js';
import { jsonNumberToDecimal } from './money.js';

export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A positive integer id as it arrives in a path or query string. */
export const IdString = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'must be a positive integer id')
  .transform(Number)
  .pipe(Id);

export const IdParams = z.object({ id: IdString });

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar; month is 1-12. */
export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** A calendar date with no time zone, `YYYY-MM-DD`. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'must be a real calendar date');

export const Instant = z.iso.datetime();

export const Currency = z
  .string()
  .transform((code) => code.toUpperCase())
  .refine(isCurrencyCode, 'must be an ISO 4217 currency code such as USD');

/** An amount as the API returns it: a decimal string, negative only for balances and nets. */
export const Money = z.string().regex(/^-?\d+(\.\d+)?$/);

/**
 * An amount as a request may send it: a decimal string or a JSON number, both kept as the exact
 * decimal text. The user's currency decides the allowed decimals, so the route checks those.
 */
export const AmountInput = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const text = typeof value === 'number' ? jsonNumberToDecimal(value) : value;
  if (text === null || !/^\d+(\.\d+)?$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'must be a positive decimal such as "12.50"' });
    return z.NEVER;
  }
  return text;
});

/** A bounded integer as it arrives in a query string. */
export function intString(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

export const ProblemFieldError = z.object({ path: z.string(), message: z.string() });

/** RFC 9457 problem details, the body of every error response. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(ProblemFieldError).optional(),
});

export type Problem = z.infer<typeof Problem>;
export type ProblemFieldError = z.infer<typeof ProblemFieldError>;
