import type { Summary, Transaction, TransactionPage } from '@moneta/schema';
import { applyToSummary, removeFromPages, type LedgerPages } from './cache';

/**
 * Deletes waiting out their undo window. The server still has these rows, so anything fetched
 * meanwhile (another filter, another period) is shown as if they were already gone.
 */
interface PendingDelete {
  transaction: Transaction;
  currency: string;
}

export const pendingDeletes = new Map<number, PendingDelete>();

export function hidePendingInPage(page: TransactionPage): TransactionPage {
  if (pendingDeletes.size === 0) return page;
  let data: LedgerPages = { pages: [page], pageParams: [null] };
  for (const { transaction, currency } of pendingDeletes.values()) {
    data = removeFromPages(data, transaction, currency);
  }
  return data.pages[0] ?? page;
}

export function hidePendingInSummary(summary: Summary): Summary {
  let result = summary;
  for (const { transaction } of pendingDeletes.values()) {
    // The name is irrelevant when taking a transaction away.
    result = applyToSummary(result, transaction, -1, '');
  }
  return result;
}
