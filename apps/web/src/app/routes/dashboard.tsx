import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { navigate, useSearch } from 'wouter/use-browser-location';
import { useQueryClient } from '@tanstack/react-query';
import type { User } from '@moneta/schema';
import { useLogout } from '@/features/auth/api/logout';
import { useCategories } from '@/features/categories/api/get-categories';
import { CategoriesDialog } from '@/features/categories/components/categories-dialog';
import { summaryPdfUrl } from '@/features/reports/api/get-summary-pdf';
import { exportCsvUrl } from '@/features/transactions/api/export-transactions';
import { flushPendingDeletes } from '@/features/transactions/api/delete-transaction';
import { useSummary } from '@/features/transactions/api/get-summary';
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
  writeView,
  type DashboardView,
  type HistoryFilters as Filters,
} from '@/features/transactions/search';
import { PreviousTotals } from '@/features/transactions/components/previous-totals';
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

  // The whole view lives in the query string: bookmarkable, and Back/Forward-proof.
  const now = today();
  const view = useMemo(() => readView(search, now), [search, now]);
  const { period, filters } = view;
  const listFilters = useMemo(() => listFiltersOf(view, now), [view, now]);
  const range = useMemo(
    () => ({
      ...(listFilters.from ? { from: listFilters.from } : {}),
      ...(listFilters.to ? { to: listFilters.to } : {}),
    }),
    [listFilters],
  );
  const summary = useSummary(range);

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
  // An empty list: first drop the filters; with none left, widen the period to all time.
  const clearFilters = useCallback(() => {
    const shown = current();
    setView(
      hasFilters(shown.filters)
        ? { ...shown, filters: {} }
        : { period: { kind: 'all' }, filters: {} },
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
  const label = periodLabel(period);
  const previous = shiftPeriod(period, -1, now);

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
        <Link to={userPath(user.username, 'import')} className="button button-ghost">
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
        <section className="panel panel-overview" aria-labelledby="overview-heading">
          <div className="panel-header">
            <h2 id="overview-heading" className="section-title">
              Overview
            </h2>
            <PeriodPicker period={period} onChange={onPeriodChange} />
            <a
              className="button button-small"
              href={summaryPdfUrl(range)}
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
            currency={user.currency}
            periodLabel={label}
            onRetry={() => void summary.refetch()}
          />
          {previous && <PreviousTotals period={previous} currency={user.currency} />}
        </section>
        <section className="panel panel-add">
          <AddTransactionForm
            categories={categoryList}
            currency={user.currency}
            shown={{
              label,
              contains: (date) =>
                (!range.from || date >= range.from) && (!range.to || date <= range.to),
              show: (date) => {
                setView(
                  { ...current(), period: { kind: 'month', month: monthOf(date) } },
                  { step: true },
                );
              },
            }}
          />
        </section>
        <section className="panel panel-charts" aria-label="Charts">
          <ErrorBoundary what="The charts">
            <ChartsPanel summary={summary.data} currency={user.currency} periodLabel={label} />
          </ErrorBoundary>
        </section>
        <section className="panel panel-history" aria-labelledby="history-heading">
          <div className="panel-header">
            <h2 id="history-heading" className="section-title">
              History
            </h2>
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
            currency={user.currency}
            onClearFilters={clearFilters}
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
