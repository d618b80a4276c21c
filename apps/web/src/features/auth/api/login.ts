import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, User } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { loadContracts } from '@/lib/contracts';
import { isUserData } from '@/lib/query-keys';
import { meQueryOptions } from './get-me';

export async function login(body: LoginBody): Promise<User> {
  const [json, { User }] = await Promise.all([
    apiRequest('/auth/login', { method: 'POST', body, allowUnauthorized: true, expectBody: true }),
    loadContracts(),
  ]);
  return User.parse(json);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (user) => {
      // Nothing of a previous session may linger in the cache.
      queryClient.removeQueries({ predicate: isUserData });
      queryClient.setQueryData(meQueryOptions().queryKey, user);
    },
  });
}
