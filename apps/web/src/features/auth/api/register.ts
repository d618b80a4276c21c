import { useMutation, useQueryClient } from '@tanstack/react-query';
import { User, type RegisterBody } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { isUserData } from '@/lib/query-keys';
import { meQueryOptions } from './get-me';

export function register(body: RegisterBody): Promise<User> {
  return apiRequest('/auth/register', {
    method: 'POST',
    body,
    schema: User,
    allowUnauthorized: true,
  });
}

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: (user) => {
      queryClient.removeQueries({ predicate: isUserData });
      queryClient.setQueryData(meQueryOptions().queryKey, user);
    },
  });
}
