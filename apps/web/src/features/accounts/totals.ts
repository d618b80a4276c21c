import type { Account } from '@moneta/schema';
import { fromMinor, toMinor } from '@/lib/money';

/**
 * What "all accounts" holds, one total per currency (amounts in different currencies do not add
 * up): the reporting currency first, then the others by code. Closed accounts count, as in the
 * summary's balance; a currency held only by closed accounts shows once it is not zero.
 */
export function totalsByCurrency(
  accounts: readonly Account[],
  reportingCurrency: string,
): Array<{ currency: string; balance: string }> {
  const totals = new Map<string, { minor: bigint; open: boolean }>();
  for (const account of accounts) {
    const total = totals.get(account.currency) ?? { minor: 0n, open: false };
    total.minor += toMinor(account.balance, account.currency);
    total.open ||= !account.closed;
    totals.set(account.currency, total);
  }
  return [...totals]
    .filter(([, total]) => total.open || total.minor !== 0n)
    .sort(([a], [b]) =>
      a === reportingCurrency ? -1 : b === reportingCurrency ? 1 : a < b ? -1 : a > b ? 1 : 0,
    )
    .map(([currency, total]) => ({ currency, balance: fromMinor(total.minor, currency) }));
}
