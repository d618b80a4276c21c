import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { onlineManager, type QueryClient } from '@tanstack/react-query';
import { createQueryClient } from '@/lib/query-client';
import { toast } from '@/components/ui/toast';
import { UNDO_WINDOW_MS } from '@/features/transactions/api/delete-transaction';
import { transactionsQueryOptions } from '@/features/transactions/api/get-transactions';
import { FakeApi } from '@/test/fake-api';
import { today } from '@/lib/dates';
import { AppProvider } from './provider';
import { AppRoutes } from './routes';
// Loaded up front: the route is lazy, and a cold transform would outlast findBy's timeout.
import './routes/signed-in';

// Not about charts: their lazy chunk would load under fake timers, with no canvas in jsdom.
vi.mock('@/features/transactions/components/charts-panel', () => ({ ChartsPanel: () => null }));

let api: FakeApi;
let queryClient: QueryClient;

function renderApp(url: string) {
  window.history.replaceState(null, '', url);
  queryClient = createQueryClient();
  render(
    <AppProvider queryClient={queryClient}>
      <AppRoutes />
    </AppProvider>,
  );
}

const rows = () => screen.queryAllByTestId('history-row');
const rowTitles = () => rows().map((row) => row.querySelector('.row-title')?.textContent);
const rowNamed = (title: string) =>
  rows().find((row) => row.querySelector('.row-title')?.textContent === title) as HTMLElement;
const balanceOf = (title: string) =>
  within(rowNamed(title)).getByTestId('row-balance').getAttribute('data-amount');
const toastTexts = () => screen.queryAllByTestId('toast').map((t) => t.textContent);
/** What the cache holds for the unfiltered history: the server's rows, not the screen's. */
const cachedTitles = () =>
  queryClient
    .getQueryData(transactionsQueryOptions({}).queryKey)
    ?.pages.flatMap((page) => page.items.map((item) => item.title));

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function setNetwork(online: boolean) {
  act(() => {
    window.dispatchEvent(new Event(online ? 'online' : 'offline'));
  });
}

beforeEach(() => {
  api = new FakeApi().install();
  toast.clear();
  vi.useFakeTimers({ shouldAdvanceTime: true });
});

afterEach(() => {
  onlineManager.setOnline(true);
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const user = () => userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });

describe('delete with undo', () => {
  beforeEach(() => {
    api.add({ type: 'income', amount: '100.00', title: 'Salary', date: '2026-03-01' });
    api.add({ type: 'expense', amount: '30.00', title: 'Dinner', date: '2026-03-02' });
    api.add({ type: 'expense', amount: '5.00', title: 'Bus', date: '2026-03-03' });
  });

  it('hides the row on screen only; Undo brings back the same row and sends nothing', async () => {
    const person = user();
    renderApp('/alice?period=all');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Bus', 'Dinner', 'Salary']);
    });

    await person.click(screen.getByRole('button', { name: 'Delete “Dinner”' }));
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Bus', 'Salary']);
    });
    expect(balanceOf('Bus')).toBe('95.00');
    expect(screen.getByTestId('balance').getAttribute('data-amount')).toBe('95.00');
    // The cache still holds what the server says: the row is only hidden on the way to the screen.
    expect(cachedTitles()).toEqual(['Bus', 'Dinner', 'Salary']);

    await person.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Bus', 'Dinner', 'Salary']);
    });
    expect(rowNamed('Dinner').getAttribute('data-id')).toBe('2');
    expect(balanceOf('Bus')).toBe('65.00');
    expect(toastTexts().some((text) => text.includes('Restored “Dinner”'))).toBe(true);
    await advance(UNDO_WINDOW_MS + 100);
    expect(api.callsTo('DELETE')).toHaveLength(0);
  });

  it('sends the DELETE when the window closes, then the cache drops the row too', async () => {
    const person = user();
    renderApp('/alice?period=all');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Bus', 'Dinner', 'Salary']);
    });
    await person.click(screen.getByRole('button', { name: 'Delete “Dinner”' }));
    await advance(UNDO_WINDOW_MS - 100);
    expect(api.callsTo('DELETE')).toHaveLength(0);
    await advance(200);
    expect(api.callsTo('DELETE', '/transactions/2')).toHaveLength(1);
    await waitFor(() => {
      expect(cachedTitles()).toEqual(['Bus', 'Salary']);
    });
    expect(rowTitles()).toEqual(['Bus', 'Salary']);
    expect(balanceOf('Bus')).toBe('95.00');
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('puts the row back and says so when the server refuses the DELETE', async () => {
    const person = user();
    renderApp('/alice?period=all');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Bus', 'Dinner', 'Salary']);
    });
    api.refuse('DELETE', '/transactions/2', 409, {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'This transaction is locked.',
    });
    await person.click(screen.getByRole('button', { name: 'Delete “Dinner”' }));
    await advance(UNDO_WINDOW_MS + 100);
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Bus', 'Dinner', 'Salary']);
    });
    expect(balanceOf('Bus')).toBe('65.00');
    expect(screen.getByRole('alert').textContent).toContain(
      'Could not delete “Dinner”: This transaction is locked.',
    );
    expect(api.rows).toHaveLength(3);
  });

  it('sends a waiting DELETE at once when logging out', async () => {
    const person = user();
    renderApp('/alice?period=all');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Bus', 'Dinner', 'Salary']);
    });
    await person.click(screen.getByRole('button', { name: 'Delete “Dinner”' }));
    await person.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => {
      expect(api.callsTo('POST', '/auth/logout')).toHaveLength(1);
    });
    expect(api.callsTo('DELETE', '/transactions/2')).toHaveLength(1);
    expect(api.rows.map((row) => row.title)).toEqual(['Salary', 'Bus']);
  });
});

