import type { Transaction, TransactionPage } from '@moneta/schema';
import { fromMinor, toMinor } from '@/lib/money';
import type { TransactionFilters, TransactionPages } from '@/lib/query-keys';
import { matchesFilters } from '../filters';

/**
 * The history's pages, changed by one transaction at a time. Every change is a delta (insert or
 * remove one transaction) rather than a snapshot restored, so concurrent changes never clobber
 * each other. Sums are BigInt minor units; running balances shift exactly.
 *
 * Running balances are per account: a row's `balanceAfter` is its account's, in (date, id) order,
 * so a change shifts only the later rows of the same account, even where the list interleaves
 * several accounts (all accounts), each in its own currency.
 */

/** A history row; an optimistic one may not know its running balance yet. */
export type LedgerRow = Transaction & { pending?: boolean; balanceKnown?: boolean };

/** What the folds need of a row: where it sits in its account's ledger and what it changes. */
export type LedgerEntry = Pick<Transaction, 'id' | 'accountId' | 'currency' | 'date' | 'change'>;

// Far above any id SQLite will hand out, so an optimistic row sorts as the newest of its date.
const TEMP_ID_BASE = 9_000_000_000_000_000;
let tempCounter = 0;

export function nextTempId(): number {
  tempCounter += 1;
  return TEMP_ID_BASE + tempCounter;
}

export function isTempId(id: number): boolean {
  return id >= TEMP_ID_BASE;
}

/** (date, id) order, the order of running balances. */
export function isAfter(
  a: Pick<Transaction, 'date' | 'id'>,
  b: Pick<Transaction, 'date' | 'id'>,
): boolean {
  return a.date > b.date || (a.date === b.date && a.id > b.id);
}

/** Whether `item` comes after `row` in the same account's ledger: its balance includes `row`. */
function laterInLedger(item: LedgerEntry, row: LedgerEntry): boolean {
  return item.accountId === row.accountId && isAfter(item, row);
}

function shifted(row: LedgerRow, delta: bigint): LedgerRow {
  if (row.balanceKnown === false || delta === 0n) return row;
  return {
    ...row,
    balanceAfter: fromMinor(toMinor(row.balanceAfter, row.currency) + delta, row.currency),
  };
}

/** Inserts a row where the server would list it, and shifts the balances of its account's later rows. */
export function insertIntoPages(
  data: TransactionPages,
  row: LedgerRow,
  filters: TransactionFilters,
): TransactionPages {
  const delta = toMinor(row.change, row.currency);
  let pending = matchesFilters(row, filters);
  const pages: TransactionPage[] = [];
  for (const page of data.pages) {
    const items: LedgerRow[] = [];
    for (const item of page.items as LedgerRow[]) {
      if (item.id === row.id) continue;
      if (pending && isAfter(row, item)) {
        items.push(row);
        pending = false;
      }
      items.push(laterInLedger(item, row) ? shifted(item, delta) : item);
    }
    pages.push({ ...page, items });
  }
  const last = pages.at(-1);
  // Older than everything loaded: it belongs at the end only if nothing more is to come.
  if (pending && last?.nextCursor === null) last.items.push(row);
  return { ...data, pages };
}

/** Removes a row (if listed) and shifts the balances of its account's later rows back. */
export function removeFromPages(data: TransactionPages, row: LedgerEntry): TransactionPages {
  const delta = -toMinor(row.change, row.currency);
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: (page.items as LedgerRow[])
        .filter((item) => item.id !== row.id)
        .map((item) => (laterInLedger(item, row) ? shifted(item, delta) : item)),
    })),
  };
}

/** Swaps an optimistic row for the server's, in place. */
export function replaceInPages(
  data: TransactionPages,
  id: number,
  row: Transaction,
): TransactionPages {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (item.id === id ? row : item)),
    })),
  };
}

/** Sets a row's flags where it is listed: no amount moves, so no balance shifts. */
export function flagInPages(
  data: TransactionPages,
  id: number,
  flags: Partial<Pick<Transaction, 'cleared' | 'reconciled'>>,
): TransactionPages {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (item.id === id ? { ...item, ...flags } : item)),
    })),
  };
}

/**
 * The running balance of the row's account just before it, when a history that lists every row
 * of that account in its dates tells it exactly: the account's row listed just before it holds
 * it. Null otherwise (the row then shows its balance once the server answers).
 */
export function balanceBeforeIn(
  data: TransactionPages,
  row: Pick<Transaction, 'date' | 'id' | 'accountId' | 'currency'>,
  { startsTheLedger }: { startsTheLedger: boolean },
): bigint | null {
  const items = data.pages.flatMap((page) => page.items as LedgerRow[]);
  const previous = items.find((item) => item.accountId === row.accountId && isAfter(row, item));
  if (previous) {
    return previous.balanceKnown === false ? null : toMinor(previous.balanceAfter, row.currency);
  }
  // Older than every row of its account, every row is loaded and the list has no start date:
  // nothing came before it in that account.
  return startsTheLedger && data.pages.at(-1)?.nextCursor === null ? 0n : null;
}
