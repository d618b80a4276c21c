import { useRef, useState, type SubmitEvent } from 'react';
import type { Category } from '@moneta/schema';
import { ApiError, errorMessage } from '@/lib/api-client';
import { today } from '@/lib/dates';
import { useCreateTransaction } from '../api/create-transaction';
import {
  FIELD_ORDER,
  TransactionFields,
  apiFieldErrors,
  validateTransaction,
  type TransactionFormErrors,
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
 * clears for the next one and focus goes back to the amount.
 */
export function AddTransactionForm({
  categories,
  currency,
}: {
  categories: readonly Category[];
  currency: string;
}) {
  const create = useCreateTransaction(currency);
  const [values, setValues] = useState<TransactionFormValues>(() => emptyValues());
  const [errors, setErrors] = useState<TransactionFormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const focusField = (field: keyof TransactionFormValues) => {
    const element = formRef.current?.querySelector<HTMLElement>(
      field === 'type' ? 'input[type="radio"]:checked' : `[name="${field}"]`,
    );
    element?.focus();
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateTransaction(values, currency);
    if (!result.ok) {
      setErrors(result.errors);
      setFormError(null);
      const first = FIELD_ORDER.find((field) => result.errors[field]);
      if (first) focusField(first);
      return;
    }
    const submitted = values;
    setErrors({});
    setFormError(null);
    setValues(emptyValues(values));
    amountRef.current?.focus();
    create.mutate(result.value, {
      onError: (error) => {
        const fieldErrors = error instanceof ApiError ? apiFieldErrors(error.fieldErrors) : {};
        setFormError(`“${result.value.title}” was not added: ${errorMessage(error)}`);
        // Give the entry back to fix it, unless a new one is already being typed.
        setValues((current) => {
          const untouched =
            current.amount === '' && current.title === '' && current.description === '';
          if (untouched) setErrors(fieldErrors);
          return untouched ? submitted : current;
        });
      },
    });
  };

  return (
    <form
      ref={formRef}
      className="add-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="add-heading"
    >
      <h2 id="add-heading" className="section-title">
        Add a transaction
      </h2>
      {formError && (
        <p className="form-error" role="alert" data-testid="add-error">
          {formError}
        </p>
      )}
      <div className="add-form-grid">
        <TransactionFields
          idPrefix="add"
          values={values}
          errors={errors}
          categories={categories}
          currency={currency}
          onChange={setValues}
          amountRef={amountRef}
        />
      </div>
      <button type="submit" className="button button-primary add-submit">
        Add
      </button>
    </form>
  );
}
