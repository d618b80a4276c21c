import {
  MAX_DAILY_POINTS,
  MAX_FILLED_MONTHS,
  currencyDecimals,
  datesBetween,
  dayIndex,
  formatMinor,
  lastDayOfMonth,
  monthIndex,
  monthOf,
  monthsBetween,
  type Summary,
} from '@moneta/schema';
import type { Repositories } from '../../db/repositories.js';
import type { AuthContext } from '../../plugins/auth.js';
import { notFound } from '../../errors.js';
import { netWorth } from '../rates/net-worth.js';

/** Balance, totals, by category and by month for a range, folded from SQL group sums in BigInt. */
export async function buildSummary(
  repos: Repositories,
  auth: AuthContext,
  query: { from?: string | undefined; to?: string | undefined; accountId?: number | undefined },
  today: string,
): Promise<Summary> {
  const { from, to } = query;
  const range = { from, to };
  const all = await repos.accounts.list(auth.userId);
  const balancesToday = await repos.accounts.balancesOn(auth.userId, today);
  let scope: number[];
  let currency: string;
  if (query.accountId !== undefined) {
    const account = all.find((a) => a.id === query.accountId);
    if (!account) throw notFound('Account');
    scope = [account.id];
    currency = account.currency;
  } else {
    // Amounts in different currencies do not add up: all accounts means those in the
    // reporting currency.
    currency = auth.currency;
    scope = all.filter((a) => a.currency === currency).map((a) => a.id);
  }
  const decimals = currencyDecimals(currency);
  const money = (minor: bigint) => formatMinor(minor, decimals);

  const { categories, months } = await repos.summary.totals(auth.userId, scope, { from, to });
  const names = new Map((await repos.categories.names(auth.userId)).map((c) => [c.id, c.name]));
  const totals = { income: 0n, expense: 0n };
  const byCategory = new Map<
    string,
    { categoryId: number | null; kind: 'income' | 'expense'; total: bigint; count: number }
  >();
  for (const group of categories) {
    const amount = BigInt(group.total);
    totals[group.type] += amount;
    const key = `${group.categoryId ?? ''}|${group.type}`;
    const category = byCategory.get(key) ?? {
      categoryId: group.categoryId,
      kind: group.type,
      total: 0n,
      count: 0,
    };
    category.total += amount;
    category.count += group.count;
    byCategory.set(key, category);
  }
  const byMonth = new Map<string, { income: bigint; expense: bigint }>();
  /** Each month's change to the balance from transfers and opening balances. */
  const moves = new Map<string, bigint>();
  for (const group of months) {
    const amount = BigInt(group.total);
    if (group.type === 'transfer' || group.type === 'opening') {
      moves.set(group.month, (moves.get(group.month) ?? 0n) + amount);
      continue;
    }
    const month = byMonth.get(group.month) ?? { income: 0n, expense: 0n };
    month[group.type] += amount;
    byMonth.set(group.month, month);
  }

  return {
    currency,
    accountId: query.accountId ?? null,
    from: from ?? null,
    to: to ?? null,
    ...(await balances(repos, scope, today, money)),
    income: money(totals.income),
    expense: money(totals.expense),
    net: money(totals.income - totals.expense),
    byCategory: [...byCategory.values()]
      .sort((a, b) => (a.total === b.total ? a.count - b.count : a.total > b.total ? -1 : 1))
      .map((c) => ({
        categoryId: c.categoryId,
        name: c.categoryId === null ? 'Uncategorised' : (names.get(c.categoryId) ?? 'Unknown'),
        kind: c.kind,
        total: money(c.total),
        count: c.count,
      })),
    byMonth: monthsWithData(byMonth).map((month) => {
      const values = byMonth.get(month) ?? { income: 0n, expense: 0n };
      return { month, income: money(values.income), expense: money(values.expense) };
    }),
    balanceOverTime: await balanceOverTime(repos, scope, range, today, byMonth, moves, money),
    netWorth: await netWorth(repos, auth.userId, auth.currency, today, {
      accounts: all,
      balances: balancesToday,
    }),
    accounts: all.map((account) => ({
      id: account.id,
      name: account.name,
      currency: account.currency,
      closed: account.closedAt !== null,
      balance: formatMinor(balancesToday.get(account.id) ?? 0, currencyDecimals(account.currency)),
    })),
  };
}

