import { apiUrl } from '@/lib/api-client';
import type { SummaryScope } from '@/lib/query-keys';

/**
 * The PDF report (totals, by category, the transactions) of a period, of one account or all of
 * them, downloaded by a link.
 */
export function summaryPdfUrl(scope: SummaryScope): string {
  return apiUrl('/reports/summary.pdf', {
    from: scope.from,
    to: scope.to,
    accountId: scope.accountId,
  });
}
