import { MAX_FILLED_MONTHS, type Summary, type Transaction } from '@moneta/schema';
// The only month arithmetic of the web's summary fold.
import { monthIndex, monthOf, monthsBetween } from '@moneta/schema/calendar';
import { fromMinor, toMinor } from '@/lib/money';

/**
 * The summary as the server folds it (apps/api summary.service.ts), applied one transaction at a
 * time: an add shows in the totals and charts before the server answers, and a delete waiting
 * out its undo window is taken out of the server's numbers. Every rule here mirrors the server's:
 * the range, "upcoming" after today, months from the first to the last with data (filled while
 * the span is at most MAX_FILLED_MONTHS), and the order of the categories.
 */

type Entry = Summary['byCategory'][number];

function inRange(summary: Pick<Summary, 'from' | 'to'>, date: string): boolean {
  return (
    (summary.from === null || date >= summary.from) && (summary.to === null || date <= summary.to)
  );
}

/**
 * The order the categories are shown in. The server sorts by total (largest first), then by
 * count (fewest first), and leaves exact ties in the order its SQL groups came in, which no
 * client can know; names, kind and id settle those here, so a folded summary and a fresh one
 * list the same categories in the same order (no reshuffle when the refetch lands).
 */
function compareEntries(currency: string): (a: Entry, b: Entry) => number {
  const minor = (entry: Entry) => toMinor(entry.total, currency);
  return (a, b) => {
    const difference = minor(b) - minor(a);
    if (difference !== 0n) return difference > 0n ? 1 : -1;
    if (a.count !== b.count) return a.count - b.count;
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
    return (a.categoryId ?? 0) - (b.categoryId ?? 0);
  };
}

/** The summary in display order: the server's own order, with its exact ties settled. */
export function inDisplayOrder(summary: Summary): Summary {
  const byCategory = [...summary.byCategory].sort(compareEntries(summary.currency));
  const same = byCategory.every((entry, index) => entry === summary.byCategory[index]);
  return same ? summary : { ...summary, byCategory };
}

/** Months from the first to the last with data, as the server lists them. */
function monthsToList(withData: readonly string[]): string[] {
  const sorted = [...withData].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return [];
  // Longer than the server fills: only the months with data.
  return monthIndex(last) - monthIndex(first) + 1 > MAX_FILLED_MONTHS
    ? sorted
    : monthsBetween(first, last);
}

/** Adds (sign 1) or takes away (sign -1) one transaction from a summary. */
export function applyToSummary(
  summary: Summary,
  row: Pick<Transaction, 'accountId' | 'currency' | 'type' | 'amount' | 'categoryId' | 'date'>,
  sign: 1 | -1,
  categoryName: string,
): Summary {
  // Transfers and opening balances come from their own resources and refetch the summary.
  if (row.type !== 'income' && row.type !== 'expense') return summary;
  const type = row.type;
  // An optimistic row not yet placed (accountId 0) is in the default account: with one account,
  // that one; with more, the refetch after the write places it.
  const accountId =
    row.accountId === 0 && summary.accounts.length === 1
      ? (summary.accounts[0]?.id ?? 0)
      : row.accountId;
  const change = (text: string) =>
    toMinor(row.amount, row.currency) * BigInt(sign) * (type === 'income' ? 1n : -1n) +
    toMinor(text, row.currency);
  const accounts = summary.accounts.map((account) =>
    account.id === accountId && row.date <= summary.asOf
      ? { ...account, balance: fromMinor(change(account.balance), account.currency) }
      : account,
  );
  // Net worth moves by the row in its own currency; the server converts the others.
  const moves = (text: string | null) =>
    text === null ? null : fromMinor(change(text), row.currency);
  const worth = summary.netWorth;
  const netWorth =
    row.date > summary.asOf
      ? worth
      : {
          ...worth,
          amount: row.currency === worth.currency ? moves(worth.amount) : worth.amount,
          byCurrency: worth.byCurrency.map((entry) =>
            entry.currency === row.currency
              ? {
                  ...entry,
                  balance: moves(entry.balance) ?? entry.balance,
                  converted:
                    row.currency === worth.currency ? moves(entry.converted) : entry.converted,
                }
              : entry,
          ),
        };
  // Rows of another account, or another currency than the summary's, only move their account.
  const outside =
    summary.accountId === null
      ? row.currency !== summary.currency
      : summary.accountId !== accountId;
  if (outside) return { ...summary, accounts, netWorth };
  const currency = summary.currency;
  const money = (minor: bigint) => fromMinor(minor, currency);
  const minor = (text: string) => toMinor(text, currency);
  const amount = toMinor(row.amount, currency) * BigInt(sign);
  const delta = row.type === 'income' ? amount : -amount;
  // Like the API: a row dated after today is upcoming; only the balance after them all moves.
  const future = row.date > summary.asOf;
  // The balance line: the opening balance moves for a row before the period, each point on or
  // after the row's date moves by it. (A row that widens an open period's line is drawn by the
  // refetch that follows every write.)
  const line = summary.balanceOverTime;
  const before = summary.from !== null && row.date < summary.from;
  const balances = {
    balance: future ? summary.balance : money(minor(summary.balance) + delta),
    upcoming: {
      count: summary.upcoming.count + (future ? sign : 0),
      balance: money(minor(summary.upcoming.balance) + delta),
    },
    balanceOverTime: {
      ...line,
      opening: before ? money(minor(line.opening) + delta) : line.opening,
      points: line.points.map((point) =>
        point.date >= row.date ? { ...point, balance: money(minor(point.balance) + delta) } : point,
      ),
    },
  };
  if (!inRange(summary, row.date)) return { ...summary, ...balances, accounts, netWorth };

  const income = minor(summary.income) + (row.type === 'income' ? amount : 0n);
  const expense = minor(summary.expense) + (row.type === 'expense' ? amount : 0n);

  const isRowCategory = (entry: Entry) =>
    entry.categoryId === row.categoryId && entry.kind === row.type;
  const byCategory = summary.byCategory.map((entry) =>
    isRowCategory(entry)
      ? { ...entry, total: money(minor(entry.total) + amount), count: entry.count + sign }
      : entry,
  );
  if (sign === 1 && !summary.byCategory.some(isRowCategory)) {
    byCategory.push({
      categoryId: row.categoryId,
      name: categoryName,
      kind: type,
      total: money(amount),
      count: 1,
    });
  }

  const months = new Map(
    summary.byMonth.map((entry) => [
      entry.month,
      { income: minor(entry.income), expense: minor(entry.expense) },
    ]),
  );
  const month = monthOf(row.date);
  const totals = months.get(month) ?? { income: 0n, expense: 0n };
  months.set(month, { ...totals, [type]: totals[type] + amount });
  // Amounts are positive, so a month with data has a non-zero income or expense.
  const withData = [...months].filter(([, t]) => t.income !== 0n || t.expense !== 0n);
  const byMonth = monthsToList(withData.map(([key]) => key)).map((key) => {
    const t = months.get(key) ?? { income: 0n, expense: 0n };
    return { month: key, income: money(t.income), expense: money(t.expense) };
  });

  return inDisplayOrder({
    ...summary,
    ...balances,
    accounts,
    netWorth,
    income: money(income),
    expense: money(expense),
    net: money(income - expense),
    byCategory: byCategory.filter((entry) => entry.count > 0),
    byMonth,
  });
}
