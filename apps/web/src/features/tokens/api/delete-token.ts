import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { tokensQueryOptions } from './get-tokens';

export async function deleteToken(id: number): Promise<void> {
  await apiRequest(`/tokens/${String(id)}`, { method: 'DELETE' });
}

export function useDeleteToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteToken,
    onSuccess: (_result, id) => {
      queryClient.setQueryData(tokensQueryOptions().queryKey, (tokens) =>
        tokens?.filter((token) => token.id !== id),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }),
  });
}
