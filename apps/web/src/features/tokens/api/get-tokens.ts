import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiTokenList, type ApiToken } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export async function getTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  const list = await apiRequest('/tokens', { schema: ApiTokenList, signal });
  return list.items;
}

export const tokensQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.tokens, queryFn: ({ signal }) => getTokens(signal) });

export function useTokens() {
  return useQuery(tokensQueryOptions());
}
