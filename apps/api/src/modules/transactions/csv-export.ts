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
  'account',
  // Appended, so a reader of the first nine columns (Moneta's own import too) reads them as before.
  'change',
  'transfer_account',
] as const;

/** What starts a formula once a spreadsheet has skipped blanks and quotes (OWASP's list). */
const FORMULA_LEAD = /^(?:[\t\r]|[\s"]*[=+\-@])/;
/**
 * The same after a `;`, tab or line break inside the text: a spreadsheet whose list separator is
 * `;` (or tab) does not see our `,` fields, so for it the cell starts right there, quoted or not.
 * Only spaces and quotes are skipped, so each look ahead stops at the next split: linear time.
 */
const FORMULA_AFTER_SPLIT = /(?<=[;\t\r\n])(?=[ "]*[=+\-@])/g;
/** Anything some reader splits at or reads as syntax: such a field is always quoted. */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/**
 * One RFC 4180 field. In text, every place a spreadsheet may start a cell (the start, and after
 * `;`, tab, CR or LF) that would run as a formula gets an apostrophe (OWASP's CSV injection
 * advice), and text that could be split or was neutralised is quoted. Numbers are as they are.
 */
export function csvField(value: string, isText: boolean): string {
  if (!isText) return NEEDS_QUOTES.test(value) ? quoted(value) : value;
  const safe = (FORMULA_LEAD.test(value) ? `'${value}` : value).replace(FORMULA_AFTER_SPLIT, "'");
  return safe !== value || NEEDS_QUOTES.test(safe) ? quoted(safe) : safe;
}

function quoted(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** Rows as the database hands them out, a batch at a time, or all at once. */
type Rows<T> = Iterable<T> | AsyncIterable<T>;

export async function* csvLines(
  rows: Rows<TransactionRow>,
  context: {
    account: (id: number) => { name: string; currency: string; decimals: number };
    categoryName: (id: number | null) => string;
    /** The other leg of each transfer leg in the batch, by the leg's id. */
    otherLegs: (
      batch: readonly TransactionRow[],
    ) => Map<number, TransactionRow> | Promise<Map<number, TransactionRow>>;
  },
): AsyncGenerator<string> {
  yield `${EXPORT_COLUMNS.join(',')}\r\n`;
  for await (const { row, other } of withOtherLegs(rows, context.otherLegs)) {
    const account = context.account(row.accountId);
    // `amount` is never negative, so type + amount read the same on every row; the signed
    // `change` is what sums to the account's balance.
    const cells = [
      csvField(row.date, false),
      csvField(row.type, false),
      csvField(row.title, true),
      csvField(row.description ?? '', true),
      csvField(context.categoryName(row.categoryId), true),
      csvField(formatMinor(row.amount, account.decimals), false),
      csvField(account.currency, false),
      csvField(formatMinor(row.balanceAfter, account.decimals), false),
      csvField(account.name, true),
      csvField(formatMinor(row.delta, account.decimals), false),
      csvField(other ? context.account(other.accountId).name : '', true),
    ];
    yield `${cells.join(',')}\r\n`;
  }
}

/** Other legs are looked up a batch at a time: one query per batch, not one per transfer. */
async function* withOtherLegs(
  rows: Rows<TransactionRow>,
  otherLegs: (
    batch: readonly TransactionRow[],
  ) => Map<number, TransactionRow> | Promise<Map<number, TransactionRow>>,
  size = 1000,
): AsyncGenerator<{ row: TransactionRow; other: TransactionRow | undefined }> {
  let batch: TransactionRow[] = [];
  async function* flush() {
    const others = batch.some((row) => row.transferId !== null)
      ? await otherLegs(batch)
      : new Map<number, TransactionRow>();
    for (const row of batch) yield { row, other: others.get(row.id) };
    batch = [];
  }
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) yield* flush();
  }
  yield* flush();
}

/** Joins small pieces into ~64 KiB chunks, so a stream of 100k rows is not 100k writes. */
export async function* chunked(pieces: Rows<string>, size = 64 * 1024): AsyncGenerator<string> {
  let buffer = '';
  for await (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}
