import { queryOptions, useQuery } from '@tanstack/react-query';
import { User } from '@moneta/schema';
import { ApiError, apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** The logged-in user, or null when there is no session. */
export async function getMe(signal?: AbortSignal): Promise<User | null> {
  try {
    return await apiRequest('/auth/me', { schema: User, signal, allowUnauthorized: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: Infinity,
  });

export function useMe() {
  return useQuery(meQueryOptions());
}
