import { useState } from 'react';
import { DateInput } from '@/components/ui/date-input';
import { Field } from '@/components/ui/field';
import { today } from '@/lib/dates';
import { useShortcut } from '@/lib/shortcuts';
import {
  PERIOD_KINDS,
  PERIOD_KIND_LABELS,
  periodLabel,
  periodOfKind,
  shiftPeriod,
  type Period,
} from '../period';

const STEP_NAMES: Record<Period['kind'], string> = {
  month: 'month',
  year: 'year',
  'last-30-days': '30 days',
  all: 'period',
  custom: 'range',
};

/** A month as typed in `<input type="month">` (or as text where the browser has none). */
function MonthInput({ month, onCommit }: { month: string; onCommit: (month: string) => void }) {
  const [text, setText] = useState(month);
  const [synced, setSynced] = useState(month);
  if (month !== synced) {
    setSynced(month);
    setText(month);
  }
  return (
    <Field label="Month">
      {(control) => (
        <input
          {...control}
          type="month"
          name="month"
          min="0001-01"
          max="9999-12"
          value={text}
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            if (/^\d{4}-(?:0[1-9]|1[0-2])$/.test(next) && next >= '1000-01') onCommit(next);
          }}
        />
      )}
    </Field>
  );
}

function YearInput({ year, onCommit }: { year: number; onCommit: (year: number) => void }) {
  const [text, setText] = useState(String(year));
  const [synced, setSynced] = useState(year);
  if (year !== synced) {
    setSynced(year);
    setText(String(year));
  }
  return (
    <Field label="Year">
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode="numeric"
          name="year"
          autoComplete="off"
          maxLength={4}
          value={text}
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            if (/^\d{4}$/.test(next) && next >= '1000') onCommit(Number(next));
          }}
        />
      )}
    </Field>
  );
}

/**
 * The dashboard's one period: a kind, the month/year/range itself, and previous/next steps, also
 * on the keyboard as `[` and `]` anywhere on the page outside a field.
 */
export function PeriodPicker({
  period,
  onChange,
}: {
  period: Period;
  onChange: (period: Period) => void;
}) {
  const now = today();
  const previous = shiftPeriod(period, -1, now);
  const next = shiftPeriod(period, 1, now);
  const step = STEP_NAMES[period.kind];
  useShortcut('[', () => {
    if (previous) onChange(previous);
  });
  useShortcut(']', () => {
    if (next) onChange(next);
  });

  return (
    <div className="period-picker" role="group" aria-label={`Showing ${periodLabel(period)}`}>
      <button
        type="button"
        className="button button-small period-step"
        aria-label={`Previous ${step}`}
        aria-keyshortcuts="["
        title={`Previous ${step} ( [ )`}
        disabled={!previous}
        onClick={() => {
          if (previous) onChange(previous);
        }}
      >
        <span aria-hidden="true">‹</span>
      </button>
      <Field label="Period" className="period-kind">
        {(control) => (
          <select
            {...control}
            name="period"
            value={period.kind}
            onChange={(event) => {
              const kind = PERIOD_KINDS.find((k) => k === event.target.value) ?? 'month';
              onChange(periodOfKind(kind, period, now));
            }}
          >
            {PERIOD_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {PERIOD_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className={`period-detail period-detail-${period.kind}`}>
        {period.kind === 'month' && (
          <MonthInput
            month={period.month}
            onCommit={(month) => {
              onChange({ kind: 'month', month });
            }}
          />
        )}
        {period.kind === 'year' && (
          <YearInput
            year={period.year}
            onCommit={(year) => {
              onChange({ kind: 'year', year });
            }}
          />
        )}
        {period.kind === 'custom' && (
          <>
            <Field label="From">
              {(control) => (
                <DateInput
                  {...control}
                  name="from"
                  value={period.from}
                  max={period.to}
                  onCommit={(from) => {
                    const { to } = period;
                    onChange({ kind: 'custom', ...(from ? { from } : {}), ...(to ? { to } : {}) });
                  }}
                />
              )}
            </Field>
            <Field label="To">
              {(control) => (
                <DateInput
                  {...control}
                  name="to"
                  value={period.to}
                  min={period.from}
                  onCommit={(to) => {
                    const { from } = period;
                    onChange({ kind: 'custom', ...(from ? { from } : {}), ...(to ? { to } : {}) });
                  }}
                />
              )}
            </Field>
          </>
        )}
      </div>
      <button
        type="button"
        className="button button-small period-step"
        aria-label={`Next ${step}`}
        aria-keyshortcuts="]"
        title={`Next ${step} ( ] )`}
        disabled={!next}
        onClick={() => {
          if (next) onChange(next);
        }}
      >
        <span aria-hidden="true">›</span>
      </button>
    </div>
  );
}
