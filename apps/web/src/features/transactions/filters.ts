import type { Transaction } from '@moneta/schema';
import type { TransactionFilters } from '@/lib/query-keys';

export function hasFilters(filters: TransactionFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}

/** ASCII-only case folding, like SQLite's LIKE on the server. */
function fold(text: string): string {
  return text.replace(/[A-Z]/g, (char) => char.toLowerCase());
}

/** Whether the server would list this transaction under these filters. */
export function matchesFilters(
  transaction: Pick<
    Transaction,
    'accountId' | 'type' | 'categoryId' | 'date' | 'title' | 'description'
  >,
  filters: TransactionFilters,
): boolean {
  if (filters.accountId !== undefined && transaction.accountId !== filters.accountId) return false;
  if (filters.type && transaction.type !== filters.type) return false;
  if (filters.categoryId !== undefined && transaction.categoryId !== filters.categoryId)
    return false;
  if (filters.from && transaction.date < filters.from) return false;
  if (filters.to && transaction.date > filters.to) return false;
  if (filters.q) {
    const needle = fold(filters.q);
    const inTitle = fold(transaction.title).includes(needle);
    const inDescription = fold(transaction.description ?? '').includes(needle);
    if (!inTitle && !inDescription) return false;
  }
  return true;
}
