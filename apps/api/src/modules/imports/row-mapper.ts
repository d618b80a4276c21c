import {
  CURRENCY_CODES,
  isCalendarDate,
  parseDecimal,
  formatMinor,
  MAX_AMOUNT_MINOR,
  type ImportMapping,
} from '@moneta/schema';

export interface MappedRow {
  date: string;
  type: 'income' | 'expense';
  amount: number;
  title: string;
  description: string | null;
  categoryName: string | null;
}

export type RowResult = { ok: true; row: MappedRow } | { ok: false; message: string };

export interface ColumnIndexes {
  date: number;
  amount?: number | undefined;
  type?: number | undefined;
  debit?: number | undefined;
  credit?: number | undefined;
  title: number;
  description?: number | undefined;
  category?: number | undefined;
}

/** Finds each mapped column by header name (case-insensitive) or 1-based position. */
export function resolveColumns(
  mapping: ImportMapping,
  header: string[] | null,
): { ok: true; columns: ColumnIndexes } | { ok: false; path: string; message: string } {
  const names = header?.map((name) => name.trim().toLowerCase());
  const find = (key: keyof ColumnIndexes): number | undefined | { error: string } => {
    const ref = mapping[key];
    if (ref === undefined) return undefined;
    if (names) {
      const index = names.indexOf(ref.trim().toLowerCase());
      return index === -1 ? { error: `no column named "${ref}" in the header` } : index;
    }
    const position = /^\d+$/.test(ref) ? Number(ref) : NaN;
    return Number.isInteger(position) && position >= 1
      ? position - 1
      : { error: 'must be a column number (1 is the first) when the file has no header' };
  };
  const columns: Partial<ColumnIndexes> = {};
  for (const key of [
    'date',
    'amount',
    'type',
    'debit',
    'credit',
    'title',
    'description',
    'category',
  ] as const) {
    const found = find(key);
    if (typeof found === 'object') return { ok: false, path: key, message: found.error };
    columns[key] = found;
  }
  return { ok: true, columns: columns as ColumnIndexes };
}

const DATE_PATTERNS: Record<
  ImportMapping['dateFormat'],
  { re: RegExp; order: [number, number, number] }
> = {
  'YYYY-MM-DD': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: [1, 2, 3] },
  'YYYY/MM/DD': { re: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, order: [1, 2, 3] },
  'DD/MM/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 2, 1] },
  'MM/DD/YYYY': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 1, 2] },
  'DD.MM.YYYY': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: [3, 2, 1] },
  'DD-MM-YYYY': { re: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: [3, 2, 1] },
  'MM-DD-YYYY': { re: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: [3, 1, 2] },
};

