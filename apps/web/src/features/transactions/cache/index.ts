import type { QueryClient } from '@tanstack/react-query';
import type { Account, Summary, Transaction } from '@moneta/schema';
import { today } from '@/lib/dates';
import {
  isSummaryKey,
  isTransactionListKey,
  listFilters,
  mutationKeys,
  queryKeys,
  type TransactionListKey,
  type TransactionPages,
} from '@/lib/query-keys';
import { hasFilters } from '../filters';
import {
  balanceBeforeIn,
  flagInPages,
  insertIntoPages,
  removeFromPages,
  replaceInPages,
  type LedgerRow,
} from './pages';
import { applyToAccounts } from './accounts';
import { applyToSummary, inDisplayOrder } from './summary';

/**
 * The one home of the transactions' cache: every write to a cached history, summary or account
 * list goes through here, with keys from lib/query-keys (the ones the queryOptions helpers use).
 */

export { isTempId, nextTempId, type LedgerRow } from './pages';
export { applyToSummary, inDisplayOrder } from './summary';
export { applyToAccounts } from './accounts';

function cachedLists(queryClient: QueryClient): Array<[TransactionListKey, TransactionPages]> {
  const lists: Array<[TransactionListKey, TransactionPages]> = [];
  for (const { queryKey } of queryClient
    .getQueryCache()
    .findAll({ queryKey: queryKeys.transactionLists })) {
    if (!isTransactionListKey(queryKey)) continue;
    const data = queryClient.getQueryData(queryKey);
    if (data) lists.push([queryKey, data]);
  }
  return lists;
}

function updateSummaries(queryClient: QueryClient, update: (summary: Summary) => Summary): void {
  for (const { queryKey } of queryClient.getQueryCache().findAll({ queryKey: queryKeys.summary })) {
    if (!isSummaryKey(queryKey)) continue;
    const summary = queryClient.getQueryData(queryKey);
    if (summary) queryClient.setQueryData(queryKey, update(summary));
  }
}

function updateAccounts(queryClient: QueryClient, row: Transaction, sign: 1 | -1): void {
  const accounts = queryClient.getQueryData(queryKeys.accounts);
  if (accounts) {
    queryClient.setQueryData(queryKeys.accounts, applyToAccounts(accounts, row, sign, today()));
  }
}

/** The cached account an entry goes into: the one named, else the default account. */
export function cachedAccount(
  queryClient: QueryClient,
  accountId: number | undefined,
): Account | undefined {
  const accounts = queryClient.getQueryData(queryKeys.accounts);
  return accountId === undefined
    ? accounts?.find((account) => account.isDefault)
    : accounts?.find((account) => account.id === accountId);
}

function categoryName(queryClient: QueryClient, categoryId: number | null): string {
  if (categoryId === null) return 'Uncategorised';
  const categories = queryClient.getQueryData(queryKeys.categories);
  return categories?.find((category) => category.id === categoryId)?.name ?? 'Unknown';
}

/** Stops fetches in flight, so an answer from before a write cannot overwrite it. */
export async function cancelTransactionQueries(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.cancelQueries({ queryKey: queryKeys.transactions }),
    queryClient.cancelQueries({ queryKey: queryKeys.summary }),
    queryClient.cancelQueries({ queryKey: queryKeys.accounts }),
  ]);
}

/** Adds a transaction to every cached history, summary and the account list. */
export function insertTransaction(queryClient: QueryClient, row: LedgerRow): void {
  for (const [key, data] of cachedLists(queryClient)) {
    queryClient.setQueryData(key, insertIntoPages(data, row, listFilters(key)));
  }
  const name = categoryName(queryClient, row.categoryId);
  updateSummaries(queryClient, (summary) => applyToSummary(summary, row, 1, name));
  updateAccounts(queryClient, row, 1);
}

/** Takes a transaction out of every cached history, summary and the account list. */
export function removeTransaction(queryClient: QueryClient, row: Transaction): void {
  for (const [key, data] of cachedLists(queryClient)) {
    queryClient.setQueryData(key, removeFromPages(data, row));
  }
  // The name is only needed to add a category to a breakdown.
  updateSummaries(queryClient, (summary) => applyToSummary(summary, row, -1, ''));
  updateAccounts(queryClient, row, -1);
}

/** Swaps an optimistic row for the server's, in every cached history. */
export function replaceTransaction(queryClient: QueryClient, id: number, row: Transaction): void {
  for (const [key, data] of cachedLists(queryClient)) {
    queryClient.setQueryData(key, replaceInPages(data, id, row));
  }
}

/** Sets a row's cleared (or reconciled) flag in every cached history. */
export function flagTransaction(
  queryClient: QueryClient,
  id: number,
  flags: Partial<Pick<Transaction, 'cleared' | 'reconciled'>>,
): void {
  for (const [key, data] of cachedLists(queryClient)) {
    queryClient.setQueryData(key, flagInPages(data, id, flags));
  }
}

/**
 * The running balance of the row's account just before a new transaction, when a cached history
 * tells it exactly. One filtered by dates alone (and perhaps by this very account) is an unbroken
 * stretch of the account's ledger (the dashboard's period), so the account's row listed just
 * before the new one holds it; rows of other accounts never count. Null otherwise (the row then
 * shows its balance once the server answers).
 */
export function balanceBefore(
  queryClient: QueryClient,
  row: Pick<Transaction, 'date' | 'id' | 'accountId' | 'currency'>,
): bigint | null {
  for (const [key, data] of cachedLists(queryClient)) {
    const { from, to, accountId, ...others } = listFilters(key);
    if (hasFilters(others)) continue;
    if (accountId !== undefined && accountId !== row.accountId) continue;
    if ((from && row.date < from) || (to && row.date > to)) continue;
    const balance = balanceBeforeIn(data, row, { startsTheLedger: !from });
    if (balance !== null) return balance;
  }
  return null;
}

/** Reconciles with the server once the last transaction write in flight has settled. */
export function reconcile(queryClient: QueryClient): void {
  if (queryClient.isMutating({ mutationKey: mutationKeys.transactions }) > 1) return;
  void queryClient.invalidateQueries({ queryKey: queryKeys.transactions });
  void queryClient.invalidateQueries({ queryKey: queryKeys.summary });
  void queryClient.invalidateQueries({ queryKey: queryKeys.accounts });
}

/** A delete waiting out its undo window: the server still has the row, the screen does not. */
export interface PendingDelete {
  transaction: Transaction;
}

/** The history as the screen shows it: the server's pages without the rows being deleted. */
export function hideDeletedInPages(
  data: TransactionPages,
  deletes: readonly PendingDelete[],
): TransactionPages {
  let result = data;
  for (const { transaction } of deletes) {
    result = removeFromPages(result, transaction);
  }
  return result;
}

/** The account list as the screen shows it: balances without the rows being deleted. */
export function hideDeletedInAccounts(
  accounts: Account[],
  deletes: readonly PendingDelete[],
): Account[] {
  let result = accounts;
  for (const { transaction } of deletes) {
    result = applyToAccounts(result, transaction, -1, today());
  }
  return result;
}

/** The summary as the screen shows it: without the rows being deleted, in display order. */
export function hideDeletedInSummary(summary: Summary, deletes: readonly PendingDelete[]): Summary {
  let result = inDisplayOrder(summary);
  for (const { transaction } of deletes) {
    result = applyToSummary(result, transaction, -1, '');
  }
  return result;
}
