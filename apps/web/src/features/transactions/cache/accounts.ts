import type { Account, Transaction } from '@moneta/schema';
import { fromMinor, toMinor } from '@/lib/money';

/**
 * The account list's balances, changed by one transaction at a time, as the server keeps them:
 * `balance` counts rows up to today (the user's), `balanceWithUpcoming` every row, and
 * `transactionCount` every row but the opening balance. Only the row's own account moves.
 */
export function applyToAccounts(
  accounts: readonly Account[],
  row: Pick<Transaction, 'accountId' | 'type' | 'change' | 'date'>,
  sign: 1 | -1,
  today: string,
): Account[] {
  return accounts.map((account) => {
    if (account.id !== row.accountId) return account;
    const delta = toMinor(row.change, account.currency) * BigInt(sign);
    const move = (text: string) =>
      fromMinor(toMinor(text, account.currency) + delta, account.currency);
    return {
      ...account,
      balance: row.date <= today ? move(account.balance) : account.balance,
      balanceWithUpcoming: move(account.balanceWithUpcoming),
      transactionCount: account.transactionCount + (row.type === 'opening' ? 0 : sign),
    };
  });
}