export function parseDate(text: string, format: ImportMapping['dateFormat']): string | null {
  const { re, order } = DATE_PATTERNS[format];
  const match = re.exec(text.trim());
  if (!match) return null;
  const part = (index: number) => match[index] ?? '';
  const iso = `${part(order[0])}-${part(order[1]).padStart(2, '0')}-${part(order[2]).padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

/** A leading or trailing currency: a three-letter code or one symbol, like EUR, $ or €. */
/**
 * What may stand next to a bank amount: a currency sign (\p{Sc}: $ € £ ¥ ₹ ...), one with a
 * country letter or two (US$, R$, C$), an ISO 4217 code, or a local abbreviation banks print
 * (kr, zł, Kč, Ft, lei). Anything else ("5k", "5%", "=5", "ABC5") is not read as an amount.
 */
const CURRENCY_MARK = String.raw`(?:[A-Za-z]{0,2}\p{Sc}|[A-Za-z]{3}|kr|zł|Kč|Ft|lei)`;
const CURRENCY_PREFIX = new RegExp(`^(${CURRENCY_MARK})\\s*`, 'u');
const CURRENCY_SUFFIX = new RegExp(`\\s*(${CURRENCY_MARK})$`, 'u');
const CODES = new Set<string>(CURRENCY_CODES);

/** The mark is a sign or abbreviation, or three letters that are a real currency code. */
const isCurrencyMark = (mark: string) =>
  !/^[A-Za-z]{3}$/.test(mark) || CODES.has(mark.toUpperCase());

/**
 * A bank amount such as "-1.234,56", "(12.50)", "€ 3,50", "USD 1,234.56" or "12.00-" as signed
 * minor units, exactly. Thousands separators are accepted only between groups of three digits;
 * anything else ("12,34" when the decimal mark is ".", "1e5", "3 x 4.50") is refused, never
 * guessed at.
 */
export function parseBankAmount(
  text: string,
  decimal: '.' | ',',
  decimals: number,
): { ok: true; minor: bigint } | { ok: false; message: string } {
  let value = text.trim();
  // Parentheses, a leading and a trailing minus each say "negative"; two of them are a
  // contradiction ("-12.50-", "(-5)"), refused rather than read as positive.
  let negatives = 0;
  const strip = (pattern: RegExp) => {
    if (pattern.test(value)) {
      negatives += 1;
      value = value.replace(pattern, '').trim();
    }
  };
  const refuse = {
    ok: false as const,
    message: `"${text}" is not an amount with "${decimal}" as the decimal mark`,
  };
  if (/^\(.*\)$/.test(value)) {
    negatives += 1;
    value = value.slice(1, -1).trim();
  }
  strip(/^-/);
  value = value.replace(/^\+/, '');
  const prefix = CURRENCY_PREFIX.exec(value);
  if (prefix) {
    if (!isCurrencyMark(prefix[1] ?? '')) return refuse;
    value = value.slice(prefix[0].length);
    strip(/^-/);
  }
  value = value.replace(/^\+/, '');
  const suffix = CURRENCY_SUFFIX.exec(value);
  if (suffix) {
    if (!isCurrencyMark(suffix[1] ?? '')) return refuse;
    value = value.slice(0, suffix.index);
  }
  strip(/-$/);
  value = value.replace(/\+$/, '');
  if (negatives > 1) {
    return { ok: false, message: `"${text}" has more than one minus sign or parentheses` };
  }
  const negative = negatives === 1;
  const mark = decimal === '.' ? '\\.' : ',';
  const separator = decimal === '.' ? "[, \u00a0']" : "[. \u00a0']";
  const grouped = new RegExp(`^\\d{1,3}(?:${separator}\\d{3})+(?:${mark}\\d+)?$`);
  const plain = new RegExp(`^\\d+(?:${mark}\\d+)?$`);
  if (!grouped.test(value) && !plain.test(value)) return refuse;
  const digits = value.replace(new RegExp(separator, 'g'), '').replace(',', '.');
  const parsed = parseDecimal(digits, decimals);
  if (!parsed.ok) return { ok: false, message: `"${text}" ${parsed.message}` };
  if (parsed.minor > MAX_AMOUNT_MINOR) {
    return {
      ok: false,
      message: `"${text}" is more than ${formatMinor(MAX_AMOUNT_MINOR, decimals)}`,
    };
  }
  return { ok: true, minor: negative ? -parsed.minor : parsed.minor };
}

const INCOME_WORDS = new Set(['income', 'credit', 'cr', 'in', 'deposit']);
const EXPENSE_WORDS = new Set(['expense', 'debit', 'dr', 'out', 'withdrawal']);

export function mapRow(
  fields: string[],
  columns: ColumnIndexes,
  mapping: ImportMapping,
  decimals: number,
): RowResult {
  const cell = (index: number | undefined) =>
    index === undefined ? '' : (fields[index] ?? '').trim();

  const dateText = cell(columns.date);
  const date = parseDate(dateText, mapping.dateFormat);
  if (!date)
    return { ok: false, message: `date "${dateText}" is not a valid ${mapping.dateFormat} date` };

  let type: 'income' | 'expense';
  let minor: bigint;
  if (columns.amount !== undefined) {
    const amount = parseBankAmount(cell(columns.amount), mapping.decimal, decimals);
    if (!amount.ok) return { ok: false, message: `amount ${amount.message}` };
    if (columns.type !== undefined) {
      const word = cell(columns.type).toLowerCase();
      if (INCOME_WORDS.has(word)) type = 'income';
      else if (EXPENSE_WORDS.has(word)) type = 'expense';
      // Moneta's own export has these: each is one side of something an import cannot rebuild.
      else if (word === 'transfer')
        return {
          ok: false,
          message:
            'type "transfer" is one side of a transfer between two accounts: record it as a transfer, it is not imported',
        };
      else if (word === 'opening')
        return {
          ok: false,
          message:
            'type "opening" is an account\'s opening balance: set it on the account, it is not imported',
        };
      else
        return { ok: false, message: `type "${cell(columns.type)}" is neither income nor expense` };
      minor = amount.minor < 0n ? -amount.minor : amount.minor;
    } else {
      const expenseIsNegative = mapping.sign === 'negative-is-expense';
      type = amount.minor < 0n === expenseIsNegative ? 'expense' : 'income';
      minor = amount.minor < 0n ? -amount.minor : amount.minor;
    }
  } else {
    const debitText = cell(columns.debit);
    const creditText = cell(columns.credit);
    if (debitText && creditText)
      return { ok: false, message: 'both debit and credit are filled in' };
    if (!debitText && !creditText)
      return { ok: false, message: 'neither debit nor credit is filled in' };
    const amount = parseBankAmount(debitText || creditText, mapping.decimal, decimals);
    if (!amount.ok)
      return { ok: false, message: `${debitText ? 'debit' : 'credit'} ${amount.message}` };
    type = debitText ? 'expense' : 'income';
    minor = amount.minor < 0n ? -amount.minor : amount.minor;
  }
  if (minor === 0n) return { ok: false, message: 'amount is zero' };

  const title = cell(columns.title).replace(/\s+/g, ' ');
  if (!title) return { ok: false, message: 'title is empty' };
  if (title.length > 200) return { ok: false, message: 'title is longer than 200 characters' };
  const description = cell(columns.description);
  if (description.length > 2000)
    return { ok: false, message: 'description is longer than 2000 characters' };
  return {
    ok: true,
    row: {
      date,
      type,
      amount: Number(minor),
      title,
      description: description || null,
      categoryName: cell(columns.category) || null,
    },
  };
}

/** The key two transactions must share to be the same one: date, type, amount, title. */
export function duplicateKey(row: {
  date: string;
  type: string;
  amount: number;
  title: string;
}): string {
  return `${row.date}|${row.type}|${row.amount}|${row.title.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}
