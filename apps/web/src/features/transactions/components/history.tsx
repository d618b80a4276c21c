import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import type { Account, Category, Transaction } from '@moneta/schema';
import { ErrorMessage } from '@/components/ui/error-message';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { formatDate, today } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import type { TransactionFilters } from '@/lib/query-keys';
import { useDeleteTransaction, type DeleteEvents } from '../api/delete-transaction';
import { useTransactions } from '../api/get-transactions';
import { useSetCleared } from '../api/set-cleared';
import { isTempId, type LedgerRow } from '../cache';
import { hasFilters } from '../filters';
import { undoWindows } from '../undo-window';
import { EditTransactionDialog } from './edit-transaction-dialog';
import { SaveNotices, SaveStatus } from './save-status';

/** A one-line row at desktop; the virtualizer measures the real height (two lines on phones). */
const ROW_ESTIMATE = 37;
/** Start fetching the next page this many rows before the end. */
const PREFETCH_ROWS = 30;

/** Whatever has a row's tab stop in the history, for focus to land on when a toast closes. */
const historyTabStop = () =>
  document.querySelector<HTMLElement>('.history [role="row"][tabindex="0"]');

/** The mounted history, told when Undo puts a row back so that it can show where. */
const restoredListeners = new Set<(transaction: Transaction) => void>();

