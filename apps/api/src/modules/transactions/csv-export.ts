import { formatMinor } from '@moneta/schema';
import type { TransactionRow } from '../../db/schema.js';

export const EXPORT_COLUMNS = [
  'date',
  'type',
  'title',
  'description',
  'category',
  'amount',
  'currency',
  'balance_after',
] as const;

/**
 * One RFC 4180 field. Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
 * prefixed with an apostrophe (OWASP's CSV injection advice); numbers are written as they are.
 */
export function csvField(value: string, isText: boolean): string {
  const safe = isText && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function* csvLines(
  rows: Iterable<TransactionRow>,
  context: { currency: string; decimals: number; categoryName: (id: number | null) => string },
): Generator<string> {
  yield `${EXPORT_COLUMNS.join(',')}\r\n`;
  for (const row of rows) {
    const cells = [
      csvField(row.date, false),
      csvField(row.type, false),
      csvField(row.title, true),
      csvField(row.description ?? '', true),
      csvField(context.categoryName(row.categoryId), true),
      csvField(formatMinor(row.amount, context.decimals), false),
      csvField(context.currency, false),
      csvField(formatMinor(row.balanceAfter, context.decimals), false),
    ];
    yield `${cells.join(',')}\r\n`;
  }
}

/** Joins small pieces into ~64 KiB chunks, so a stream of 100k rows is not 100k writes. */
export function* chunked(pieces: Iterable<string>, size = 64 * 1024): Generator<string> {
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}
