import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Transfer, type UpdateTransferBody } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { invalidateAccountViews } from '@/lib/invalidate-ledger';
import { queryKeys } from '@/lib/query-keys';

export function updateTransfer({
  id,
  ...changes
}: UpdateTransferBody & { id: number }): Promise<Transfer> {
  return apiRequest(`/transfers/${id}`, { method: 'PATCH', body: changes, schema: Transfer });
}

export function useUpdateTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTransfer,
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.transfer(updated.id), updated);
      return invalidateAccountViews(queryClient);
    },
  });
}