/** The toasts of a delete: Undo while the window is open, then what happened. */
const deleteToasts: DeleteEvents = {
  onDeleted: (transaction, undo) => {
    toast.show({
      id: `delete-${transaction.id}`,
      message: `Deleted “${transaction.title}”.`,
      action: { label: 'Undo', onAction: undo, shortcut: 'undo' },
      // The window stays open while the person is on the toast.
      onHold: (held) => {
        if (held) undoWindows.pause(transaction.id);
        else undoWindows.resume(transaction.id);
      },
      returnFocus: historyTabStop,
    });
  },
  onRestored: (transaction) => {
    toast.dismiss(`delete-${transaction.id}`);
    toast.show({
      id: `restored-${transaction.id}`,
      message: `Restored “${transaction.title}”.`,
      durationMs: 3000,
    });
    for (const listener of restoredListeners) listener(transaction);
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
  /** Every account: the names on the rows of all accounts, and where an edit may move a row. */
  accounts: readonly Account[];
  onClearFilters: () => void;
  /** An opening balance is changed with its account: opens that account's settings. */
  onEditAccount?: (accountId: number) => void;
  /** A transfer leg is changed (or deleted) with its transfer: both sides at once. */
  onEditTransfer?: (transferId: number) => void;
  onDeleteTransfer?: (transferId: number) => void;
  /** What an empty filtered list says, and its way out (the dashboard knows the period). */
  emptyFiltered?: { message: string; action: string };
}

/** The row that has the list's one tab stop, by id so that it survives rows coming and going. */
interface ActiveRow {
  id: number;
  index: number;
}

function activeIndexOf(rows: readonly LedgerRow[], active: ActiveRow | null): number {
  if (rows.length === 0) return -1;
  if (!active) return 0;
  if (rows[active.index]?.id === active.id) return active.index;
  const found = rows.findIndex((row) => row.id === active.id);
  // Gone (deleted elsewhere, filtered out): its place is taken by the row after it.
  return found === -1 ? Math.min(active.index, rows.length - 1) : found;
}

/** Saved income and expense rows; an opening balance changes with its account. */
const editable = (row: LedgerRow) =>
  !isTempId(row.id) && (row.type === 'income' || row.type === 'expense');

interface FocusRequest {
  /** The active row has been scrolled into view. */
  scrolled: boolean;
  /** Wait until the rows are no longer these (the cache has applied a delete or an undo). */
  until?: readonly LedgerRow[] | undefined;
}

/**
 * Newest first with the running balance, one dense line per transaction. The page scrolls (a
 * window virtualizer: only the rows in view are in the DOM, so 100k rows scroll like 100) and
 * pages load as one nears the end. The list is one tab stop: arrows move between rows, Enter
 * edits, Delete deletes with Undo (U or Ctrl/Cmd+Z).
 *
 * Every amount is in its row's own currency and every balance is its own account's: a list of
 * all accounts interleaves several ledgers and names each row's account.
 */
export function History({
  filters,
  categories,
  accounts,
  onClearFilters,
  onEditAccount,
  onEditTransfer,
  onDeleteTransfer,
  emptyFiltered,
}: HistoryProps) {
  const query = useTransactions(filters);
  const [editing, setEditing] = useState<Transaction | null>(null);
  const [active, setActive] = useState<ActiveRow | null>(null);
  const [layout, setLayout] = useState({ scrollMargin: 0, headerHeight: 0 });
  const listRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const emptyRef = useRef<HTMLDivElement>(null);
  /** Set by a key press, a delete or an undo: focus follows the active row once it is rendered. */
  const focusRequest = useRef<FocusRequest | null>(null);
  const keysId = useId();

  const rows: LedgerRow[] = useMemo(
    () => query.data?.pages.flatMap((page) => page.items) ?? [],
    [query.data],
  );
  const categoryNames = useMemo(() => new Map(categories.map((c) => [c.id, c.name])), [categories]);
  const accountNames = useMemo(() => new Map(accounts.map((a) => [a.id, a.name])), [accounts]);
  // All accounts, of several: each row says whose it is.
  const namesAccount = filters.accountId === undefined && accounts.length > 1;
  // One account's ledger is what a statement is checked against: its rows say what is cleared.
  const showsCleared = filters.accountId !== undefined;
  const todayDate = today();
  const activeIndex = activeIndexOf(rows, active);

  const remove = useDeleteTransaction(deleteToasts);
  const setCleared = useSetCleared();
  const toggleCleared = (row: LedgerRow) => {
    const cleared = !row.cleared;
    // Per call, not the hook's last call: a refusal of one row is told even after others.
    setCleared.mutateAsync({ transaction: row, cleared }).catch((error: unknown) => {
      toast.show({
        id: `cleared-${row.id}`,
        tone: 'error',
        message: `Could not mark “${row.title}” as ${cleared ? 'cleared' : 'not cleared'}: ${errorMessage(error)}`,
        durationMs: 8000,
      });
    });
  };

  const edit = (row: LedgerRow) => {
    if (editable(row)) setEditing(row);
    else if (row.type === 'opening' && !isTempId(row.id)) onEditAccount?.(row.accountId);
    else if (row.transfer) onEditTransfer?.(row.transfer.id);
  };

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 10,
    scrollMargin: layout.scrollMargin,
    // A row scrolled to by keyboard lands below the sticky column headers, not under them.
    scrollPaddingStart: layout.headerHeight,
    // ...and above the toast that a delete raises at the bottom of the window.
    scrollPaddingEnd: 96,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) {
      void fetchNextPage();
    }
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastIndex, rows.length]);

  // The list's place on the page moves as what is above it loads or wraps.
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const body = bodyRef.current;
      if (!body) return;
      const scrollMargin = Math.round(body.getBoundingClientRect().top + window.scrollY);
      const head = listRef.current?.querySelector<HTMLElement>('.history-head');
      const headerHeight = head?.offsetHeight ?? 0;
      setLayout((previous) =>
        previous.scrollMargin === scrollMargin && previous.headerHeight === headerHeight
          ? previous
          : { scrollMargin, headerHeight },
      );
    };
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => {
      observer.disconnect();
    };
  }, []);

  useLayoutEffect(() => {
    const request = focusRequest.current;
    if (!request) return;
    // A delete or an undo is asked for before the cache answers: wait for the rows to change.
    if (request.until === rows) return;
    if (rows.length === 0) {
      focusRequest.current = null;
      emptyRef.current?.focus();
      return;
    }
    if (request.until && active && rows[activeIndex]?.id !== active.id) {
      // The row did not come back into this view (another filter): leave focus alone.
      focusRequest.current = null;
      return;
    }
    if (!request.scrolled) {
      request.scrolled = true;
      virtualizer.scrollToIndex(activeIndex);
    }
    const row = listRef.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    // Not rendered yet: the virtualizer's scroll re-renders, and this runs again.
    if (!row) return;
    focusRequest.current = null;
    row.focus({ preventScroll: true });
  });

  const focusRow = (next: ActiveRow | null, until?: readonly LedgerRow[]) => {
    if (next) setActive(next);
    focusRequest.current = { scrolled: false, until };
  };

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(index, rows.length - 1));
    const row = rows[target];
    if (row) focusRow({ id: row.id, index: target });
  };

  useEffect(() => {
    const onRestored = (transaction: Transaction) => {
      const focused = document.activeElement;
      const typing =
        focused instanceof HTMLInputElement ||
        focused instanceof HTMLTextAreaElement ||
        focused instanceof HTMLSelectElement;
      // Undo shows where the row came back, unless one is typing elsewhere.
      if (!typing) focusRow({ id: transaction.id, index: 0 }, rows);
    };
    restoredListeners.add(onRestored);
    return () => {
      restoredListeners.delete(onRestored);
    };
  });

  const deleteRow = (row: LedgerRow, index: number) => {
    // The API refuses it (a transfer too, by either side): say so rather than try.
    if (row.reconciled && !isTempId(row.id)) {
      toast.show({
        id: `delete-locked-${row.id}`,
        message: `“${row.title}” is reconciled: unlock it${row.transfer ? '' : ' in its edit dialog'} before deleting it.`,
        durationMs: 6000,
      });
      return;
    }
    if (row.transfer && !isTempId(row.id)) {
      onDeleteTransfer?.(row.transfer.id);
      return;
    }
    if (!editable(row)) return;
    // Focus stays in the list: on the row that takes this one's place, else the one above.
    const next = rows[index + 1] ?? rows[index - 1];
    focusRow(next ? { id: next.id, index } : null, rows);
    remove(row);
  };

  const pageRows = () => {
    const size = virtualizer.measurementsCache[activeIndex]?.size ?? ROW_ESTIMATE;
    return Math.max(1, Math.floor((window.innerHeight - layout.headerHeight) / size) - 1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!(event.target instanceof HTMLElement)) return;
    const rowElement = event.target.closest<HTMLElement>('[role="row"][data-index]');
    if (!rowElement) return;
    const index = Number(rowElement.dataset.index);
    const row = rows[index];
    if (!row) return;
    const onRow = event.target === rowElement;
    const modified = event.altKey || event.ctrlKey || event.metaKey || event.shiftKey;
    // Keys pressed faster than the virtualizer scrolls build on the row focus is heading to.
    const from = focusRequest.current && !focusRequest.current.until ? activeIndex : index;
    const buttons = [...rowElement.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
    const at = onRow ? -1 : buttons.indexOf(event.target as HTMLButtonElement);

    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (modified) return;
        moveTo(from + (event.key === 'ArrowDown' ? 1 : -1));
        break;
      case 'PageDown':
      case 'PageUp':
        if (modified) return;
        moveTo(from + (event.key === 'PageDown' ? pageRows() : -pageRows()));
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      // Into the row's buttons and back, as in a tree grid.
      case 'ArrowRight':
        if (modified) return;
        buttons[at + 1]?.focus();
        break;
      case 'ArrowLeft':
        if (modified || onRow) return;
        (at > 0 ? buttons[at - 1] : rowElement)?.focus();
        break;
      case 'Escape':
        if (onRow) return;
        rowElement.focus();
        break;
      case 'Enter':
        // On a button, Enter presses it.
        if (!onRow || modified) return;
        edit(row);
        break;
      case 'Delete':
      case 'Backspace':
        if (modified) return;
        deleteRow(row, index);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

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
      <div className="empty-state" data-testid="history-empty" ref={emptyRef} tabIndex={-1}>
        <p>{emptyFiltered?.message ?? 'No transactions match these filters.'}</p>
        <button type="button" className="button" onClick={onClearFilters}>
          {emptyFiltered?.action ?? 'Clear filters'}
        </button>
      </div>
    ) : (
      <div className="empty-state" data-testid="history-empty" ref={emptyRef} tabIndex={-1}>
        <p>No transactions yet.</p>
        <p>Add your first income or expense with the form above; it shows up here at once.</p>
      </div>
    );
  } else {
    // The row with the tab stop must be in the DOM: if the active one is scrolled away, the
    // first rendered row takes the stop and becomes active when focused.
    const tabStop = items.some((item) => item.index === activeIndex)
      ? activeIndex
      : (items[0]?.index ?? -1);
    body = (
      <>
        <p id={keysId} className="history-keys">
          <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> edit · <kbd>Delete</kbd> delete ·{' '}
          <kbd>U</kbd> undo
        </p>
        <div
          ref={listRef}
          className={`history ${showsCleared ? 'has-cleared' : ''} ${query.isPlaceholderData ? 'is-stale' : ''}`}
          role="grid"
          aria-label="Transactions, newest first"
          aria-describedby={keysId}
          aria-rowcount={hasNextPage ? -1 : rows.length + 1}
          aria-busy={query.isFetching}
          data-testid="history"
          onKeyDown={onKeyDown}
          onFocus={(event) => {
            if (!(event.target instanceof HTMLElement)) return;
            const rowElement = event.target.closest<HTMLElement>('[role="row"][data-index]');
            const index = Number(rowElement?.dataset.index);
            const row = rows[index];
            if (row && (active?.id !== row.id || active.index !== index)) {
              setActive({ id: row.id, index });
            }
          }}
          onBlur={(event) => {
            // Focus went elsewhere on purpose: stop following the active row.
            const to = event.relatedTarget;
            if (to instanceof Node && !event.currentTarget.contains(to)) {
              focusRequest.current = null;
            }
          }}
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
                {namesAccount ? 'Account balance' : 'Balance'}
              </span>
              {showsCleared && (
                <span role="columnheader" className="cell-cleared" title="Cleared">
                  <span aria-hidden="true">C</span>
                  <span className="sr-only">Cleared</span>
                </span>
              )}
              <span role="columnheader" className="cell-actions">
                <span className="sr-only">Actions</span>
              </span>
            </div>
          </div>
          <div
            ref={bodyRef}
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
              const opening = row.type === 'opening';
              const transferLeg = row.transfer !== null;
              const accountName = namesAccount ? (accountNames.get(row.accountId) ?? null) : null;
              const amount = formatMoney(row.change, row.currency, {
                signed: true,
              });
              const balance =
                row.balanceKnown === false ? null : formatMoney(row.balanceAfter, row.currency);
              const date = formatDate(row.date);
              return (
                <div
                  key={item.key}
                  role="row"
                  tabIndex={item.index === tabStop ? 0 : -1}
                  aria-rowindex={item.index + 2}
                  aria-label={[
                    row.title,
                    accountName,
                    category,
                    date,
                    amount,
                    balance === null ? null : `balance ${balance}`,
                    !showsCleared
                      ? null
                      : row.reconciled
                        ? 'reconciled'
                        : row.cleared
                          ? 'cleared'
                          : null,
                    pending ? 'saving' : null,
                  ]
                    .filter((part) => part !== null)
                    .join(', ')}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className={`history-row ${pending ? 'is-pending' : ''}`}
                  style={{ transform: `translateY(${item.start - layout.scrollMargin}px)` }}
                  data-testid="history-row"
                  data-id={pending ? undefined : row.id}
                  data-account={row.accountId}
                  onClick={(event) => {
                    // A tap or click on the row edits it (phones show no Edit button); a drag
                    // that selects text does not.
                    if (event.target instanceof Element && event.target.closest('button')) return;
                    if (window.getSelection()?.isCollapsed === false) return;
                    edit(row);
                  }}
                >
                  <span role="gridcell" className="cell-date">
                    {date}
                    {/* A narrow row names the account on the date's line, the wide one in a badge. */}
                    {accountName && (
                      <span className="date-account" aria-hidden="true">
                        {' '}
                        · {accountName}
                      </span>
                    )}
                    {/* A narrow row says it on the date's line (the title's badge is for wide). */}
                    {row.date > todayDate && (
                      <span className="date-upcoming" aria-hidden="true">
                        {' '}
                        · Upcoming
                      </span>
                    )}
                  </span>
                  <span role="gridcell" className="cell-title">
                    <span className="row-title" title={row.title}>
                      {row.title}
                    </span>
                    {row.date > todayDate && (
                      <span className="badge badge-upcoming" data-testid="upcoming-badge">
                        Upcoming
                      </span>
                    )}
                    {accountName && (
                      <span className="badge badge-account" data-testid="row-account">
                        {accountName}
                      </span>
                    )}
                    {category && <span className="badge">{category}</span>}
                    {row.description && <span className="row-description">{row.description}</span>}
                    {pending && <SaveStatus rowId={row.id} />}
                  </span>
                  <span
                    role="gridcell"
                    className={`cell-amount amount-${row.type}`}
                    data-testid="row-amount"
                    data-amount={row.change}
                  >
                    {amount}
                  </span>
                  <span
                    role="gridcell"
                    className="cell-balance"
                    data-testid="row-balance"
                    data-amount={balance === null ? undefined : row.balanceAfter}
                  >
                    {balance ?? '…'}
                  </span>
                  {showsCleared && (
                    <span role="gridcell" className="cell-cleared">
                      {row.reconciled ? (
                        <span
                          className="reconciled-mark"
                          role="img"
                          aria-label={`Reconciled: ${row.title}`}
                          title="Reconciled: locked until unlocked in its edit dialog"
                          data-testid="reconciled-mark"
                        >
                          <LockIcon />
                        </span>
                      ) : (
                        <button
                          type="button"
                          tabIndex={-1}
                          className="button button-ghost button-row cleared-toggle"
                          aria-pressed={row.cleared}
                          aria-label={`Cleared: ${row.title}`}
                          title={row.cleared ? 'Cleared: seen on the statement' : 'Not cleared'}
                          disabled={pending}
                          onClick={() => {
                            toggleCleared(row);
                          }}
                        >
                          <ClearedIcon />
                        </button>
                      )}
                    </span>
                  )}
                  <span role="gridcell" className="cell-actions">
                    <button
                      type="button"
                      tabIndex={-1}
                      className="button button-ghost button-row history-edit"
                      aria-label={
                        opening
                          ? `Edit the opening balance of ${accountNames.get(row.accountId) ?? 'its account'}`
                          : `Edit “${row.title}”`
                      }
                      title={opening ? 'Edit the account (Enter)' : 'Edit (Enter)'}
                      disabled={
                        pending || (opening && !onEditAccount) || (transferLeg && !onEditTransfer)
                      }
                      onClick={() => {
                        edit(row);
                      }}
                    >
                      <PencilIcon />
                    </button>
                    <button
                      type="button"
                      tabIndex={-1}
                      className="button button-ghost button-row button-danger"
                      aria-label={`Delete “${row.title}”`}
                      title={
                        opening
                          ? 'An opening balance is changed with its account'
                          : row.reconciled
                            ? 'Reconciled: unlock it before deleting it'
                            : transferLeg
                              ? 'Delete the transfer, both sides (Delete)'
                              : 'Delete (Delete)'
                      }
                      disabled={
                        pending || opening || row.reconciled || (transferLeg && !onDeleteTransfer)
                      }
                      onClick={() => {
                        deleteRow(row, item.index);
                      }}
                    >
                      <TrashIcon />
                    </button>
                  </span>
                </div>
              );
            })}
          </div>
        </div>
        {isFetchingNextPage && (
          <p className="history-more" role="status">
            Loading more…
          </p>
        )}
      </>
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
          accounts={accounts}
          onClose={() => {
            setEditing(null);
          }}
          fallbackFocus={historyTabStop}
        />
      )}
    </>
  );
}

function PencilIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d="M11.2 2.3a1.5 1.5 0 0 1 2.1 0l.4.4a1.5 1.5 0 0 1 0 2.1L5.5 13 2 14l1-3.5 8.2-8.2z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function ClearedIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <circle className="cleared-ring" cx="8" cy="8" r="6.25" strokeWidth="1.5" />
      <path
        className="cleared-check"
        d="M5 8.2l2 2 4-4.2"
        fill="none"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function LockIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
      <path
        d="M5.25 7V5a2.75 2.75 0 0 1 5.5 0v2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
    </svg>
  );
}

function TrashIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.7 6.5v4.5M9.3 6.5v4.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
