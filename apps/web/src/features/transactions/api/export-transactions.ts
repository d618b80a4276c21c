import { apiUrl } from '@/lib/api-client';
import type { TransactionFilters } from '@/lib/query-keys';

/**
 * The CSV export of the history under these filters. A plain link downloads it: same-origin GETs
 * carry the session cookie, and the browser streams the file to disk as the API streams it.
 */
export function exportCsvUrl(filters: TransactionFilters): string {
  return apiUrl('/transactions/export.csv', {
    accountId: filters.accountId,
    type: filters.type,
    categoryId: filters.categoryId,
    from: filters.from,
    to: filters.to,
    q: filters.q,
  });
}
