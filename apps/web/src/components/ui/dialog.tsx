import {
  useEffectEvent,
  useId,
  useLayoutEffect,
  useRef,
  type ReactNode,
  type SyntheticEvent,
} from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** While an action runs: Escape and the close button leave the dialog open. */
  busy?: boolean;
  /** `alertdialog` for a question that interrupts (a confirmation), with `describedBy` set. */
  role?: 'dialog' | 'alertdialog';
  /** The id of the text that says what the dialog is about. */
  describedBy?: string;
  /** Where focus goes on close when the element that opened the dialog is gone. */
  fallbackFocus?: () => HTMLElement | null;
  testId?: string;
}

/** Open dialogs lock the page's scroll together: the last one to close unlocks it. */
let scrollLocks = 0;

function lockScroll(): () => void {
  const root = document.documentElement;
  if (scrollLocks === 0) {
    // A classic scrollbar keeps its gutter, so the page behind does not shift sideways.
    const hasScrollbar = window.innerWidth > root.clientWidth && root.clientWidth > 0;
    root.style.overflow = 'hidden';
    if (hasScrollbar) root.style.scrollbarGutter = 'stable';
  }
  scrollLocks += 1;
  return () => {
    scrollLocks -= 1;
    if (scrollLocks === 0) {
      root.style.removeProperty('overflow');
      root.style.removeProperty('scrollbar-gutter');
    }
  };
}

/** The dialog on top, once the one above it has closed. */
function topmostOpenDialog(): HTMLDialogElement | null {
  return [...document.querySelectorAll<HTMLDialogElement>('dialog[open]')].at(-1) ?? null;
}

/*
 * React bubbles events through portals along the component tree: a key press or a submit inside
 * the dialog would reach the handlers of whatever rendered it (a form, a keyboard-driven list).
 */
const stop = (event: SyntheticEvent) => {
  event.stopPropagation();
};

/**
 * A modal dialog on the native `<dialog>` and `showModal()`: the browser makes the page behind
 * inert and keeps Tab inside, dialogs stack (a confirmation above an edit dialog), and the page
 * does not scroll behind. Escape closes unless `busy`; focus goes to the field marked
 * `data-autofocus` (else the first control) and back to the opener on close.
 */
export function Dialog({
  title,
  onClose,
  children,
  busy = false,
  role = 'dialog',
  describedBy,
  fallbackFocus,
  testId,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const close = () => {
    if (!busy) onClose();
  };
  const requestClose = useEffectEvent(close);
  const browserClosed = useEffectEvent(onClose);
  const fallback = useEffectEvent(() => fallbackFocus?.() ?? null);

  // A layout effect: the dialog is open and focused before the browser paints it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // The element focused before opening; on StrictMode's second mount, the one from the first.
    const active = document.activeElement;
    const opener =
      active instanceof HTMLElement && !dialog.contains(active) ? active : openerRef.current;
    openerRef.current = opener;
    dialog.showModal();
    const unlock = lockScroll();
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? dialog).focus();

    // Escape is handled on keydown, which keeps the browser from closing the dialog itself.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      requestClose();
    };
    // Other close requests (a phone's back gesture) arrive as `cancel`.
    const onCancel = (event: Event) => {
      event.preventDefault();
      requestClose();
    };
    // Closed by the browser all the same: the owner's state follows. A close event queued by an
    // earlier close() can arrive after the dialog was opened again (StrictMode mounts twice).
    const onNativeClose = () => {
      if (!dialog.open) browserClosed();
    };
    dialog.addEventListener('keydown', onKeyDown);
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onNativeClose);
    return () => {
      dialog.removeEventListener('keydown', onKeyDown);
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open) dialog.close();
      unlock();
      // Once the commit that closed the dialog has settled: the opener may be leaving with it.
      queueMicrotask(() => {
        if (dialog.open) return; // opened again at once (StrictMode's second mount)
        const target = opener?.isConnected ? opener : (fallback() ?? topmostOpenDialog());
        target?.focus();
      });
    };
  }, []);

  return createPortal(
    <dialog
      ref={ref}
      className="dialog"
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      aria-busy={busy || undefined}
      tabIndex={-1}
      data-testid={testId}
      onKeyDown={stop}
      onSubmit={stop}
    >
      <div className="dialog-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <button
          type="button"
          className="button button-ghost button-icon"
          aria-label="Close"
          aria-disabled={busy || undefined}
          onClick={close}
        >
          ×
        </button>
      </div>
      {children}
    </dialog>,
    document.body,
  );
}

/**
 * A dialog's Cancel and its action. While `busy` both stay focusable but do nothing
 * (aria-disabled, not disabled: a disabled button would drop the focus). Without `onConfirm` the
 * action submits the dialog's form.
 */
export function DialogActions({
  busy,
  onCancel,
  label,
  busyLabel,
  tone = 'normal',
  onConfirm,
  canConfirm = true,
  focusCancel = false,
}: {
  busy: boolean;
  onCancel: () => void;
  label: string;
  busyLabel?: string | undefined;
  tone?: 'normal' | 'danger';
  onConfirm?: () => void;
  canConfirm?: boolean;
  /** Focus starts on Cancel, the least destructive choice: Enter right away does no harm. */
  focusCancel?: boolean;
}) {
  return (
    <div className="dialog-actions">
      <button
        type="button"
        className="button"
        data-autofocus={focusCancel ? '' : undefined}
        aria-disabled={busy || undefined}
        onClick={() => {
          if (!busy) onCancel();
        }}
      >
        Cancel
      </button>
      <button
        type={onConfirm ? 'button' : 'submit'}
        className={tone === 'danger' ? 'button button-danger-solid' : 'button button-primary'}
        aria-disabled={busy || undefined}
        disabled={!canConfirm}
        onClick={onConfirm}
      >
        {busy && busyLabel ? busyLabel : label}
      </button>
    </div>
  );
}
