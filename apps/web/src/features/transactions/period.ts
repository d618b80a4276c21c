import { addMonths, formatDate, formatMonth, isoDate, lastDayOfMonth, monthOf } from '@/lib/dates';

/**
 * The one period of the dashboard: totals, charts, history, PDF report and CSV export all show it.
 * A month or a year can be stepped through; the last 30 days end today; a custom range is the
 * user's own (either end may be open).
 */
export type Period =
  | { kind: 'month'; month: string }
  | { kind: 'year'; year: number }
  | { kind: 'last-30-days' }
  | { kind: 'all' }
  | { kind: 'custom'; from?: string; to?: string };

export type PeriodKind = Period['kind'];

export const PERIOD_KINDS: readonly PeriodKind[] = [
  'month',
  'year',
  'last-30-days',
  'all',
  'custom',
];

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  month: 'Month',
  year: 'Year',
  'last-30-days': 'Last 30 days',
  all: 'All time',
  custom: 'Custom range',
};

export interface DateRange {
  from?: string;
  to?: string;
}

/** The default period: the month of `today`. */
export function thisMonth(today: string): Period {
  return { kind: 'month', month: monthOf(today) };
}

function shiftDate(date: string, days: number): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

function daysBetween(from: string, to: string): number {
  const utc = (date: string) => {
    const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
    return Date.UTC(year, month - 1, day);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** The inclusive date range a period covers, as of `today` (YYYY-MM-DD). */
export function rangeOf(period: Period, today: string): DateRange {
  switch (period.kind) {
    case 'month': {
      const [year = 1970, month = 1] = period.month.split('-').map(Number);
      return { from: `${period.month}-01`, to: isoDate(year, month, lastDayOfMonth(year, month)) };
    }
    case 'year':
      return { from: isoDate(period.year, 1, 1), to: isoDate(period.year, 12, 31) };
    case 'last-30-days':
      return { from: shiftDate(today, -29), to: today };
    case 'all':
      return {};
    case 'custom':
      return {
        ...(period.from ? { from: period.from } : {}),
        ...(period.to ? { to: period.to } : {}),
      };
  }
}

/** Dates a period may step to: the years the API accepts. */
const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

/**
 * The period one step before (-1) or after (+1): the previous month or year, or a custom range of
 * the same length. `null` where stepping means nothing (all time, an open range) or leaves the
 * calendar the API accepts.
 */
export function shiftPeriod(period: Period, step: -1 | 1, today: string): Period | null {
  switch (period.kind) {
    case 'month': {
      const month = addMonths(period.month, step);
      const year = Number(month.split('-')[0]);
      return year < FIRST_YEAR || year > LAST_YEAR ? null : { kind: 'month', month };
    }
    case 'year': {
      const year = period.year + step;
      return year < FIRST_YEAR || year > LAST_YEAR ? null : { kind: 'year', year };
    }
    case 'last-30-days':
    case 'custom': {
      const { from, to } = rangeOf(period, today);
      if (!from || !to) return null;
      const length = daysBetween(from, to) + 1;
      const next = { from: shiftDate(from, step * length), to: shiftDate(to, step * length) };
      if (next.from < '0001-01-01' || next.to > '9999-12-31') return null;
      return { kind: 'custom', ...next };
    }
    case 'all':
      return null;
  }
}

/** A period of `kind` that starts from what is shown now, so switching kind keeps one's place. */
export function periodOfKind(kind: PeriodKind, current: Period, today: string): Period {
  const range = rangeOf(current, today);
  const anchor =
    range.to && range.to < today ? range.to : range.from && range.from > today ? range.from : today;
  switch (kind) {
    case 'month':
      return { kind, month: monthOf(anchor) };
    case 'year':
      return { kind, year: Number(anchor.slice(0, 4)) };
    case 'last-30-days':
    case 'all':
      return { kind };
    case 'custom':
      return { kind, ...range };
  }
}

/** The period's name for people: "Nov 2026", "2026", "Last 30 days", "Mar 5 – Apr 4, 2026". */
export function periodLabel(period: Period): string {
  switch (period.kind) {
    case 'month':
      return formatMonth(period.month);
    case 'year':
      return String(period.year);
    case 'last-30-days':
      return 'Last 30 days';
    case 'all':
      return 'All time';
    case 'custom':
      if (period.from && period.to) return `${formatDate(period.from)} – ${formatDate(period.to)}`;
      if (period.from) return `Since ${formatDate(period.from)}`;
      if (period.to) return `Until ${formatDate(period.to)}`;
      return 'All time';
  }
}

/** Whether the period holds `today`: "this month" rather than a month of the past. */
export function containsToday(period: Period, today: string): boolean {
  const { from, to } = rangeOf(period, today);
  return (!from || from <= today) && (!to || today <= to);
}
