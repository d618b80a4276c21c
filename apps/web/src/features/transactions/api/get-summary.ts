import { useCallback } from 'react';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { Summary } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys, type DateRange } from '@/lib/query-keys';
import { hideDeletedInSummary } from '../cache';
import { usePendingDeletes } from './delete-transaction';

export function getSummary(range: DateRange, signal?: AbortSignal): Promise<Summary> {
  return apiRequest('/summary', {
    query: { from: range.from, to: range.to },
    schema: Summary,
    signal,
  });
}

export const summaryQueryOptions = (range: DateRange) =>
  queryOptions({
    queryKey: queryKeys.summaryRange(range),
    queryFn: ({ signal }) => getSummary(range, signal),
    // Switching periods keeps the old numbers on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });

/**
 * Totals, breakdowns and balances for a range: the server's, without the transactions whose
 * delete is waiting out its undo window, and with the categories in one settled order.
 */
export function useSummary(range: DateRange) {
  const deletes = usePendingDeletes();
  const select = useCallback(
    (summary: Summary) => hideDeletedInSummary(summary, deletes),
    [deletes],
  );
  return useQuery({ ...summaryQueryOptions(range), select });
}