/** Months in order from the first to the last with data, empty months between them included. */
function monthsWithData(months: ReadonlyMap<string, unknown>): string[] {
  const keys = [...months.keys()].sort();
  const first = keys[0];
  const last = keys.at(-1);
  return first && last ? fillMonths(first, last, months) : [];
}

/** Today's balance, and what comes after it: future-dated rows are upcoming, not yet money. */
async function balances(
  repos: Repositories,
  accounts: readonly number[],
  today: string,
  money: (minor: bigint) => string,
): Promise<Pick<Summary, 'balance' | 'asOf' | 'upcoming'>> {
  const balance = await repos.summary.balance(accounts, 'through', today);
  const later = await repos.summary.countAfter(accounts, today);
  const final = later === 0 ? balance : await repos.summary.balance(accounts, 'latest');
  return {
    balance: money(balance),
    asOf: today,
    upcoming: { count: later, balance: money(final) },
  };
}

/**
 * The balance over the period, exact: at the end of each day when the period spans at most
 * MAX_DAILY_POINTS days, else at the end of each month (the last one cut at the period's end).
 * The period runs from `from` (else the first transaction) to `to` (else the last transaction or
 * today, whichever is later). The opening balance is the stored running balance of the last row
 * before it; days read each day's last stored balance, months add the monthly nets in BigInt.
 */
async function balanceOverTime(
  repos: Repositories,
  accounts: readonly number[],
  range: { from?: string | undefined; to?: string | undefined },
  today: string,
  byMonth: ReadonlyMap<string, { income: bigint; expense: bigint }>,
  moves: ReadonlyMap<string, bigint>,
  money: (minor: bigint) => string,
): Promise<Summary['balanceOverTime']> {
  const bounds = range.from && range.to ? null : await repos.summary.dateBounds(accounts);
  const start = range.from ?? bounds?.first;
  const end = range.to ?? (bounds && bounds.last > today ? bounds.last : today);
  if (start === undefined || start > end) return { opening: money(0n), step: 'day', points: [] };

  const opening = await repos.summary.balance(accounts, 'before', start);
  let running = opening;
  if (dayIndex(end) - dayIndex(start) + 1 <= MAX_DAILY_POINTS) {
    // Each account's balance carries forward to days it has no rows; the point is their sum.
    const changes = new Map<string, bigint>();
    const last = new Map<number, bigint>();
    for (const id of accounts) last.set(id, await repos.summary.balance([id], 'before', start));
    for (const row of await repos.summary.dailyBalances(accounts, { from: start, to: end })) {
      const balance = BigInt(row.balance);
      const change = balance - (last.get(row.accountId) ?? 0n);
      last.set(row.accountId, balance);
      changes.set(row.date, (changes.get(row.date) ?? 0n) + change);
    }
    return {
      opening: money(opening),
      step: 'day',
      points: datesBetween(start, end).map((date) => {
        running += changes.get(date) ?? 0n;
        return { date, balance: money(running) };
      }),
    };
  }
  return {
    opening: money(opening),
    step: 'month',
    points: fillMonths(
      monthOf(start),
      monthOf(end),
      new Map<string, unknown>([...byMonth, ...moves]),
    ).map((month) => {
      const values = byMonth.get(month);
      if (values) running += values.income - values.expense;
      running += moves.get(month) ?? 0n;
      const last = lastDayOfMonth(month);
      return { date: last < end ? last : end, balance: money(running) };
    }),
  };
}

/**
 * Every month from `first` to `last`, or only the months with data when that span is longer than
 * MAX_FILLED_MONTHS (a year-1 and a year-9999 row must not build a 120,000-month answer).
 */
function fillMonths(first: string, last: string, months: ReadonlyMap<string, unknown>): string[] {
  if (monthIndex(last) - monthIndex(first) + 1 > MAX_FILLED_MONTHS)
    return [...months.keys()].sort();
  return monthsBetween(first, last);
}
