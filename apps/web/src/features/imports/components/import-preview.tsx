import { useMemo, useState } from 'react';
import type { ImportResult, ImportRow } from '@moneta/schema';
import { formatDate } from '@/lib/dates';
import { formatMoney, signedAmount } from '@/lib/money';
import { formatCount } from '@/lib/locale';

/** A 100k-row preview stays responsive: only this many rows are rendered per view. */
export const PREVIEW_ROW_LIMIT = 200;

type Show = 'all' | ImportRow['status'];

const SHOW_LABELS: Record<Show, string> = {
  all: 'All rows',
  new: 'New',
  duplicate: 'Duplicates',
  error: 'Errors',
};

export function ImportPreview({ result, currency }: { result: ImportResult; currency: string }) {
  const { summary } = result;
  // Errors first when there are any: they are what needs looking at.
  const [show, setShow] = useState<Show>(summary.error > 0 ? 'error' : 'all');
  const shown = useMemo(() => {
    const rows = show === 'all' ? result.rows : result.rows.filter((row) => row.status === show);
    return { total: rows.length, rows: rows.slice(0, PREVIEW_ROW_LIMIT) };
  }, [result.rows, show]);

  return (
    <div className="import-preview" data-testid="import-preview">
      <dl
        className="import-summary"
        data-testid="import-summary"
        data-new={summary.new}
        data-duplicate={summary.duplicate}
        data-error={summary.error}
      >
        <div>
          <dt>New</dt>
          <dd>{formatCount(summary.new)}</dd>
        </div>
        <div>
          <dt>Duplicates</dt>
          <dd>{formatCount(summary.duplicate)}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd>{formatCount(summary.error)}</dd>
        </div>
      </dl>
      <fieldset className="preview-show">
        <legend className="field-label">Show</legend>
        {(Object.keys(SHOW_LABELS) as Show[]).map((value) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name="preview-show"
              value={value}
              checked={show === value}
              onChange={() => {
                setShow(value);
              }}
            />
            {SHOW_LABELS[value]}
          </label>
        ))}
      </fieldset>
      {shown.total === 0 ? (
        <p className="empty-state">No rows to show here.</p>
      ) : (
        <ol className="preview-rows" aria-label="Preview rows">
          {shown.rows.map((row) => (
            <PreviewRow key={row.line} row={row} currency={currency} />
          ))}
        </ol>
      )}
      {shown.total > shown.rows.length && (
        <p className="muted" data-testid="preview-capped">
          Showing the first {formatCount(shown.rows.length)} of {formatCount(shown.total)} rows.
        </p>
      )}
    </div>
  );
}

function PreviewRow({ row, currency }: { row: ImportRow; currency: string }) {
  return (
    <li
      className={`preview-row preview-${row.status}`}
      data-testid="import-row"
      data-status={row.status}
      data-line={row.line}
    >
      <span className="preview-line">Line {row.line}</span>
      <span className={`badge badge-${row.status}`}>
        {row.status === 'new' ? 'New' : row.status === 'duplicate' ? 'Duplicate' : 'Error'}
      </span>
      {row.title !== undefined && <span className="preview-title">{row.title}</span>}
      {row.date && <span className="preview-date">{formatDate(row.date)}</span>}
      {row.amount && row.type && (
        <span className={`preview-amount amount-${row.type}`}>
          {formatMoney(signedAmount(row.type, row.amount), currency, { signed: true })}
        </span>
      )}
      {row.message && <span className="preview-message">{row.message}</span>}
    </li>
  );
}
