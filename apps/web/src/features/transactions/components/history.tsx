import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Category, Transaction } from '@moneta/schema';
import { ErrorMessage } from '@/components/ui/error-message';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage } from '@/lib/api-client';
import { formatDate, today } from '@/lib/dates';
import { formatMoney, signedAmount } from '@/lib/money';
import type { TransactionFilters } from '@/lib/query-keys';
import { useDeleteTransaction, type DeleteEvents } from '../api/delete-transaction';
import { toast } from '@/components/ui/toast';
import { useTransactions } from '../api/get-transactions';
import { isTempId, type LedgerRow } from '../cache';
import { hasFilters } from '../filters';
import { EditTransactionDialog } from './edit-transaction-dialog';
import { SaveNotices, SaveStatus } from './save-status';

const ROW_HEIGHT = 60;
/** Start fetching the next page this many rows before the end. */
const PREFETCH_ROWS = 30;

/** The toasts of a delete: Undo while the window is open, then what happened. */
const deleteToasts: DeleteEvents = {
  onDeleted: (transaction, undo) => {
    toast.show({
      id: `delete-${transaction.id}`,
      message: `Deleted “${transaction.title}”.`,
      action: { label: 'Undo', onAction: undo },
    });
  },
  onRestored: (transaction) => {
    toast.dismiss(`delete-${transaction.id}`);
    toast.show({
      id: `restored-${transaction.id}`,
      message: `Restored “${transaction.title}”.`,
      durationMs: 3000,
    });
  },
  onCommitting: (transaction) => {
    toast.dismiss(`delete-${transaction.id}`);
  },
  onFailed: (transaction, message) => {
    toast.show({
      id: `delete-failed-${transaction.id}`,
      tone: 'error',
      message: `Could not delete “${transaction.title}”: ${message}`,
      durationMs: 8000,
    });
  },
};

interface HistoryProps {
  filters: TransactionFilters;
  categories: readonly Category[];
  currency: string;
  onClearFilters: () => void;
}

/**
 * Newest first with the running balance; pages load as one scrolls and only the rows in view
 * are in the DOM, so 100k rows scroll like 100.
 */
export function History({ filters, categories, currency, onClearFilters }: HistoryProps) {
  const query = useTransactions(filters);
  const remove = useDeleteTransaction(currency, deleteToasts);
  const [editing, setEditing] = useState<Transaction | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const rows: LedgerRow[] = useMemo(
    () => query.data?.pages.flatMap((page) => page.items) ?? [],
    [query.data],
  );
  const categoryNames = useMemo(() => new Map(categories.map((c) => [c.id, c.name])), [categories]);
  const todayDate = today();

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render only.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 8,
    initialRect: { width: 800, height: 480 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) {
      void fetchNextPage();
    }
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastIndex, rows.length]);

  const filtered = hasFilters(filters);

  let body;
  if (query.isPending) {
    body = (
      <div className="history-skeleton" aria-busy="true">
        <Skeleton label="Loading your history" className="skeleton-row" />
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} className="skeleton-row" />
        ))}
      </div>
    );
  } else if (query.isError) {
    body = (
      <ErrorMessage
        title="Your history could not be loaded."
        message={errorMessage(query.error)}
        onRetry={() => void query.refetch()}
      />
    );
  } else if (rows.length === 0) {
    body = filtered ? (
      <div className="empty-state" data-testid="history-empty">
        <p>No transactions match these filters.</p>
        <button type="button" className="button" onClick={onClearFilters}>
          Clear filters
        </button>
      </div>
    ) : (
      <div className="empty-state" data-testid="history-empty">
        <p>No transactions yet.</p>
        <p>Add your first income or expense with the form above; it shows up here at once.</p>
      </div>
    );
  } else {
    body = (
      <div
        ref={scrollRef}
        className={`history-scroll ${query.isPlaceholderData ? 'is-stale' : ''}`}
        tabIndex={0}
        role="table"
        aria-label="Transactions, newest first"
        aria-rowcount={hasNextPage ? -1 : rows.length + 1}
        aria-busy={query.isFetching}
        data-testid="history"
      >
        <div role="rowgroup" className="history-head">
          <div role="row" aria-rowindex={1} className="history-row history-header">
            <span role="columnheader" className="cell-date">
              Date
            </span>
            <span role="columnheader" className="cell-title">
              Transaction
            </span>
            <span role="columnheader" className="cell-amount">
              Amount
            </span>
            <span role="columnheader" className="cell-balance">
              Balance
            </span>
            <span role="columnheader" className="cell-actions">
              <span className="sr-only">Actions</span>
            </span>
          </div>
        </div>
        <div
          role="rowgroup"
          className="history-body"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const pending = isTempId(row.id);
            const category =
              row.categoryId === null ? null : (categoryNames.get(row.categoryId) ?? null);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={`history-row ${pending ? 'is-pending' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                data-testid="history-row"
                data-id={pending ? undefined : row.id}
              >
                <span role="cell" className="cell-date">
                  {formatDate(row.date)}
                </span>
                <span role="cell" className="cell-title">
                  <span className="row-title">{row.title}</span>
                  <span className="row-meta">
                    {row.date > todayDate && (
                      <span className="badge badge-upcoming" data-testid="upcoming-badge">
                        Upcoming
                      </span>
                    )}
                    {category && <span className="badge">{category}</span>}
                    {row.description && <span className="row-description">{row.description}</span>}
                    {pending && <SaveStatus rowId={row.id} />}
                  </span>
                </span>
                <span
                  role="cell"
                  className={`cell-amount amount-${row.type}`}
                  data-testid="row-amount"
                  data-amount={signedAmount(row.type, row.amount)}
                >
                  {formatMoney(signedAmount(row.type, row.amount), currency, { signed: true })}
                </span>
                <span
                  role="cell"
                  className="cell-balance"
                  data-testid="row-balance"
                  data-amount={row.balanceKnown === false ? undefined : row.balanceAfter}
                >
                  {row.balanceKnown === false ? '…' : formatMoney(row.balanceAfter, currency)}
                </span>
                <span role="cell" className="cell-actions">
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    aria-label={`Edit “${row.title}”`}
                    disabled={pending}
                    onClick={() => {
                      setEditing(row);
                    }}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button button-ghost button-small button-danger"
                    aria-label={`Delete “${row.title}”`}
                    disabled={pending}
                    onClick={() => {
                      remove(row);
                      scrollRef.current?.focus();
                    }}
                  >
                    Delete
                  </button>
                </span>
              </div>
            );
          })}
        </div>
        {isFetchingNextPage && (
          <p className="history-more" role="status">
            Loading more…
          </p>
        )}
      </div>
    );
  }

  return (
    <>
      {body}
      <SaveNotices />
      {editing && (
        <EditTransactionDialog
          transaction={editing}
          categories={categories}
          currency={currency}
          onClose={() => {
            setEditing(null);
          }}
          fallbackFocus={() => scrollRef.current}
        />
      )}
    </>
  );
}
