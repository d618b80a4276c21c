import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createQueryClient } from '@/lib/query-client';
import { toast } from '@/components/ui/toast';
import { FakeApi } from '@/test/fake-api';
import { AppProvider } from './provider';
import { AppRoutes } from './routes';
// Loaded up front: the route is lazy, and a cold transform would outlast findBy's timeout.
import './routes/signed-in';

// Not about charts: no canvas in jsdom.
vi.mock('@/features/transactions/components/charts-panel', () => ({ ChartsPanel: () => null }));

let api: FakeApi;
let savings: number;
let cash: number;
let old: number;

function renderApp(url: string) {
  window.history.replaceState(null, '', url);
  render(
    <AppProvider queryClient={createQueryClient()}>
      <AppRoutes />
    </AppProvider>,
  );
}

const rows = () => screen.queryAllByTestId('history-row');
const rowTitles = () => rows().map((row) => row.querySelector('.row-title')?.textContent);
const rowNamed = (title: string) =>
  rows().find((row) => row.querySelector('.row-title')?.textContent === title) as HTMLElement;
const amountOf = (testId: string) => screen.getByTestId(testId).getAttribute('data-amount');
const switcher = () => screen.getByRole('navigation', { name: 'Accounts' });
const accountLink = (name: RegExp) => within(switcher()).getByRole('link', { name });
/** Each account's name and balance as the list shows them. */
const listed = () =>
  within(switcher())
    .queryAllByTestId('account-item')
    .filter((item) => !item.closest('[hidden]'))
    .map((item) => {
      const name = item.querySelector('.account-name')?.textContent;
      const balances = [...item.querySelectorAll('[data-testid="account-balance"]')].map(
        (b) => b.textContent,
      );
      return `${name ?? ''}: ${balances.join(' + ')}`;
    });

beforeEach(() => {
  api = new FakeApi().install();
  toast.clear();
  savings = api.openAccount({
    name: 'Savings',
    kind: 'savings',
    openingBalance: '1000.00',
    openingDate: '2026-01-01',
  }).id;
  cash = api.openAccount({ name: 'Yen cash', kind: 'cash', currency: 'JPY' }).id;
  old = api.openAccount({ name: 'Old checking', closed: true }).id;
  api.add({ type: 'income', amount: '2500.00', title: 'Salary', date: '2026-03-01' });
  api.add({ accountId: savings, amount: '30.00', title: 'Fee', date: '2026-03-02' });
  api.add({ accountId: cash, amount: '1200', title: 'Ramen', date: '2026-03-03' });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('accounts on the dashboard', () => {
  it('lists all accounts first, then each open one with its balance in its own currency', async () => {
    renderApp('/alice?period=all');
    await waitFor(() => {
      expect(listed()).toEqual([
        'All accounts: $3,470.00 + -¥1,200',
        'Main account: $2,500.00',
        'Savings: $970.00',
        'Yen cash: -¥1,200',
      ]);
    });
    expect(accountLink(/^All accounts/).getAttribute('aria-current')).toBe('page');

    // The closed one is tucked away, still there to read.
    const closed = within(switcher()).getByRole('button', { name: /Closed \(1\)/ });
    expect(closed.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(closed);
    expect(listed()).toContain('Old checking: $0.00');
  });

  it('shows one account’s rows, balance and totals, and Back returns to all accounts', async () => {
    const user = userEvent.setup();
    renderApp('/alice?period=all');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Ramen', 'Fee', 'Salary', 'Opening balance']);
    });

    await user.click(accountLink(/^Savings/));
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Fee', 'Opening balance']);
    });
    expect(window.location.search).toBe('?account=2&period=all');
    expect(accountLink(/^Savings/).getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('overview-heading').textContent).toBe('Savings');
    await waitFor(() => {
      expect(amountOf('balance')).toBe('970.00');
    });
    expect(amountOf('total-expense')).toBe('30.00');
    expect(api.callsTo('GET', '/transactions').at(-1)?.query.get('accountId')).toBe('2');
    expect(api.callsTo('GET', '/summary').at(-1)?.query.get('accountId')).toBe('2');
    // One account's rows need no account name.
    expect(screen.queryAllByTestId('row-account')).toHaveLength(0);
    expect(screen.getByTestId('export-csv').getAttribute('href')).toContain('accountId=2');
    expect(screen.getByTestId('report-pdf').getAttribute('href')).toContain('accountId=2');

    // The yen account: its amounts in yen, its totals in yen.
    await user.click(accountLink(/^Yen cash/));
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Ramen']);
    });
    await waitFor(() => {
      expect(amountOf('balance')).toBe('-1200');
    });
    expect(screen.getByTestId('balance').textContent).toBe('-¥1,200');

    act(() => {
      window.history.back();
    });
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Fee', 'Opening balance']);
    });
    act(() => {
      window.history.back();
    });
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Ramen', 'Fee', 'Salary', 'Opening balance']);
    });
    expect(window.location.search).toBe('?period=all');
  });

  it('names each row’s account in all accounts, in its own currency, and says what is not summed', async () => {
    renderApp('/alice?period=all');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Ramen', 'Fee', 'Salary', 'Opening balance']);
    });
    const ramen = rowNamed('Ramen');
    expect(within(ramen).getByTestId('row-account').textContent).toBe('Yen cash');
    expect(within(ramen).getByTestId('row-amount').textContent).toBe('-¥1,200');
    expect(within(ramen).getByTestId('row-balance').textContent).toBe('-¥1,200');
    // Each row's balance is its own account's: the fee is after the opening 1000, not the salary.
    expect(within(rowNamed('Fee')).getByTestId('row-balance').getAttribute('data-amount')).toBe(
      '970.00',
    );
    expect(ramen.getAttribute('aria-label')).toContain('Yen cash');
    // Dollars and yen do not add up: the totals are of the dollar accounts, and say so.
    await waitFor(() => {
      expect(amountOf('balance')).toBe('3470.00');
    });
    expect(screen.getByTestId('totals-note').textContent).toBe(
      'Totals of your USD accounts. Not counted: Yen cash -¥1,200.',
    );
  });

  it('drops an account that is not one of the user’s from the address', async () => {
    renderApp('/alice?account=77&month=2026-03');
    await waitFor(() => {
      expect(window.location.search).toBe('?month=2026-03');
    });
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Ramen', 'Fee', 'Salary']);
    });
    expect(accountLink(/^All accounts/).getAttribute('aria-current')).toBe('page');
  });

  it('opens a closed account from its address, with the closed ones shown', async () => {
    api.rows.push({
      id: 99,
      accountId: old,
      currency: 'USD',
      type: 'expense',
      amount: '20.00',
      change: '-20.00',
      title: 'Last cheque',
      description: null,
      categoryId: null,
      date: '2025-12-30',
      createdAt: '2025-12-30T10:00:00.000Z',
      updatedAt: '2025-12-30T10:00:00.000Z',
    });
    renderApp(`/alice?account=${old}&period=all`);
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Last cheque']);
    });
    const link = accountLink(/^Old checking/);
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(link.closest('[hidden]')).toBeNull();
  });
});
