import {
  useMutation,
  useMutationState,
  useQueryClient,
  type Mutation,
  type QueryClient,
} from '@tanstack/react-query';
import { Transaction, type CreateTransactionBody } from '@moneta/schema';
import { apiRequest, idempotencyKey } from '@/lib/api-client';
import { fromMinor, toMinor } from '@/lib/money';
import { retryTransient } from '@/lib/query-client';
import { mutationKeys } from '@/lib/query-keys';
import {
  balanceBefore,
  cachedAccount,
  cancelTransactionQueries,
  insertTransaction,
  nextTempId,
  reconcile,
  removeTransaction,
  replaceTransaction,
  type LedgerRow,
} from '../cache';

export function createTransaction(
  body: CreateTransactionBody,
  key: string = idempotencyKey(),
): Promise<Transaction> {
  return apiRequest('/transactions', {
    method: 'POST',
    body,
    schema: Transaction,
    headers: { 'idempotency-key': key },
  });
}

export type NewTransaction = CreateTransactionBody & { date: string };

/**
 * One Idempotency-Key per submitted entry, whatever the number of attempts: a retry after a lost
 * answer, or a resume once back online, sends the same key, so the server records the entry once.
 * The entry object is the mutation's variables, the same object on every attempt.
 */
const keys = new WeakMap<NewTransaction, string>();

function keyFor(body: NewTransaction): string {
  let key = keys.get(body);
  if (key === undefined) {
    key = idempotencyKey();
    keys.set(body, key);
  }
  return key;
}

function optimisticRow(
  queryClient: QueryClient,
  body: NewTransaction,
  fallbackCurrency: string,
): LedgerRow {
  const now = new Date().toISOString();
  const id = nextTempId();
  // The account named, else the default one; 0 while the account list is not loaded (the
  // answer places the row).
  const account = cachedAccount(queryClient, body.accountId);
  const accountId = body.accountId ?? account?.id ?? 0;
  const currency = account?.currency ?? fallbackCurrency;
  const before = balanceBefore(queryClient, { date: body.date, id, accountId, currency });
  const amount = toMinor(body.amount, currency);
  return {
    id,
    accountId,
    currency,
    type: body.type,
    amount: body.amount,
    change: body.type === 'income' ? body.amount : `-${body.amount}`,
    cleared: false,
    reconciled: false,
    transfer: null,
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

/**
 * Adds a transaction at once everywhere it shows; takes it back out if the API refuses it.
 * Offline, the mutation waits (paused) and is sent when the browser is back online; a server out
 * of reach is tried again a few times. Both keep the entry's Idempotency-Key. `currency` is the
 * user's, for an entry made before the account list has loaded.
 */
export function useCreateTransaction(currency: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: mutationKeys.createTransaction,
    mutationFn: (body: NewTransaction) => createTransaction(body, keyFor(body)),
    retry: retryTransient,
    onMutate: async (body) => {
      await cancelTransactionQueries(queryClient);
      const row = optimisticRow(queryClient, body, currency);
      insertTransaction(queryClient, row);
      return { row };
    },
    onError: (_error, _body, context) => {
      if (context) removeTransaction(queryClient, context.row);
    },
    onSuccess: (created, _body, context) => {
      replaceTransaction(queryClient, context.row.id, created);
    },
    onSettled: () => {
      reconcile(queryClient);
    },
  });
}

/** Where a write not yet answered stands, as the screen tells it. */
export type SaveState = 'saving' | 'offline' | 'retrying';

export function saveStateOf(mutation: Pick<Mutation, 'state'>): SaveState {
  if (mutation.state.isPaused) return 'offline';
  return mutation.state.failureCount > 0 ? 'retrying' : 'saving';
}

function rowIdOf(mutation: Mutation): number | undefined {
  const context = mutation.state.context as { row?: LedgerRow } | undefined;
  return context?.row?.id;
}

/** Where the add of an optimistic row stands; undefined once it is answered. */
export function useSaveState(rowId: number): SaveState | undefined {
  const [state] = useMutationState({
    filters: {
      mutationKey: mutationKeys.createTransaction,
      status: 'pending',
      predicate: (mutation) => rowIdOf(mutation) === rowId,
    },
    select: saveStateOf,
  });
  return state;
}
