/**
 * Money is an integer count of minor units (cents for USD). Decimal strings are parsed and
 * formatted digit by digit with BigInt: no float ever holds an amount.
 */

/** Largest amount accepted, in minor units: every amount and balance stays exact in a JS number. */
export const MAX_AMOUNT_MINOR = 10n ** 15n - 1n;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

export type ParsedAmount = { ok: true; minor: bigint } | { ok: false; message: string };

/** Parses a non-negative decimal string such as "12.50" into minor units, refusing to round. */
export function parseDecimal(text: string, decimals: number): ParsedAmount {
  const match = DECIMAL.exec(text);
  if (!match) return { ok: false, message: 'must be a decimal number such as "12.50"' };
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  // Refused before BigInt sees it: a million-digit number would stall the server for seconds.
  if (whole.replace(/^0+/, '').length > 40 || fraction.length > 40) {
    return { ok: false, message: 'is far too large' };
  }
  if (fraction.length > decimals) {
    return {
      ok: false,
      message:
        decimals === 0
          ? 'must be a whole number in this currency'
          : `must have at most ${decimals} decimal places in this currency`,
    };
  }
  const minor =
    BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  return { ok: true, minor };
}

/** Parses a transaction amount: a positive decimal no larger than MAX_AMOUNT_MINOR. */
export function parseAmount(text: string, decimals: number): ParsedAmount {
  const parsed = parseDecimal(text, decimals);
  if (!parsed.ok) return parsed;
  if (parsed.minor === 0n) return { ok: false, message: 'must be greater than zero' };
  if (parsed.minor > MAX_AMOUNT_MINOR) {
    return { ok: false, message: `must be at most ${formatMinor(MAX_AMOUNT_MINOR, decimals)}` };
  }
  return parsed;
}

/** Parses a balance: like parseAmount, but zero and a leading minus are allowed. */
export function parseSignedAmount(text: string, decimals: number): ParsedAmount {
  const negative = text.startsWith('-');
  const parsed = parseDecimal(negative ? text.slice(1) : text, decimals);
  if (!parsed.ok) return parsed;
  if (parsed.minor > MAX_AMOUNT_MINOR) {
    return { ok: false, message: `must be within ±${formatMinor(MAX_AMOUNT_MINOR, decimals)}` };
  }
  return { ok: true, minor: negative ? -parsed.minor : parsed.minor };
}

/**
 * `numerator / denominator` as a decimal with at most `places` decimals, truncated toward zero,
 * trailing zeros dropped: exact BigInt division, no float. Both must be positive.
 */
export function formatRatio(numerator: bigint, denominator: bigint, places: number): string {
  const scaled = (numerator * 10n ** BigInt(places)) / denominator;
  return formatMinor(scaled, places).replace(/\.?0+$/, '') || '0';
}

/** Formats minor units as a plain decimal string: formatMinor(-1250n, 2) === "-12.50". */
export function formatMinor(minor: bigint | number, decimals: number): string {
  let value = BigInt(minor);
  const negative = value < 0n;
  if (negative) value = -value;
  const digits = value.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${fraction}` : ''}`;
}

/**
 * The decimal text a JSON number was written as. JSON.parse keeps the shortest representation
 * that round-trips, so 12.5 gives "12.5" and 0.1+0.2 gives "0.30000000000000004" (refused later
 * for its decimals). Exponent forms and non-finite values give null.
 */
export function jsonNumberToDecimal(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  return /e/i.test(text) ? null : text;
}

/** A rate as exact integers: `numerator / 10^scale`. */
export interface ExactRate {
  numerator: bigint;
  scale: number;
}

/** Parses a rate such as "1.0842" digit by digit; null when it is not a positive decimal. */
export function parseRate(text: string): ExactRate | null {
  const match = /^(\d{1,12})(?:\.(\d{1,12}))?$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  const numerator = BigInt(`${match[1] ?? '0'}${fraction}`);
  return numerator > 0n ? { numerator, scale: fraction.length } : null;
}

/** n / d rounded half away from zero; d > 0. */
function divideRounded(n: bigint, d: bigint): bigint {
  const quotient = n / d;
  const remainder = n % d;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < d) return quotient;
  return quotient + (n < 0n ? -1n : 1n);
}

/**
 * Converts minor units of one currency into minor units of another, exactly in BigInt, rounding
 * once, half away from zero. `rate` is units of `to` per unit of `from` ('multiply'), or units of
 * `from` per unit of `to` ('divide', the pair entered the other way round).
 */
export function convertMinor(
  minor: bigint,
  from: { decimals: number },
  to: { decimals: number },
  rate: ExactRate,
  use: 'multiply' | 'divide',
): bigint {
  const pow = (exponent: number) => 10n ** BigInt(exponent);
  return use === 'multiply'
    ? divideRounded(minor * rate.numerator * pow(to.decimals), pow(rate.scale + from.decimals))
    : divideRounded(minor * pow(rate.scale + to.decimals), rate.numerator * pow(from.decimals));
}
