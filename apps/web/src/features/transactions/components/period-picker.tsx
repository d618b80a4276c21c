import { Field } from '@/components/ui/field';
import { today } from '@/lib/dates';
import { PERIOD_KINDS, PERIOD_LABELS, resolvePeriod, type Period } from '../period';

export function PeriodPicker({
  period,
  onChange,
}: {
  period: Period;
  onChange: (period: Period) => void;
}) {
  return (
    <div className="period-picker">
      <Field label="Period">
        {(control) => (
          <select
            {...control}
            name="period"
            value={period.kind}
            onChange={(event) => {
              const kind = PERIOD_KINDS.find((k) => k === event.target.value) ?? 'this-month';
              // A custom range starts from what was shown, so it can be narrowed from there.
              onChange(resolvePeriod(kind, today(), kind === 'custom' ? period : {}));
            }}
          >
            {PERIOD_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {PERIOD_LABELS[kind]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {period.kind === 'custom' && (
        <>
          <Field label="Period start">
            {(control) => (
              <input
                {...control}
                type="date"
                name="start"
                value={period.from ?? ''}
                max={period.to}
                onChange={(event) => {
                  const { kind, to } = period;
                  const from = event.target.value;
                  onChange({ kind, ...(from ? { from } : {}), ...(to ? { to } : {}) });
                }}
              />
            )}
          </Field>
          <Field label="Period end">
            {(control) => (
              <input
                {...control}
                type="date"
                name="end"
                value={period.to ?? ''}
                min={period.from}
                onChange={(event) => {
                  const { kind, from } = period;
                  const to = event.target.value;
                  onChange({ kind, ...(from ? { from } : {}), ...(to ? { to } : {}) });
                }}
              />
            )}
          </Field>
        </>
      )}
    </div>
  );
}
