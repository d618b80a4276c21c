import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
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
let salary: number;
let groceries: number;
let rent: number;

function renderApp(url: string) {
  window.history.replaceState(null, '', url);
  return render(
    <AppProvider queryClient={createQueryClient()}>
      <AppRoutes />
    </AppProvider>,
  );
}

const rowNamed = (title: string) =>
  screen
    .queryAllByTestId('history-row')
    .find((row) => row.querySelector('.row-title')?.textContent === title) as HTMLElement;
const toggle = (title: string) => screen.getByRole('button', { name: `Cleared: ${title}` });
const pressed = (title: string) => toggle(title).getAttribute('aria-pressed');
const dialog = () => screen.getByRole('dialog', { name: 'Reconcile Main account' });
const amount = (testId: string) => within(dialog()).getByTestId(testId).getAttribute('data-amount');
const finishButton = () => within(dialog()).getByRole('button', { name: 'Finish reconciling' });
const balanceField = () => within(dialog()).getByLabelText('Statement ending balance');

async function openReconcile(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Reconcile' }));
  return dialog();
}

beforeEach(() => {
  // The statement date defaults to today: a fixed one, whatever the day the tests run.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-20T12:00:00Z'));
  api = new FakeApi().install();
  api.today = '2026-03-20';
  toast.clear();
  salary = api.add({ type: 'income', amount: '2500.00', title: 'Salary', date: '2026-03-01' }).id;
  groceries = api.add({ amount: '45.20', title: 'Groceries run', date: '2026-03-05' }).id;
  rent = api.add({ amount: '1200.00', title: 'Rent', date: '2026-03-10' }).id;
  api.setFlags(salary, { cleared: true });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

describe('reconciling an account', { timeout: 15_000 }, () => {
  it('shows the cleared state of one account’s rows and toggles it at once', async () => {
    const user = userEvent.setup();
    renderApp('/alice?account=1&period=all');
    await waitFor(() => {
      expect(pressed('Salary')).toBe('true');
    });
    expect(pressed('Groceries run')).toBe('false');
    expect(rowNamed('Salary').getAttribute('aria-label')).toContain('cleared');

    const release = api.hold('PATCH', `/transactions/${groceries}`);
    await user.click(toggle('Groceries run'));
    // Marked before the server answers.
    expect(pressed('Groceries run')).toBe('true');
    expect(api.callsTo('PATCH', `/transactions/${groceries}`)[0]?.body).toEqual({ cleared: true });
    release();
    await waitFor(() => {
      expect(api.cleared.has(groceries)).toBe(true);
    });
    expect(pressed('Groceries run')).toBe('true');

    // And back.
    await user.click(toggle('Groceries run'));
    expect(pressed('Groceries run')).toBe('false');
    await waitFor(() => {
      expect(api.cleared.has(groceries)).toBe(false);
    });
  });

  it('puts the flag back and says why when the server refuses', async () => {
    const user = userEvent.setup();
    renderApp('/alice?account=1&period=all');
    await waitFor(() => {
      expect(pressed('Rent')).toBe('false');
    });
    api.refuse('PATCH', `/transactions/${rent}`, 409, {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'This transaction is reconciled.',
    });
    // The refetch after the refusal waits: the flag must come back from the cache itself.
    const releaseList = api.hold('GET', '/transactions');
    await user.click(toggle('Rent'));
    await waitFor(() => {
      expect(api.callsTo('PATCH', `/transactions/${rent}`)).toHaveLength(1);
    });
    await waitFor(() => {
      expect(pressed('Rent')).toBe('false');
    });
    expect(
      await screen.findByText('Could not mark “Rent” as cleared: This transaction is reconciled.'),
    ).toBeTruthy();
    expect(api.cleared.has(rent)).toBe(false);
    releaseList();
  });

  it('offers neither toggles nor Reconcile for all accounts, nor Reconcile for a closed account', async () => {
    const old = api.openAccount({ name: 'Old checking', closed: true }).id;
    renderApp('/alice?period=all');
    await waitFor(() => {
      expect(rowNamed('Rent')).toBeTruthy();
    });
    expect(screen.queryByRole('button', { name: /^Cleared:/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reconcile' })).toBeNull();

    cleanup();
    renderApp(`/alice?account=${old}&period=all`);
    await waitFor(() => {
      expect(screen.getByTestId('overview-heading').textContent).toBe('Old checking');
    });
    expect(screen.queryByRole('button', { name: 'Reconcile' })).toBeNull();
  });

  it('previews the difference, keeps what was typed while rows are cleared, and finishes at 0', async () => {
    const user = userEvent.setup();
    renderApp('/alice?account=1&period=all');
    await openReconcile(user);
    expect(within(dialog()).getByLabelText<HTMLInputElement>('Statement date').value).toBe(
      '2026-03-20',
    );
    await waitFor(() => {
      expect(amount('cleared-balance')).toBe('2500.00');
    });
    expect(within(dialog()).getByTestId('uncleared-count').textContent).toBe(
      '2 transactions up to Mar 20, 2026 are not cleared.',
    );
    expect(within(dialog()).getByTestId('last-reconciliation').textContent).toBe(
      'Not reconciled before.',
    );

    // The statement: salary in, groceries and rent out.
    await user.type(balanceField(), '1254.80');
    await waitFor(() => {
      expect(amount('difference')).toBe('-1245.20');
    });
    expect(amount('statement-balance')).toBe('1254.80');
    expect(finishButton()).toHaveProperty('disabled', true);
    const explanation = document.getElementById(
      finishButton().getAttribute('aria-describedby') ?? '',
    );
    expect(explanation?.textContent).toContain(
      'The statement is $1,245.20 less than the cleared balance.',
    );
    expect(
      api.callsTo('GET', '/accounts/1/reconciliation').at(-1)?.query.get('statementBalance'),
    ).toBe('1254.80');

    // Off to the history to clear the rows on the statement, then back.
    await user.click(within(dialog()).getByRole('button', { name: 'Back to history' }));
    await user.click(toggle('Groceries run'));
    await user.click(toggle('Rent'));
    await openReconcile(user);
    expect(balanceField()).toHaveProperty('value', '1254.80');
    await waitFor(() => {
      expect(amount('difference')).toBe('0.00');
    });
    expect(finishButton()).toHaveProperty('disabled', false);

    await user.click(finishButton());
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(api.callsTo('POST', '/accounts/1/reconciliations')[0]?.body).toEqual({
      date: '2026-03-20',
      statementBalance: '1254.80',
    });
    expect(await screen.findByText('Reconciled 3 transactions')).toBeTruthy();
    // The rows are locked now: a lock mark instead of the toggle.
    await waitFor(() => {
      expect(screen.getByRole('img', { name: 'Reconciled: Groceries run' })).toBeTruthy();
    });
    expect(screen.getByRole('img', { name: 'Reconciled: Salary' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Cleared:/ })).toBeNull();

    // Opened again, it starts afresh and names the last reconciliation.
    await openReconcile(user);
    expect(balanceField()).toHaveProperty('value', '');
    await waitFor(() => {
      expect(within(dialog()).getByTestId('last-reconciliation').textContent).toBe(
        'Last reconciled for Mar 20, 2026, at $1,254.80.',
      );
    });
  });

  it('refuses more decimals than the currency has, and shows an API refusal on its field', async () => {
    const user = userEvent.setup();
    renderApp('/alice?account=1&period=all');
    await openReconcile(user);
    await user.type(balanceField(), '2500.001');
    expect(
      within(dialog()).getByText(
        'Statement ending balance must have at most 2 decimal places in this currency',
      ),
    ).toBeTruthy();
    expect(balanceField().getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog()).getByTestId('difference').textContent).toBe('—');
    expect(finishButton()).toHaveProperty('disabled', true);

    // The preview agreed, but the cleared rows changed meanwhile: the server says by how much.
    await user.clear(balanceField());
    await user.type(balanceField(), '2500');
    await waitFor(() => {
      expect(finishButton()).toHaveProperty('disabled', false);
    });
    api.refuse('POST', '/accounts/1/reconciliations', 409, {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'The statement differs from the cleared balance by 45.20 USD.',
      errors: [{ path: 'statementBalance', message: 'differs from the cleared balance by 45.20' }],
    });
    await user.click(finishButton());
    expect(
      await within(dialog()).findByText(
        'Statement ending balance differs from the cleared balance by 45.20',
      ),
    ).toBeTruthy();
    expect(api.reconciliations).toHaveLength(0);
  });

  it('locks a reconciled row in its edit dialog until it is unlocked', async () => {
    const user = userEvent.setup();
    api.setFlags(groceries, { reconciled: true });
    renderApp('/alice?account=1&period=all');
    const mark = await screen.findByRole('img', { name: 'Reconciled: Groceries run' });
    expect(
      within(rowNamed('Groceries run')).queryByRole('button', { name: /^Cleared:/ }),
    ).toBeNull();

    await user.click(
      within(mark.closest('[role="row"]') as HTMLElement).getByRole('button', {
        name: 'Edit “Groceries run”',
      }),
    );
    // The API refuses to delete it: so does the row.
    expect(
      within(rowNamed('Groceries run')).getByRole('button', { name: 'Delete “Groceries run”' }),
    ).toHaveProperty('disabled', true);
    const edit = screen.getByRole('dialog', { name: 'Edit transaction' });
    expect(within(edit).getByTestId('locked-note').textContent).toContain(
      'its amount, date, account and type are locked',
    );
    expect(within(edit).getByLabelText('Amount')).toHaveProperty('disabled', true);
    expect(within(edit).getByLabelText('Date')).toHaveProperty('disabled', true);
    expect(within(edit).getByLabelText('Title')).toHaveProperty('disabled', false);

    await user.click(within(edit).getByRole('button', { name: 'Unlock' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Unlock this transaction?' });
    await user.click(within(confirm).getByRole('button', { name: 'Unlock' }));
    await waitFor(() => {
      expect(within(edit).getByLabelText('Amount')).toHaveProperty('disabled', false);
    });
    expect(api.callsTo('PATCH', `/transactions/${groceries}`).map((call) => call.body)).toEqual([
      { reconciled: false },
    ]);
    expect(within(edit).queryByTestId('locked-note')).toBeNull();

    await user.click(within(edit).getByRole('button', { name: 'Cancel' }));
    // Unlocked, it is a cleared row again.
    await waitFor(() => {
      expect(pressed('Groceries run')).toBe('true');
    });
  });
});
