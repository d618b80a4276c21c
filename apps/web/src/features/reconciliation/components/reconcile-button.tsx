import { useState } from 'react';
import type { Account } from '@moneta/schema';
import { toast } from '@/components/ui/toast';
import { today } from '@/lib/dates';
import { ReconcileDialog, type StatementDraft } from './reconcile-dialog';

/**
 * "Reconcile" for the account shown, and its dialog. What was typed from a statement is kept per
 * account while the dialog is closed (to clear rows in the history) and dropped once finished.
 */
export function ReconcileButton({ account }: { account: Account }) {
  const [open, setOpen] = useState(false);
  const [drafts, setDrafts] = useState<ReadonlyMap<number, StatementDraft>>(new Map());
  const draft = drafts.get(account.id) ?? { date: today(), balance: '' };
  const setDraft = (next: StatementDraft | null) => {
    setDrafts((previous) => {
      const copy = new Map(previous);
      if (next) copy.set(account.id, next);
      else copy.delete(account.id);
      return copy;
    });
  };

  return (
    <>
      <button
        type="button"
        className="button button-small reconcile-open"
        data-testid="reconcile"
        onClick={() => {
          setOpen(true);
        }}
      >
        Reconcile
      </button>
      {open && (
        <ReconcileDialog
          account={account}
          draft={draft}
          onDraftChange={setDraft}
          onClose={() => {
            setOpen(false);
          }}
          onReconciled={(reconciliation) => {
            setDraft(null);
            setOpen(false);
            const n = reconciliation.reconciledCount;
            toast.show({
              id: `reconciled-${reconciliation.id}`,
              message: `Reconciled ${n} transaction${n === 1 ? '' : 's'}`,
              durationMs: 5000,
            });
          }}
        />
      )}
    </>
  );
}
