import { useState } from 'react';
import {
  ACCOUNT_KIND_LABELS,
  AccountKind,
  AccountName,
  type Account,
  type CreateAccountInput,
  type UpdateAccountInput,
} from '@moneta/schema';
import { isCalendarDate } from '@moneta/schema/calendar';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CurrencySelect } from '@/components/ui/currency-select';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { today } from '@/lib/dates';
import { useForm, type FieldErrors } from '@/lib/form';
import { exampleAmount, formatMoney, fromMinor, parseSignedMoneyInput, toMinor } from '@/lib/money';
import { useCreateAccount } from '../api/create-account';
import { useDeleteAccount } from '../api/delete-account';
import { useUpdateAccount } from '../api/update-account';

export interface AccountFormValues {
  name: string;
  kind: AccountKind;
  currency: string;
  openingBalance: string;
  openingDate: string;
  onBudget: boolean;
  isDefault: boolean;
}

interface ValidAccount {
  name: string;
  kind: AccountKind;
  currency: string;
  openingBalance: string;
  openingDate: string;
  onBudget: boolean;
  isDefault: boolean;
}

export function validateAccount(
  values: AccountFormValues,
): { ok: true; value: ValidAccount } | { ok: false; errors: FieldErrors<AccountFormValues> } {
  const errors: FieldErrors<AccountFormValues> = {};
  const name = AccountName.safeParse(values.name);
  if (!name.success) errors.name = name.error.issues[0]?.message ?? 'is not valid';
  const opening =
    values.openingBalance.trim() === ''
      ? ({ ok: true, value: '0', minor: 0n } as const)
      : parseSignedMoneyInput(values.openingBalance, values.currency);
  if (!opening.ok) errors.openingBalance = opening.message;
  if (!isCalendarDate(values.openingDate)) errors.openingDate = 'must be a real date';
  if (!name.success || !opening.ok || errors.openingDate) return { ok: false, errors };
  return {
    ok: true,
    value: { ...values, name: name.data, openingBalance: opening.value },
  };
}

/** Only what changed is sent: a rename is a rename, not a rewrite of the opening balance. */
export function accountChanges(previous: Account, next: ValidAccount): UpdateAccountInput {
  const changes: UpdateAccountInput = {};
  if (next.name !== previous.name) changes.name = next.name;
  if (next.kind !== previous.kind) changes.kind = next.kind;
  if (next.currency !== previous.currency) changes.currency = next.currency;
  if (next.onBudget !== previous.onBudget) changes.onBudget = next.onBudget;
  // Compared as amounts of the (possibly new) currency: "-0" and "0.00" are one balance.
  const previousOpening = parseSignedMoneyInput(previous.openingBalance, next.currency);
  if (
    next.currency !== previous.currency ||
    !previousOpening.ok ||
    previousOpening.value !== next.openingBalance
  ) {
    changes.openingBalance = next.openingBalance;
  }
  if (next.openingDate !== previous.openingDate) changes.openingDate = next.openingDate;
  if (next.isDefault && !previous.isDefault) changes.isDefault = true;
  return changes;
}

function valuesOf(account: Account | undefined, currency: string): AccountFormValues {
  return account
    ? {
        name: account.name,
        kind: account.kind,
        currency: account.currency,
        openingBalance: account.openingBalance,
        openingDate: account.openingDate,
        onBudget: account.onBudget,
        isDefault: account.isDefault,
      }
    : {
        name: '',
        kind: 'checking',
        currency,
        openingBalance: '',
        openingDate: today(),
        onBudget: true,
        isDefault: false,
      };
}

export interface AccountDialogProps {
  /** The account to edit; a new one when absent. */
  account?: Account | undefined;
  /** A new account's currency unless another is picked: the user's reporting currency. */
  reportingCurrency: string;
  /** After a create or an edit; a new account is shown next. */
  onSaved?: (account: Account, created: boolean) => void;
  /** After a delete: the account is gone, whatever showed it shows all accounts. */
  onDeleted?: (accountId: number) => void;
  onClose: () => void;
  fallbackFocus?: () => HTMLElement | null;
}

