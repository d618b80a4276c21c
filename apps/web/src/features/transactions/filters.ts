import { TransactionType, isCalendarDate, type Transaction } from '@moneta/schema';
import type { TransactionFilters } from '@/lib/query-keys';

/** The history filters as they live in the query string: type, category, from, to, q. */
export const FILTER_PARAMS = ['type', 'category', 'from', 'to', 'q'] as const;

/** Reads the filters from the query string; anything invalid is ignored rather than sent. */
export function readFilters(params: URLSearchParams): TransactionFilters {
  const filters: TransactionFilters = {};
  const type = TransactionType.safeParse(params.get('type'));
  if (type.success) filters.type = type.data;
  const category = params.get('category');
  if (category && /^[1-9]\d{0,15}$/.test(category)) filters.categoryId = Number(category);
  const from = params.get('from');
  if (from && isCalendarDate(from)) filters.from = from;
  const to = params.get('to');
  if (to && isCalendarDate(to) && !(filters.from && to < filters.from)) filters.to = to;
  const q = params.get('q')?.trim();
  if (q) filters.q = q.slice(0, 200);
  return filters;
}

/** Writes the filters into a copy of the query string, leaving other parameters alone. */
export function writeFilters(
  params: URLSearchParams,
  filters: TransactionFilters,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of FILTER_PARAMS) next.delete(name);
  if (filters.type) next.set('type', filters.type);
  if (filters.categoryId !== undefined) next.set('category', String(filters.categoryId));
  if (filters.from) next.set('from', filters.from);
  if (filters.to) next.set('to', filters.to);
  const q = filters.q?.trim();
  if (q) next.set('q', q);
  return next;
}

export function hasFilters(filters: TransactionFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}

/** ASCII-only case folding, like SQLite's LIKE on the server. */
function fold(text: string): string {
  return text.replace(/[A-Z]/g, (char) => char.toLowerCase());
}

/** Whether the server would list this transaction under these filters. */
export function matchesFilters(
  transaction: Pick<Transaction, 'type' | 'categoryId' | 'date' | 'title' | 'description'>,
  filters: TransactionFilters,
): boolean {
  if (filters.type && transaction.type !== filters.type) return false;
  if (filters.categoryId !== undefined && transaction.categoryId !== filters.categoryId)
    return false;
  if (filters.from && transaction.date < filters.from) return false;
  if (filters.to && transaction.date > filters.to) return false;
  if (filters.q) {
    const needle = fold(filters.q);
    const inTitle = fold(transaction.title).includes(needle);
    const inDescription = fold(transaction.description ?? '').includes(needle);
    if (!inTitle && !inDescription) return false;
  }
  return true;
}
