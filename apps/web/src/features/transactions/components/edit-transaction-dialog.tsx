import { useId, useState } from 'react';
import type { Account, Category, Transaction, UpdateTransactionBody } from '@moneta/schema';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { FormError } from '@/components/ui/form-error';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { useForm } from '@/lib/form';
import { useUpdateTransaction } from '../api/update-transaction';
import {
  TransactionFields,
  validateTransaction,
  type TransactionFormValues,
  type ValidTransaction,
} from './transaction-fields';

function valuesOf(transaction: Transaction): TransactionFormValues {
  return {
    accountId: String(transaction.accountId),
    // Only income and expense rows open this dialog.
    type: transaction.type === 'income' ? 'income' : 'expense',
    amount: transaction.amount,
    title: transaction.title,
    categoryId: transaction.categoryId === null ? '' : String(transaction.categoryId),
    date: transaction.date,
    description: transaction.description ?? '',
  };
}

/**
 * Only what changed is sent. A move to an account in another currency always sends the amount:
 * the API needs it in the new currency (it converts nothing).
 */
export function changesOf(
  previous: Transaction,
  next: ValidTransaction,
  nextCurrency: string,
): UpdateTransactionBody {
  const changes: UpdateTransactionBody = {};
  if (next.accountId !== null && next.accountId !== previous.accountId) {
    changes.accountId = next.accountId;
  }
  if (next.type !== previous.type) changes.type = next.type;
  if (next.amount !== previous.amount || nextCurrency !== previous.currency) {
    changes.amount = next.amount;
  }
  if (next.title !== previous.title) changes.title = next.title;
  if (next.categoryId !== previous.categoryId) changes.categoryId = next.categoryId;
  if (next.date !== previous.date) changes.date = next.date;
  if (next.description !== previous.description) changes.description = next.description;
  return changes;
}

interface EditTransactionDialogProps {
  transaction: Transaction;
  categories: readonly Category[];
  /** Every account: a row may move to an open one; its own is listed even when closed. */
  accounts: readonly Account[];
  onClose: () => void;
  fallbackFocus: () => HTMLElement | null;
}

export function EditTransactionDialog({
  transaction: opened,
  categories,
  accounts,
  onClose,
  fallbackFocus,
}: EditTransactionDialogProps) {
  const update = useUpdateTransaction();
  // The row as it now is: unlocking it here changes it under the form.
  const [transaction, setTransaction] = useState(opened);
  const [confirmUnlock, setConfirmUnlock] = useState(false);
  const locked = transaction.reconciled;
  const lockedId = useId();
  const choices = accounts.filter(
    (account) => !account.closed || account.id === transaction.accountId,
  );
  const currencyOf = (values: TransactionFormValues) =>
    choices.find((account) => String(account.id) === values.accountId)?.currency ??
    transaction.currency;

  const form = useForm({
    initialValues: () => valuesOf(transaction),
    validate: (values) => {
      const currency = currencyOf(values);
      const checked = validateTransaction(values, currency);
      // Moving to another currency: the old amount means nothing there.
      if (currency !== transaction.currency && values.amount.trim() === '') {
        return {
          ok: false,
          errors: {
            ...(checked.ok ? {} : checked.errors),
            amount: `must be entered again in ${currency}: it is not converted`,
          },
        };
      }
      return checked;
    },
    submit: (value) => {
      const changes = changesOf(
        transaction,
        value,
        currencyOf({ ...form.values, accountId: String(value.accountId) }),
      );
      if (Object.keys(changes).length === 0) return Promise.resolve(null);
      return update.mutateAsync({ previous: transaction, changes });
    },
    onSuccess: (updated) => {
      if (updated) {
        const moved = updated.accountId !== transaction.accountId;
        const to = accounts.find((account) => account.id === updated.accountId)?.name;
        toast.show({
          id: `saved-${updated.id}`,
          message: moved && to ? `Moved “${updated.title}” to ${to}.` : `Saved “${updated.title}”.`,
          durationMs: 3000,
        });
      }
      onClose();
    },
    formError: (error) => `Not saved: ${errorMessage(error)}`,
  });

  const currency = currencyOf(form.values);
  const otherCurrency = currency !== transaction.currency;
  const onChange = (next: TransactionFormValues) => {
    const before = currencyOf(form.values);
    const after = currencyOf(next);
    // Into another currency the amount is typed anew; back into its own, it comes back.
    if (after !== before && next.amount === form.values.amount) {
      form.setValues({ ...next, amount: after === transaction.currency ? transaction.amount : '' });
      return;
    }
    form.setValues(next);
  };

  return (
    <Dialog
      title="Edit transaction"
      onClose={onClose}
      busy={form.pending}
      fallbackFocus={fallbackFocus}
      testId="edit-dialog"
    >
      <form className="edit-form" {...form.formProps}>
        {form.formError && <FormError>{form.formError}</FormError>}
        {locked && (
          <div className="locked-note" data-testid="locked-note">
            <p id={lockedId}>
              Reconciled with a statement: its amount, date, account and type are locked. The title,
              category and description can still change.
            </p>
            <button
              type="button"
              className="button button-small"
              aria-describedby={lockedId}
              onClick={() => {
                setConfirmUnlock(true);
              }}
            >
              Unlock
            </button>
          </div>
        )}
        <div className="edit-form-grid">
          <TransactionFields
            idPrefix="edit"
            values={form.values}
            errors={form.errors}
            categories={categories}
            accounts={choices}
            accountId={form.values.accountId}
            currency={currency}
            locked={locked}
            amountHint={
              otherCurrency
                ? `In ${currency}: ${transaction.amount} ${transaction.currency} is not converted.`
                : undefined
            }
            onChange={onChange}
          />
        </div>
        <DialogActions busy={form.pending} onCancel={onClose} label="Save" busyLabel="Saving…" />
        {update.isPaused && (
          <p className="form-note" role="status" data-testid="edit-offline">
            Offline — the change is saved when you are back online.
          </p>
        )}
      </form>
      {confirmUnlock && (
        <ConfirmDialog
          title="Unlock this transaction?"
          message={`“${transaction.title}” was reconciled with a statement. Unlocked, its amount, date, account and type can change, and the account’s next reconciliation covers it again.`}
          confirmLabel="Unlock"
          busyLabel="Unlocking…"
          onConfirm={async () => {
            const unlocked = await update.mutateAsync({
              previous: transaction,
              changes: { reconciled: false },
            });
            setTransaction(unlocked);
          }}
          onClose={() => {
            setConfirmUnlock(false);
          }}
          testId="unlock-dialog"
        />
      )}
    </Dialog>
  );
}
