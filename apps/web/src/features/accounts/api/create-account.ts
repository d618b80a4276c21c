import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Account, type CreateAccountInput } from '@moneta/schema';
import { apiRequest, idempotencyKey } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { invalidateAccountViews } from '@/lib/invalidate-ledger';

export function createAccount(body: CreateAccountInput): Promise<Account> {
  return apiRequest('/accounts', {
    method: 'POST',
    body,
    schema: Account,
    headers: { 'idempotency-key': idempotencyKey() },
  });
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    onSuccess: (created) => {
      queryClient.setQueryData(queryKeys.accounts, (list) =>
        list ? [...list.filter((a) => a.id !== created.id), created] : list,
      );
      void invalidateAccountViews(queryClient);
    },
  });
}
