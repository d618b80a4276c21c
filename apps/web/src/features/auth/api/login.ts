import { useMutation, useQueryClient } from '@tanstack/react-query';
import { User, type LoginBody } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export function login(body: LoginBody): Promise<User> {
  return apiRequest('/auth/login', { method: 'POST', body, schema: User, allowUnauthorized: true });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (user) => {
      // Nothing of a previous session may linger in the cache.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}
