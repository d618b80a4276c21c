import { useEffect } from 'react';
import { useMutationState } from '@tanstack/react-query';
import { toast } from '@/components/ui/toast';
import { mutationKeys } from '@/lib/query-keys';
import { saveStateOf, useSaveState, type SaveState } from '../api/create-transaction';

const ROW_TEXT: Record<SaveState, string> = {
  saving: 'Saving…',
  offline: 'Offline — will save when you are back online',
  retrying: 'Cannot reach Moneta — trying again…',
};

/** The state of an added row the server has not answered yet, shown on the row. */
export function SaveStatus({ rowId }: { rowId: number }) {
  const state = useSaveState(rowId) ?? 'saving';
  return (
    <span className={`row-saving row-saving-${state}`} data-testid="row-saving" data-state={state}>
      {ROW_TEXT[state]}
    </span>
  );
}

const NOTICE_ID = 'transactions-offline';

/**
 * One notice while changes wait for the network (adds, edits, deletes): offline, they are sent
 * when the browser is back online; with the server out of reach, they are being tried again.
 */
export function SaveNotices() {
  const states = useMutationState({
    filters: { mutationKey: mutationKeys.transactions, status: 'pending' },
    select: saveStateOf,
  });
  const notice = states.includes('offline')
    ? 'offline'
    : states.includes('retrying')
      ? 'retrying'
      : null;

  useEffect(() => {
    if (notice === 'offline') {
      toast.show({ id: NOTICE_ID, message: 'Offline — will save when you are back online.' });
    } else if (notice === 'retrying') {
      toast.show({ id: NOTICE_ID, message: 'Cannot reach Moneta. Trying again…' });
    } else {
      toast.dismiss(NOTICE_ID);
    }
  }, [notice]);
  useEffect(
    () => () => {
      toast.dismiss(NOTICE_ID);
    },
    [],
  );
  return null;
}
