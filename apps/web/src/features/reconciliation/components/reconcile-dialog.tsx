import { useId, useState } from 'react';
import { isCalendarDate, type Account, type Reconciliation } from '@moneta/schema';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { ApiError, errorMessage } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import { exampleAmount, formatMoney, parseSignedMoneyInput, toMinor } from '@/lib/money';
import type { StatementInput } from '@/lib/query-keys';
import { useCreateReconciliation } from '../api/create-reconciliation';
import { useReconciliationPreview } from '../api/get-reconciliation-preview';

/** What the person typed from their statement, kept while the dialog is closed to clear rows. */
export interface StatementDraft {
  date: string;
  balance: string;
}

type FieldName = 'date' | 'statementBalance';
const FIELDS: readonly string[] = ['date', 'statementBalance'];

/** An API refusal sorted onto this dialog's fields, and what no field of it names. */
function sortProblem(error: unknown): {
  fields: Partial<Record<FieldName, string>>;
  rest: string | null;
} {
  if (!(error instanceof ApiError)) return { fields: {}, rest: errorMessage(error) };
  const fields: Partial<Record<FieldName, string>> = {};
  let leftOver = Object.keys(error.fieldErrors).length === 0;
  for (const [path, message] of Object.entries(error.fieldErrors)) {
    if (FIELDS.includes(path)) fields[path as FieldName] = message;
    else leftOver = true;
  }
  return { fields, rest: leftOver ? errorMessage(error) : null };
}

interface ReconcileDialogProps {
  account: Account;
  draft: StatementDraft;
  onDraftChange: (draft: StatementDraft) => void;
  onClose: () => void;
  onReconciled: (reconciliation: Reconciliation) => void;
}

/**
 * Checks an account against a bank statement: its date and ending balance against the rows
 * marked cleared up to then. At a difference of 0 it can be finished, which locks those rows;
 * otherwise it says by how much they disagree, and the person goes and clears rows.
 */
