import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Reconciliation, type CreateReconciliationBody } from '@moneta/schema';
import { apiRequest, idempotencyKey } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export function createReconciliation(
  accountId: number,
  body: CreateReconciliationBody,
  key: string = idempotencyKey(),
): Promise<Reconciliation> {
  return apiRequest(`/accounts/${accountId}/reconciliations`, {
    method: 'POST',
    body,
    schema: Reconciliation,
    headers: { 'idempotency-key': key },
  });
}

export interface CreateReconciliationInput extends CreateReconciliationBody {
  accountId: number;
}

/**
 * Agrees with a statement: the server locks the cleared rows up to its date (409 when the cleared
 * balance differs). The rows, balances and totals it touched are then fetched again.
 */
export function useCreateReconciliation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, ...body }: CreateReconciliationInput) =>
      createReconciliation(accountId, body),
    onSuccess: () =>
      Promise.all([
        // `accounts` covers this account's previews and reconciliation list as well.
        queryClient.invalidateQueries({ queryKey: queryKeys.accounts }),
        queryClient.invalidateQueries({ queryKey: queryKeys.summary }),
        queryClient.invalidateQueries({ queryKey: queryKeys.transactions }),
      ]),
  });
}
