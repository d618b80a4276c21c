import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { invalidateAccountViews } from '@/lib/invalidate-ledger';
import { queryKeys } from '@/lib/query-keys';

/** Deletes both sides of a transfer at once. */
export async function deleteTransfer(id: number): Promise<void> {
  await apiRequest(`/transfers/${id}`, { method: 'DELETE' });
}

export function useDeleteTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTransfer,
    onSuccess: (_nothing, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.transfer(id) });
      return invalidateAccountViews(queryClient);
    },
  });
}
