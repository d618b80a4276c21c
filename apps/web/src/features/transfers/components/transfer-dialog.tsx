import { useState } from 'react';
import {
  Description,
  Title,
  currencyDecimals,
  formatRatio,
  type Account,
  type CreateTransferInput,
  type Transfer,
  type UpdateTransferBody,
} from '@moneta/schema';
import { isCalendarDate } from '@moneta/schema/calendar';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { ErrorMessage } from '@/components/ui/error-message';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { today } from '@/lib/dates';
import { useForm, type FieldErrors } from '@/lib/form';
import { formatMoney, fromMinor, parseMoneyInput } from '@/lib/money';
import { useCreateTransfer } from '../api/create-transfer';
import { useTransfer } from '../api/get-transfer';
import { useUnlockTransfer } from '../api/unlock-transfer';
import { useUpdateTransfer } from '../api/update-transfer';

export interface TransferFormValues {
  fromAccountId: string;
  toAccountId: string;
  amount: string;
  /** What arrives, in the to account's currency; only asked when the currencies differ. */
  toAmount: string;
  date: string;
  title: string;
  description: string;
}

interface ValidTransfer {
  fromAccountId: number;
  toAccountId: number;
  amount: string;
  toAmount: string | undefined;
  date: string;
  title: string | undefined;
  description: string | null;
}

const currencyOf = (accounts: readonly Account[], id: string) =>
  accounts.find((account) => String(account.id) === id)?.currency;

export function validateTransfer(
  values: TransferFormValues,
  accounts: readonly Account[],
): { ok: true; value: ValidTransfer } | { ok: false; errors: FieldErrors<TransferFormValues> } {
  const errors: FieldErrors<TransferFormValues> = {};
  const fromCurrency = currencyOf(accounts, values.fromAccountId);
  const toCurrency = currencyOf(accounts, values.toAccountId);
  if (!fromCurrency) errors.fromAccountId = 'is required';
  if (!toCurrency) errors.toAccountId = 'is required';
  else if (values.toAccountId === values.fromAccountId) {
    errors.toAccountId = 'must be another account than the one the money leaves';
  }
  const amount = fromCurrency ? parseMoneyInput(values.amount, fromCurrency) : null;
  if (amount && !amount.ok) errors.amount = amount.message;
  const across =
    fromCurrency !== undefined && toCurrency !== undefined && fromCurrency !== toCurrency;
  const toAmount = across && toCurrency ? parseMoneyInput(values.toAmount, toCurrency) : null;
  if (toAmount && !toAmount.ok) errors.toAmount = toAmount.message;
  if (!isCalendarDate(values.date)) errors.date = 'must be a real date';
  const title = values.title.trim() === '' ? null : Title.safeParse(values.title);
  if (title && !title.success) errors.title = title.error.issues[0]?.message ?? 'is not valid';
  const description = Description.safeParse(values.description);
  if (!description.success) {
    errors.description = description.error.issues[0]?.message ?? 'is not valid';
  }
  if (Object.keys(errors).length > 0 || !amount?.ok || !description.success) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      fromAccountId: Number(values.fromAccountId),
      toAccountId: Number(values.toAccountId),
      amount: amount.value,
      toAmount: toAmount?.ok ? toAmount.value : undefined,
      date: values.date,
      title: title?.success ? title.data : undefined,
      description: description.data === '' ? null : description.data,
    },
  };
}

/** The rate the bank used, as the API states it: to / from, up to 6 places here. */
export function rateOf(
  amount: string,
  fromCurrency: string,
  toAmount: string,
  toCurrency: string,
): string | null {
  const from = parseMoneyInput(amount, fromCurrency);
  const to = parseMoneyInput(toAmount, toCurrency);
  if (!from.ok || !to.ok) return null;
  const scale = (digits: number) => 10n ** BigInt(digits);
  return formatRatio(
    to.minor * scale(currencyDecimals(fromCurrency)),
    from.minor * scale(currencyDecimals(toCurrency)),
    6,
  );
}

/** A title the API wrote ("Transfer to Savings") is not the user's: it follows the accounts. */
function userTitle(transfer: Transfer): string {
  const generated =
    transfer.from.title.startsWith('Transfer to ') &&
    transfer.to.title.startsWith('Transfer from ');
  return generated || transfer.from.title !== transfer.to.title ? '' : transfer.from.title;
}

function valuesOf(transfer: Transfer): TransferFormValues {
  return {
    fromAccountId: String(transfer.from.accountId),
    toAccountId: String(transfer.to.accountId),
    amount: transfer.from.amount,
    toAmount: transfer.from.currency === transfer.to.currency ? '' : transfer.to.amount,
    date: transfer.date,
    title: userTitle(transfer),
    description: transfer.description ?? '',
  };
}

