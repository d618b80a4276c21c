import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Transaction, type UpdateTransactionBody } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { insertTransaction, removeTransaction } from '../cache';
import { reconcile } from './create-transaction';

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
 * the new one in shifts exactly the running balances that change.
 */
export function useUpdateTransaction(currency: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...queryKeys.transactions, 'update'],
    mutationFn: ({ previous, changes }: UpdateTransactionInput) =>
      updateTransaction(previous.id, changes),
    onSuccess: (updated, { previous }) => {
      removeTransaction(queryClient, previous, currency);
      insertTransaction(queryClient, updated, currency);
    },
    onSettled: () => {
      reconcile(queryClient);
    },
  });
}
