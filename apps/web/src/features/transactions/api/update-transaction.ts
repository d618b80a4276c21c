import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Transaction, type UpdateTransactionBody } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { retryTransient } from '@/lib/query-client';
import { mutationKeys } from '@/lib/query-keys';
import { insertTransaction, reconcile, removeTransaction } from '../cache';

export function updateTransaction(
  id: number,
  changes: UpdateTransactionBody,
): Promise<Transaction> {
  return apiRequest(`/transactions/${id}`, { method: 'PATCH', body: changes, schema: Transaction });
}

export interface UpdateTransactionInput {
  previous: Transaction;
  changes: UpdateTransactionBody;
}

/**
 * Saves an edit, then moves the row in every cached view: taking the old version out and putting
 * the new one in shifts exactly the running balances that change, in one account or, for a row
 * moved, in both. The same PATCH sent twice changes nothing more, so a transient failure is
 * retried (offline: once back online).
 */
export function useUpdateTransaction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: mutationKeys.updateTransaction,
    mutationFn: ({ previous, changes }: UpdateTransactionInput) =>
      updateTransaction(previous.id, changes),
    retry: retryTransient,
    onSuccess: (updated, { previous }) => {
      removeTransaction(queryClient, previous);
      insertTransaction(queryClient, updated);
    },
    onSettled: () => {
      reconcile(queryClient);
    },
  });
}
