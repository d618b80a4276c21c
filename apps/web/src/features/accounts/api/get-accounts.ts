import { queryOptions, useQuery } from '@tanstack/react-query';
import { AccountList, type Account } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export async function getAccounts(signal?: AbortSignal): Promise<Account[]> {
  const list = await apiRequest('/accounts', { schema: AccountList, signal });
  return list.items;
}

/**
 * Every account, closed ones included, with today's balances. Transaction writes fold into this
 * list at once (features/transactions/cache) and refetch it once settled.
 */
export const accountsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.accounts,
    queryFn: ({ signal }) => getAccounts(signal),
  });

/** `select` lets the screen show the list as it will be (deletes waiting out their undo window). */
export function useAccounts(select?: (accounts: Account[]) => Account[]) {
  return useQuery({ ...accountsQueryOptions(), ...(select ? { select } : {}) });
}
