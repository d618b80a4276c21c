import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createQueryClient } from '@/lib/query-client';
import { toast } from '@/components/ui/toast';
import { UNDO_WINDOW_MS } from '@/features/transactions/api/delete-transaction';
import { today } from '@/lib/dates';
import { FakeApi } from '@/test/fake-api';
import { AppProvider } from './provider';
import { AppRoutes } from './routes';
// Loaded up front: the route is lazy, and a cold transform would outlast findBy's timeout.
import './routes/signed-in';

// Canvas does not exist in jsdom; the charts' data is checked through their containers.
vi.mock('@/components/charts/charts', () => ({
  CategoriesChart: () => null,
  MonthsChart: () => null,
  BalanceChart: () => null,
}));

let api: FakeApi;

function renderApp(url: string) {
  window.history.replaceState(null, '', url);
  const queryClient = createQueryClient();
  return render(
    <AppProvider queryClient={queryClient}>
      <AppRoutes />
    </AppProvider>,
  );
}

const amountOf = (testId: string) => screen.getByTestId(testId).getAttribute('data-amount');
const rows = () => screen.queryAllByTestId('history-row');
const rowTitles = () => rows().map((row) => row.querySelector('.row-title')?.textContent);

beforeEach(() => {
  api = new FakeApi().install();
  toast.clear();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('dashboard', () => {
  it('redirects another user’s address to one’s own dashboard', async () => {
    renderApp('/bob?type=income');
    await screen.findByRole('heading', { name: 'Dashboard of alice' });
    expect(window.location.pathname).toBe('/alice');
    expect(api.callsTo('GET').some((call) => call.path.includes('bob'))).toBe(false);
  });

  it('sends a visitor without a session to the login page and remembers where they were', async () => {
    api.user = null;
    renderApp('/alice?q=rent');
    await screen.findByRole('heading', { name: 'Log in' });
    expect(window.location.pathname).toBe('/login');
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/alice?q=rent');
  });

  it('shows a not-found page for unknown paths', async () => {
    renderApp('/alice/settings/x');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });

  it('adds a transaction optimistically, keeps focus, and reconciles with the server', async () => {
    const user = userEvent.setup();
    api.add({ type: 'income', amount: '100.00', title: 'Salary', categoryId: 3, date: today() });
    renderApp('/alice');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Salary']);
    });
    expect(amountOf('balance')).toBe('100.00');

    const release = api.hold('POST', '/transactions');
    await user.selectOptions(screen.getByLabelText('Category'), 'Groceries');
    await user.type(screen.getByLabelText('Amount'), '12,50');
    await user.type(screen.getByLabelText('Title'), 'Coffee beans{Enter}');

    // Before the server answers, the entry is everywhere already.
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Coffee beans', 'Salary']);
    });
    expect(amountOf('balance')).toBe('87.50');
    expect(amountOf('total-expense')).toBe('12.50');
    expect(amountOf('total-net')).toBe('87.50');
    expect(screen.getByTestId('chart-categories').getAttribute('data-values')).toBe(
      'Groceries=12.50',
    );
    expect(
      within(rows()[0] as HTMLElement)
        .getByTestId('row-balance')
        .getAttribute('data-amount'),
    ).toBe('87.50');
    expect(
      within(rows()[0] as HTMLElement)
        .getByTestId('row-amount')
        .getAttribute('data-amount'),
    ).toBe('-12.50');
    // The form is ready for the next entry.
    expect(document.activeElement).toBe(screen.getByLabelText('Amount'));
    expect(screen.getByLabelText<HTMLInputElement>('Title').value).toBe('');

    release();
    await waitFor(() => {
      expect(api.callsTo('POST', '/transactions')).toHaveLength(1);
    });
    expect(api.callsTo('POST', '/transactions')[0]?.body).toEqual({
      accountId: 1,
      type: 'expense',
      amount: '12.50',
      title: 'Coffee beans',
      categoryId: 1,
      date: today(),
      description: null,
    });
    await waitFor(() => {
      expect(rows()[0]?.getAttribute('data-id')).toBe('2');
    });
    expect(amountOf('balance')).toBe('87.50');
  });

  it('says where an entry dated outside the period went, with a way there', async () => {
    const user = userEvent.setup();
    renderApp('/alice?month=2026-03');
    await screen.findByTestId('history-empty');
    await user.type(screen.getByLabelText('Amount'), '4');
    await user.type(screen.getByLabelText('Title'), 'Tea{Enter}');
    const notice = await screen.findByText(/“Tea” is dated .*, outside Mar 2026\./);
    const toastBox = notice.closest('[data-testid="toast"]') as HTMLElement;
    await user.click(within(toastBox).getByRole('button', { name: 'Show' }));
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Tea']);
    });
    // Today's month is the default one: no trace of it in the address, and Back returns to March.
    expect(window.location.search).toBe('');
  });

  it('rolls an add back with a message when the API refuses it', async () => {
    const user = userEvent.setup();
    api.add({ type: 'income', amount: '50.00', title: 'Gift', date: today() });
    renderApp('/alice');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Gift']);
    });

    const release = api.hold('POST', '/transactions');
    api.refuse('POST', '/transactions', 400, {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [{ path: 'categoryId', message: 'is not one of your categories' }],
    });
    await user.type(screen.getByLabelText('Amount'), '20');
    await user.type(screen.getByLabelText('Title'), 'Shoes{Enter}');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Shoes', 'Gift']);
    });
    expect(amountOf('balance')).toBe('30.00');

    release();
    const alert = await screen.findByTestId('add-error');
    expect(alert.textContent).toContain('“Shoes” was not added: The request is not valid.');
    expect(rowTitles()).toEqual(['Gift']);
    expect(amountOf('balance')).toBe('50.00');
    expect(amountOf('total-expense')).toBe('0.00');
    // The entry comes back to be fixed, with the API's message at its field.
    expect(screen.getByLabelText<HTMLInputElement>('Title').value).toBe('Shoes');
    expect(screen.getByText('Category is not one of your categories')).toBeTruthy();
  });

  it('refuses an amount with too many decimals before sending anything', async () => {
    const user = userEvent.setup();
    renderApp('/alice');
    await screen.findByTestId('history-empty');
    await user.type(screen.getByLabelText('Amount'), '3.999');
    await user.type(screen.getByLabelText('Title'), 'Tea{Enter}');
    expect(
      screen.getByText('Amount must have at most 2 decimal places in this currency'),
    ).toBeTruthy();
    expect(api.callsTo('POST')).toHaveLength(0);
    expect(document.activeElement).toBe(screen.getByLabelText('Amount'));
  });

  it('deletes with Undo: nothing is sent when undone', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    api.add({ type: 'income', amount: '100.00', title: 'Salary', date: '2026-03-01' });
    api.add({ type: 'expense', amount: '30.00', title: 'Dinner', date: '2026-03-02' });
    api.add({ type: 'expense', amount: '5.00', title: 'Bus', date: '2026-03-03' });
    renderApp('/alice?period=all');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Bus', 'Dinner', 'Salary']);
    });

    await user.click(screen.getByRole('button', { name: 'Delete “Dinner”' }));
    expect(rowTitles()).toEqual(['Bus', 'Salary']);
    // The later row's running balance no longer counts the dinner.
    expect(
      within(rows()[0] as HTMLElement)
        .getByTestId('row-balance')
        .getAttribute('data-amount'),
    ).toBe('95.00');
    expect(amountOf('balance')).toBe('95.00');

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(rowTitles()).toEqual(['Bus', 'Dinner', 'Salary']);
    expect(amountOf('balance')).toBe('65.00');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS + 100);
    });
    expect(api.callsTo('DELETE')).toHaveLength(0);
    expect(api.rows).toHaveLength(3);
  });

  it('deletes for real once the undo window has passed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    api.add({ type: 'income', amount: '100.00', title: 'Salary', date: '2026-03-01' });
    api.add({ type: 'expense', amount: '30.00', title: 'Dinner', date: '2026-03-02' });
    renderApp('/alice?period=all');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Dinner', 'Salary']);
    });

    await user.click(screen.getByRole('button', { name: 'Delete “Dinner”' }));
    expect(rowTitles()).toEqual(['Salary']);
    expect(api.callsTo('DELETE')).toHaveLength(0);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS + 100);
    });
    expect(api.callsTo('DELETE', '/transactions/2')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Salary']);
    });
    expect(amountOf('balance')).toBe('100.00');
  });

  it('keeps filters in the URL and sends them to the API', async () => {
    const user = userEvent.setup();
    api.add({
      type: 'income',
      amount: '100.00',
      title: 'Salary',
      categoryId: 3,
      date: '2026-03-01',
    });
    api.add({
      type: 'expense',
      amount: '4.00',
      title: 'Coffee',
      categoryId: 1,
      date: '2026-03-02',
    });
    api.add({
      type: 'expense',
      amount: '900.00',
      title: 'March rent',
      categoryId: 2,
      date: '2026-03-03',
    });

    // A bookmarked view opens with its period and filters applied.
    renderApp('/alice?month=2026-03&type=expense&q=coffee');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Coffee']);
    });
    expect(screen.getByLabelText<HTMLSelectElement>('Filter by type').value).toBe('expense');
    expect(screen.getByLabelText<HTMLInputElement>('Search').value).toBe('coffee');
    const firstList = api.callsTo('GET', '/transactions')[0];
    expect(firstList?.query.get('type')).toBe('expense');
    expect(firstList?.query.get('q')).toBe('coffee');
    expect(firstList?.query.get('from')).toBe('2026-03-01');
    expect(firstList?.query.get('to')).toBe('2026-03-31');

    await user.clear(screen.getByLabelText('Search'));
    await waitFor(() => {
      expect(new URLSearchParams(window.location.search).get('q')).toBeNull();
    });
    await waitFor(() => {
      expect(rowTitles()).toEqual(['March rent', 'Coffee']);
    });

    await user.selectOptions(screen.getByLabelText('Filter by category'), 'Rent');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['March rent']);
    });
    expect(window.location.search).toBe('?month=2026-03&type=expense&category=2');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => {
      expect(rowTitles()).toEqual(['March rent', 'Coffee', 'Salary']);
    });
    expect(window.location.search).toBe('?month=2026-03');

    // Back/forward or a pasted link updates the controls.
    act(() => {
      window.history.pushState(null, '', '/alice?month=2026-03&type=income');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Salary']);
    });
    expect(screen.getByLabelText<HTMLSelectElement>('Filter by type').value).toBe('income');
  });

  it('sends an expired session to the login page and back after logging in', async () => {
    const user = userEvent.setup();
    renderApp('/alice?type=income');
    await screen.findByTestId('history-empty');
    api.user = null;
    await user.selectOptions(screen.getByLabelText('Period'), 'all');
    await screen.findByRole('heading', { name: 'Log in' });
    expect(screen.getByText(/Your session has ended/)).toBeTruthy();
    const next = new URLSearchParams(window.location.search).get('next');
    expect(next).toBe('/alice?period=all&type=income');
  });
});
