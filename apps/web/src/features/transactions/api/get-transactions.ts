import { useCallback } from 'react';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { TransactionPage } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys, type TransactionFilters, type TransactionPages } from '@/lib/query-keys';
import { hideDeletedInPages } from '../cache';
import { usePendingDeletes } from './delete-transaction';
import { transactionsQuery } from './requests';

export { PAGE_SIZE } from './requests';

export function getTransactions(
  filters: TransactionFilters,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<TransactionPage> {
  return apiRequest('/transactions', {
    query: transactionsQuery(filters, cursor),
    schema: TransactionPage,
    signal,
  });
}

export const transactionsQueryOptions = (filters: TransactionFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.transactionList(filters),
    queryFn: ({ pageParam, signal }) => getTransactions(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });

/**
 * The history under these filters. The cache holds the server's pages; rows whose delete is
 * waiting out its undo window are left out here, on the way to the screen.
 */
export function useTransactions(filters: TransactionFilters) {
  const deletes = usePendingDeletes();
  const select = useCallback(
    (data: TransactionPages) => hideDeletedInPages(data, deletes),
    [deletes],
  );
  return useInfiniteQuery({ ...transactionsQueryOptions(filters), select });
}
