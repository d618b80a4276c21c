import type { ReactNode, SubmitEvent } from 'react';
import { DATE_FORMATS, type CsvInspection } from '@moneta/schema';
import { Field } from '@/components/ui/field';
import type { AmountMode, MappingDraft } from '../mapping';

const AMOUNT_MODE_LABELS: Record<AmountMode, string> = {
  signed: 'One signed amount column',
  typed: 'Amount and a type column (income / expense)',
  split: 'Separate debit and credit columns',
};

interface MappingFormProps {
  inspection: CsvInspection;
  draft: MappingDraft;
  remembered: boolean;
  errors: Record<string, string>;
  busy: boolean;
  onChange: (draft: MappingDraft) => void;
  onSubmit: () => void;
}

export function MappingForm({
  inspection,
  draft,
  remembered,
  errors,
  busy,
  onChange,
  onSubmit,
}: MappingFormProps) {
  const set = <K extends keyof MappingDraft>(key: K, value: MappingDraft[K]) => {
    onChange({ ...draft, [key]: value });
  };
  const columnSelect = (
    key: 'date' | 'amount' | 'type' | 'debit' | 'credit' | 'title' | 'description' | 'category',
    label: string,
    optional = false,
  ): ReactNode => (
    <Field label={label} error={errors[key]} className={`mapping-${key}`}>
      {(control) => (
        <select
          {...control}
          value={draft[key]}
          onChange={(event) => {
            set(key, event.target.value);
          }}
        >
          <option value="">{optional ? '— none —' : '— choose a column —'}</option>
          {inspection.columns.map((column, index) => (
            <option key={`${String(index)}-${column}`} value={column}>
              {column}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form
      className="mapping-form"
      onSubmit={submit}
      noValidate
      aria-label="Column mapping"
      data-testid="import-mapping"
    >
      <p className="notice" role="status" data-testid="mapping-source" data-remembered={remembered}>
        {remembered
          ? 'Using the mapping you last used for files with these columns.'
          : 'Guessed from the column names and the first rows: check it before the preview.'}
      </p>
      <div className="mapping-grid">
        {columnSelect('date', 'Date column')}
        <Field label="Date format" error={errors.dateFormat}>
          {(control) => (
            <select
              {...control}
              value={draft.dateFormat}
              onChange={(event) => {
                set(
                  'dateFormat',
                  DATE_FORMATS.find((format) => format === event.target.value) ?? draft.dateFormat,
                );
              }}
            >
              {DATE_FORMATS.map((format) => (
                <option key={format} value={format}>
                  {format}
                </option>
              ))}
            </select>
          )}
        </Field>
        {columnSelect('title', 'Title column')}
        {columnSelect('description', 'Description column', true)}
        {columnSelect('category', 'Category column', true)}
      </div>
      <fieldset className="mapping-amounts">
        <legend className="field-label">Amounts</legend>
        <div className="mapping-modes">
          {(Object.keys(AMOUNT_MODE_LABELS) as AmountMode[]).map((mode) => (
            <label key={mode} className="radio">
              <input
                type="radio"
                name="amountMode"
                value={mode}
                checked={draft.amountMode === mode}
                onChange={() => {
                  set('amountMode', mode);
                }}
              />
              {AMOUNT_MODE_LABELS[mode]}
            </label>
          ))}
        </div>
        <div className="mapping-grid">
          {draft.amountMode === 'split' ? (
            <>
              {columnSelect('debit', 'Debit column')}
              {columnSelect('credit', 'Credit column')}
            </>
          ) : (
            columnSelect('amount', 'Amount column')
          )}
          {draft.amountMode === 'typed' && columnSelect('type', 'Type column')}
          {draft.amountMode === 'signed' && (
            <Field label="Sign" error={errors.sign}>
              {(control) => (
                <select
                  {...control}
                  value={draft.sign}
                  onChange={(event) => {
                    set(
                      'sign',
                      event.target.value === 'positive-is-expense'
                        ? 'positive-is-expense'
                        : 'negative-is-expense',
                    );
                  }}
                >
                  <option value="negative-is-expense">Negative is an expense</option>
                  <option value="positive-is-expense">Positive is an expense</option>
                </select>
              )}
            </Field>
          )}
          <Field label="Decimal separator" error={errors.decimal}>
            {(control) => (
              <select
                {...control}
                value={draft.decimal}
                onChange={(event) => {
                  set('decimal', event.target.value === ',' ? ',' : '.');
                }}
              >
                <option value=".">Point (1,234.56)</option>
                <option value=",">Comma (1.234,56)</option>
              </select>
            )}
          </Field>
        </div>
      </fieldset>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Checking rows…' : 'Preview import'}
      </button>
    </form>
  );
}

/** The first rows as the API read them, to check the mapping against. */
export function SampleTable({ inspection }: { inspection: CsvInspection }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="First rows of the file">
      <table className="data-table" data-testid="import-sample">
        <thead>
          <tr>
            {inspection.columns.map((column, index) => (
              <th key={`${String(index)}-${column}`} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {inspection.sample.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {inspection.columns.map((_column, index) => (
                <td key={index}>{row[index] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