/** Only what changed is sent; an amount across currencies always goes with its counterpart. */
export function transferChanges(previous: Transfer, next: ValidTransfer): UpdateTransferBody {
  const changes: UpdateTransferBody = {};
  if (next.fromAccountId !== previous.from.accountId) changes.fromAccountId = next.fromAccountId;
  if (next.toAccountId !== previous.to.accountId) changes.toAccountId = next.toAccountId;
  const accountsMoved = changes.fromAccountId !== undefined || changes.toAccountId !== undefined;
  if (next.amount !== previous.from.amount || accountsMoved) changes.amount = next.amount;
  if (next.toAmount !== undefined) {
    if (next.toAmount !== previous.to.amount || changes.amount !== undefined) {
      changes.toAmount = next.toAmount;
    }
  }
  if (next.date !== previous.date) changes.date = next.date;
  if (next.title !== undefined && next.title !== userTitle(previous)) changes.title = next.title;
  if (next.description !== previous.description) changes.description = next.description;
  return changes;
}

export interface TransferDialogProps {
  /** Every account: the pickers offer the open ones (and a transfer's own, even closed). */
  accounts: readonly Account[];
  /** The transfer to edit; a new one when absent. */
  transferId?: number | undefined;
  /** A new transfer leaves this account unless another is picked (the one being viewed). */
  fromAccountId?: number | undefined;
  onClose: () => void;
  /** Asks before deleting both sides (the owner closes this dialog and confirms). */
  onDelete?: (transferId: number) => void;
  fallbackFocus?: () => HTMLElement | null;
}

export function TransferDialog({ transferId, ...props }: TransferDialogProps) {
  const existing = useTransfer(transferId);
  const title = transferId === undefined ? 'New transfer' : 'Edit transfer';
  if (transferId !== undefined && !existing.data) {
    return (
      <Dialog title={title} onClose={props.onClose} testId="transfer-dialog">
        {existing.error ? (
          <ErrorMessage
            title="The transfer could not be loaded."
            message={errorMessage(existing.error)}
            onRetry={() => void existing.refetch()}
          />
        ) : (
          <Skeleton label="Loading the transfer" className="skeleton-row" />
        )}
      </Dialog>
    );
  }
  const locked = existing.data
    ? existing.data.from.reconciled || existing.data.to.reconciled
    : false;
  // Unlocked: a fresh form from the transfer as it now is.
  return (
    <TransferForm
      key={locked ? 'locked' : 'open'}
      {...props}
      transfer={existing.data}
      locked={locked}
      title={title}
    />
  );
}

