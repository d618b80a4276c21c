import {
  FIRST_YEAR,
  LAST_YEAR,
  addDays,
  dateFromDayIndex,
  dayIndex,
  firstDayOfMonth,
  isoDate,
  lastDayOfMonth,
  monthFromIndex,
  monthIndex,
  monthOf,
} from '@moneta/schema/calendar';
import { formatDate, formatMonth } from '@/lib/dates';

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

/** The inclusive date range a period covers, as of `today` (YYYY-MM-DD). */
export function rangeOf(period: Period, today: string): DateRange {
  switch (period.kind) {
    case 'month':
      return { from: firstDayOfMonth(period.month), to: lastDayOfMonth(period.month) };
    case 'year':
      return { from: isoDate(period.year, 1, 1), to: isoDate(period.year, 12, 31) };
    case 'last-30-days':
      return { from: addDays(today, -29), to: today };
    case 'all':
      return {};
    case 'custom':
      return {
        ...(period.from ? { from: period.from } : {}),
        ...(period.to ? { to: period.to } : {}),
      };
  }
}

/** The calendar the API accepts: years 1 to 9999. */
const FIRST_MONTH = FIRST_YEAR * 12;
const LAST_MONTH = LAST_YEAR * 12 + 11;
const FIRST_DAY = dayIndex(isoDate(FIRST_YEAR, 1, 1));
const LAST_DAY = dayIndex(isoDate(LAST_YEAR, 12, 31));

/**
 * The period one step before (-1) or after (+1): the previous month or year, or a custom range of
 * the same length. `null` where stepping means nothing (all time, an open range) or leaves the
 * calendar the API accepts.
 */
export function shiftPeriod(period: Period, step: -1 | 1, today: string): Period | null {
  switch (period.kind) {
    case 'month': {
      const index = monthIndex(period.month) + step;
      return index < FIRST_MONTH || index > LAST_MONTH
        ? null
        : { kind: 'month', month: monthFromIndex(index) };
    }
    case 'year': {
      const year = period.year + step;
      return year < FIRST_YEAR || year > LAST_YEAR ? null : { kind: 'year', year };
    }
    case 'last-30-days':
    case 'custom': {
      const { from, to } = rangeOf(period, today);
      if (!from || !to) return null;
      const start = dayIndex(from);
      const end = dayIndex(to);
      const length = end - start + 1;
      if (start + step * length < FIRST_DAY || end + step * length > LAST_DAY) return null;
      return {
        kind: 'custom',
        from: dateFromDayIndex(start + step * length),
        to: dateFromDayIndex(end + step * length),
      };
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
