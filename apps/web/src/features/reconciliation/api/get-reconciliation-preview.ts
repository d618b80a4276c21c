import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { ReconciliationPreview } from '@moneta/schema';
import { apiRequest } from '@/lib/api-client';
import { queryKeys, type StatementInput } from '@/lib/query-keys';

export function getReconciliationPreview(
  accountId: number,
  statement: StatementInput,
  signal?: AbortSignal,
): Promise<ReconciliationPreview> {
  return apiRequest(`/accounts/${accountId}/reconciliation`, {
    query: { date: statement.date, statementBalance: statement.statementBalance },
    schema: ReconciliationPreview,
    signal,
  });
}

/**
 * Where an account stands against a statement: its cleared balance on the statement's date and,
 * with the statement's balance, the difference left to find. Every transaction write refreshes
 * it (its key is under `accounts`).
 */
export const reconciliationPreviewQueryOptions = (accountId: number, statement: StatementInput) =>
  queryOptions({
    queryKey: queryKeys.reconciliationPreview(accountId, statement),
    queryFn: ({ signal }) => getReconciliationPreview(accountId, statement, signal),
    // Cleared rows change while the dialog waits: always ask again on opening.
    staleTime: 0,
  });

/** Keeps the last answer on screen while the next one (a digit typed) is on its way. */
export function useReconciliationPreview(
  accountId: number,
  statement: StatementInput,
  enabled: boolean,
) {
  return useQuery({
    ...reconciliationPreviewQueryOptions(accountId, statement),
    enabled,
    placeholderData: keepPreviousData,
  });
}