function TransferForm({
  accounts,
  transfer,
  locked,
  fromAccountId,
  title,
  onClose,
  onDelete,
  fallbackFocus,
}: Omit<TransferDialogProps, 'transferId'> & {
  transfer: Transfer | undefined;
  /** A side is reconciled: nothing changes until it is unlocked. */
  locked: boolean;
  title: string;
}) {
  const create = useCreateTransfer();
  const update = useUpdateTransfer();
  const unlock = useUnlockTransfer();
  const [confirmUnlock, setConfirmUnlock] = useState(false);
  const own = new Set(transfer ? [transfer.from.accountId, transfer.to.accountId] : []);
  const choices = accounts.filter((account) => !account.closed || own.has(account.id));

  const initial = (): TransferFormValues => {
    if (transfer) return valuesOf(transfer);
    const open = choices;
    const from =
      open.find((account) => account.id === fromAccountId) ??
      open.find((account) => account.isDefault) ??
      open[0];
    const to = open.find((account) => account.id !== from?.id);
    return {
      fromAccountId: from ? String(from.id) : '',
      toAccountId: to ? String(to.id) : '',
      amount: '',
      toAmount: '',
      date: today(),
      title: '',
      description: '',
    };
  };

  const form = useForm({
    initialValues: initial,
    validate: (values) => validateTransfer(values, choices),
    submit: async (value): Promise<Transfer | null> => {
      if (!transfer) {
        const body: CreateTransferInput = {
          fromAccountId: value.fromAccountId,
          toAccountId: value.toAccountId,
          amount: value.amount,
          date: value.date,
          ...(value.toAmount !== undefined ? { toAmount: value.toAmount } : {}),
          ...(value.title !== undefined ? { title: value.title } : {}),
          ...(value.description !== null ? { description: value.description } : {}),
        };
        return create.mutateAsync(body);
      }
      const changes = transferChanges(transfer, value);
      if (Object.keys(changes).length === 0) return null;
      return update.mutateAsync({ id: transfer.id, ...changes });
    },
    onSuccess: (saved) => {
      if (saved) {
        const to = accounts.find((account) => account.id === saved.to.accountId)?.name ?? '';
        toast.show({
          id: `transfer-${saved.id}`,
          message: `${transfer ? 'Saved the transfer' : 'Transferred'} ${formatMoney(
            saved.from.amount,
            saved.from.currency,
          )} to ${to}.`,
          durationMs: 3000,
        });
      }
      onClose();
    },
    formError: (error) => `Not saved: ${errorMessage(error)}`,
  });

  const { values, errors } = form;
  const fromCurrency = currencyOf(choices, values.fromAccountId);
  const toCurrency = currencyOf(choices, values.toAccountId);
  const across =
    fromCurrency !== undefined && toCurrency !== undefined && fromCurrency !== toCurrency;
  const rate =
    across && fromCurrency && toCurrency
      ? rateOf(values.amount, fromCurrency, values.toAmount, toCurrency)
      : null;
  const busy = form.pending;
  const toName = choices.find((account) => String(account.id) === values.toAccountId)?.name;
  const fromName = choices.find((account) => String(account.id) === values.fromAccountId)?.name;

  const accountSelect = (key: 'fromAccountId' | 'toAccountId', label: string) => (
    <Field label={label} error={errors[key]} className="field-wide-narrow">
      {(control) => (
        <select {...control} {...form.field(key)}>
          {choices.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name} · {account.currency}
              {account.closed ? ' (closed)' : ''}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <Dialog
      title={title}
      onClose={onClose}
      busy={busy}
      testId="transfer-dialog"
      {...(fallbackFocus ? { fallbackFocus } : {})}
    >
      {choices.length < 2 ? (
        <p className="muted">
          A transfer moves money between two of your accounts: open a second account first.
        </p>
      ) : (
        <form className="edit-form" {...form.formProps}>
          {form.formError && <FormError>{form.formError}</FormError>}
          {locked && (
            <div className="locked-note" data-testid="transfer-locked-note">
              <p>
                A side of this transfer was reconciled with a statement: the transfer is locked.
                Unlock it to change or delete it.
              </p>
              <button
                type="button"
                className="button button-small"
                onClick={() => {
                  setConfirmUnlock(true);
                }}
              >
                Unlock
              </button>
            </div>
          )}
          <fieldset className="plain-fieldset" disabled={locked}>
            <div className="edit-form-grid">
              {accountSelect('fromAccountId', 'From')}
              {accountSelect('toAccountId', 'To')}
              <Field
                label={across ? `Amount sent (${fromCurrency})` : 'Amount'}
                error={errors.amount}
                className="field-amount"
              >
                {(control) => (
                  <input
                    {...control}
                    {...form.field('amount')}
                    inputMode="decimal"
                    autoComplete="off"
                    placeholder={fromCurrency ? fromMinor(0n, fromCurrency) : undefined}
                    data-autofocus=""
                  />
                )}
              </Field>
              {across && (
                <Field
                  label={`Amount received (${toCurrency})`}
                  error={errors.toAmount}
                  hint={
                    rate
                      ? `Rate: 1 ${fromCurrency} = ${rate} ${toCurrency}`
                      : 'What arrived, as your bank converted it.'
                  }
                  className="field-amount"
                >
                  {(control) => (
                    <input
                      {...control}
                      {...form.field('toAmount')}
                      inputMode="decimal"
                      autoComplete="off"
                      placeholder={toCurrency ? fromMinor(0n, toCurrency) : undefined}
                    />
                  )}
                </Field>
              )}
              <Field label="Date" error={errors.date}>
                {(control) => <input {...control} {...form.field('date')} type="date" required />}
              </Field>
              <Field label="Title" error={errors.title} className="field-title">
                {(control) => (
                  <input
                    {...control}
                    {...form.field('title')}
                    autoComplete="off"
                    maxLength={200}
                    placeholder={
                      toName && fromName ? `Transfer to ${toName} / from ${fromName}` : 'Optional'
                    }
                  />
                )}
              </Field>
              <Field label="Description" error={errors.description} className="field-description">
                {(control) => (
                  <input
                    {...control}
                    {...form.field('description')}
                    autoComplete="off"
                    placeholder="Optional"
                  />
                )}
              </Field>
            </div>
          </fieldset>
          {transfer && onDelete && (
            <div className="account-dialog-manage">
              <button
                type="button"
                className="button button-small button-danger"
                disabled={busy || locked}
                onClick={() => {
                  onDelete(transfer.id);
                }}
              >
                Delete transfer
              </button>
            </div>
          )}
          <DialogActions
            busy={busy}
            onCancel={onClose}
            label={transfer ? 'Save' : 'Transfer'}
            busyLabel="Saving…"
            canConfirm={!locked}
          />
        </form>
      )}
      {transfer && confirmUnlock && (
        <ConfirmDialog
          title="Unlock this transfer?"
          message="It was reconciled with a statement. Unlocked, it can change or be deleted, and the next reconciliation of its accounts covers it again."
          confirmLabel="Unlock"
          busyLabel="Unlocking…"
          tone="normal"
          onConfirm={() => unlock.mutateAsync(transfer)}
          onClose={() => {
            setConfirmUnlock(false);
          }}
        />
      )}
    </Dialog>
  );
}
