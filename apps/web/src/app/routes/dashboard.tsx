import { useCallback, useEffect, useMemo, useState } from 'react';
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
import { hasFilters, readFilters, writeFilters } from '@/features/transactions/filters';
import {
  PERIOD_LABELS,
  readPeriod,
  writePeriod,
  type Period,
} from '@/features/transactions/period';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { formatDate, today } from '@/lib/dates';
import type { TransactionFilters } from '@/lib/query-keys';
import { Link, navigate, useLocation } from '../router';
import { TopBar } from './top-bar';

function periodLabel(period: Period): string {
  if (period.kind !== 'custom') return PERIOD_LABELS[period.kind];
  if (period.from && period.to) return `${formatDate(period.from)} – ${formatDate(period.to)}`;
  if (period.from) return `since ${formatDate(period.from)}`;
  if (period.to) return `until ${formatDate(period.to)}`;
  return 'All time';
}

export function DashboardRoute({ user }: { user: User }) {
  const location = useLocation();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const categories = useCategories();
  const [showCategories, setShowCategories] = useState(false);

  const { search, pathname } = location;
  const filters = useMemo(() => readFilters(new URLSearchParams(search)), [search]);
  const period = useMemo(() => readPeriod(new URLSearchParams(search), today()), [search]);
  const range = useMemo(
    () => ({
      ...(period.from ? { from: period.from } : {}),
      ...(period.to ? { to: period.to } : {}),
    }),
    [period],
  );
  const summary = useSummary(range);

  // The view lives in the query string: bookmarkable, and Back/Forward-proof.
  const setQuery = useCallback(
    (params: URLSearchParams) => {
      const query = params.toString();
      navigate(`${pathname}${query ? `?${query}` : ''}`, { replace: true });
    },
    [pathname],
  );
  const onFiltersChange = useCallback(
    (next: TransactionFilters) => {
      setQuery(writeFilters(new URLSearchParams(window.location.search), next));
    },
    [setQuery],
  );
  const onPeriodChange = useCallback(
    (next: Period) => {
      setQuery(writePeriod(new URLSearchParams(window.location.search), next));
    },
    [setQuery],
  );
  const clearFilters = useCallback(() => {
    onFiltersChange({});
  }, [onFiltersChange]);

  useEffect(() => {
    document.title = `${user.username} · Moneta`;
  }, [user.username]);

  const onLogout = async () => {
    await flushPendingDeletes(queryClient);
    logout.mutate(undefined, {
      onSettled: () => {
        toast.clear();
        navigate('/login', { replace: true });
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

  return (
    <div className="app">
      <TopBar username={user.username}>
        <Link to={`/${user.username}/import`} className="button button-ghost">
          Import
        </Link>
        <Link to={`/${user.username}/tokens`} className="button button-ghost">
          API tokens
        </Link>
        <Link to={`/${user.username}/settings`} className="button button-ghost">
          Settings
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
        <button
          type="button"
          className="button button-ghost"
          onClick={() => void onLogout()}
          disabled={logout.isPending}
        >
          Log out
        </button>
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
        </section>
        <section className="panel panel-add">
          <AddTransactionForm categories={categoryList} currency={user.currency} />
        </section>
        <section className="panel panel-charts" aria-label="Charts">
          <ChartsPanel summary={summary.data} currency={user.currency} periodLabel={label} />
        </section>
        <section className="panel panel-history" aria-labelledby="history-heading">
          <div className="panel-header">
            <h2 id="history-heading" className="section-title">
              History
            </h2>
            <a
              className="button button-small"
              href={exportCsvUrl(filters)}
              download
              data-testid="export-csv"
              aria-label={
                hasFilters(filters)
                  ? 'Export CSV of the filtered history'
                  : 'Export CSV of the history'
              }
            >
              Export CSV
            </a>
          </div>
          <HistoryFilters filters={filters} categories={categoryList} onChange={onFiltersChange} />
          <History
            filters={filters}
            categories={categoryList}
            currency={user.currency}
            onClearFilters={clearFilters}
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