/**
 * Opens or edits an account: name, kind, currency (fixed once it has transactions), opening
 * balance and date, on-budget, and the default. Editing also closes or reopens it, and deletes
 * one without transactions (one with history is closed instead: its history is kept).
 */
export function AccountDialog({
  account,
  reportingCurrency,
  onSaved,
  onDeleted,
  onClose,
  fallbackFocus,
}: AccountDialogProps) {
  const create = useCreateAccount();
  const update = useUpdateAccount();
  const remove = useDeleteAccount();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const [closeError, setCloseError] = useState<string | null>(null);
  const currencyFixed = account !== undefined && account.transactionCount > 0;

  const form = useForm({
    initialValues: () => valuesOf(account, reportingCurrency),
    validate: validateAccount,
    submit: async (value): Promise<Account | null> => {
      if (!account) {
        const body: CreateAccountInput = {
          name: value.name,
          kind: value.kind,
          currency: value.currency,
          onBudget: value.onBudget,
          openingBalance: value.openingBalance,
          openingDate: value.openingDate,
          ...(value.isDefault ? { isDefault: true as const } : {}),
        };
        return create.mutateAsync(body);
      }
      const changes = accountChanges(account, value);
      if (Object.keys(changes).length === 0) return null;
      return update.mutateAsync({ id: account.id, ...changes });
    },
    onSuccess: (saved) => {
      if (saved) {
        toast.show({
          id: `account-${saved.id}`,
          message: account ? `Saved “${saved.name}”.` : `Opened “${saved.name}”.`,
          durationMs: 3000,
        });
        onSaved?.(saved, !account);
      }
      onClose();
    },
    formError: (error) => `Not saved: ${errorMessage(error)}`,
  });

  const busy = form.pending || update.isPending || remove.isPending;
  const { values, errors } = form;

  /** Closes or reopens; a refusal rejects (the confirm dialog shows it inside). */
  const setClosed = async () => {
    if (!account) return;
    const saved = await update.mutateAsync({ id: account.id, closed: !account.closed });
    toast.show({
      id: `account-${saved.id}`,
      message: saved.closed
        ? `Closed “${saved.name}”: its history is kept, and it leaves the pickers.`
        : `Reopened “${saved.name}”.`,
      durationMs: 4000,
    });
    onClose();
  };
  const toggleClosed = () => {
    setCloseError(null);
    setClosed().catch((error: unknown) => {
      setCloseError(errorMessage(error));
    });
  };

  return (
    <Dialog
      title={account ? `Edit ${account.name}` : 'New account'}
      onClose={onClose}
      busy={busy}
      testId="account-dialog"
      {...(fallbackFocus ? { fallbackFocus } : {})}
    >
      <form className="edit-form" {...form.formProps}>
        {form.formError && <FormError>{form.formError}</FormError>}
        <div className="edit-form-grid">
          <Field label="Name" error={errors.name} className="field-title">
            {(control) => (
              <input
                {...control}
                {...form.field('name')}
                autoComplete="off"
                maxLength={60}
                data-autofocus=""
                placeholder="Savings, Visa card, Cash…"
              />
            )}
          </Field>
          <Field label="Kind" error={errors.kind}>
            {(control) => (
              <select
                {...control}
                name="kind"
                value={values.kind}
                onChange={(event) => {
                  const kind = AccountKind.safeParse(event.target.value);
                  if (kind.success) form.setValue('kind', kind.data);
                }}
              >
                {AccountKind.options.map((kind) => (
                  <option key={kind} value={kind}>
                    {ACCOUNT_KIND_LABELS[kind]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Currency"
            error={errors.currency}
            hint={
              currencyFixed ? 'Fixed: the account has transactions in it.' : 'Every amount in it.'
            }
          >
            {(control) => (
              <CurrencySelect {...control} {...form.field('currency')} disabled={currencyFixed} />
            )}
          </Field>
          <Field
            label="Opening balance"
            error={errors.openingBalance}
            hint={`In ${values.currency}; negative for what you owe, such as -${exampleAmount(values.currency)} on a card.`}
            className="field-amount"
          >
            {(control) => (
              <input
                {...control}
                {...form.field('openingBalance')}
                inputMode="decimal"
                autoComplete="off"
                placeholder={fromMinor(0n, values.currency)}
              />
            )}
          </Field>
          <Field label="Opening date" error={errors.openingDate}>
            {(control) => (
              <input {...control} {...form.field('openingDate')} type="date" required />
            )}
          </Field>
          <div className="field field-checks">
            <label className="check">
              <input
                type="checkbox"
                name="onBudget"
                checked={values.onBudget}
                onChange={(event) => {
                  form.setValue('onBudget', event.target.checked);
                }}
              />
              On budget <span className="muted">(off for a mortgage or investments)</span>
            </label>
            <label className="check">
              <input
                type="checkbox"
                name="isDefault"
                checked={values.isDefault}
                disabled={account?.isDefault === true || account?.closed === true}
                onChange={(event) => {
                  form.setValue('isDefault', event.target.checked);
                }}
              />
              Default account{' '}
              <span className="muted">
                {account?.isDefault
                  ? '(exactly one is: make another the default to change it)'
                  : '(where entries go unless you pick one)'}
              </span>
            </label>
          </div>
        </div>
        {account && (
          <div className="account-dialog-manage">
            {closeError && <FormError>{closeError}</FormError>}
            <button
              type="button"
              className="button button-small"
              disabled={busy || (account.isDefault && !account.closed)}
              title={
                account.isDefault && !account.closed
                  ? 'The default account cannot be closed: make another account the default first'
                  : undefined
              }
              onClick={() => {
                // Money left in it: closing hides it from the pickers, so ask first.
                if (!account.closed && toMinor(account.balance, account.currency) !== 0n) {
                  setConfirmClose(true);
                } else {
                  toggleClosed();
                }
              }}
            >
              {account.closed ? 'Reopen account' : 'Close account'}
            </button>
            {account.transactionCount === 0 ? (
              <button
                type="button"
                className="button button-small button-danger"
                disabled={busy || account.isDefault}
                title={account.isDefault ? 'The default account cannot be deleted' : undefined}
                onClick={() => {
                  setConfirmDelete(true);
                }}
              >
                Delete account
              </button>
            ) : (
              <p className="muted account-dialog-note">
                With {account.transactionCount} transaction
                {account.transactionCount === 1 ? '' : 's'}, it can be closed but not deleted.
              </p>
            )}
          </div>
        )}
        <DialogActions
          busy={busy}
          onCancel={onClose}
          label={account ? 'Save' : 'Open account'}
          busyLabel="Saving…"
        />
      </form>
      {account && confirmClose && (
        <ConfirmDialog
          title={`Close ${account.name}?`}
          message={`It still holds ${formatMoney(account.balance, account.currency)}. A closed account keeps its history and still counts in net worth, but takes no new entries or transfers: transfer the money out first if it has moved.`}
          confirmLabel="Close account"
          busyLabel="Closing…"
          tone="normal"
          onConfirm={setClosed}
          onClose={() => {
            setConfirmClose(false);
          }}
        />
      )}
      {account && confirmDelete && (
        <ConfirmDialog
          title={`Delete ${account.name}?`}
          message="The account and its opening balance are deleted. This cannot be undone."
          confirmLabel="Delete account"
          busyLabel="Deleting…"
          onConfirm={async () => {
            await remove.mutateAsync(account.id);
            toast.show({
              id: `account-${account.id}`,
              message: `Deleted “${account.name}”.`,
              durationMs: 3000,
            });
            onDeleted?.(account.id);
            onClose();
          }}
          onClose={() => {
            setConfirmDelete(false);
          }}
        />
      )}
    </Dialog>
  );
}
