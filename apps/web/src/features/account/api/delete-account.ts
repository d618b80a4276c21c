import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DeleteAccountBody } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export async function deleteAccount(body: DeleteAccountBody): Promise<void> {
  await apiRequest('/auth/account', { method: 'DELETE', body });
}

/** Deletes the account and all of its data; the cache forgets everything and nobody is signed in. */
export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAccount,
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}
