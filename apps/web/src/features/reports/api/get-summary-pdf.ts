import { apiUrl } from '@/lib/api-client';
import type { DateRange } from '@/lib/query-keys';

/** The PDF report (totals, by category, the transactions) of a period, downloaded by a link. */
export function summaryPdfUrl(range: DateRange): string {
  return apiUrl('/reports/summary.pdf', { from: range.from, to: range.to });
}
