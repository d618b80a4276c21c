import type { SummaryScope, TransactionFilters } from '@/lib/query-keys';

/*
 * The query strings of the history and summary requests, free of zod: the first screen builds the
 * same URLs to fetch them early (app/first-view.ts), and an early answer is only used when the
 * URL is the very same.
 */

export const PAGE_SIZE = 100;

export function transactionsQuery(filters: TransactionFilters, cursor: string | null) {
  return { ...filters, limit: PAGE_SIZE, cursor: cursor ?? undefined };
}

export function summaryQuery(scope: SummaryScope) {
  return { from: scope.from, to: scope.to, accountId: scope.accountId };
}
