import { isCalendarDate } from '@moneta/schema';
import { daysInMonth, isoDate } from '@moneta/schema/calendar';

export const PERIOD_KINDS = ['this-month', 'last-month', 'this-year', 'all', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_LABELS: Record<PeriodKind, string> = {
  'this-month': 'This month',
  'last-month': 'Last month',
  'this-year': 'This year',
  all: 'All time',
  custom: 'Custom range',
};

/** The period of the totals and charts; `from`/`to` are the resolved inclusive range. */
export interface Period {
  kind: PeriodKind;
  from?: string;
  to?: string;
}

function isPeriodKind(value: string | null): value is PeriodKind {
  return value !== null && (PERIOD_KINDS as readonly string[]).includes(value);
}

/** Resolves a period kind to its date range as of `today` (YYYY-MM-DD). */
export function resolvePeriod(
  kind: PeriodKind,
  today: string,
  custom: { from?: string; to?: string } = {},
): Period {
  const [year = 1970, month = 1] = today.split('-').map(Number);
  switch (kind) {
    case 'this-month':
      return {
        kind,
        from: isoDate(year, month, 1),
        to: isoDate(year, month, daysInMonth(year, month)),
      };
    case 'last-month': {
      const y = month === 1 ? year - 1 : year;
      const m = month === 1 ? 12 : month - 1;
      return { kind, from: isoDate(y, m, 1), to: isoDate(y, m, daysInMonth(y, m)) };
    }
    case 'this-year':
      return { kind, from: isoDate(year, 1, 1), to: isoDate(year, 12, 31) };
    case 'all':
      return { kind };
    case 'custom': {
      const period: Period = { kind };
      if (custom.from) period.from = custom.from;
      if (custom.to) period.to = custom.to;
      return period;
    }
  }
}

/** Reads `period`, `start` and `end` from the query string; anything invalid falls back. */
export function readPeriod(params: URLSearchParams, today: string): Period {
  const raw = params.get('period');
  const kind: PeriodKind = isPeriodKind(raw) ? raw : 'this-month';
  if (kind !== 'custom') return resolvePeriod(kind, today);
  const start = params.get('start');
  const end = params.get('end');
  const from = start && isCalendarDate(start) ? start : undefined;
  let to = end && isCalendarDate(end) ? end : undefined;
  if (from && to && to < from) to = undefined;
  return resolvePeriod('custom', today, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
}

/** Writes the period into a copy of the query string; the default period leaves no trace. */
export function writePeriod(params: URLSearchParams, period: Period): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('period');
  next.delete('start');
  next.delete('end');
  if (period.kind !== 'this-month') next.set('period', period.kind);
  if (period.kind === 'custom') {
    if (period.from) next.set('start', period.from);
    if (period.to) next.set('end', period.to);
  }
  return next;
}
