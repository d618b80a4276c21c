import type { TransactionType } from '@moneta/schema';

/** Filters of the history, as the list endpoint takes them. */
export interface TransactionFilters {
  type?: TransactionType;
  categoryId?: number;
  from?: string;
  to?: string;
  q?: string;
}

export interface DateRange {
  from?: string;
  to?: string;
}

/** Every query key of the app; each starts with its resource's name. */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  registration: ['auth', 'registration'] as const,
  categories: ['categories'] as const,
  transactions: ['transactions'] as const,
  transactionList: (filters: TransactionFilters) => ['transactions', 'list', filters] as const,
  summary: ['summary'] as const,
  summaryRange: (range: DateRange) => ['summary', range] as const,
  tokens: ['tokens'] as const,
  imports: ['imports'] as const,
};
