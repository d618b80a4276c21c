import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import type { Category, Summary, Transaction, TransactionPage } from '@moneta/schema';
import { monthOf, monthsBetween } from '@moneta/schema/calendar';
import { fromMinor, toMinor } from '@/lib/money';
import { queryKeys, type TransactionFilters } from '@/lib/query-keys';
import { matchesFilters } from './filters';

/**
 * Optimistic bookkeeping on the cached history and summaries. Every change is applied as a delta
 * (insert or remove one transaction) rather than restored from a snapshot, so concurrent changes
 * never clobber each other. Sums are BigInt minor units; running balances shift exactly.
 */

/** A history row; an optimistic one may not know its running balance yet. */
export type LedgerRow = Transaction & { pending?: boolean; balanceKnown?: boolean };

export type LedgerPages = InfiniteData<TransactionPage, string | null>;

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

function signedMinor(row: Pick<Transaction, 'type' | 'amount'>, currency: string): bigint {
  const amount = toMinor(row.amount, currency);
  return row.type === 'income' ? amount : -amount;
}

function shifted(row: LedgerRow, delta: bigint, currency: string): LedgerRow {
  if (row.balanceKnown === false || delta === 0n) return row;
  return { ...row, balanceAfter: fromMinor(toMinor(row.balanceAfter, currency) + delta, currency) };
}

/** Inserts a row where the server would list it, and shifts the balances of later rows. */
export function insertIntoPages(
  data: LedgerPages,
  row: LedgerRow,
  filters: TransactionFilters,
  currency: string,
): LedgerPages {
  const delta = signedMinor(row, currency);
  const visible = matchesFilters(row, filters);
  let pending = visible;
  const pages: TransactionPage[] = [];
  for (const page of data.pages) {
    const items: LedgerRow[] = [];
    for (const item of page.items as LedgerRow[]) {
      if (item.id === row.id) continue;
      if (pending && isAfter(row, item)) {
        items.push(row);
        pending = false;
      }
      items.push(isAfter(item, row) ? shifted(item, delta, currency) : item);
    }
    pages.push({ ...page, items });
  }
  const last = pages.at(-1);
  // Older than everything loaded: it belongs at the end only if nothing more is to come.
  if (pending && last?.nextCursor === null) last.items.push(row);
  return { ...data, pages };
}

/** Removes a row (if listed) and shifts the balances of later rows back. */
export function removeFromPages(
  data: LedgerPages,
  row: Transaction,
  currency: string,
): LedgerPages {
  const delta = -signedMinor(row, currency);
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: (page.items as LedgerRow[])
        .filter((item) => item.id !== row.id)
        .map((item) => (isAfter(item, row) ? shifted(item, delta, currency) : item)),
    })),
  };
}

/** Swaps an optimistic row for the server's, in place. */
export function replaceInPages(data: LedgerPages, id: number, row: Transaction): LedgerPages {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (item.id === id ? row : item)),
    })),
  };
}

function inRange(summary: Pick<Summary, 'from' | 'to'>, date: string): boolean {
  return (
    (summary.from === null || date >= summary.from) && (summary.to === null || date <= summary.to)
  );
}

