import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Transfer, type CreateTransferInput } from '@moneta/schema';
import { apiRequest, idempotencyKey } from '@/lib/api-client';
import { invalidateAccountViews } from '@/lib/invalidate-ledger';

export function createTransfer(body: CreateTransferInput): Promise<Transfer> {
  return apiRequest('/transfers', {
    method: 'POST',
    body,
    schema: Transfer,
    headers: { 'idempotency-key': idempotencyKey() },
  });
}

/** Money from one account to another: two rows, one in each history, both balances move. */
export function useCreateTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTransfer,
    onSuccess: () => invalidateAccountViews(queryClient),
  });
}
