import type { RefObject } from 'react';
import {
  Description,
  Title,
  currencyDecimals,
  isCalendarDate,
  type Account,
  type Category,
  type TransactionType,
} from '@moneta/schema';
import { Field } from '@/components/ui/field';
import { parseMoneyInput } from '@/lib/money';

export interface TransactionFormValues {
  /** The account's id; '' for the one the default rule picks (see account-choice.ts). */
  accountId: string;
  type: TransactionType;
  amount: string;
  title: string;
  /** '' for no category. */
  categoryId: string;
  date: string;
  description: string;
}

export type TransactionFormErrors = Partial<Record<keyof TransactionFormValues, string>>;

export interface ValidTransaction {
  /** null when no account is known yet (the API then uses the default account). */
  accountId: number | null;
  type: TransactionType;
  amount: string;
  title: string;
  categoryId: number | null;
  date: string;
  description: string | null;
}

/**
 * Checks the form with the shared contracts; the amount is parsed exactly for the currency of
 * the account it goes into.
 */
export function validateTransaction(
  values: TransactionFormValues,
  currency: string,
): { ok: true; value: ValidTransaction } | { ok: false; errors: TransactionFormErrors } {
  const errors: TransactionFormErrors = {};
  const amount = parseMoneyInput(values.amount, currency);
  if (!amount.ok) errors.amount = amount.message;
  const title = Title.safeParse(values.title);
  if (!title.success) errors.title = title.error.issues[0]?.message ?? 'is not valid';
  if (!isCalendarDate(values.date)) errors.date = 'must be a real date';
  const description = Description.safeParse(values.description);
  if (!description.success)
    errors.description = description.error.issues[0]?.message ?? 'is not valid';
  if (!amount.ok || !title.success || !description.success || errors.date)
    return { ok: false, errors };
  return {
    ok: true,
    value: {
      accountId: values.accountId === '' ? null : Number(values.accountId),
      type: values.type,
      amount: amount.value,
      title: title.data,
      categoryId: values.categoryId === '' ? null : Number(values.categoryId),
      date: values.date,
      description: description.data === '' ? null : description.data,
    },
  };
}

interface TransactionFieldsProps {
  values: TransactionFormValues;
  errors: TransactionFormErrors;
  categories: readonly Category[];
  /**
   * The accounts the entry may go into (the open ones, and the account a row being edited is
   * in); the picker shows once there is a choice. `accountId` is the one shown as picked.
   */
  accounts: readonly Account[];
  accountId: string;
  /** The amount's currency: the picked account's. */
  currency: string;
  /** Under the amount, e.g. that a move to another currency needs it anew. */
  amountHint?: string | undefined;
  onChange: (values: TransactionFormValues) => void;
  amountRef?: RefObject<HTMLInputElement | null>;
  /** Distinguishes the radio groups of the add form and the edit dialog. */
  idPrefix: string;
  /** A reconciled row: its account, type, amount and date cannot change until unlocked. */
  locked?: boolean;
}

export function TransactionFields({
  values,
  errors,
  categories,
  accounts,
  accountId,
  currency,
  amountHint,
  onChange,
  amountRef,
  idPrefix,
  locked = false,
}: TransactionFieldsProps) {
  const set = <K extends keyof TransactionFormValues>(key: K, value: TransactionFormValues[K]) => {
    onChange({ ...values, [key]: value });
  };
  const setType = (type: TransactionType) => {
    const category = categories.find((c) => String(c.id) === values.categoryId);
    // A category of the other kind would be refused by the API.
    onChange({
      ...values,
      type,
      categoryId: category && category.kind !== type ? '' : values.categoryId,
    });
  };
  const options = categories.filter((category) => category.kind === values.type);
  // Several currencies among the choices: each says its own.
  const currencies = new Set(accounts.map((account) => account.currency));

  return (
    <>
      {accounts.length > 1 && (
        <Field label="Account" error={errors.accountId} className="field-account">
          {(control) => (
            <select
              {...control}
              name="accountId"
              disabled={locked}
              value={accountId}
              onChange={(event) => {
                set('accountId', event.target.value);
              }}
            >
              {accounts.map((account) => (
                <option key={account.id} value={String(account.id)}>
                  {account.name}
                  {currencies.size > 1 ? ` (${account.currency})` : ''}
                  {account.closed ? ' · closed' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <fieldset className="type-toggle" data-field="type">
        <legend className="field-label">Type</legend>
        {(['expense', 'income'] as const).map((type) => (
          <label key={type} className={`type-option type-${type}`}>
            <input
              type="radio"
              name={`${idPrefix}-type`}
              value={type}
              disabled={locked}
              checked={values.type === type}
              onChange={() => {
                setType(type);
              }}
            />
            <span>{type === 'expense' ? 'Expense' : 'Income'}</span>
          </label>
        ))}
        {errors.type && <p className="field-error">Type {errors.type}</p>}
      </fieldset>
      <Field label="Amount" error={errors.amount} hint={amountHint} className="field-amount">
        {(control) => (
          <input
            {...control}
            ref={amountRef}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            placeholder={currencyDecimals(currency) === 0 ? '1200' : '12.50'}
            disabled={locked}
            data-autofocus={locked ? undefined : ''}
            value={values.amount}
            onChange={(event) => {
              set('amount', event.target.value);
            }}
          />
        )}
      </Field>
      <Field label="Title" error={errors.title} className="field-title">
        {(control) => (
          <input
            {...control}
            name="title"
            data-autofocus={locked ? '' : undefined}
            autoComplete="off"
            maxLength={200}
            value={values.title}
            onChange={(event) => {
              set('title', event.target.value);
            }}
          />
        )}
      </Field>
      <Field label="Category" error={errors.categoryId}>
        {(control) => (
          <select
            {...control}
            name="categoryId"
            value={values.categoryId}
            onChange={(event) => {
              set('categoryId', event.target.value);
            }}
          >
            <option value="">No category</option>
            {options.map((category) => (
              <option key={category.id} value={String(category.id)}>
                {category.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Date" error={errors.date}>
        {(control) => (
          <input
            {...control}
            name="date"
            type="date"
            required
            disabled={locked}
            value={values.date}
            onChange={(event) => {
              set('date', event.target.value);
            }}
          />
        )}
      </Field>
      <Field label="Description" error={errors.description} className="field-description">
        {(control) => (
          <input
            {...control}
            name="description"
            autoComplete="off"
            placeholder="Optional"
            maxLength={2000}
            value={values.description}
            onChange={(event) => {
              set('description', event.target.value);
            }}
          />
        )}
      </Field>
    </>
  );
}
