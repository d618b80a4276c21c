import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartOptions,
} from 'chart.js';
import { Bar, Doughnut, Line } from 'react-chartjs-2';
import { sliceColor } from './palette';

// Registered once, here: only the pieces these charts use end up in the bundle.
Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

export const INCOME_COLOR = '#2aa876';
export const EXPENSE_COLOR = '#e8663d';

const darkQuery =
  'matchMedia' in window ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;

function useDarkMode(): boolean {
  return useSyncExternalStore(
    (listener) => {
      darkQuery?.addEventListener('change', listener);
      return () => darkQuery?.removeEventListener('change', listener);
    },
    () => darkQuery?.matches ?? false,
  );
}

function useThemeColors() {
  const dark = useDarkMode();
  return {
    text: dark ? '#d6dae2' : '#3b4250',
    grid: dark ? 'rgba(255,255,255,0.12)' : 'rgba(0,0,0,0.08)',
    zero: dark ? 'rgba(255,255,255,0.45)' : 'rgba(0,0,0,0.4)',
    border: dark ? '#1b1f27' : '#ffffff',
    line: dark ? '#6d9bff' : '#2459c9',
    lineFill: dark ? 'rgba(109,155,255,0.16)' : 'rgba(36,89,201,0.10)',
  };
}

export interface Slice {
  label: string;
  /** For drawing only; the exact amount is in `display`. */
  value: number;
  display: string;
}

/**
 * A doughnut of the slices, in the order and colours of the table beside it (which is the legend:
 * Chart.js's own is off). `active` highlights a slice, as when its table row is pointed at.
 */
export function CategoriesChart({
  slices,
  label,
  active = null,
}: {
  slices: readonly Slice[];
  label: string;
  active?: number | null;
}) {
  const colors = useThemeColors();
  const chartRef = useRef<Chart<'doughnut'>>(null);
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const elements = active === null ? [] : [{ datasetIndex: 0, index: active }];
    chart.setActiveElements(elements);
    chart.tooltip?.setActiveElements(elements, { x: 0, y: 0 });
    chart.update();
  }, [active]);
  const options: ChartOptions<'doughnut'> = {
    responsive: true,
    maintainAspectRatio: false,
    cutout: '58%',
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (item) => {
            const slice = slices[item.dataIndex];
            return slice ? ` ${slice.label}: ${slice.display}` : '';
          },
        },
      },
    },
  };
  return (
    <Doughnut
      ref={chartRef}
      role="img"
      aria-label={label}
      options={options}
      data={{
        labels: slices.map((slice) => slice.label),
        datasets: [
          {
            data: slices.map((slice) => slice.value),
            backgroundColor: slices.map((_, index) => sliceColor(index)),
            borderColor: colors.border,
            borderWidth: 2,
            hoverOffset: 8,
          },
        ],
      }}
    />
  );
}

export interface MonthBar {
  label: string;
  income: number;
  expense: number;
  incomeDisplay: string;
  expenseDisplay: string;
}

export function MonthsChart({ months, label }: { months: readonly MonthBar[]; label: string }) {
  const colors = useThemeColors();
  const options: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    scales: {
      x: { ticks: { color: colors.text }, grid: { color: colors.grid } },
      y: { beginAtZero: true, ticks: { color: colors.text }, grid: { color: colors.grid } },
    },
    plugins: {
      legend: { position: 'bottom', labels: { color: colors.text, boxWidth: 12 } },
      tooltip: {
        callbacks: {
          label: (item) => {
            const month = months[item.dataIndex];
            const amount = item.datasetIndex === 0 ? month?.incomeDisplay : month?.expenseDisplay;
            return ` ${item.dataset.label ?? ''}: ${amount ?? ''}`;
          },
        },
      },
    },
  };
  return (
    <Bar
      role="img"
      aria-label={label}
      options={options}
      data={{
        labels: months.map((month) => month.label),
        datasets: [
          {
            label: 'Income',
            data: months.map((m) => m.income),
            backgroundColor: INCOME_COLOR,
            borderRadius: 4,
          },
          {
            label: 'Expense',
            data: months.map((m) => m.expense),
            backgroundColor: EXPENSE_COLOR,
            borderRadius: 4,
          },
        ],
      }}
    />
  );
}

export interface BalancePoint {
  label: string;
  /** For drawing only; the exact balance is in `display`. */
  value: number;
  display: string;
  /** After today: the balance once upcoming transactions happen, drawn dashed. */
  upcoming: boolean;
}

/**
 * The running balance over the period as a line, dashed after today, with the zero line drawn
 * stronger.
 */
export function BalanceChart({
  points,
  label,
  currency,
}: {
  points: readonly BalancePoint[];
  label: string;
  currency: string;
}) {
  const colors = useThemeColors();
  const compact = useMemo(
    () =>
      new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        notation: 'compact',
        maximumFractionDigits: 1,
      }),
    [currency],
  );
  const options: ChartOptions<'line'> = {
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: {
        ticks: { color: colors.text, maxRotation: 0, autoSkipPadding: 12 },
        grid: { display: false },
      },
      y: {
        // Axis ticks are approximate by nature; every amount a person reads is exact.
        ticks: { color: colors.text, callback: (value) => compact.format(Number(value)) },
        grid: { color: (context) => (context.tick.value === 0 ? colors.zero : colors.grid) },
      },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (item) => ` Balance: ${points[item.dataIndex]?.display ?? ''}`,
        },
      },
    },
  };
  return (
    <Line
      role="img"
      aria-label={label}
      options={options}
      data={{
        labels: points.map((point) => point.label),
        datasets: [
          {
            label: 'Balance',
            data: points.map((point) => point.value),
            borderColor: colors.line,
            backgroundColor: colors.lineFill,
            fill: 'origin',
            borderWidth: 2,
            tension: 0,
            pointRadius: points.length > 31 ? 0 : 2,
            segment: {
              borderDash: (context) => (points[context.p1DataIndex]?.upcoming ? [6, 4] : undefined),
            },
            pointHoverRadius: 4,
          },
        ],
      }}
    />
  );
}
