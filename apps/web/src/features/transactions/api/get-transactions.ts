import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { TransactionPage } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys, type TransactionFilters } from '@/lib/query-keys';
import { hidePendingInPage } from '../pending-deletes';

export const PAGE_SIZE = 100;

export async function getTransactions(
  filters: TransactionFilters,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<TransactionPage> {
  const page = await apiRequest('/transactions', {
    query: { ...filters, limit: PAGE_SIZE, cursor: cursor ?? undefined },
    schema: TransactionPage,
    signal,
  });
  return hidePendingInPage(page);
}

export const transactionsQueryOptions = (filters: TransactionFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.transactionList(filters),
    queryFn: ({ pageParam, signal }) => getTransactions(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });

export function useTransactions(filters: TransactionFilters) {
  return useInfiniteQuery(transactionsQueryOptions(filters));
}
