import { useSyncExternalStore } from 'react';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
  type ChartOptions,
} from 'chart.js';
import { Bar, Doughnut } from 'react-chartjs-2';

// Registered once, here: only the pieces these two charts use end up in the bundle.
Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
);

const PALETTE = [
  '#2f7de1',
  '#e8663d',
  '#2aa876',
  '#c44bc0',
  '#e0a100',
  '#6c5ce7',
  '#00a3b4',
  '#d9485f',
  '#7a8b1f',
  '#8d6e63',
];
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
    border: dark ? '#1b1f27' : '#ffffff',
  };
}

export interface Slice {
  label: string;
  /** For drawing only; the exact amount is in `display`. */
  value: number;
  display: string;
}

export function CategoriesChart({ slices, label }: { slices: readonly Slice[]; label: string }) {
  const colors = useThemeColors();
  const options: ChartOptions<'doughnut'> = {
    responsive: true,
    maintainAspectRatio: false,
    cutout: '58%',
    plugins: {
      legend: { position: 'bottom', labels: { color: colors.text, boxWidth: 12 } },
      tooltip: { callbacks: { label: (item) => ` ${slices[item.dataIndex]?.display ?? ''}` } },
    },
  };
  return (
    <Doughnut
      role="img"
      aria-label={label}
      options={options}
      data={{
        labels: slices.map((slice) => slice.label),
        datasets: [
          {
            data: slices.map((slice) => slice.value),
            backgroundColor: slices.map((_, index) => PALETTE[index % PALETTE.length] ?? '#888'),
            borderColor: colors.border,
            borderWidth: 2,
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
