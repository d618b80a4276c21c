import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from './query-keys';

/**
 * After an account or a transfer changes, everything that shows it: the accounts and their
 * balances, the summaries (per-account balances and totals) and the history (opening rows,
 * transfer legs, names on rows).
 */
export function invalidateAccountViews(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.accounts }),
    queryClient.invalidateQueries({ queryKey: queryKeys.summary }),
    queryClient.invalidateQueries({ queryKey: queryKeys.transactions }),
  ]);
}
