import {
  currencyDecimals,
  formatMinor,
  parseAmount,
  parseDecimal,
  type ParsedAmount,
} from '@moneta/schema';
import { appLocale } from './locale';

/**
 * Money in the browser: decimal strings from the API become BigInt minor units for arithmetic,
 * and are shown through Intl.NumberFormat fed with the exact decimal string (never a float).
 */

/** Minor units of a signed decimal string as the API returns it ("-12.50" -> -1250n). */
export function toMinor(text: string, currency: string): bigint {
  const negative = text.startsWith('-');
  const parsed = parseDecimal(negative ? text.slice(1) : text, currencyDecimals(currency));
  if (!parsed.ok) throw new RangeError(`Not an amount in ${currency}: ${text}`);
  return negative ? -parsed.minor : parsed.minor;
}

export function fromMinor(minor: bigint, currency: string): string {
  return formatMinor(minor, currencyDecimals(currency));
}

const SPACES = /[\s\u00a0\u202f\u2009']/g;

/**
 * Parses what a person types into an amount field. "12.50", "12,50", "1 234,50", "1,234.50" are
 * all fine; the last "." or "," is the decimal separator when it is the only one of its kind,
 * other separators are thousands groups (and so is a lone "1,000" where it can only be one). More decimals than the currency has are refused, never
 * rounded. Returns the canonical decimal string the API expects.
 */
export function parseMoneyInput(
  input: string,
  currency: string,
  locale: string = appLocale(),
): { ok: true; value: string; minor: bigint } | { ok: false; message: string } {
  const text = input.replace(SPACES, '');
  if (text === '') return { ok: false, message: 'is required' };
  if (text.startsWith('-')) return { ok: false, message: 'must be greater than zero' };
  if (!/^[\d.,]+$/.test(text)) return { ok: false, message: 'must be a number such as 12.50' };
  const decimals = currencyDecimals(currency);
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  const dots = text.split('.').length - 1;
  const commas = text.split(',').length - 1;
  let normalized: string;
  if (dots === 0 && commas === 0) {
    normalized = text;
  } else if (dots > 0 && commas > 0) {
    // Both kinds: the later one is the decimal separator and must appear once.
    const decimalSeparator = lastDot > lastComma ? '.' : ',';
    const groupSeparator = decimalSeparator === '.' ? ',' : '.';
    if ((decimalSeparator === '.' ? dots : commas) > 1) {
      return { ok: false, message: 'must be a number such as 12.50' };
    }
    const [whole = '', fraction = ''] = text.split(decimalSeparator);
    if (!validGroups(whole, groupSeparator))
      return { ok: false, message: 'must be a number such as 12.50' };
    normalized = `${whole.replaceAll(groupSeparator, '')}.${fraction}`;
  } else {
    const separator = dots > 0 ? '.' : ',';
    const count = dots + commas;
    if (count === 1 && isGrouping(text, separator, decimals, locale)) {
      normalized = text.replace(separator, '');
    } else if (count === 1) {
      normalized = text.replace(separator, '.');
    } else {
      // "1,234,567" or "1.234.567": repeated separators can only be thousands groups.
      if (!validGroups(text, separator))
        return { ok: false, message: 'must be a number such as 12.50' };
      normalized = text.replaceAll(separator, '');
    }
  }
  if (normalized.startsWith('.')) normalized = `0${normalized}`;
  if (normalized.endsWith('.')) normalized = normalized.slice(0, -1);
  const parsed: ParsedAmount = parseAmount(normalized, decimals);
  if (!parsed.ok) return parsed;
  return { ok: true, value: formatMinor(parsed.minor, decimals), minor: parsed.minor };
}

/**
 * A signed amount as typed ("-310.25", "−310,25", "+12"): the sign, then an amount as
 * `parseMoneyInput` reads it. Returns the canonical signed decimal string ("-310.25", "0.00").
 */
export function parseSignedMoneyInput(
  input: string,
  currency: string,
): { ok: true; value: string; minor: bigint } | { ok: false; message: string } {
  const text = input.trim();
  // U+2212 is the minus sign that Intl and some keyboards produce.
  const negative = text.startsWith('-') || text.startsWith('\u2212');
  const unsigned = negative || text.startsWith('+') ? text.slice(1) : text;
  const parsed = parseMoneyInput(unsigned, currency);
  if (!parsed.ok) {
    if (parsed.message !== 'must be greater than zero') return parsed;
    // Zero is a balance; a second sign ("--5") is not a number.
    return unsigned.trimStart().startsWith('-')
      ? { ok: false, message: 'must be a number such as -12.50' }
      : { ok: true, value: fromMinor(0n, currency), minor: 0n };
  }
  const minor = negative ? -parsed.minor : parsed.minor;
  return { ok: true, value: fromMinor(minor, currency), minor };
}

/**
 * "1,000" in USD for an en reader, "1.000" for a de one, "1,500" in yen for anyone: one
 * separator followed by exactly three digits where the currency has fewer decimals is a thousands
 * group when it is the reader's group separator (or the currency has no decimals at all). Else it
 * stays a decimal separator, and too many decimals are refused rather than guessed.
 */
function isGrouping(text: string, separator: string, decimals: number, locale: string): boolean {
  const [whole = '', fraction = ''] = text.split(separator);
  if (fraction.length !== 3 || decimals >= 3 || !/^\d{1,3}$/.test(whole)) return false;
  return decimals === 0 || groupSeparator(locale) === separator;
}

const groupSeparators = new Map<string, string>();

function groupSeparator(locale: string): string {
  let found = groupSeparators.get(locale);
  if (found === undefined) {
    found =
      new Intl.NumberFormat(locale).formatToParts(1000).find((part) => part.type === 'group')
        ?.value ?? ',';
    groupSeparators.set(locale, found);
  }
  return found;
}

function validGroups(text: string, separator: string): boolean {
  const groups = text.split(separator);
  return (
    groups.length > 0 &&
    /^\d{1,3}$/.test(groups[0] ?? '') &&
    groups.slice(1).every((group) => /^\d{3}$/.test(group))
  );
}

/** An example amount in the currency's own digits, for hints: "310.25", "310" (JPY), "310.250". */
export function exampleAmount(currency: string): string {
  const decimals = currencyDecimals(currency);
  return decimals === 0 ? '310' : `310.${'25'.padEnd(decimals, '0').slice(0, decimals)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale: string, signed: boolean): Intl.NumberFormat {
  const key = `${locale}|${currency}|${signed}`;
  let cached = formatters.get(key);
  if (!cached) {
    // ISO 4217 decides the digits: Intl disagrees for a few currencies (IQD, for one).
    const digits = currencyDecimals(currency);
    cached = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    formatters.set(key, cached);
  }
  return cached;
}

/** Formats an exact decimal string ("-1234.50") in the currency, by the app's locale rule. */
export function formatMoney(
  amount: string,
  currency: string,
  options: { locale?: string; signed?: boolean } = {},
): string {
  // Intl.NumberFormat formats decimal strings exactly (ES2023), no float in between.
  return formatter(currency, options.locale ?? appLocale(), options.signed ?? false).format(
    amount as `${number}`,
  );
}

/** A signed decimal for a transaction: "+12.50" for income, "-12.50" for an expense. */
export function signedAmount(type: 'income' | 'expense', amount: string): string {
  return type === 'income' ? amount : `-${amount}`;
}
