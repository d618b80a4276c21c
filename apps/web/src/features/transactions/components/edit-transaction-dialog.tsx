import type { Category, Transaction, UpdateTransactionBody } from '@moneta/schema';
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
    // Only income and expense rows open this dialog.
    type: transaction.type === 'income' ? 'income' : 'expense',
    amount: transaction.amount,
    title: transaction.title,
    categoryId: transaction.categoryId === null ? '' : String(transaction.categoryId),
    date: transaction.date,
    description: transaction.description ?? '',
  };
}

/** Only what changed is sent. */
function changesOf(previous: Transaction, next: ValidTransaction): UpdateTransactionBody {
  const changes: UpdateTransactionBody = {};
  if (next.type !== previous.type) changes.type = next.type;
  if (next.amount !== previous.amount) changes.amount = next.amount;
  if (next.title !== previous.title) changes.title = next.title;
  if (next.categoryId !== previous.categoryId) changes.categoryId = next.categoryId;
  if (next.date !== previous.date) changes.date = next.date;
  if (next.description !== previous.description) changes.description = next.description;
  return changes;
}

interface EditTransactionDialogProps {
  transaction: Transaction;
  categories: readonly Category[];
  currency: string;
  onClose: () => void;
  fallbackFocus: () => HTMLElement | null;
}

export function EditTransactionDialog({
  transaction,
  categories,
  currency,
  onClose,
  fallbackFocus,
}: EditTransactionDialogProps) {
  const update = useUpdateTransaction(currency);
  const form = useForm({
    initialValues: () => valuesOf(transaction),
    validate: (values) => validateTransaction(values, currency),
    submit: (value) => {
      const changes = changesOf(transaction, value);
      if (Object.keys(changes).length === 0) return Promise.resolve(null);
      return update.mutateAsync({ previous: transaction, changes });
    },
    onSuccess: (updated) => {
      if (updated) {
        toast.show({
          id: `saved-${updated.id}`,
          message: `Saved “${updated.title}”.`,
          durationMs: 3000,
        });
      }
      onClose();
    },
    formError: (error) => `Not saved: ${errorMessage(error)}`,
  });

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
        <div className="edit-form-grid">
          <TransactionFields
            idPrefix="edit"
            values={form.values}
            errors={form.errors}
            categories={categories}
            currency={currency}
            onChange={form.setValues}
          />
        </div>
        <DialogActions busy={form.pending} onCancel={onClose} label="Save" busyLabel="Saving…" />
        {update.isPaused && (
          <p className="form-note" role="status" data-testid="edit-offline">
            Offline — the change is saved when you are back online.
          </p>
        )}
      </form>
    </Dialog>
  );
}
