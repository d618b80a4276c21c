import { useRef } from 'react';
import type { Category } from '@moneta/schema';
import { FormError } from '@/components/ui/form-error';
import { errorMessage } from '@/lib/api-client';
import { toast } from '@/components/ui/toast';
import { formatDate, today } from '@/lib/dates';
import { useForm } from '@/lib/form';
import { useCreateTransaction } from '../api/create-transaction';
import {
  TransactionFields,
  validateTransaction,
  type TransactionFormValues,
} from './transaction-fields';

function emptyValues(previous?: TransactionFormValues): TransactionFormValues {
  return {
    // Type, category and date carry over: entries often come in runs of the same kind.
    type: previous?.type ?? 'expense',
    amount: '',
    title: '',
    categoryId: previous?.categoryId ?? '',
    date: previous?.date ?? today(),
    description: '',
  };
}

/**
 * The add form stays on the page: a submitted entry shows up at once (optimistically), the form
 * clears for the next one and focus goes back to the amount. A refused entry comes back to be
 * fixed, unless the next one is already being typed.
 */
export function AddTransactionForm({
  categories,
  currency,
  shown,
}: {
  categories: readonly Category[];
  currency: string;
  /** The period on screen: an entry dated outside it says where it went, with a way there. */
  shown?: { label: string; contains: (date: string) => boolean; show: (date: string) => void };
}) {
  const create = useCreateTransaction(currency);
  const amountRef = useRef<HTMLInputElement>(null);
  const form = useForm({
    initialValues: () => emptyValues(),
    validate: (values) => validateTransaction(values, currency),
    clearOnSubmit: emptyValues,
    submit: (value) => {
      amountRef.current?.focus();
      if (shown && !shown.contains(value.date)) {
        toast.show({
          id: 'added-outside-period',
          message: `“${value.title.trim()}” is dated ${formatDate(value.date)}, outside ${shown.label}.`,
          action: {
            label: 'Show',
            onAction: () => {
              shown.show(value.date);
            },
          },
        });
      }
      return create.mutateAsync(value);
    },
    formError: (error, value) => `“${value.title}” was not added: ${errorMessage(error)}`,
  });

  return (
    <form className="add-form" {...form.formProps} aria-labelledby="add-heading">
      <h2 id="add-heading" className="section-title">
        Add a transaction
      </h2>
      {form.formError && <FormError testId="add-error">{form.formError}</FormError>}
      <div className="add-form-grid">
        <TransactionFields
          idPrefix="add"
          values={form.values}
          errors={form.errors}
          categories={categories}
          currency={currency}
          onChange={form.setValues}
          amountRef={amountRef}
        />
      </div>
      <button type="submit" className="button button-primary add-submit">
        Add
      </button>
    </form>
  );
}
