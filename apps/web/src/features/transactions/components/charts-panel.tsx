import { Suspense, type ComponentProps } from 'react';
import type { Summary } from '@moneta/schema';
import type { MonthsChart as MonthsChartType } from '@/components/charts/charts';
import { retryableLazy } from '@/components/ui/error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { formatMonth } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { BalanceReport } from './balance-report';
import { CategoryReport } from './category-report';

// Chart.js is the heaviest dependency: it loads in its own chunk after the first screen.
const MonthsChart = retryableLazy<ComponentProps<typeof MonthsChartType>>(() =>
  import('@/components/charts/charts').then((m) => m.MonthsChart),
);

/** Plotting needs numbers; exact amounts stay strings for every label a person reads. */
const toPlot = (amount: string) => Number(amount);

interface ChartsPanelProps {
  summary: Summary | undefined;
  currency: string;
  periodLabel: string;
}

export function ChartsPanel({ summary, currency, periodLabel }: ChartsPanelProps) {
  const months = summary?.byMonth ?? [];
  const fallback = <Skeleton className="skeleton-chart" label="Loading chart" />;

  return (
    <div className="charts">
      <div className="charts-grid">
        <CategoryReport
          summary={summary}
          kind="expense"
          currency={currency}
          periodLabel={periodLabel}
          testId="chart-categories"
        />
        <CategoryReport
          summary={summary}
          kind="income"
          currency={currency}
          periodLabel={periodLabel}
          testId="chart-income-categories"
        />
        <BalanceReport summary={summary} currency={currency} periodLabel={periodLabel} />
        <figure
          className="chart-card"
          data-testid="chart-months"
          data-values={months.map((m) => `${m.month}=${m.income}/${m.expense}`).join(';')}
        >
          <figcaption className="chart-title">
            Income and expense by month · {periodLabel}
          </figcaption>
          {!summary ? (
            fallback
          ) : months.length === 0 ? (
            <p className="chart-empty">No transactions in this period yet.</p>
          ) : (
            <div className="chart-canvas">
              <Suspense fallback={fallback}>
                <MonthsChart
                  label={`Income and expense by month: ${months
                    .map(
                      (m) =>
                        `${formatMonth(m.month)} income ${formatMoney(m.income, currency)}, expense ${formatMoney(m.expense, currency)}`,
                    )
                    .join('; ')}`}
                  months={months.map((m) => ({
                    label: formatMonth(m.month),
                    income: toPlot(m.income),
                    expense: toPlot(m.expense),
                    incomeDisplay: formatMoney(m.income, currency),
                    expenseDisplay: formatMoney(m.expense, currency),
                  }))}
                />
              </Suspense>
            </div>
          )}
        </figure>
      </div>
    </div>
  );
}
