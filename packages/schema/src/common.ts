import { z } from 'zod';
import { isCalendarDate } from './calendar.js';
import { CURRENCY_CODES } from './currencies.js';
import { jsonNumberToDecimal } from './money.js';

export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * A number as it arrives in a path or query string: text of digits matching `digits` becomes
 * the number, anything else stays text for `schema` to refuse. The OpenAPI document shows
 * `schema` (an integer with its range), so a typed client sends numbers.
 */
function numberParam<T extends z.ZodType>(digits: RegExp, schema: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' && digits.test(value) ? Number(value) : value),
    schema,
  );
}

const ID_MESSAGE = 'must be a positive integer id';

/** A positive integer id as it arrives in a path or query string. */
export const IdParam = numberParam(
  /^[1-9]\d{0,15}$/,
  z
    .number({ error: ID_MESSAGE })
    .int(ID_MESSAGE)
    .min(1, ID_MESSAGE)
    .max(Number.MAX_SAFE_INTEGER, ID_MESSAGE),
);

export const IdParams = z.object({ id: IdParam });

/** A bounded integer as it arrives in a query string, with the value used when it is absent. */
export function intParam(min: number, max: number, defaultValue?: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  const schema = z.number({ error: message }).int(message).min(min, message).max(max, message);
  return numberParam(
    /^\d{1,9}$/,
    defaultValue === undefined ? schema : schema.default(defaultValue),
  );
}

/** A flag as it arrives in a query string, `true` or `false`; the document shows a boolean. */
export function booleanParam(defaultValue: boolean) {
  return z.preprocess(
    (value) => (value === 'true' ? true : value === 'false' ? false : value),
    z.boolean({ error: 'must be true or false' }).default(defaultValue),
  );
}

/** A calendar date with no time zone, `YYYY-MM-DD`. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'must be a real calendar date');

export const Instant = z.iso.datetime();

/** An ISO 4217 code as a request may send it, in any case; the document lists the codes. */
export const Currency = z
  .preprocess(
    (code) => (typeof code === 'string' ? code.toUpperCase() : code),
    z.enum(CURRENCY_CODES as [string, ...string[]], {
      error: 'must be an ISO 4217 currency code such as USD',
    }),
  )
  .describe('An ISO 4217 currency code such as USD (any case)');

/** An amount as the API returns it: a decimal string, negative only for balances and nets. */
export const Money = z.string().regex(/^-?\d+(\.\d+)?$/);

const DECIMAL_TEXT = /^\d+(\.\d+)?$/;
const AMOUNT_MESSAGE = 'must be a positive decimal such as "12.50"';

/**
 * An amount as a request may send it: a decimal string or a JSON number, both kept as the exact
 * decimal text. The user's currency decides the allowed decimals, so the route checks those.
 */
export const AmountInput = z
  .union([
    z.string().regex(DECIMAL_TEXT, AMOUNT_MESSAGE),
    z.number().positive('must be greater than zero'),
  ])
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? jsonNumberToDecimal(value) : value;
    if (text === null || !DECIMAL_TEXT.test(text)) {
      ctx.addIssue({ code: 'custom', message: AMOUNT_MESSAGE });
      return z.NEVER;
    }
    return text;
  })
  .describe(
    'A decimal string such as "12.50" (or a JSON number), with at most as many decimals as ' +
      "the user's currency has (USD 2, JPY 0, KWD 3)",
  );

const SIGNED_TEXT = /^-?\d+(\.\d+)?$/;
const SIGNED_MESSAGE = 'must be a decimal such as "1250.00" or "-310.25"';

/** A balance as a request may send it: like AmountInput, but zero and negative are allowed. */
export const SignedAmountInput = z
  .union([z.string().regex(SIGNED_TEXT, SIGNED_MESSAGE), z.number()])
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? jsonNumberToDecimal(value) : value;
    if (text === null || !SIGNED_TEXT.test(text)) {
      ctx.addIssue({ code: 'custom', message: SIGNED_MESSAGE });
      return z.NEVER;
    }
    return text;
  })
  .describe(
    'A signed decimal string such as "-310.25" (or a JSON number), with at most as many ' +
      "decimals as the account's currency has",
  );

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
