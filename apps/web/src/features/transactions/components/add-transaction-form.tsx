import { useRef, useState } from 'react';
import type { Account, Category } from '@moneta/schema';
import { FormError } from '@/components/ui/form-error';
import { errorMessage } from '@/lib/api-client';
import { toast } from '@/components/ui/toast';
import { formatDate, today } from '@/lib/dates';
import { useForm } from '@/lib/form';
import { useCreateTransaction } from '../api/create-transaction';
import { defaultAccountId, readLastAccount, rememberLastAccount } from '../account-choice';
import {
  TransactionFields,
  validateTransaction,
  type TransactionFormValues,
} from './transaction-fields';

function emptyValues(previous?: TransactionFormValues): TransactionFormValues {
  return {
    // Account, type, category and date carry over: entries often come in runs of the same kind.
    accountId: previous?.accountId ?? '',
    type: previous?.type ?? 'expense',
    amount: '',
    title: '',
    categoryId: previous?.categoryId ?? '',
    date: previous?.date ?? today(),
    description: '',
  };
}

/** What the dashboard shows: an entry outside it says where it went, with a way there. */
export interface ShownView {
  /** The period's name, "Nov 2026". */
  label: string;
  /** The account shown; undefined for all accounts. */
  accountId: number | undefined;
  contains: (date: string) => boolean;
  /** Shows the entry: its account (if another is shown) and its month (if outside the period). */
  show: (entry: { date: string; accountId: number | null }) => void;
}

/**
 * The add form stays on the page: a submitted entry shows up at once (optimistically), the form
 * clears for the next one and focus goes back to the amount. A refused entry comes back to be
 * fixed, unless the next one is already being typed.
 *
 * The entry goes into the account picked, else the one being viewed, else the last one used
 * (remembered per user in this browser), else the default account.
 */
export function AddTransactionForm({
  categories,
  accounts,
  userId,
  currency: userCurrency,
  shown,
}: {
  categories: readonly Category[];
  /** Every account (undefined while loading); entries go into open ones only. */
  accounts: readonly Account[] | undefined;
  userId: number;
  /** The user's currency: amounts are read in it until the accounts are known. */
  currency: string;
  shown?: ShownView;
}) {
  const create = useCreateTransaction(userCurrency);
  const amountRef = useRef<HTMLInputElement>(null);
  const open = accounts?.filter((account) => !account.closed) ?? [];
  const [lastUsed, setLastUsed] = useState(() => readLastAccount(userId));
  const fallback = defaultAccountId(open, { viewing: shown?.accountId, lastUsed });

  /** The account an entry with these values goes into. */
  const accountOf = (values: TransactionFormValues): Account | undefined =>
    open.find((account) => String(account.id) === values.accountId) ??
    open.find((account) => account.id === fallback);

  const form = useForm({
    initialValues: () => emptyValues(),
    validate: (values) => {
      const account = accountOf(values);
      const checked = validateTransaction(values, account?.currency ?? userCurrency);
      return checked.ok
        ? { ok: true, value: { ...checked.value, accountId: account?.id ?? null } }
        : checked;
    },
    clearOnSubmit: emptyValues,
    submit: ({ accountId, ...value }) => {
      amountRef.current?.focus();
      if (accountId !== null) {
        rememberLastAccount(userId, accountId);
        setLastUsed(accountId);
      }
      const elsewhere =
        shown?.accountId !== undefined && accountId !== null && accountId !== shown.accountId;
      if (shown && (elsewhere || !shown.contains(value.date))) {
        const into = open.find((account) => account.id === accountId)?.name;
        toast.show({
          id: 'added-outside-view',
          message:
            elsewhere && into
              ? `“${value.title.trim()}” went into ${into}, not the account shown.`
              : `“${value.title.trim()}” is dated ${formatDate(value.date)}, outside ${shown.label}.`,
          action: {
            label: 'Show',
            onAction: () => {
              shown.show({ date: value.date, accountId });
            },
          },
          // Long enough to reach Show; it waits while pointed at or focused.
          durationMs: 10_000,
        });
      }
      return create.mutateAsync({ ...value, ...(accountId !== null ? { accountId } : {}) });
    },
    formError: (error, value) => `“${value.title}” was not added: ${errorMessage(error)}`,
  });

  // Another account shown: new entries go into it, whatever was picked for the one before.
  const [viewedFor, setViewedFor] = useState(shown?.accountId);
  if (viewedFor !== shown?.accountId) {
    setViewedFor(shown?.accountId);
    if (form.values.accountId !== '') form.setValue('accountId', '');
  }

  const account = accountOf(form.values);
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
          accounts={open}
          accountId={account ? String(account.id) : ''}
          currency={account?.currency ?? userCurrency}
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
