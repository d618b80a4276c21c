import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { invalidateAccountViews } from '@/lib/invalidate-ledger';

/** Deletes an account without transactions (the API answers 409 for one with any). */
export async function deleteAccount(id: number): Promise<void> {
  await apiRequest(`/accounts/${id}`, { method: 'DELETE' });
}

export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAccount,
    onSuccess: (_nothing, id) => {
      queryClient.setQueryData(queryKeys.accounts, (list) => list?.filter((a) => a.id !== id));
      void invalidateAccountViews(queryClient);
    },
  });
}