describe('adding without a connection', () => {
  async function addCoffee(person: ReturnType<typeof user>) {
    await person.type(screen.getByLabelText('Amount'), '3.20');
    await person.type(screen.getByLabelText('Title'), 'Coffee{Enter}');
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Coffee']);
    });
  }
  const savingText = () => within(rowNamed('Coffee')).queryByTestId('row-saving')?.textContent;
  const posts = () => api.callsTo('POST', '/transactions');

  it('says it is offline, then saves once the browser is back online', async () => {
    const person = user();
    renderApp('/alice');
    await screen.findByTestId('history-empty');
    setNetwork(false);
    await addCoffee(person);

    await waitFor(() => {
      expect(savingText()).toBe('Offline — will save when you are back online');
    });
    expect(toastTexts()).toContain('Offline — will save when you are back online.×');
    await advance(60_000);
    expect(posts()).toHaveLength(0);

    setNetwork(true);
    await waitFor(() => {
      expect(rowNamed('Coffee').getAttribute('data-id')).toBe('1');
    });
    expect(posts()).toHaveLength(1);
    expect(api.rows).toHaveLength(1);
    expect(savingText()).toBeUndefined();
    expect(toastTexts()).toEqual([]);
  });

  it('tries again with the same Idempotency-Key when the answer was lost on the way', async () => {
    const person = user();
    renderApp('/alice');
    await screen.findByTestId('history-empty');
    // The server records the entry, but the browser only sees a failed fetch.
    api.failNetwork('POST', '/transactions', { reached: true });
    await addCoffee(person);
    await waitFor(() => {
      expect(savingText()).toBe('Cannot reach Moneta — trying again…');
    });
    expect(toastTexts()).toContain('Cannot reach Moneta. Trying again…×');

    await advance(1_100);
    await waitFor(() => {
      expect(rowNamed('Coffee').getAttribute('data-id')).toBe('1');
    });
    const [first, retry] = posts();
    expect(posts()).toHaveLength(2);
    expect(first?.headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    expect(retry?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
    // Exactly one transaction, shown once.
    expect(api.rows).toHaveLength(1);
    await waitFor(() => {
      expect(rowTitles()).toEqual(['Coffee']);
    });
    expect(toastTexts()).toEqual([]);
  });

  it('goes from retrying to waiting offline and still sends one entry', async () => {
    const person = user();
    renderApp('/alice');
    await screen.findByTestId('history-empty');
    api.failNetwork('POST', '/transactions');
    await addCoffee(person);
    await waitFor(() => {
      expect(savingText()).toBe('Cannot reach Moneta — trying again…');
    });
    setNetwork(false);
    await advance(5_000);
    expect(savingText()).toBe('Offline — will save when you are back online');
    expect(posts()).toHaveLength(1);
    setNetwork(true);
    await waitFor(() => {
      expect(rowNamed('Coffee').getAttribute('data-id')).toBe('1');
    });
    expect(new Set(posts().map((call) => call.headers['idempotency-key'])).size).toBe(1);
    expect(api.rows).toHaveLength(1);
  });

  it('gives the entry back with a message when the server stays out of reach', async () => {
    const person = user();
    renderApp('/alice');
    await screen.findByTestId('history-empty');
    for (let attempt = 0; attempt < 5; attempt += 1) api.failNetwork('POST', '/transactions');
    await addCoffee(person);
    await advance(60_000);
    const alert = await screen.findByTestId('add-error');
    expect(alert.textContent).toContain('“Coffee” was not added: Could not reach Moneta.');
    expect(posts()).toHaveLength(5);
    expect(rowTitles()).toEqual([]);
    expect(screen.getByLabelText<HTMLInputElement>('Title').value).toBe('Coffee');
    expect(api.rows).toHaveLength(0);
  });
});

describe('editing without a connection', () => {
  it('says the change waits for the network, then saves it once back online', async () => {
    const person = user();
    api.add({ type: 'expense', amount: '4.00', title: 'Tea', date: today() });
    renderApp('/alice');
    await waitFor(() => {
      expect(rowNamed('Tea')).toBeTruthy();
    });
    await person.click(screen.getByRole('button', { name: 'Edit “Tea”' }));
    const dialog = await screen.findByRole('dialog');
    setNetwork(false);
    const title = within(dialog).getByLabelText('Title');
    await person.clear(title);
    await person.type(title, 'Green tea{Enter}');
    expect(await within(dialog).findByTestId('edit-offline')).toBeTruthy();
    await advance(30_000);
    expect(api.callsTo('PATCH')).toHaveLength(0);

    setNetwork(true);
    await waitFor(() => {
      expect(api.callsTo('PATCH')).toHaveLength(1);
    });
    await waitFor(() => {
      expect(api.rows[0]?.title).toBe('Green tea');
    });
  });
});
