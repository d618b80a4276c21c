import { z } from 'zod';
import { TransactionType, isCalendarDate } from '@moneta/schema';
import type { TransactionFilters } from '@/lib/query-keys';
import { monthOf } from '@moneta/schema/calendar';
import { rangeOf, shiftPeriod, thisMonth, type Period } from './period';

/** What narrows the history besides the period: the filter bar. */
export type HistoryFilters = Pick<TransactionFilters, 'type' | 'categoryId' | 'q'>;

/**
 * Everything the dashboard shows is chosen by its address: one account (or all of them), one
 * period and the history filters.
 */
export interface DashboardView {
  /** The account shown; all accounts when absent. */
  accountId?: number;
  period: Period;
  filters: HistoryFilters;
}

/** A parameter that is dropped, not an error, when it does not parse: old links keep working. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const CalendarDate = z.string().refine(isCalendarDate);
/** A row id as the API hands them out: a positive safe integer, without a leading zero. */
const IdText = z
  .string()
  .regex(/^[1-9]\d{0,15}$/)
  .transform(Number)
  .refine(Number.isSafeInteger);

/**
 * The dashboard's query string, typed and validated here and nowhere else. `account=3`, then
 * `month=2026-11`, `year=2026`, `period=last-30-days|all`, or `from`/`to` for a custom range; then `type`,
 * `category`, `q`. Links from before one period drove the whole page (`period=this-month`,
 * `last-month`, `this-year`, `custom` with `start`/`end`) still open what they meant.
 */
const DashboardSearch = z.object({
  account: lenient(IdText),
  month: lenient(z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])$/)),
  year: lenient(
    z
      .string()
      .regex(/^\d{4}$/)
      .transform(Number)
      .refine((year) => year >= 1),
  ),
  period: lenient(
    z.enum(['last-30-days', 'all', 'custom', 'this-month', 'last-month', 'this-year']),
  ),
  from: lenient(CalendarDate),
  to: lenient(CalendarDate),
  start: lenient(CalendarDate),
  end: lenient(CalendarDate),
  type: lenient(TransactionType),
  category: lenient(IdText),
  q: lenient(
    z
      .string()
      .trim()
      .min(1)
      .transform((q) => q.slice(0, 200)),
  ),
});

function periodFrom(search: z.infer<typeof DashboardSearch>, today: string): Period {
  switch (search.period) {
    case 'last-30-days':
    case 'all':
      return { kind: search.period };
    case 'this-month':
      return thisMonth(today);
    case 'last-month':
      return shiftPeriod(thisMonth(today), -1, today) ?? thisMonth(today);
    case 'this-year':
      return { kind: 'year', year: Number(today.slice(0, 4)) };
    case 'custom':
    case undefined:
      break;
  }
  const from = search.from ?? search.start;
  let to = search.to ?? search.end;
  if (from && to && to < from) to = undefined;
  if (from || to || search.period === 'custom') {
    return { kind: 'custom', ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
  if (search.year !== undefined) return { kind: 'year', year: search.year };
  if (search.month !== undefined) return { kind: 'month', month: search.month };
  return thisMonth(today);
}

/** Reads the dashboard's view from a query string (with or without its `?`). */
export function readView(query: string, today: string): DashboardView {
  const raw = Object.fromEntries(new URLSearchParams(query));
  const search = DashboardSearch.parse(raw);
  const filters: HistoryFilters = {};
  if (search.type) filters.type = search.type;
  if (search.category !== undefined) filters.categoryId = search.category;
  if (search.q) filters.q = search.q;
  return {
    ...(search.account !== undefined ? { accountId: search.account } : {}),
    period: periodFrom(search, today),
    filters,
  };
}

/** The canonical query string of a view (`?…`, or '' for this month unfiltered). */
export function writeView({ accountId, period, filters }: DashboardView, today: string): string {
  const params = new URLSearchParams();
  if (accountId !== undefined) params.set('account', String(accountId));
  switch (period.kind) {
    case 'month':
      if (period.month !== monthOf(today)) params.set('month', period.month);
      break;
    case 'year':
      params.set('year', String(period.year).padStart(4, '0'));
      break;
    case 'last-30-days':
    case 'all':
      params.set('period', period.kind);
      break;
    case 'custom':
      if (!period.from && !period.to) params.set('period', 'custom');
      if (period.from) params.set('from', period.from);
      if (period.to) params.set('to', period.to);
      break;
  }
  if (filters.type) params.set('type', filters.type);
  if (filters.categoryId !== undefined) params.set('category', String(filters.categoryId));
  const q = filters.q?.trim();
  if (q) params.set('q', q);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** What the history list, its CSV export and its count ask the API for. */
export function listFiltersOf(view: DashboardView, today: string): TransactionFilters {
  return {
    ...(view.accountId !== undefined ? { accountId: view.accountId } : {}),
    ...rangeOf(view.period, today),
    ...view.filters,
  };
}

/** The view without its account (all accounts): where an account that is not there leads. */
export function withoutAccount(view: DashboardView): DashboardView {
  return { period: view.period, filters: view.filters };
}
