import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { navigate, useSearch } from 'wouter/use-browser-location';
import { useQueryClient } from '@tanstack/react-query';
import type { Account, User } from '@moneta/schema';
import { useAccounts } from '@/features/accounts/api/get-accounts';
import { AccountDialog } from '@/features/accounts/components/account-dialog';
import { AccountSwitcher } from '@/features/accounts/components/account-switcher';
import { NetWorth } from '@/features/accounts/components/net-worth';
import { useLogout } from '@/features/auth/api/logout';
import { useCategories } from '@/features/categories/api/get-categories';
import { CategoriesDialog } from '@/features/categories/components/categories-dialog';
import { ReconcileButton } from '@/features/reconciliation/components/reconcile-button';
import { summaryPdfUrl } from '@/features/reports/api/get-summary-pdf';
import { exportCsvUrl } from '@/features/transactions/api/export-transactions';
import {
  flushPendingDeletes,
  usePendingDeletes,
} from '@/features/transactions/api/delete-transaction';
import { hideDeletedInAccounts } from '@/features/transactions/cache';
import { useSummary } from '@/features/transactions/api/get-summary';
import { useDeleteTransfer } from '@/features/transfers/api/delete-transfer';
import { TransferDialog } from '@/features/transfers/components/transfer-dialog';
import { AddTransactionForm } from '@/features/transactions/components/add-transaction-form';
import { ChartsPanel } from '@/features/transactions/components/charts-panel';
import { History } from '@/features/transactions/components/history';
import { HistoryFilters } from '@/features/transactions/components/history-filters';
import { PeriodPicker } from '@/features/transactions/components/period-picker';
import { Totals } from '@/features/transactions/components/totals';
import { hasFilters } from '@/features/transactions/filters';
import { periodLabel, shiftPeriod, type Period } from '@/features/transactions/period';
import {
  listFiltersOf,
  readView,
  withoutAccount,
  writeView,
  type DashboardView,
  type HistoryFilters as Filters,
} from '@/features/transactions/search';
import { PreviousTotals } from '@/features/transactions/components/previous-totals';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { monthOf } from '@moneta/schema/calendar';
import { today } from '@/lib/dates';
import { paths, userPath } from '../paths';
import { TopBar } from './top-bar';

