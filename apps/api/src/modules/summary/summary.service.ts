import { MAX_FILLED_MONTHS, currencyDecimals, formatMinor, type Summary } from '@moneta/schema';
import type { Repositories } from '../../db/repositories.js';
import type { AuthContext } from '../../plugins/auth.js';

/** Balance, totals, by category and by month for a range, folded from SQL group sums in BigInt. */
export function buildSummary(
  repos: Repositories,
  auth: AuthContext,
  range: { from?: string | undefined; to?: string | undefined },
  today: string,
): Summary {
  const { from, to } = range;
  const decimals = currencyDecimals(auth.currency);
  const money = (minor: bigint) => formatMinor(minor, decimals);

  const groups = repos.summary.groups(auth.userId, { from, to });
  const names = new Map(repos.categories.names(auth.userId).map((c) => [c.id, c.name]));
  const totals = { income: 0n, expense: 0n };
  const byCategory = new Map<
    string,
    { categoryId: number | null; kind: 'income' | 'expense'; total: bigint; count: number }
  >();
  const byMonth = new Map<string, { income: bigint; expense: bigint }>();
  for (const group of groups) {
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
    const month = byMonth.get(group.month) ?? { income: 0n, expense: 0n };
    month[group.type] += amount;
    byMonth.set(group.month, month);
  }

  return {
    currency: auth.currency,
    from: from ?? null,
    to: to ?? null,
    ...balances(repos, auth.userId, today, money),
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
    byMonth: fillMonths(byMonth).map(([month, values]) => ({
      month,
      income: money(values.income),
      expense: money(values.expense),
    })),
  };
}

/** Today's balance, and what comes after it: future-dated rows are upcoming, not yet money. */
function balances(
  repos: Repositories,
  userId: number,
  today: string,
  money: (minor: bigint) => string,
): Pick<Summary, 'balance' | 'asOf' | 'upcoming'> {
  const { balance, later } = repos.transactions.balanceOn(userId, today);
  const final = later === 0 ? balance : repos.transactions.balance(userId);
  return {
    balance: money(BigInt(balance)),
    asOf: today,
    upcoming: { count: later, balance: money(BigInt(final)) },
  };
}

const monthIndex = (key: string) => Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7));

/**
 * Months in order from the first to the last with data, with empty months included as zero,
 * unless the span is longer than MAX_FILLED_MONTHS: then only months with data (a year-1 and a
 * year-9999 row must not build a 120,000-month answer).
 */
function fillMonths(
  months: Map<string, { income: bigint; expense: bigint }>,
): Array<[string, { income: bigint; expense: bigint }]> {
  const keys = [...months.keys()].sort();
  const first = keys[0];
  const last = keys.at(-1);
  if (!first || !last) return [];
  if (monthIndex(last) - monthIndex(first) + 1 > MAX_FILLED_MONTHS) {
    return keys.map((key) => [key, months.get(key) ?? { income: 0n, expense: 0n }]);
  }
  const result: Array<[string, { income: bigint; expense: bigint }]> = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    result.push([key, months.get(key) ?? { income: 0n, expense: 0n }]);
    if (key >= last) return result;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