/** Adds (sign 1) or takes away (sign -1) one transaction from a summary. */
export function applyToSummary(
  summary: Summary,
  row: Pick<Transaction, 'type' | 'amount' | 'categoryId' | 'date'>,
  sign: 1 | -1,
  categoryName: string,
): Summary {
  const currency = summary.currency;
  const money = (minor: bigint) => fromMinor(minor, currency);
  const minor = (text: string) => toMinor(text, currency);
  const amount = toMinor(row.amount, currency) * BigInt(sign);
  const delta = row.type === 'income' ? amount : -amount;
  // Like the API: a row dated after today is upcoming; only the balance after them all moves.
  const future = row.date > summary.asOf;
  const balances = {
    balance: future ? summary.balance : money(minor(summary.balance) + delta),
    upcoming: {
      count: summary.upcoming.count + (future ? sign : 0),
      balance: money(minor(summary.upcoming.balance) + delta),
    },
  };
  if (!inRange(summary, row.date)) return { ...summary, ...balances };

  const income = minor(summary.income) + (row.type === 'income' ? amount : 0n);
  const expense = minor(summary.expense) + (row.type === 'expense' ? amount : 0n);

  let byCategory = summary.byCategory.map((entry) =>
    entry.categoryId === row.categoryId && entry.kind === row.type
      ? { ...entry, total: money(minor(entry.total) + amount), count: entry.count + sign }
      : entry,
  );
  if (
    sign === 1 &&
    !summary.byCategory.some((e) => e.categoryId === row.categoryId && e.kind === row.type)
  ) {
    byCategory.push({
      categoryId: row.categoryId,
      name: categoryName,
      kind: row.type,
      total: money(amount),
      count: 1,
    });
  }
  byCategory = byCategory
    .filter((entry) => entry.count > 0)
    .sort((a, b) => {
      const difference = minor(b.total) - minor(a.total);
      return difference > 0n ? 1 : difference < 0n ? -1 : 0;
    });

  const month = monthOf(row.date);
  let byMonth = [...summary.byMonth];
  if (sign === 1 && !byMonth.some((entry) => entry.month === month)) {
    const months = [...byMonth.map((entry) => entry.month), month].sort();
    byMonth = monthsBetween(months[0] ?? month, months.at(-1) ?? month).map(
      (key) =>
        byMonth.find((entry) => entry.month === key) ?? {
          month: key,
          income: money(0n),
          expense: money(0n),
        },
    );
  }
  byMonth = byMonth.map((entry) =>
    entry.month === month
      ? {
          ...entry,
          income: money(minor(entry.income) + (row.type === 'income' ? amount : 0n)),
          expense: money(minor(entry.expense) + (row.type === 'expense' ? amount : 0n)),
        }
      : entry,
  );
  // Like the API: months run from the first to the last month with data.
  const empty = (entry: { income: string; expense: string }) =>
    minor(entry.income) === 0n && minor(entry.expense) === 0n;
  while (byMonth[0] && empty(byMonth[0])) byMonth.shift();
  while (byMonth.at(-1) && empty(byMonth.at(-1) as { income: string; expense: string }))
    byMonth.pop();

  return {
    ...summary,
    ...balances,
    income: money(income),
    expense: money(expense),
    net: money(income - expense),
    byCategory,
    byMonth,
  };
}

function listQueries(queryClient: QueryClient): Array<[QueryKey, LedgerPages | undefined]> {
  return queryClient.getQueriesData<LedgerPages>({ queryKey: [...queryKeys.transactions, 'list'] });
}

function filtersOf(key: QueryKey): TransactionFilters {
  return key[2] ?? {};
}

function categoryName(queryClient: QueryClient, categoryId: number | null): string {
  if (categoryId === null) return 'Uncategorised';
  const categories = queryClient.getQueryData<Category[]>(queryKeys.categories);
  return categories?.find((category) => category.id === categoryId)?.name ?? 'Unknown';
}

/** Adds a transaction to every cached history and summary. */
export function insertTransaction(
  queryClient: QueryClient,
  row: LedgerRow,
  currency: string,
): void {
  for (const [key, data] of listQueries(queryClient)) {
    if (data) queryClient.setQueryData(key, insertIntoPages(data, row, filtersOf(key), currency));
  }
  const name = categoryName(queryClient, row.categoryId);
  for (const [key, summary] of queryClient.getQueriesData<Summary>({
    queryKey: queryKeys.summary,
  })) {
    if (summary) queryClient.setQueryData(key, applyToSummary(summary, row, 1, name));
  }
}

/** Takes a transaction out of every cached history and summary. */
export function removeTransaction(
  queryClient: QueryClient,
  row: Transaction,
  currency: string,
): void {
  for (const [key, data] of listQueries(queryClient)) {
    if (data) queryClient.setQueryData(key, removeFromPages(data, row, currency));
  }
  const name = categoryName(queryClient, row.categoryId);
  for (const [key, summary] of queryClient.getQueriesData<Summary>({
    queryKey: queryKeys.summary,
  })) {
    if (summary) queryClient.setQueryData(key, applyToSummary(summary, row, -1, name));
  }
}

export function replaceTransaction(queryClient: QueryClient, id: number, row: Transaction): void {
  for (const [key, data] of listQueries(queryClient)) {
    if (data) queryClient.setQueryData(key, replaceInPages(data, id, row));
  }
}

/**
 * The running balance just before a new transaction, when a cached unfiltered history tells it
 * exactly; null otherwise (the row then shows its balance once the server answers).
 */
export function balanceBefore(
  queryClient: QueryClient,
  row: Pick<Transaction, 'date' | 'id'>,
  currency: string,
): bigint | null {
  for (const [key, data] of listQueries(queryClient)) {
    if (!data || Object.keys(filtersOf(key)).length > 0) continue;
    const items = data.pages.flatMap((page) => page.items as LedgerRow[]);
    const previous = items.find((item) => isAfter(row, item));
    if (previous)
      return previous.balanceKnown === false ? null : toMinor(previous.balanceAfter, currency);
    const complete = data.pages.at(-1)?.nextCursor === null;
    if (complete && !items.some((item) => isAfter(row, item))) return 0n;
  }
  return null;
}
