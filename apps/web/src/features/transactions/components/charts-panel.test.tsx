import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Summary } from '@moneta/schema';
import { ChartsPanel } from './charts-panel';
import { categoryRows, formatShare } from './category-report';

// Canvas does not exist in jsdom: the charts show what they were given, as text.
vi.mock('@/components/charts/charts', () => ({
  CategoriesChart: ({
    slices,
    active,
    label,
  }: {
    slices: Array<{ label: string; display: string }>;
    active: number | null;
    label: string;
  }) => (
    <ol data-testid="doughnut" data-active={active ?? ''} aria-label={label}>
      {slices.map((slice) => (
        <li key={slice.label}>{`${slice.label} ${slice.display}`}</li>
      ))}
    </ol>
  ),
  MonthsChart: () => null,
  BalanceChart: ({ points }: { points: Array<{ label: string; display: string }> }) => (
    <ol data-testid="line">
      {points.map((point) => (
        <li key={point.label}>{`${point.label} ${point.display}`}</li>
      ))}
    </ol>
  ),
}));

const category = (
  categoryId: number | null,
  name: string,
  kind: 'income' | 'expense',
  total: string,
) => ({ categoryId, name, kind, total, count: 1 });

const summary: Summary = {
  currency: 'USD',
  accountId: null,
  accounts: [],
  netWorth: {
    currency: 'USD',
    asOf: '2026-03-15',
    amount: '1000.00',
    missingRates: [],
    byCurrency: [],
  },
  from: '2026-03-01',
  to: '2026-03-31',
  balance: '1000.00',
  asOf: '2026-03-31',
  upcoming: { count: 0, balance: '1000.00' },
  income: '2600.00',
  expense: '1234.58',
  net: '1365.42',
  byCategory: [
    category(10, 'Salary', 'income', '2500.00'),
    category(1, 'Rent', 'expense', '900.00'),
    category(2, 'Groceries', 'expense', '250.25'),
    category(null, 'Uncategorised', 'income', '100.00'),
    // Listed out of order, as a cache update might leave them: the table sorts by amount.
    category(4, 'Coffee', 'expense', '4.32'),
    category(3, 'Dining out', 'expense', '80.00'),
    // A tiny slice: well under 0.1% of expenses, still a row with its exact amount.
    category(5, 'Stamps', 'expense', '0.01'),
  ],
  byMonth: [{ month: '2026-03', income: '2600.00', expense: '1234.58' }],
  balanceOverTime: {
    opening: '-365.42',
    step: 'day',
    points: [
      { date: '2026-03-01', balance: '2134.58' },
      { date: '2026-03-02', balance: '-0.01' },
      { date: '2026-03-03', balance: '1000.00' },
    ],
  },
};

function renderPanel(value: Summary | undefined = summary) {
  return render(<ChartsPanel summary={value} currency="USD" periodLabel="March 2026" />);
}

/** The rows of the table labelled by `title`, as [name, amount, share] texts. */
function tableRows(title: RegExp): string[][] {
  const table = screen.getByRole('table', { name: title });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
}

/** Opens the balance line's table, built only once asked for. */
async function openBalanceTable() {
  await userEvent.click(screen.getByText(/^Balance at the end of each (day|month)$/));
  await screen.findByRole('table', { name: /^Balance over time/ });
}