export function DashboardRoute({ user }: { user: User }) {
  const [pathname] = useLocation();
  const search = useSearch();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const categories = useCategories();
  const [showCategories, setShowCategories] = useState(false);
  // An account to edit (by id, so it shows the list's latest), or a new one ('new').
  const [accountDialog, setAccountDialog] = useState<number | 'new' | null>(null);
  const [transferDialog, setTransferDialog] = useState<{ transferId?: number } | null>(null);
  const [deletingTransfer, setDeletingTransfer] = useState<number | null>(null);
  const deleteTransfer = useDeleteTransfer();

  // The balances as they will be: without the rows whose delete waits out its undo window.
  const deletes = usePendingDeletes();
  const accounts = useAccounts(
    useCallback((list: Account[]) => hideDeletedInAccounts(list, deletes), [deletes]),
  );
  const accountList = accounts.data;

  // The whole view lives in the query string: bookmarkable, and Back/Forward-proof.
  const now = today();
  const addressed = useMemo(() => readView(search, now), [search, now]);
  // An account that is not (or no longer) one of the user's is dropped: all accounts instead.
  const unknownAccount =
    addressed.accountId !== undefined &&
    accountList !== undefined &&
    !accountList.some((account) => account.id === addressed.accountId);
  const view = useMemo(
    () => (unknownAccount ? withoutAccount(addressed) : addressed),
    [addressed, unknownAccount],
  );
  const { period, filters, accountId } = view;
  const account = accountList?.find((candidate) => candidate.id === accountId);
  const listFilters = useMemo(() => listFiltersOf(view, now), [view, now]);
  const range = useMemo(
    () => ({
      ...(listFilters.from ? { from: listFilters.from } : {}),
      ...(listFilters.to ? { to: listFilters.to } : {}),
    }),
    [listFilters],
  );
  const scope = useMemo(
    () => ({ ...range, ...(accountId !== undefined ? { accountId } : {}) }),
    [range, accountId],
  );
  const summary = useSummary(scope);
  // Amounts of one account are in its currency; of all accounts, in the reporting currency.
  const currency = summary.data?.currency ?? account?.currency ?? user.currency;

  // A new period is a step Back can undo; filters (typed letter by letter) replace the address.
  const setView = useCallback(
    (next: DashboardView, { step = false }: { step?: boolean } = {}) => {
      navigate(`${pathname}${writeView(next, today())}`, { replace: !step });
    },
    [pathname],
  );
  // Read the address at the moment of the change: two changes in one tick both survive.
  const current = useCallback(() => readView(window.location.search, today()), []);
  const onFiltersChange = useCallback(
    (next: Filters) => {
      setView({ ...current(), filters: next });
    },
    [setView, current],
  );
  const onPeriodChange = useCallback(
    (next: Period) => {
      setView({ ...current(), period: next }, { step: true });
    },
    [setView, current],
  );
  // Like a period, an account is a step Back can undo.
  const onAccountChange = useCallback(
    (next: number | undefined) => {
      const shown = withoutAccount(current());
      setView(next === undefined ? shown : { ...shown, accountId: next }, { step: true });
    },
    [setView, current],
  );
  const accountHref = useCallback(
    (next: number | undefined) =>
      `${pathname}${writeView(next === undefined ? withoutAccount(view) : { ...view, accountId: next }, now)}`,
    [pathname, view, now],
  );

  useLayoutEffect(() => {
    if (unknownAccount) setView(withoutAccount(current()));
  }, [unknownAccount, setView, current]);
  // An empty list: first drop the filters; with none left, widen the period to all time.
  const clearFilters = useCallback(() => {
    const shown = current();
    setView(
      hasFilters(shown.filters)
        ? { ...shown, filters: {} }
        : { ...shown, period: { kind: 'all' }, filters: {} },
    );
  }, [setView, current]);

  useEffect(() => {
    document.title = `${user.username} · Moneta`;
  }, [user.username]);

  const onLogout = async () => {
    await flushPendingDeletes(queryClient);
    logout.mutate(undefined, {
      onSettled: () => {
        toast.clear();
        navigate(paths.login, { replace: true });
      },
      onError: (error) => {
        toast.show({
          id: 'logout',
          tone: 'error',
          message: `Logging out failed: ${errorMessage(error)}`,
        });
      },
    });
  };

  const categoryList = categories.data ?? [];
  // Gone from the list (deleted): the dialog goes with it.
  const editedAccount =
    typeof accountDialog === 'number'
      ? accountList?.find((candidate) => candidate.id === accountDialog)
      : undefined;
  const label = periodLabel(period);
  const previous = shiftPeriod(period, -1, now);
  const shownName = accountId === undefined ? 'All accounts' : (account?.name ?? 'Account');

  return (
    <div className="app">
      <TopBar
        username={user.username}
        actions={
          <button
            type="button"
            className="button button-ghost"
            onClick={() => void onLogout()}
            disabled={logout.isPending}
          >
            Log out
          </button>
        }
      >
        <Link
          to={`${userPath(user.username, 'import')}${accountId === undefined ? '' : `?account=${String(accountId)}`}`}
          className="button button-ghost"
        >
          Import
        </Link>
        <Link
          to={userPath(user.username, 'tokens')}
          className="button button-ghost"
          aria-label="API tokens"
        >
          <span className="wide-only">API tokens</span>
          <span className="narrow-only">Tokens</span>
        </Link>
        <button
          type="button"
          className="button button-ghost"
          onClick={() => {
            setShowCategories(true);
          }}
        >
          Categories
        </button>
        <Link to={userPath(user.username, 'settings')} className="button button-ghost">
          Settings
        </Link>
      </TopBar>
      <main id="main" className="dashboard" tabIndex={-1}>
        <h1 className="sr-only">Dashboard of {user.username}</h1>
        <section className="panel panel-accounts">
          <AccountSwitcher
            accounts={accountList}
            error={accounts.error}
            onRetry={() => void accounts.refetch()}
            selectedId={accountId}
            reportingCurrency={user.currency}
            hrefFor={accountHref}
            onSelect={onAccountChange}
            onNewAccount={() => {
              setAccountDialog('new');
            }}
            onEditAccount={(edited) => {
              setAccountDialog(edited.id);
            }}
            actions={
              <button
                type="button"
                className="button button-small"
                data-testid="new-transfer"
                onClick={() => {
                  setTransferDialog({});
                }}
              >
                Transfer
              </button>
            }
          />
          {accountId === undefined && (accountList?.length ?? 0) > 1 && (
            <NetWorth netWorth={summary.data?.netWorth} />
          )}
        </section>
        <section className="panel panel-overview" aria-labelledby="overview-heading">
          <div className="panel-header">
            <h2 id="overview-heading" className="section-title" data-testid="overview-heading">
              {shownName}
            </h2>
            <PeriodPicker period={period} onChange={onPeriodChange} />
            <a
              className="button button-small"
              href={summaryPdfUrl(scope)}
              download
              data-testid="report-pdf"
              aria-label={`PDF report, ${label}`}
            >
              PDF report
            </a>
          </div>
          <Totals
            summary={summary.data}
            error={summary.error}
            currency={currency}
            periodLabel={label}
            onRetry={() => void summary.refetch()}
          />
          {previous && <PreviousTotals period={previous} accountId={accountId} />}
        </section>
        <section className="panel panel-add">
          <AddTransactionForm
            categories={categoryList}
            accounts={accountList}
            userId={user.id}
            currency={user.currency}
            shown={{
              label,
              accountId,
              contains: (date) =>
                (!range.from || date >= range.from) && (!range.to || date <= range.to),
              show: (entry) => {
                const shownNow = current();
                const inPeriod =
                  (!range.from || entry.date >= range.from) &&
                  (!range.to || entry.date <= range.to);
                setView(
                  {
                    ...shownNow,
                    ...(entry.accountId !== null && shownNow.accountId !== undefined
                      ? { accountId: entry.accountId }
                      : {}),
                    period: inPeriod
                      ? shownNow.period
                      : { kind: 'month', month: monthOf(entry.date) },
                  },
                  { step: true },
                );
              },
            }}
          />
        </section>
        <section className="panel panel-charts" aria-label="Charts">
          <ErrorBoundary what="The charts">
            <ChartsPanel summary={summary.data} currency={currency} periodLabel={label} />
          </ErrorBoundary>
        </section>
        <section className="panel panel-history" aria-labelledby="history-heading">
          <div className="panel-header">
            <h2 id="history-heading" className="section-title">
              History
            </h2>
            {account && !account.closed && <ReconcileButton account={account} />}
            <a
              className="button button-small"
              href={exportCsvUrl(listFilters)}
              download
              data-testid="export-csv"
              aria-label={
                hasFilters(filters)
                  ? `Export CSV of the filtered history, ${label}`
                  : `Export CSV of the history, ${label}`
              }
            >
              Export CSV
            </a>
          </div>
          <HistoryFilters filters={filters} categories={categoryList} onChange={onFiltersChange} />
          <History
            filters={listFilters}
            categories={categoryList}
            accounts={accountList ?? []}
            onClearFilters={clearFilters}
            onEditAccount={(id) => {
              setAccountDialog(id);
            }}
            onEditTransfer={(transferId) => {
              setTransferDialog({ transferId });
            }}
            onDeleteTransfer={setDeletingTransfer}
            emptyFiltered={
              hasFilters(filters)
                ? {
                    message: `No transactions match these filters in ${label}.`,
                    action: 'Clear filters',
                  }
                : {
                    message: `No transactions in ${label} yet. Add one with the form, or see all of them.`,
                    action: 'Show all time',
                  }
            }
          />
        </section>
      </main>
      {(accountDialog === 'new' || editedAccount) && (
        <AccountDialog
          account={editedAccount}
          reportingCurrency={user.currency}
          onSaved={(saved, created) => {
            if (created) onAccountChange(saved.id);
          }}
          onClose={() => {
            setAccountDialog(null);
          }}
        />
      )}
      {transferDialog && (
        <TransferDialog
          accounts={accountList ?? []}
          transferId={transferDialog.transferId}
          fromAccountId={accountId}
          onClose={() => {
            setTransferDialog(null);
          }}
          onDelete={(transferId) => {
            setTransferDialog(null);
            setDeletingTransfer(transferId);
          }}
        />
      )}
      {deletingTransfer !== null && (
        <ConfirmDialog
          title="Delete this transfer?"
          message="Both sides are deleted: the money goes back to the account it left."
          confirmLabel="Delete transfer"
          busyLabel="Deleting…"
          onConfirm={async () => {
            await deleteTransfer.mutateAsync(deletingTransfer);
            toast.show({
              id: `transfer-${deletingTransfer}`,
              message: 'Deleted the transfer.',
              durationMs: 3000,
            });
          }}
          onClose={() => {
            setDeletingTransfer(null);
          }}
        />
      )}
      {showCategories && (
        <CategoriesDialog
          onClose={() => {
            setShowCategories(false);
          }}
        />
      )}
    </div>
  );
}
