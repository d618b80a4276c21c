import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';

export interface ToastAction {
  label: string;
  onAction: () => void;
  /**
   * An undo action is also bound to U and Ctrl/Cmd+Z (when not typing in a field): the newest
   * toast that offers one takes the keys, so Undo is one key press away wherever focus is.
   */
  shortcut?: 'undo';
}

export interface Toast {
  id: string;
  message: string;
  tone: 'info' | 'error';
  action?: ToastAction;
  /**
   * Told when the person starts (true) and stops (false) attending to the toast: focus inside
   * it or the pointer over it. Whatever the toast offers should not expire meanwhile; the
   * toast's own `durationMs` pauses too.
   */
  onHold?: (held: boolean) => void;
  /** Where focus goes if the toast closes while it has focus and where focus came from is gone. */
  returnFocus?: () => HTMLElement | null;
}

type ShowOptions = Omit<Toast, 'tone'> & { tone?: Toast['tone']; durationMs?: number };

/** A toast's own lifetime, paused while it is held. */
interface Timer {
  remainingMs: number;
  startedAt: number | null;
  handle: ReturnType<typeof setTimeout> | null;
}

/**
 * Toasts live in a small store outside React so that non-component code (mutations, timers) can
 * raise them. Timing belongs to whoever raises a toast; this store only shows and hides.
 */
let toasts: readonly Toast[] = [];
const listeners = new Set<() => void>();
const timers = new Map<string, Timer>();

function emit(): void {
  for (const listener of listeners) listener();
}

function stopTimer(id: string): void {
  const timer = timers.get(id);
  if (timer?.handle) clearTimeout(timer.handle);
  timers.delete(id);
}

function runTimer(id: string, timer: Timer): void {
  timer.startedAt = Date.now();
  timer.handle = setTimeout(() => {
    toast.dismiss(id);
  }, timer.remainingMs);
}

export const toast = {
  show(next: ShowOptions): string {
    const { durationMs, ...rest } = next;
    const item: Toast = { tone: 'info', ...rest };
    toasts = [...toasts.filter((t) => t.id !== item.id), item];
    stopTimer(item.id);
    if (durationMs !== undefined) {
      const timer: Timer = { remainingMs: durationMs, startedAt: null, handle: null };
      timers.set(item.id, timer);
      runTimer(item.id, timer);
    }
    emit();
    return item.id;
  },
  dismiss(id: string): void {
    stopTimer(id);
    if (!toasts.some((t) => t.id === id)) return;
    toasts = toasts.filter((t) => t.id !== id);
    emit();
  },
  clear(): void {
    for (const id of [...timers.keys()]) stopTimer(id);
    toasts = [];
    emit();
  },
  /** The person is on the toast (true) or has left it (false); see `Toast.onHold`. */
  hold(id: string, held: boolean): void {
    const timer = timers.get(id);
    if (timer && held && timer.startedAt !== null) {
      if (timer.handle) clearTimeout(timer.handle);
      timer.handle = null;
      timer.remainingMs = Math.max(0, timer.remainingMs - (Date.now() - timer.startedAt));
      timer.startedAt = null;
    } else if (timer && !held && timer.startedAt === null) {
      runTimer(id, timer);
    }
    toasts.find((t) => t.id === id)?.onHold?.(held);
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

const NOT_TYPED_INTO = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

/** Keys pressed here belong to the field (its own Ctrl+Z, a typed "u") or to a dialog. */
function keysBelongElsewhere(target: EventTarget | null): boolean {
  if (document.querySelector('dialog[open], [aria-modal="true"]')) return true;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TYPED_INTO.has(target.type);
}

function isUndoKey(event: KeyboardEvent): boolean {
  const key = event.key.toLowerCase();
  if (event.altKey || event.shiftKey) return false;
  if (key === 'z') return event.ctrlKey || event.metaKey;
  return key === 'u' && !event.ctrlKey && !event.metaKey;
}

export function Toaster() {
  const items = useToasts();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || !isUndoKey(event)) return;
      if (keysBelongElsewhere(event.target)) return;
      const undo = toasts.findLast((t) => t.action?.shortcut === 'undo')?.action;
      if (!undo) return;
      event.preventDefault();
      undo.onAction();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);

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
  const ref = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(false);
  const [hovered, setHovered] = useState(false);
  /** Where focus was before it came into the toast, to go back to when the toast closes. */
  const cameFrom = useRef<HTMLElement | null>(null);
  const held = focused || hovered;
  const { id } = item;
  const returnFocus = useRef(item.returnFocus);
  useEffect(() => {
    returnFocus.current = item.returnFocus;
  });

  useEffect(() => {
    if (!held) return;
    toast.hold(id, true);
    return () => {
      toast.hold(id, false);
    };
  }, [held, id]);

  // Runs before the toast leaves the DOM, so focus never drops to the page's start.
  useLayoutEffect(() => {
    const element = ref.current;
    return () => {
      if (!element?.contains(document.activeElement)) return;
      const target = cameFrom.current?.isConnected
        ? cameFrom.current
        : (returnFocus.current?.() ?? null);
      target?.focus();
    };
  }, []);

  const shortcut = item.action?.shortcut === 'undo';
  return (
    <div
      ref={ref}
      className={`toast toast-${item.tone}`}
      data-testid="toast"
      onFocus={(event) => {
        const from = event.relatedTarget;
        if (from instanceof HTMLElement && !event.currentTarget.contains(from)) {
          cameFrom.current = from;
        }
        setFocused(true);
      }}
      onBlur={(event) => {
        const to = event.relatedTarget;
        if (!(to instanceof Node && event.currentTarget.contains(to))) setFocused(false);
      }}
      onPointerEnter={() => {
        setHovered(true);
      }}
      onPointerLeave={() => {
        setHovered(false);
      }}
    >
      <span className="toast-message">
        {item.message}
        {shortcut && <span className="sr-only"> Press U to undo.</span>}
      </span>
      {item.action && (
        <button
          type="button"
          className="button button-small"
          onClick={item.action.onAction}
          aria-keyshortcuts={shortcut ? 'U Control+Z Meta+Z' : undefined}
          title={shortcut ? 'U or Ctrl+Z' : undefined}
        >
          {item.action.label}
          {shortcut && (
            <kbd className="toast-key" aria-hidden="true">
              U
            </kbd>
          )}
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