describe('ChartsPanel', () => {
  it('lists every expense category with its exact amount and share, largest first', () => {
    renderPanel();
    expect(tableRows(/^Expenses by category/)).toEqual([
      ['Rent', '$900.00', '72.9%'],
      ['Groceries', '$250.25', '20.3%'],
      ['Dining out', '$80.00', '6.5%'],
      ['Coffee', '$4.32', '0.3%'],
      ['Stamps', '$0.01', '<0.1%'],
      ['Total', '$1,234.58', '100.0%'],
    ]);
  });

  it('shows income by category beside expenses', () => {
    renderPanel();
    expect(tableRows(/^Income by category/)).toEqual([
      ['Salary', '$2,500.00', '96.2%'],
      ['Uncategorised', '$100.00', '3.8%'],
      ['Total', '$2,600.00', '100.0%'],
    ]);
  });

  it('draws the slices in the table order, and points at a slice from its row', async () => {
    renderPanel();
    const figure = screen.getByRole('figure', { name: /^Expenses by category/ });
    const doughnut = await within(figure).findByTestId('doughnut');
    expect(
      within(doughnut)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Rent $900.00',
      'Groceries $250.25',
      'Dining out $80.00',
      'Coffee $4.32',
      'Stamps $0.01',
    ]);
    await userEvent.hover(within(figure).getByRole('rowheader', { name: 'Stamps' }));
    expect(doughnut.dataset.active).toBe('4');
    await userEvent.unhover(within(figure).getByRole('rowheader', { name: 'Stamps' }));
    expect(doughnut.dataset.active).toBe('');
  });

  it('says so when a kind has no categories in the period', () => {
    renderPanel({
      ...summary,
      byCategory: summary.byCategory.filter((entry) => entry.kind === 'expense'),
    });
    expect(screen.getByText('No income in this period.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: /^Income by category/ })).toBeNull();
  });

  it('writes out the balance before and at the end of the period, its lowest, and every point', async () => {
    renderPanel();
    const figure = screen.getByRole('figure', { name: /^Balance over time/ });
    expect(within(figure).getByTestId('balance-opening').textContent).toBe('-$365.42');
    expect(within(figure).getByTestId('balance-closing').textContent).toBe('$1,000.00');
    expect(within(figure).getByTestId('balance-lowest').textContent).toBe('-$0.01');
    expect(within(figure).getByText(/^Lowest · Mar 2, 2026/)).toBeTruthy();
    expect(screen.queryByRole('table', { name: /^Balance over time/ })).toBeNull();
    await openBalanceTable();
    expect(tableRows(/^Balance over time/)).toEqual([
      ['Mar 1, 2026', '$2,134.58'],
      ['Mar 2, 2026', '-$0.01'],
      ['Mar 3, 2026', '$1,000.00'],
    ]);
    const line = await within(figure).findByTestId('line');
    expect(
      within(line)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Mar 1 $2,134.58', 'Mar 2 -$0.01', 'Mar 3 $1,000.00']);
  });

  it('marks the points after today as upcoming', async () => {
    renderPanel({ ...summary, asOf: '2026-03-02' });
    await openBalanceTable();
    expect(tableRows(/^Balance over time/).map(([day]) => day)).toEqual([
      'Mar 1, 2026',
      'Mar 2, 2026',
      'Mar 3, 2026 · upcoming',
    ]);
    expect(screen.getByText(/^Dashed after today \(Mar 2, 2026\)/)).toBeTruthy();
  });

  it('labels a monthly balance line by month', async () => {
    renderPanel({
      ...summary,
      balanceOverTime: {
        opening: '0.00',
        step: 'month',
        points: [
          { date: '2025-12-31', balance: '10.00' },
          { date: '2026-01-15', balance: '12.50' },
        ],
      },
    });
    await openBalanceTable();
    expect(tableRows(/^Balance over time/)).toEqual([
      ['Dec 2025', '$10.00'],
      ['Jan 2026', '$12.50'],
    ]);
  });

  it('has no line before the first transaction', () => {
    renderPanel({ ...summary, balanceOverTime: { opening: '0.00', step: 'day', points: [] } });
    expect(screen.getByText(/^No transactions yet/)).toBeTruthy();
  });

  it('shows loading placeholders until the summary arrives', () => {
    render(<ChartsPanel summary={undefined} currency="USD" periodLabel="March 2026" />);
    expect(screen.getAllByText('Loading chart')).toHaveLength(4);
    expect(screen.queryAllByRole('table')).toEqual([]);
  });
});

describe('category shares', () => {
  it.each([
    [
      ['1', '1', '1'],
      ['33.3%', '33.3%', '33.3%'],
    ],
    [
      ['1', '999'],
      ['99.9%', '0.1%'],
    ],
    [
      ['1', '2999'],
      ['100.0%', '<0.1%'],
    ],
    [
      ['1', '1999'],
      ['100.0%', '0.1%'],
    ],
    [
      ['2', '1', '1'],
      ['50.0%', '25.0%', '25.0%'],
    ],
  ])('of %j are %j, exact and rounded half up', (totals, shares) => {
    const rows = categoryRows(
      totals.map((total, index) => category(index + 1, `C${index}`, 'expense', total)),
      'expense',
      'JPY',
    );
    expect(rows.map(formatShare)).toEqual(shares);
  });
});
