import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
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
  return render(
    <AppProvider queryClient={createQueryClient()}>
      <AppRoutes />
    </AppProvider>,
  );
}

function cleanupAndRender(url: string) {
  cleanup();
  renderApp(url);
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
  window.localStorage.clear();
});

// Whole-app renders: the first one in a file pays for loading the dashboard's modules.
describe('accounts on the dashboard', { timeout: 15_000 }, () => {
  it('lists all accounts first, then each open one with its balance in its own currency', async () => {
    renderApp('/alice?period=all');
    await waitFor(
      () => {
        expect(listed()).toEqual([
          'All accounts: $3,470.00 + -¥1,200',
          'Main account: $2,500.00',
          'Savings: $970.00',
          'Yen cash: -¥1,200',
        ]);
      },
      { timeout: 4000 },
    );
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

  it('adds into the account shown, at once in its balance everywhere, and remembers it', async () => {
    const user = userEvent.setup();
    renderApp(`/alice?account=${savings}&period=all`);
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Fee', 'Opening balance']);
    });
    const form = screen.getByRole('form', { name: 'Add a transaction' });
    const picker = within(form).getByLabelText<HTMLSelectElement>('Account');
    expect(picker.value).toBe(String(savings));
    // Open accounts only.
    expect([...picker.options].map((option) => option.text)).toEqual([
      'Main account (USD)',
      'Savings (USD)',
      'Yen cash (JPY)',
    ]);

    const release = api.hold('POST', '/transactions');
    await user.type(within(form).getByLabelText('Amount'), '20');
    await user.type(within(form).getByLabelText('Title'), 'Transfer fee{Enter}');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Transfer fee', 'Fee', 'Opening balance']);
    });
    // Before the server answers: the row's balance is Savings', and so are the list and totals.
    expect(
      within(rowNamed('Transfer fee')).getByTestId('row-balance').getAttribute('data-amount'),
    ).toBe('950.00');
    expect(listed()).toContain('Savings: $950.00');
    expect(listed()).toContain('All accounts: $3,450.00 + -¥1,200');
    expect(amountOf('balance')).toBe('950.00');
    release();
    await waitFor(() => {
      expect(api.callsTo('POST', '/transactions')[0]?.body).toMatchObject({ accountId: savings });
    });
    expect(window.localStorage.getItem('moneta:last-account:1')).toBe(String(savings));
  });

  it('defaults to the last account used when showing all accounts, else the default one', async () => {
    window.localStorage.setItem('moneta:last-account:1', String(cash));
    renderApp('/alice?period=all');
    const form = await screen.findByRole('form', { name: 'Add a transaction' });
    await waitFor(() => {
      expect(within(form).getByLabelText<HTMLSelectElement>('Account').value).toBe(String(cash));
    });
    // Yen have no decimals: the amount is read in the picked account's currency.
    const user = userEvent.setup();
    await user.type(within(form).getByLabelText('Amount'), '12.5');
    await user.type(within(form).getByLabelText('Title'), 'Gum{Enter}');
    expect(within(form).getByText('Amount must be a whole number in this currency')).toBeTruthy();
    expect(api.callsTo('POST', '/transactions')).toHaveLength(0);

    // What was remembered is closed now: the default account.
    window.localStorage.setItem('moneta:last-account:1', String(old));
    cleanupAndRender('/alice?period=all');
    const again = await screen.findByRole('form', { name: 'Add a transaction' });
    await waitFor(() => {
      expect(within(again).getByLabelText<HTMLSelectElement>('Account').value).toBe('1');
    });
  });

  it('moves a row to another account from the edit dialog', async () => {
    const user = userEvent.setup();
    renderApp(`/alice?account=${savings}&period=all`);
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Fee', 'Opening balance']);
    });
    await user.click(screen.getByRole('button', { name: 'Edit “Fee”' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit transaction' });
    await user.selectOptions(within(dialog).getByLabelText('Account'), 'Main account (USD)');
    // Same currency: the amount stays.
    expect(within(dialog).getByLabelText<HTMLInputElement>('Amount').value).toBe('30.00');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Opening balance']);
    });
    expect(api.callsTo('PATCH')[0]?.body).toEqual({ accountId: 1 });
    expect(screen.getByText('Moved “Fee” to Main account.')).toBeTruthy();
    await waitFor(() => {
      expect(listed()).toContain('Savings: $1,000.00');
    });
    expect(listed()).toContain('Main account: $2,470.00');
  });

  it('asks for the amount again when a row moves to another currency', async () => {
    const user = userEvent.setup();
    renderApp('/alice?period=all');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Ramen', 'Fee', 'Salary', 'Opening balance']);
    });
    await user.click(screen.getByRole('button', { name: 'Edit “Fee”' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit transaction' });
    await user.selectOptions(within(dialog).getByLabelText('Account'), 'Yen cash (JPY)');
    const amount = within(dialog).getByLabelText<HTMLInputElement>('Amount');
    expect(amount.value).toBe('');
    expect(within(dialog).getByText('In JPY: 30.00 USD is not converted.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      within(dialog).getByText('Amount must be entered again in JPY: it is not converted'),
    ).toBeTruthy();
    expect(document.activeElement).toBe(amount);
    expect(api.callsTo('PATCH')).toHaveLength(0);

    // The API's word on the account lands on the account field.
    const fee = rowNamed('Fee').getAttribute('data-id') ?? '';
    api.refuse('PATCH', `/transactions/${fee}`, 400, {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [{ path: 'accountId', message: '"Yen cash" is closed' }],
    });
    await user.type(amount, '4500');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('"Yen cash" is closed')).toBeTruthy();
    expect(within(dialog).getByLabelText('Account').getAttribute('aria-invalid')).toBe('true');
    expect(api.callsTo('PATCH')[0]?.body).toEqual({ accountId: cash, amount: '4500' });

    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Edit transaction' })).toBeNull();
    });
    await waitFor(() => {
      expect(within(rowNamed('Fee')).getByTestId('row-amount').textContent).toBe('-¥4,500');
    });
    expect(listed()).toContain('Yen cash: -¥5,700');
    expect(listed()).toContain('Savings: $1,000.00');
  });

  it('opens an account: a too-precise opening balance is named on its field, then it is shown', async () => {
    const user = userEvent.setup();
    renderApp('/alice?period=all');
    await screen.findByRole('navigation', { name: 'Accounts' });
    await user.click(await within(switcher()).findByRole('button', { name: 'New account' }));
    const dialog = await screen.findByRole('dialog', { name: 'New account' });
    await user.type(within(dialog).getByLabelText('Name'), 'Visa card');
    await user.selectOptions(within(dialog).getByLabelText('Kind'), 'credit_card');
    await user.type(within(dialog).getByLabelText('Opening balance'), '-310.255');
    await user.click(within(dialog).getByRole('button', { name: 'Open account' }));
    expect(
      await within(dialog).findByText(/Opening balance must have at most 2 decimal places/),
    ).toBeTruthy();
    expect(api.callsTo('POST', '/accounts')).toHaveLength(0);
    await user.clear(within(dialog).getByLabelText('Opening balance'));
    await user.type(within(dialog).getByLabelText('Opening balance'), '−310,25');
    await user.click(within(dialog).getByRole('button', { name: 'Open account' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(api.callsTo('POST', '/accounts')[0]?.body).toMatchObject({
      name: 'Visa card',
      kind: 'credit_card',
      currency: 'USD',
      openingBalance: '-310.25',
    });
    const created = api.accounts.find((a) => a.name === 'Visa card');
    await waitFor(() => {
      expect(new URLSearchParams(window.location.search).get('account')).toBe(String(created?.id));
    });
    expect(await screen.findByTestId('overview-heading')).toHaveProperty(
      'textContent',
      'Visa card',
    );
    await waitFor(() => {
      expect(listed()).toContain('Visa card: -$310.25');
    });
  });

  it('edits only what changed, keeps the currency of an account with history, and closes it', async () => {
    const user = userEvent.setup();
    renderApp('/alice?period=all');
    await screen.findByRole('navigation', { name: 'Accounts' });
    await user.click(await within(switcher()).findByRole('button', { name: 'Edit Savings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Savings' });
    expect(within(dialog).getByLabelText('Currency')).toHaveProperty('disabled', true);
    expect(within(dialog).getByText(/it can be closed but not deleted/)).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Delete account' })).toBeNull();
    // A name another account has is refused on the field, as the API names it.
    await user.clear(within(dialog).getByLabelText('Name'));
    await user.type(within(dialog).getByLabelText('Name'), 'yen CASH');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText('You already have an account with this name.'),
    ).toBeTruthy();
    await user.clear(within(dialog).getByLabelText('Name'));
    await user.type(within(dialog).getByLabelText('Name'), 'Rainy day');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(api.callsTo('PATCH', `/accounts/${savings}`).at(-1)?.body).toEqual({
      name: 'Rainy day',
    });
    await waitFor(() => {
      expect(listed()).toContain('Rainy day: $970.00');
    });

    await user.click(within(switcher()).getByRole('button', { name: 'Edit Rainy day' }));
    const again = await screen.findByRole('dialog', { name: 'Edit Rainy day' });
    await user.click(within(again).getByRole('button', { name: 'Close account' }));
    // Money is left in it: closing asks first, saying how much.
    const ask = await screen.findByRole('alertdialog', { name: 'Close Rainy day?' });
    expect(ask.textContent).toContain('$970.00');
    // (The refused name and the rename so far; not the close.)
    expect(api.callsTo('PATCH', `/accounts/${savings}`)).toHaveLength(2);
    await user.click(within(ask).getByRole('button', { name: 'Close account' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(api.callsTo('PATCH', `/accounts/${savings}`).at(-1)?.body).toEqual({ closed: true });
    await waitFor(() => {
      expect(listed().some((line) => line.startsWith('Rainy day'))).toBe(false);
    });
    expect(within(switcher()).getByRole('button', { name: 'Closed (2)' })).toBeTruthy();
  });

  it('deletes an empty account after a question; the default one cannot be closed', async () => {
    const user = userEvent.setup();
    const empty = api.openAccount({ name: 'Spare' }).id;
    renderApp(`/alice?period=all&account=${empty}`);
    await screen.findByRole('navigation', { name: 'Accounts' });
    await user.click(await within(switcher()).findByRole('button', { name: 'Edit Spare' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Spare' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete account' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete Spare?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete account' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).toBeNull();
    });
    expect(api.callsTo('DELETE', `/accounts/${empty}`)).toHaveLength(1);
    // The account shown is gone: all accounts are shown instead.
    await waitFor(() => {
      expect(new URLSearchParams(window.location.search).get('account')).toBeNull();
    });

    await user.click(within(switcher()).getByRole('button', { name: 'Edit Main account' }));
    const main = await screen.findByRole('dialog', { name: 'Edit Main account' });
    expect(within(main).getByRole('button', { name: 'Close account' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(within(main).getByRole('checkbox', { name: /Default account/ })).toHaveProperty(
      'disabled',
      true,
    );
  });
});
