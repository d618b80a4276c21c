import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Transfer } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { invalidateAccountViews } from '@/lib/invalidate-ledger';
import { queryKeys } from '@/lib/query-keys';

/**
 * Unlocks a reconciled transfer: each reconciled side is unlocked as a transaction (the API's one
 * way), then the transfer is read again.
 */
export async function unlockTransfer(transfer: Transfer): Promise<void> {
  for (const side of [transfer.from, transfer.to]) {
    if (!side.reconciled) continue;
    await apiRequest(`/transactions/${side.transactionId}`, {
      method: 'PATCH',
      body: { reconciled: false },
    });
  }
}

export function useUnlockTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unlockTransfer,
    onSettled: (_nothing, _error, transfer) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.transfer(transfer.id) }),
        invalidateAccountViews(queryClient),
      ]),
  });
}
