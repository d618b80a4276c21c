import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Account, type UpdateAccountInput } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { invalidateAccountViews } from '@/lib/invalidate-ledger';

export function updateAccount({
  id,
  ...changes
}: UpdateAccountInput & { id: number }): Promise<Account> {
  return apiRequest(`/accounts/${id}`, { method: 'PATCH', body: changes, schema: Account });
}

/** Rename, change, close or reopen an account, or make it the default (exactly one is). */
export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAccount,
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.accounts, (list) =>
        list?.map((account) =>
          account.id === updated.id
            ? updated
            : updated.isDefault && account.isDefault
              ? { ...account, isDefault: false }
              : account,
        ),
      );
      void invalidateAccountViews(queryClient);
    },
  });
}
