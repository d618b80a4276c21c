import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Transaction } from '@moneta/schema';
import { retryTransient } from '@/lib/query-client';
import { mutationKeys } from '@/lib/query-keys';
import { cancelTransactionQueries, flagTransaction, reconcile } from '../cache';
import { updateTransaction } from './update-transaction';

export interface SetClearedInput {
  transaction: Pick<Transaction, 'id' | 'title'>;
  cleared: boolean;
}

/**
 * Marks a row seen (or not) on the bank's statement. The flag flips at once in every cached
 * history; a refusal flips it back (the caller says why). Only the flag is touched, never a
 * snapshot restored, so quick toggles of several rows never undo each other. Sending the same
 * flag twice changes nothing more, so a transient failure is retried.
 */
export function useSetCleared() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: mutationKeys.setCleared,
    mutationFn: ({ transaction, cleared }: SetClearedInput) =>
      updateTransaction(transaction.id, { cleared }),
    retry: retryTransient,
    onMutate: async ({ transaction, cleared }) => {
      await cancelTransactionQueries(queryClient);
      flagTransaction(queryClient, transaction.id, { cleared });
    },
    onError: (_error, { transaction, cleared }) => {
      flagTransaction(queryClient, transaction.id, { cleared: !cleared });
    },
    onSuccess: (updated) => {
      flagTransaction(queryClient, updated.id, {
        cleared: updated.cleared,
        reconciled: updated.reconciled,
      });
    },
    // The cleared balance (the accounts' reconciliation previews) follows from the server.
    onSettled: () => {
      reconcile(queryClient);
    },
  });
}
