import { useSyncExternalStore } from 'react';

export interface Toast {
  id: string;
  message: string;
  tone: 'info' | 'error';
  action?: { label: string; onAction: () => void };
}

/**
 * Toasts live in a small store outside React so that non-component code (mutations, timers) can
 * raise them. Timing belongs to whoever raises a toast; this store only shows and hides.
 */
let toasts: readonly Toast[] = [];
const listeners = new Set<() => void>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();

function emit(): void {
  for (const listener of listeners) listener();
}

export const toast = {
  show(next: Omit<Toast, 'tone'> & { tone?: Toast['tone']; durationMs?: number }): string {
    const { durationMs, ...rest } = next;
    const item: Toast = { tone: 'info', ...rest };
    toasts = [...toasts.filter((t) => t.id !== item.id), item];
    const previous = timers.get(item.id);
    if (previous) clearTimeout(previous);
    timers.delete(item.id);
    if (durationMs !== undefined) {
      timers.set(
        item.id,
        setTimeout(() => {
          toast.dismiss(item.id);
        }, durationMs),
      );
    }
    emit();
    return item.id;
  },
  dismiss(id: string): void {
    const timer = timers.get(id);
    if (timer) clearTimeout(timer);
    timers.delete(id);
    if (!toasts.some((t) => t.id === id)) return;
    toasts = toasts.filter((t) => t.id !== id);
    emit();
  },
  clear(): void {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    toasts = [];
    emit();
  },
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(
    subscribe,
    () => toasts,
    () => toasts,
  );
}

export function Toaster() {
  const items = useToasts();
  return (
    <div className="toaster" role="region" aria-label="Notifications">
      <div role="status" aria-live="polite" className="toaster-live">
        {items
          .filter((t) => t.tone === 'info')
          .map((t) => (
            <ToastView key={t.id} toast={t} />
          ))}
      </div>
      <div role="alert" className="toaster-live">
        {items
          .filter((t) => t.tone === 'error')
          .map((t) => (
            <ToastView key={t.id} toast={t} />
          ))}
      </div>
    </div>
  );
}

function ToastView({ toast: item }: { toast: Toast }) {
  return (
    <div className={`toast toast-${item.tone}`} data-testid="toast">
      <span className="toast-message">{item.message}</span>
      {item.action && (
        <button type="button" className="button button-small" onClick={item.action.onAction}>
          {item.action.label}
        </button>
      )}
      <button
        type="button"
        className="button button-ghost button-small"
        aria-label="Dismiss notification"
        onClick={() => {
          toast.dismiss(item.id);
        }}
      >
        ×
      </button>
    </div>
  );
}
