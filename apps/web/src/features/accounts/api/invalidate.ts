import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';

/**
 * After an account changes, everything that shows it: the list and its balances, the summaries
 * (their per-account balances and totals) and the history (opening rows, names on rows).
 */
export function invalidateAccountViews(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.accounts }),
    queryClient.invalidateQueries({ queryKey: queryKeys.summary }),
    queryClient.invalidateQueries({ queryKey: queryKeys.transactions }),
  ]);
}
