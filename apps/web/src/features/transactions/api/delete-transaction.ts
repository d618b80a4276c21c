import { useCallback } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Transaction } from '@moneta/schema';
import { ApiError, apiRequest, errorMessage } from '@/lib/api-client';
import { insertTransaction, removeTransaction } from '../cache';
import { pendingDeletes } from '../pending-deletes';
import { reconcile } from './create-transaction';

/** How long Undo is offered before the DELETE is actually sent. */
export const UNDO_WINDOW_MS = 6000;

export async function deleteTransaction(
  id: number,
  options: { keepalive?: boolean } = {},
): Promise<void> {
  await apiRequest(`/transactions/${id}`, { method: 'DELETE', ...options });
}

const timers = new Map<number, ReturnType<typeof setTimeout>>();

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

const listeners = new Map<number, DeleteEvents>();

/**
 * Deletes a transaction with Undo. The row leaves every view at once, but the DELETE is only
 * sent when the undo window has passed: Undo then costs nothing and restores the very same row
 * (same id, same place in the running balance), which re-creating it could not.
 */
export function deleteWithUndo(
  queryClient: QueryClient,
  transaction: Transaction,
  currency: string,
  events: DeleteEvents,
): void {
  const { id } = transaction;
  if (pendingDeletes.has(id)) return;
  pendingDeletes.set(id, { transaction, currency });
  listeners.set(id, events);
  removeTransaction(queryClient, transaction, currency);
  listenForPageHide();

  const undo = () => {
    const timer = timers.get(id);
    if (timer) clearTimeout(timer);
    timers.delete(id);
    if (!pendingDeletes.delete(id)) return;
    listeners.delete(id);
    insertTransaction(queryClient, transaction, currency);
    events.onRestored(transaction);
  };
  events.onDeleted(transaction, undo);
  timers.set(
    id,
    setTimeout(() => {
      void commitDelete(queryClient, id);
    }, UNDO_WINDOW_MS),
  );
}

async function commitDelete(queryClient: QueryClient, id: number): Promise<void> {
  timers.delete(id);
  const pending = pendingDeletes.get(id);
  if (!pending) return;
  const events = listeners.get(id);
  listeners.delete(id);
  events?.onCommitting(pending.transaction);
  try {
    await deleteTransaction(id);
    pendingDeletes.delete(id);
  } catch (error) {
    pendingDeletes.delete(id);
    // Already gone is what we wanted; anything else puts the row back.
    if (!(error instanceof ApiError && error.status === 404)) {
      insertTransaction(queryClient, pending.transaction, pending.currency);
      events?.onFailed(pending.transaction, errorMessage(error));
    }
  }
  reconcile(queryClient);
}

/** Sends every waiting DELETE now (used when leaving the page or logging out). */
export async function flushPendingDeletes(queryClient: QueryClient): Promise<void> {
  const ids = [...pendingDeletes.keys()];
  for (const id of ids) {
    const timer = timers.get(id);
    if (timer) clearTimeout(timer);
  }
  await Promise.all(ids.map((id) => commitDelete(queryClient, id)));
}

let listening = false;

function listenForPageHide(): void {
  if (listening) return;
  listening = true;
  // A reload or closed tab inside the undo window still deletes: keepalive outlives the page.
  window.addEventListener('pagehide', () => {
    for (const id of pendingDeletes.keys()) {
      void deleteTransaction(id, { keepalive: true }).catch(() => undefined);
    }
  });
}

export function useDeleteTransaction(currency: string, events: DeleteEvents) {
  const queryClient = useQueryClient();
  return useCallback(
    (transaction: Transaction) => {
      deleteWithUndo(queryClient, transaction, currency, events);
    },
    [queryClient, currency, events],
  );
}
