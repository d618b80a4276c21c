import { useCallback } from 'react';
import {
  useMutation,
  useMutationState,
  useQueryClient,
  type Mutation,
  type QueryClient,
} from '@tanstack/react-query';
import type { Transaction } from '@moneta/schema';
import { ApiError, apiRequest, errorMessage } from '@/lib/api-client';
import { retryTransient } from '@/lib/query-client';
import { mutationKeys } from '@/lib/query-keys';
import { reconcile, removeTransaction, type PendingDelete } from '../cache';
import { undoWindows } from '../undo-window';

/** How long Undo is offered before the DELETE is actually sent. */
export const UNDO_WINDOW_MS = 6000;

export async function deleteTransaction(
  id: number,
  options: { keepalive?: boolean } = {},
): Promise<void> {
  await apiRequest(`/transactions/${id}`, { method: 'DELETE', ...options });
}

/** What a delete tells the screen that started it; the data layer raises no UI of its own. */
export interface DeleteEvents {
  /** The row left every view; `undo` puts it back while the window is open. */
  onDeleted(transaction: Transaction, undo: () => void): void;
  /** Undo put the row back. */
  onRestored(transaction: Transaction): void;
  /** The window closed and the DELETE is being sent: Undo is no longer offered. */
  onCommitting(transaction: Transaction): void;
  /** The server refused the DELETE; the row is back. */
  onFailed(transaction: Transaction, message: string): void;
}

type Decision = 'commit' | 'undo';

/** The undo window of one delete: open until Undo, the timer, or a flush decides. */
interface UndoWindow {
  decision: Decision | null;
  decided: Promise<Decision>;
  decide(decision: Decision): void;
}

const windows = new Map<number, UndoWindow>();

function openWindow(id: number, onCommitting: () => void): UndoWindow {
  let resolve!: (decision: Decision) => void;
  const decided = new Promise<Decision>((r) => {
    resolve = r;
  });
  const undoWindow: UndoWindow = {
    decision: null,
    decided,
    decide: (decision) => {
      if (undoWindow.decision !== null) return;
      undoWindow.decision = decision;
      undoWindows.cancel(id);
      if (decision === 'commit') onCommitting();
      resolve(decision);
    },
  };
  windows.set(id, undoWindow);
  // Paused while the Undo notice has focus or the pointer (see history.tsx).
  undoWindows.open(id, UNDO_WINDOW_MS, () => {
    undoWindow.decide('commit');
  });
  listenForPageHide();
  return undoWindow;
}

/**
 * Waits out the undo window, then sends the DELETE. Undo costs nothing and restores the very
 * same row (same id, same place in the running balance), which re-creating it could not. A retry
 * (the server out of reach, or offline) finds the window already decided and only resends.
 */
async function deleteAfterUndoWindow({
  transaction,
}: PendingDelete): Promise<'deleted' | 'undone'> {
  const decision = (await windows.get(transaction.id)?.decided) ?? 'commit';
  if (decision === 'undo') return 'undone';
  try {
    await deleteTransaction(transaction.id);
  } catch (error) {
    // Already gone is what we wanted.
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  return 'deleted';
}

const pendingFilters = { mutationKey: mutationKeys.deleteTransaction, status: 'pending' } as const;

/**
 * Deletes with Undo, as a mutation that stays pending through its undo window: the rows it is
 * deleting are hidden on the way to the screen (the `select` of the history and summary), so the
 * cache keeps what the server said and Undo simply lets the mutation end without a request.
 */
export function useDeleteTransaction(events: DeleteEvents) {
  const queryClient = useQueryClient();
  const { mutate } = useMutation({
    mutationKey: mutationKeys.deleteTransaction,
    mutationFn: deleteAfterUndoWindow,
    // The window runs offline too; a DELETE that cannot get through waits until back online.
    networkMode: 'offlineFirst',
    retry: retryTransient,
    onMutate: ({ transaction }) => {
      const undoWindow = openWindow(transaction.id, () => {
        events.onCommitting(transaction);
      });
      events.onDeleted(transaction, () => {
        undoWindow.decide('undo');
      });
    },
    onSuccess: (outcome, { transaction }) => {
      if (outcome === 'undone') {
        events.onRestored(transaction);
        return;
      }
      // The server no longer has it: neither does the cache, before the row stops being hidden.
      removeTransaction(queryClient, transaction);
    },
    onError: (error, { transaction }) => {
      events.onFailed(transaction, errorMessage(error));
    },
    onSettled: (_outcome, _error, { transaction }) => {
      windows.delete(transaction.id);
      reconcile(queryClient);
    },
  });
  return useCallback(
    (transaction: Transaction) => {
      if (windows.has(transaction.id)) return;
      mutate({ transaction });
    },
    [mutate],
  );
}

function variablesOf(mutation: Mutation): PendingDelete {
  return mutation.state.variables as PendingDelete;
}

/** The deletes not yet answered (in their undo window, or being sent). */
export function usePendingDeletes(): PendingDelete[] {
  return useMutationState({ filters: pendingFilters, select: variablesOf });
}

/** Resolves once no delete is waiting for an answer (those paused offline aside). */
function deletesSettled(queryClient: QueryClient): Promise<void> {
  const cache = queryClient.getMutationCache();
  const waiting = () =>
    cache.findAll({ ...pendingFilters, predicate: (m) => !m.state.isPaused }).length > 0;
  return new Promise((resolve) => {
    if (!waiting()) {
      resolve();
      return;
    }
    const unsubscribe = cache.subscribe(() => {
      if (waiting()) return;
      unsubscribe();
      resolve();
    });
  });
}

/** Sends every waiting DELETE now and waits for the answers (before logging out). */
export async function flushPendingDeletes(queryClient: QueryClient): Promise<void> {
  for (const undoWindow of windows.values()) undoWindow.decide('commit');
  await deletesSettled(queryClient);
}

let listening = false;

function listenForPageHide(): void {
  if (listening) return;
  listening = true;
  // A reload or closed tab inside the undo window still deletes: keepalive outlives the page.
  window.addEventListener('pagehide', () => {
    for (const [id, undoWindow] of windows) {
      if (undoWindow.decision === 'undo') continue;
      void deleteTransaction(id, { keepalive: true }).catch(() => undefined);
    }
  });
}
