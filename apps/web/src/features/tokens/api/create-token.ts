import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreatedApiToken, type CreateTokenBody } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { tokensQueryOptions } from './get-tokens';

/**
 * No Idempotency-Key: a replayed answer would hand out the secret a second time, and mutations are
 * not retried anyway.
 */
export function createToken(body: CreateTokenBody): Promise<CreatedApiToken> {
  return apiRequest('/tokens', { method: 'POST', body, schema: CreatedApiToken });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    // Dropped from the mutation cache as soon as the form lets go of it (reset): the secret is shown once.
    gcTime: 0,
    // The list is refetched rather than fed the answer, so the secret never enters the query cache.
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }),
  });
}