export function ReconcileDialog({
  account,
  draft,
  onDraftChange,
  onClose,
  onReconciled,
}: ReconcileDialogProps) {
  const { currency } = account;
  const explanationId = useId();
  const create = useCreateReconciliation();
  // A refusal of the finish, until the field it names is edited.
  const [refusal, setRefusal] = useState<{ draft: StatementDraft; error: unknown } | null>(null);

  const typed = draft.balance.trim();
  // Nothing typed yet (or only the sign of a negative balance): no difference to show, no error.
  const parsed =
    typed === '' || typed === '-' || typed === '−'
      ? null
      : parseSignedMoneyInput(draft.balance, currency);
  const dateValid = isCalendarDate(draft.date);
  const statement: StatementInput = {
    date: draft.date,
    ...(parsed?.ok ? { statementBalance: parsed.value } : {}),
  };
  const preview = useReconciliationPreview(
    account.id,
    statement,
    dateValid && parsed?.ok !== false,
  );

  const previewProblem = preview.error ? sortProblem(preview.error) : null;
  const finishProblem = refusal && refusal.draft === draft ? sortProblem(refusal.error) : null;
  const errors = {
    date: !dateValid
      ? 'must be a real date'
      : (finishProblem?.fields.date ?? previewProblem?.fields.date),
    statementBalance:
      parsed && !parsed.ok
        ? parsed.message
        : (finishProblem?.fields.statementBalance ?? previewProblem?.fields.statementBalance),
  };
  const formError = finishProblem?.rest ?? previewProblem?.rest ?? null;

  // What is shown answers what is typed: not the previous answer kept while the next one loads.
  const data =
    preview.data && !preview.isPlaceholderData && !errors.date && !errors.statementBalance
      ? preview.data
      : null;
  const difference = data?.difference ?? null;
  const differenceMinor = difference === null ? null : toMinor(difference, currency);
  const agrees = differenceMinor === 0n;
  const money = (amount: string, signed = false) => formatMoney(amount, currency, { signed });

  let explanation: string;
  if (!data) {
    explanation = preview.isFetching ? 'Comparing…' : 'Enter the statement’s date and balance.';
  } else if (differenceMinor === null) {
    explanation = 'Enter the ending balance from your statement to compare.';
  } else if (differenceMinor === 0n) {
    explanation = `The cleared balance agrees with the statement. Finishing locks the cleared transactions up to ${formatDate(data.date)}.`;
  } else {
    const by = money(difference?.replace(/^-/, '') ?? '0');
    explanation = `The statement is ${by} ${differenceMinor > 0n ? 'more' : 'less'} than the cleared balance. In the history, mark the transactions that are on the statement as cleared (or correct them) until the difference is 0; what you typed here is kept.`;
  }

  const setDraft = (next: StatementDraft) => {
    onDraftChange(next);
  };

  const finish = async () => {
    if (!agrees || !parsed?.ok || create.isPending) return;
    setRefusal(null);
    try {
      const created = await create.mutateAsync({
        accountId: account.id,
        date: draft.date,
        statementBalance: parsed.value,
      });
      onReconciled(created);
    } catch (error) {
      setRefusal({ draft, error });
    }
  };

  return (
    <Dialog
      title={`Reconcile ${account.name}`}
      onClose={onClose}
      busy={create.isPending}
      testId="reconcile-dialog"
    >
      <form
        className="reconcile-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void finish();
        }}
      >
        {formError && <FormError>{formError}</FormError>}
        <div className="reconcile-fields">
          <Field label="Statement date" error={errors.date}>
            {(control) => (
              <input
                {...control}
                name="date"
                type="date"
                required
                value={draft.date}
                onChange={(event) => {
                  setDraft({ ...draft, date: event.target.value });
                }}
              />
            )}
          </Field>
          <Field
            label="Statement ending balance"
            error={errors.statementBalance}
            hint={`In ${currency}; negative for money owed (a card’s balance).`}
          >
            {(control) => (
              <input
                {...control}
                name="statementBalance"
                inputMode="decimal"
                autoComplete="off"
                data-autofocus=""
                placeholder={exampleAmount(currency)}
                value={draft.balance}
                onChange={(event) => {
                  setDraft({ ...draft, balance: event.target.value });
                }}
              />
            )}
          </Field>
        </div>
        <dl className="reconcile-figures" aria-busy={preview.isFetching || undefined}>
          <div>
            <dt>Cleared balance</dt>
            <dd data-testid="cleared-balance" data-amount={data?.clearedBalance}>
              {data ? money(data.clearedBalance) : '—'}
            </dd>
          </div>
          <div>
            <dt>Statement balance</dt>
            <dd data-testid="statement-balance" data-amount={data?.statementBalance ?? undefined}>
              {data?.statementBalance ? money(data.statementBalance) : '—'}
            </dd>
          </div>
          <div className={agrees ? 'is-agreed' : difference !== null ? 'is-off' : ''}>
            <dt>Difference</dt>
            <dd data-testid="difference" data-amount={difference ?? undefined}>
              {difference === null ? '—' : money(difference, true)}
            </dd>
          </div>
        </dl>
        <p id={explanationId} className="reconcile-explanation" role="status">
          {explanation}
        </p>
        {data && (
          <ul className="reconcile-facts">
            <li data-testid="uncleared-count">
              {data.unclearedCount === 0
                ? `Every transaction up to ${formatDate(data.date)} is cleared.`
                : `${data.unclearedCount} transaction${data.unclearedCount === 1 ? '' : 's'} up to ${formatDate(data.date)} ${data.unclearedCount === 1 ? 'is' : 'are'} not cleared.`}
            </li>
            <li data-testid="last-reconciliation">
              {data.lastReconciliation
                ? `Last reconciled for ${formatDate(data.lastReconciliation.date)}, at ${money(data.lastReconciliation.statementBalance)}.`
                : 'Not reconciled before.'}
            </li>
          </ul>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            aria-disabled={create.isPending || undefined}
            onClick={() => {
              if (!create.isPending) onClose();
            }}
          >
            Back to history
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={!agrees}
            aria-disabled={create.isPending || undefined}
            aria-describedby={explanationId}
          >
            {create.isPending ? 'Finishing…' : 'Finish reconciling'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
