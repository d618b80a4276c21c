import { Suspense, type ComponentProps, useId, useState } from 'react';
import type { Summary } from '@moneta/schema';
import type { CategoriesChart as CategoriesChartType } from '@/components/charts/charts';
import { retryableLazy } from '@/components/ui/error-boundary';
import { sliceColor } from '@/components/charts/palette';
import { Skeleton } from '@/components/ui/skeleton';
import { formatMoney, toMinor } from '@/lib/money';

// Chart.js is the heaviest dependency: it loads in its own chunk after the first screen.
const CategoriesChart = retryableLazy<ComponentProps<typeof CategoriesChartType>>(() =>
  import('@/components/charts/charts').then((m) => m.CategoriesChart),
);

type CategoryTotal = Summary['byCategory'][number];

export interface CategoryRow {
  key: string;
  name: string;
  total: string;
  minor: bigint;
  /** Tenths of a percent of the kind's total, rounded half up, exact (BigInt). */
  permille: bigint;
}

/** One kind's categories, largest amount first (ties by name), each with its exact share. */
export function categoryRows(
  entries: readonly CategoryTotal[],
  kind: 'income' | 'expense',
  currency: string,
): CategoryRow[] {
  const rows = entries
    .filter((entry) => entry.kind === kind)
    .map((entry) => ({
      key: `${entry.categoryId ?? 'none'}`,
      name: entry.name,
      total: entry.total,
      minor: toMinor(entry.total, currency),
    }));
  const sum = rows.reduce((total, row) => total + row.minor, 0n);
  return rows
    .map((row) => ({
      ...row,
      permille: sum === 0n ? 0n : (row.minor * 2000n + sum) / (2n * sum),
    }))
    .sort((a, b) =>
      a.minor === b.minor ? a.name.localeCompare(b.name) : a.minor > b.minor ? -1 : 1,
    );
}

const percent = new Intl.NumberFormat(undefined, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** "12.3%"; a slice too small to show as 0.1% says so ("<0.1%") rather than "0.0%". */
export function formatShare(row: Pick<CategoryRow, 'minor' | 'permille'>): string {
  if (row.permille === 0n && row.minor > 0n) return `<${percent.format(0.001)}`;
  return percent.format(Number(row.permille) / 1000);
}

interface CategoryReportProps {
  summary: Summary | undefined;
  kind: 'income' | 'expense';
  currency: string;
  periodLabel: string;
  testId: string;
}

/**
 * A doughnut of one kind's categories with its legend as a table: every category's name, exact
 * amount and share are readable without hovering, and tiny slices are rows like any other.
 * Pointing at a row highlights its slice.
 */
export function CategoryReport({
  summary,
  kind,
  currency,
  periodLabel,
  testId,
}: CategoryReportProps) {
  const titleId = useId();
  const [active, setActive] = useState<number | null>(null);
  const rows = summary ? categoryRows(summary.byCategory, kind, currency) : [];
  const title = kind === 'expense' ? 'Expenses by category' : 'Income by category';
  const total = kind === 'expense' ? summary?.expense : summary?.income;
  const fallback = <Skeleton className="skeleton-chart" label="Loading chart" />;

  return (
    <figure
      className="chart-card report-categories"
      data-testid={testId}
      data-values={rows.map((row) => `${row.name}=${row.total}`).join(';')}
      aria-labelledby={titleId}
    >
      <figcaption id={titleId} className="chart-title">
        {title} · {periodLabel}
      </figcaption>
      {!summary ? (
        fallback
      ) : rows.length === 0 ? (
        <p className="chart-empty">
          {kind === 'expense'
            ? 'No expenses in this period. Add one and it appears here.'
            : 'No income in this period.'}
        </p>
      ) : (
        <div className="report-body">
          <div className="chart-canvas chart-canvas-doughnut">
            <Suspense fallback={fallback}>
              <CategoriesChart
                label={`Doughnut chart of ${title.toLowerCase()}; the table lists every amount`}
                active={active}
                slices={rows.map((row) => ({
                  label: row.name,
                  value: Number(row.minor),
                  display: formatMoney(row.total, currency),
                }))}
              />
            </Suspense>
          </div>
          <table className="report-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col" className="cell-number">
                  Amount
                </th>
                <th scope="col" className="cell-number">
                  Share
                </th>
              </tr>
            </thead>
            <tbody
              onMouseLeave={() => {
                setActive(null);
              }}
            >
              {rows.map((row, index) => (
                <tr
                  key={row.key}
                  data-testid="category-row"
                  onMouseEnter={() => {
                    setActive(index);
                  }}
                >
                  <th scope="row">
                    <span className="report-label">
                      <span
                        className="swatch"
                        style={{ backgroundColor: sliceColor(index) }}
                        aria-hidden="true"
                      />
                      <span className="report-name">{row.name}</span>
                    </span>
                  </th>
                  <td className="cell-number">
                    <span className="amount" data-amount={row.total}>
                      {formatMoney(row.total, currency)}
                    </span>
                  </td>
                  <td className="cell-number">{formatShare(row)}</td>
                </tr>
              ))}
            </tbody>
            {rows.length > 1 && total !== undefined && (
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td className="cell-number">
                    <span className="amount" data-amount={total}>
                      {formatMoney(total, currency)}
                    </span>
                  </td>
                  <td className="cell-number">{percent.format(1)}</td>
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
    </figure>
  );
}
