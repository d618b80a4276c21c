import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { Summary } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys, type DateRange } from '@/lib/query-keys';
import { hidePendingInSummary } from '../pending-deletes';

export async function getSummary(range: DateRange, signal?: AbortSignal): Promise<Summary> {
  const summary = await apiRequest('/summary', {
    query: { from: range.from, to: range.to },
    schema: Summary,
    signal,
  });
  return hidePendingInSummary(summary);
}

export const summaryQueryOptions = (range: DateRange) =>
  queryOptions({
    queryKey: queryKeys.summaryRange(range),
    queryFn: ({ signal }) => getSummary(range, signal),
    // Switching periods keeps the old numbers on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });

export function useSummary(range: DateRange) {
  return useQuery(summaryQueryOptions(range));
}
