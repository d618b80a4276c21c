import { apiUrl } from '@/lib/api-client';
import { today } from '@/lib/dates';
import type { SummaryScope, TransactionFilters } from '@/lib/query-keys';
import { summaryQuery, transactionsQuery } from '@/features/transactions/api/requests';
import { rangeOf, shiftPeriod, thisMonth, type Period } from '@/features/transactions/period';
import { matchUserPath, paths } from './paths';

const MONTH = /^\d{4}-(?:0[1-9]|1[0-2])$/;
const ID = /^[1-9]\d{0,15}$/;

/**
 * The GET requests the dashboard makes first at this address: its accounts, categories, first
 * history page and the summaries of the period and the one before. Only for the addresses a cold
 * start usually has (the dashboard, one month, one account); any other address gets none, and
 * the dashboard asks as usual. "Today" is the browser's until the session says the user's: where
 * they differ, the early answers go unclaimed.
 */
export function firstViewRequests(pathname: string, search: string): string[] {
  if (pathname === paths.login || pathname === paths.register) return [];
  if (matchUserPath(pathname)?.page !== 'dashboard') return [];
  const params = new URLSearchParams(search);
  if ([...params.keys()].some((key) => key !== 'account' && key !== 'month')) return [];
  const account = params.get('account');
  const month = params.get('month');
  if ((account !== null && !ID.test(account)) || (month !== null && !MONTH.test(month))) return [];
  const now = today();
  const period: Period = month ? { kind: 'month', month } : thisMonth(now);
  const accountScope = account === null ? {} : { accountId: Number(account) };
  const filters: TransactionFilters = { ...accountScope, ...rangeOf(period, now) };
  const scope = (of: Period): SummaryScope => ({ ...rangeOf(of, now), ...accountScope });
  const previous = shiftPeriod(period, -1, now);
  return [
    apiUrl('/accounts'),
    apiUrl('/categories'),
    apiUrl('/transactions', transactionsQuery(filters, null)),
    apiUrl('/summary', summaryQuery(scope(period))),
    ...(previous ? [apiUrl('/summary', summaryQuery(scope(previous)))] : []),
  ];
}
