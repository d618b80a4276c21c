import { useId, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '@/lib/api-client';
import { Dialog, DialogActions } from './dialog';
import { FormError } from './form-error';

export interface ConfirmDialogProps {
  title: string;
  /** What happens if the person confirms, as a sentence. */
  message: ReactNode;
  confirmLabel: string;
  /** The confirm button's text while the action runs ("Revoking…"). */
  busyLabel?: string;
  /** `danger` for what cannot be undone. */
  tone?: 'danger' | 'normal';
  /**
   * The action. The dialog closes when it resolves and shows why inside when it rejects; until
   * then Escape, Cancel and a second press do nothing.
   */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  /** Controls the action needs (where to move a category's transactions), below the message. */
  children?: ReactNode;
  /** False when the action cannot run as things are; the message says why. */
  canConfirm?: boolean;
  /** The sentence for a failure; the API's own message by default. */
  describeError?: (error: unknown) => string;
  fallbackFocus?: () => HTMLElement | null;
  testId?: string;
}

/** Asks before an action, runs it once, and keeps the dialog open with the reason if it fails. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  busyLabel,
  tone = 'danger',
  onConfirm,
  onClose,
  children,
  canConfirm = true,
  describeError = errorMessage,
  fallbackFocus,
  testId,
}: ConfirmDialogProps) {
  const messageId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A ref, not the state: two presses in one frame both see busy === false.
  const running = useRef(false);

  const confirm = async () => {
    if (running.current || !canConfirm) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      running.current = false;
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={title}
      role="alertdialog"
      describedBy={messageId}
      busy={busy}
      onClose={onClose}
      fallbackFocus={fallbackFocus}
      testId={testId}
    >
      <p id={messageId}>{message}</p>
      {children}
      {error && <FormError>{error}</FormError>}
      <DialogActions
        busy={busy}
        onCancel={onClose}
        label={confirmLabel}
        busyLabel={busyLabel}
        tone={tone}
        onConfirm={() => void confirm()}
        canConfirm={canConfirm}
        focusCancel
      />
    </Dialog>
  );
}
