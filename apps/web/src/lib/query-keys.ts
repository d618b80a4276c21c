import type { DataTag, InfiniteData, Query, QueryKey } from '@tanstack/react-query';
import type {
  Account,
  ApiToken,
  Category,
  Import,
  ReconciliationList,
  ReconciliationPreview,
  RegistrationInfo,
  Summary,
  TransactionPage,
  TransactionType,
  Transfer,
  User,
} from '@moneta/schema';

/** Filters of the history, as the list endpoint takes them. */
export interface TransactionFilters {
  /** One account's ledger; all accounts when absent. */
  accountId?: number;
  type?: TransactionType;
  categoryId?: number;
  from?: string;
  to?: string;
  q?: string;
}

/** What a reconciliation preview compares: a statement's date and, once typed, its balance. */
export interface StatementInput {
  date: string;
  statementBalance?: string;
}

export interface DateRange {
  from?: string;
  to?: string;
}

/** What a summary covers: a range, of one account (in its currency) or of all accounts. */
export interface SummaryScope extends DateRange {
  accountId?: number;
}

/** The history's cached pages: cursor-paged, newest first. */
export type TransactionPages = InfiniteData<TransactionPage, string | null>;

/**
 * A key that carries the type of its data, so `getQueryData`/`setQueryData` infer it wherever the
 * key is used (features cannot import each other's `queryOptions`, but they share these keys).
 */
const tag =
  <TData>() =>
  <const TKey extends QueryKey>(key: TKey) =>
    key as DataTag<TKey, TData>;

/**
 * Every query key of the app, in one place; each starts with its resource's name. The data keys
 * are used by the `queryOptions` helpers next to each fetcher (`features/<feature>/api`); the
 * prefixes (`auth`, `transactions`, `summary`...) are for invalidating a whole family.
 */
export const queryKeys = {
  auth: ['auth'] as const,
  me: tag<User | null>()(['auth', 'me']),
  registration: tag<RegistrationInfo>()(['auth', 'registration']),
  categories: tag<Category[]>()(['categories']),
  transactions: ['transactions'] as const,
  transactionLists: ['transactions', 'list'] as const,
  transactionList: (filters: TransactionFilters) =>
    tag<TransactionPages>()(['transactions', 'list', filters]),
  summary: ['summary'] as const,
  summaryOf: (scope: SummaryScope) => tag<Summary>()(['summary', scope]),
  accounts: tag<Account[]>()(['accounts']),
  transfer: (id: number) => tag<Transfer>()(['transfers', id]),
  // Under `accounts`: whatever refreshes the accounts after a write refreshes these too.
  reconciliationPreview: (accountId: number, statement: StatementInput) =>
    tag<ReconciliationPreview>()(['accounts', accountId, 'reconciliation', statement]),
  reconciliations: (accountId: number) =>
    tag<ReconciliationList>()(['accounts', accountId, 'reconciliations']),
  tokens: tag<ApiToken[]>()(['tokens']),
  imports: tag<Import[]>()(['imports']),
};

/** Whether a key starts with a family's prefix (its leading names). */
function inFamily(key: QueryKey, prefix: readonly string[]): boolean {
  return prefix.every((part, index) => key[index] === part);
}

export type TransactionListKey = ReturnType<typeof queryKeys.transactionList>;

/** Whether a key is one of the history's lists (the inverse of `queryKeys.transactionList`). */
export function isTransactionListKey(key: QueryKey): key is TransactionListKey {
  return key.length === 3 && inFamily(key, queryKeys.transactionLists);
}

/** The filters a history list was fetched with, read back from its key. */
export function listFilters(key: TransactionListKey): TransactionFilters {
  const [, , filters] = key;
  return filters;
}

export type SummaryKey = ReturnType<typeof queryKeys.summaryOf>;

/** Whether a key is one of the cached summaries (the inverse of `queryKeys.summaryOf`). */
export function isSummaryKey(key: QueryKey): key is SummaryKey {
  return key.length === 2 && inFamily(key, queryKeys.summary);
}

/** Everything but the session itself: what a new session or a new time zone makes stale. */
export function isUserData(query: Pick<Query, 'queryKey'>): boolean {
  return !inFamily(query.queryKey, queryKeys.auth);
}

/** Keys of the transaction writes, so a reconcile can wait for the last one in flight. */
export const mutationKeys = {
  transactions: ['transactions'] as const,
  createTransaction: ['transactions', 'create'] as const,
  updateTransaction: ['transactions', 'update'] as const,
  setCleared: ['transactions', 'cleared'] as const,
  deleteTransaction: ['transactions', 'delete'] as const,
};
