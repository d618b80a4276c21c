import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiToken } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export async function deleteToken(id: number): Promise<void> {
  await apiRequest(`/tokens/${String(id)}`, { method: 'DELETE' });
}

export function useDeleteToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteToken,
    onSuccess: (_result, id) => {
      queryClient.setQueryData<ApiToken[]>(queryKeys.tokens, (tokens) =>
        tokens?.filter((token) => token.id !== id),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}
