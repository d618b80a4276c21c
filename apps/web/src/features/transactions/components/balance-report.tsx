import { Suspense, type ComponentProps, useId, useState } from 'react';
import type { Summary } from '@moneta/schema';
import type { BalanceChart as BalanceChartType } from '@/components/charts/charts';
import { retryableLazy } from '@/components/ui/error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { formatDate, formatMonth, formatShortDate } from '@/lib/dates';
import { formatMoney, toMinor } from '@/lib/money';

const BalanceChart = retryableLazy<ComponentProps<typeof BalanceChartType>>(() =>
  import('@/components/charts/charts').then((m) => m.BalanceChart),
);

type Line = Summary['balanceOverTime'];
type Point = Line['points'][number];

/** The lowest and highest points (the earliest of equals), compared exactly in minor units. */
export function extremes(
  points: readonly Point[],
  currency: string,
): { low: Point; high: Point } | null {
  const [first, ...rest] = points;
  if (!first) return null;
  let low = { point: first, minor: toMinor(first.balance, currency) };
  let high = low;
  for (const point of rest) {
    const minor = toMinor(point.balance, currency);
    if (minor < low.minor) low = { point, minor };
    if (minor > high.minor) high = { point, minor };
  }
  return { low: low.point, high: high.point };
}

interface BalanceReportProps {
  summary: Summary | undefined;
  currency: string;
  periodLabel: string;
}

/**
 * The running balance over the period, from the server's exact points: at each day's end for up
 * to a quarter, else at each month's end. Start, end and lowest point are written out; the line
 * is drawn lazily, and every point is also in a table for those who cannot see the line.
 */
export function BalanceReport({ summary, currency, periodLabel }: BalanceReportProps) {
  const titleId = useId();
  // Up to 92 rows: built only once opened (a closed <details> shows nobody its content anyway).
  const [tableOpen, setTableOpen] = useState(false);
  const line = summary?.balanceOverTime;
  const points = line?.points ?? [];
  const pointLabel = (point: Point) =>
    line?.step === 'month' ? formatMonth(point.date.slice(0, 7)) : formatShortDate(point.date);
  const range = extremes(points, currency);
  const last = points.at(-1);
  const fallback = <Skeleton className="skeleton-chart" label="Loading chart" />;
  const money = (amount: string) => formatMoney(amount, currency);

  return (
    <figure
      className="chart-card report-balance"
      data-testid="chart-balance"
      data-step={line?.step}
      data-opening={line?.opening}
      data-values={points.map((point) => `${point.date}=${point.balance}`).join(';')}
      aria-labelledby={titleId}
    >
      <figcaption id={titleId} className="chart-title">
        Balance over time · {periodLabel}
      </figcaption>
      {!summary || !line ? (
        fallback
      ) : !last || !range ? (
        <p className="chart-empty">No transactions yet: the balance appears here over time.</p>
      ) : (
        <>
          <dl className="balance-facts">
            <div>
              <dt>Before the period</dt>
              <dd>
                <span className="amount" data-testid="balance-opening">
                  {money(line.opening)}
                </span>
              </dd>
            </div>
            <div>
              <dt>At its end · {formatDate(last.date)}</dt>
              <dd>
                <span className="amount" data-testid="balance-closing">
                  {money(last.balance)}
                </span>
              </dd>
            </div>
            <div>
              <dt>Lowest · {formatDate(range.low.date)}</dt>
              <dd>
                <span
                  className={`amount${range.low.balance.startsWith('-') ? ' amount-negative' : ''}`}
                  data-testid="balance-lowest"
                >
                  {money(range.low.balance)}
                </span>
              </dd>
            </div>
          </dl>
          <div className="chart-canvas chart-canvas-line">
            <Suspense fallback={fallback}>
              <BalanceChart
                currency={currency}
                label={`Line chart of the balance ${line.step === 'day' ? 'at the end of each day' : 'at the end of each month'}: from ${money(line.opening)} to ${money(last.balance)} on ${formatDate(last.date)}, lowest ${money(range.low.balance)} on ${formatDate(range.low.date)}, highest ${money(range.high.balance)} on ${formatDate(range.high.date)}`}
                points={points.map((point) => ({
                  label: pointLabel(point),
                  value: Number(point.balance),
                  display: money(point.balance),
                  upcoming: point.date > summary.asOf,
                }))}
              />
            </Suspense>
          </div>
          {last.date > summary.asOf && (
            <p className="chart-note">
              Dashed after today ({formatDate(summary.asOf)}): the balance once upcoming
              transactions happen.
            </p>
          )}
          <details
            className="balance-details"
            onToggle={(event) => {
              setTableOpen(event.currentTarget.open);
            }}
          >
            <summary>Balance at the end of each {line.step}</summary>
            {tableOpen && (
              <table className="report-table" aria-labelledby={titleId}>
                <thead>
                  <tr>
                    <th scope="col">{line.step === 'day' ? 'Day' : 'Month'}</th>
                    <th scope="col" className="cell-number">
                      Balance
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((point) => (
                    <tr key={point.date}>
                      <th scope="row">
                        {line.step === 'day' ? formatDate(point.date) : pointLabel(point)}
                        {point.date > summary.asOf && (
                          <span className="chart-note"> · upcoming</span>
                        )}
                      </th>
                      <td className="cell-number">
                        <span
                          className={`amount${point.balance.startsWith('-') ? ' amount-negative' : ''}`}
                        >
                          {money(point.balance)}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </details>
        </>
      )}
    </figure>
  );
}
