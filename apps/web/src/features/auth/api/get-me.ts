import { queryOptions, useQuery } from '@tanstack/react-query';
import type { User } from '@moneta/schema';
import { ApiError, apiRequest } from '@/lib/api-client';
import { loadContracts } from '@/lib/contracts';
import { queryKeys } from '@/lib/query-keys';

/**
 * The logged-in user, or null when there is no session. A visitor's 401 needs no contracts, so
 * the login page renders without zod; a session is parsed with the real `User` contract.
 */
export async function getMe(signal?: AbortSignal): Promise<User | null> {
  let json: unknown;
  try {
    json = await apiRequest('/auth/me', { signal, allowUnauthorized: true, expectBody: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
  const { User } = await loadContracts();
  return User.parse(json);
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
