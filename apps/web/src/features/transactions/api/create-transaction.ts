import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Transaction, type CreateTransactionBody } from '@moneta/schema';
import { apiRequest, idempotencyKey } from '@/lib/api-client';
import { fromMinor, toMinor } from '@/lib/money';
import { queryKeys } from '@/lib/query-keys';
import {
  balanceBefore,
  insertTransaction,
  nextTempId,
  removeTransaction,
  replaceTransaction,
  type LedgerRow,
} from '../cache';

export function createTransaction(body: CreateTransactionBody): Promise<Transaction> {
  return apiRequest('/transactions', {
    method: 'POST',
    body,
    schema: Transaction,
    headers: { 'idempotency-key': idempotencyKey() },
  });
}

export type NewTransaction = CreateTransactionBody & { date: string };

/** Reconciles with the server once the last in-flight change has settled. */
export function reconcile(queryClient: QueryClient): void {
  if (queryClient.isMutating({ mutationKey: queryKeys.transactions }) > 1) return;
  void queryClient.invalidateQueries({ queryKey: queryKeys.transactions });
  void queryClient.invalidateQueries({ queryKey: queryKeys.summary });
}

function optimisticRow(
  queryClient: QueryClient,
  body: NewTransaction,
  currency: string,
): LedgerRow {
  const now = new Date().toISOString();
  const id = nextTempId();
  const before = balanceBefore(queryClient, { date: body.date, id }, currency);
  const amount = toMinor(body.amount, currency);
  return {
    id,
    type: body.type,
    amount: body.amount,
    title: body.title.trim(),
    description: body.description?.trim() || null,
    categoryId: body.categoryId ?? null,
    date: body.date,
    createdAt: now,
    updatedAt: now,
    balanceAfter: fromMinor((before ?? 0n) + (body.type === 'income' ? amount : -amount), currency),
    balanceKnown: before !== null,
    pending: true,
  };
}

/** Adds a transaction at once everywhere it shows; takes it back out if the API refuses it. */
export function useCreateTransaction(currency: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...queryKeys.transactions, 'create'],
    mutationFn: createTransaction,
    onMutate: async (body: NewTransaction) => {
      await Promise.all([
        queryClient.cancelQueries({ queryKey: queryKeys.transactions }),
        queryClient.cancelQueries({ queryKey: queryKeys.summary }),
      ]);
      const row = optimisticRow(queryClient, body, currency);
      insertTransaction(queryClient, row, currency);
      return { row };
    },
    onError: (_error, _body, context) => {
      if (context) removeTransaction(queryClient, context.row, currency);
    },
    onSuccess: (created, _body, context) => {
      replaceTransaction(queryClient, context.row.id, created);
    },
    onSettled: () => {
      reconcile(queryClient);
    },
  });
}
