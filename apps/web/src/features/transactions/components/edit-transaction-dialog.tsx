import { useState, type SubmitEvent } from 'react';
import type { Category, Transaction, UpdateTransactionBody } from '@moneta/schema';
import { Dialog } from '@/components/ui/dialog';
import { toast } from '@/components/ui/toast';
import { ApiError, errorMessage } from '@/lib/api-client';
import { useUpdateTransaction } from '../api/update-transaction';
import {
  TransactionFields,
  apiFieldErrors,
  validateTransaction,
  type TransactionFormErrors,
  type TransactionFormValues,
  type ValidTransaction,
} from './transaction-fields';

function valuesOf(transaction: Transaction): TransactionFormValues {
  return {
    type: transaction.type,
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
  const [values, setValues] = useState(() => valuesOf(transaction));
  const [errors, setErrors] = useState<TransactionFormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateTransaction(values, currency);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    const changes = changesOf(transaction, result.value);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    setErrors({});
    setFormError(null);
    update.mutate(
      { previous: transaction, changes },
      {
        onSuccess: (updated) => {
          toast.show({
            id: `saved-${updated.id}`,
            message: `Saved “${updated.title}”.`,
            durationMs: 3000,
          });
          onClose();
        },
        onError: (error) => {
          setErrors(error instanceof ApiError ? apiFieldErrors(error.fieldErrors) : {});
          setFormError(`Not saved: ${errorMessage(error)}`);
        },
      },
    );
  };

  return (
    <Dialog
      title="Edit transaction"
      onClose={onClose}
      fallbackFocus={fallbackFocus}
      testId="edit-dialog"
    >
      <form className="edit-form" onSubmit={onSubmit} noValidate>
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <div className="edit-form-grid">
          <TransactionFields
            idPrefix="edit"
            values={values}
            errors={errors}
            categories={categories}
            currency={currency}
            onChange={setValues}
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
