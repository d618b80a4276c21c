import { useCallback } from 'react';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { Summary } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys, type SummaryScope } from '@/lib/query-keys';
import { hideDeletedInSummary } from '../cache';
import { usePendingDeletes } from './delete-transaction';
import { summaryQuery } from './requests';

export function getSummary(scope: SummaryScope, signal?: AbortSignal): Promise<Summary> {
  return apiRequest('/summary', {
    query: summaryQuery(scope),
    schema: Summary,
    signal,
  });
}

export const summaryQueryOptions = (scope: SummaryScope) =>
  queryOptions({
    queryKey: queryKeys.summaryOf(scope),
    queryFn: ({ signal }) => getSummary(scope, signal),
    // Switching periods or accounts keeps the old numbers on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });

/**
 * Totals, breakdowns and balances for a range, of one account or of all of them: the server's,
 * without the transactions whose delete is waiting out its undo window, and with the categories
 * in one settled order.
 */
export function useSummary(scope: SummaryScope) {
  const deletes = usePendingDeletes();
  const select = useCallback(
    (summary: Summary) => hideDeletedInSummary(summary, deletes),
    [deletes],
  );
  return useQuery({ ...summaryQueryOptions(scope), select });
}
