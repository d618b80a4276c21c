import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { Category } from '@moneta/schema';
import { Toaster, toast } from '@/components/ui/toast';
import { createQueryClient } from '@/lib/query-client';
import { FakeApi } from '@/test/fake-api';
import { UNDO_WINDOW_MS, flushPendingDeletes } from '../api/delete-transaction';
import { undoWindows } from '../undo-window';
import { History } from './history';

const categories: Category[] = [
  { id: 1, name: 'Groceries', kind: 'expense', transactionCount: 0 },
  { id: 3, name: 'Salary', kind: 'income', transactionCount: 0 },
];

let api: FakeApi;
let queryClient: QueryClient;

function renderHistory() {
  queryClient = createQueryClient();
  render(
    <QueryClientProvider client={queryClient}>
      <label>
        Note
        <input />
      </label>
      <button type="button">Before</button>
      <History
        filters={{}}
        categories={categories}
        accounts={api.accountList()}
        onClearFilters={() => {}}
      />
      <button type="button">After</button>
      <Toaster />
    </QueryClientProvider>,
  );
}

const rows = () => screen.queryAllByTestId('history-row');
const titles = () => rows().map((row) => row.querySelector('.row-title')?.textContent);
const row = (title: string) => screen.getByRole('row', { name: new RegExp(`^${title},`) });
const balanceOf = (title: string) =>
  within(row(title)).getByTestId('row-balance').getAttribute('data-amount');
const focusedTitle = () =>
  document.activeElement?.closest('[data-testid="history-row"]')?.querySelector('.row-title')
    ?.textContent;

/** Three rows, newest first, with the balance after each: Bus 65.00, Dinner 70.00, Salary 100.00. */
async function threeRows() {
  api.add({ type: 'income', amount: '100.00', title: 'Salary', categoryId: 3, date: '2026-03-01' });
  api.add({ type: 'expense', amount: '30.00', title: 'Dinner', categoryId: 1, date: '2026-03-02' });
  api.add({ type: 'expense', amount: '5.00', title: 'Bus', date: '2026-03-03' });
  renderHistory();
  await waitFor(() => {
    expect(titles()).toEqual(['Bus', 'Dinner', 'Salary']);
  });
}

function fakeTimers() {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  return userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
}

beforeEach(() => {
  api = new FakeApi().install();
  toast.clear();
});

afterEach(async () => {
  // A delete still in its window would hide that id from the next test's list.
  await act(() => flushPendingDeletes(queryClient));
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('history by keyboard', () => {
  it('is one tab stop, and arrows, Home and End move between rows', async () => {
    const user = userEvent.setup();
    await threeRows();
    await user.click(screen.getByRole('button', { name: 'Before' }));

    await user.tab();
    expect(focusedTitle()).toBe('Bus');
    await user.keyboard('{ArrowDown}');
    expect(focusedTitle()).toBe('Dinner');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(focusedTitle()).toBe('Salary');
    await user.keyboard('{ArrowUp}');
    expect(focusedTitle()).toBe('Dinner');
    await user.keyboard('{Home}');
    expect(focusedTitle()).toBe('Bus');
    await user.keyboard('{End}');
    expect(focusedTitle()).toBe('Salary');

    // The list is left with one Tab, and re-entered on the row one was on.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'After' }));
    await user.tab({ shift: true });
    expect(focusedTitle()).toBe('Salary');
    expect(rows().filter((r) => r.tabIndex === 0)).toHaveLength(1);
  });

  it('moves into a row’s buttons with ArrowRight and back with ArrowLeft', async () => {
    const user = userEvent.setup();
    await threeRows();
    row('Dinner').focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit “Dinner”' }));
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete “Dinner”' }));
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement).toBe(row('Dinner'));
  });

  it('opens the edit dialog for the focused row with Enter', async () => {
    const user = userEvent.setup();
    await threeRows();
    row('Bus').focus();
    await user.keyboard('{ArrowDown}{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Edit transaction' });
    expect(within(dialog).getByLabelText<HTMLInputElement>('Title').value).toBe('Dinner');
    await user.keyboard('{Escape}');
    // Focus goes back to the row it came from.
    expect(focusedTitle()).toBe('Dinner');
  });

  it('deletes the focused row with Delete, stays on the next row, and U restores it', async () => {
    const user = fakeTimers();
    await threeRows();
    row('Dinner').focus();

    await user.keyboard('{Delete}');
    await waitFor(() => {
      expect(titles()).toEqual(['Bus', 'Salary']);
    });
    expect(focusedTitle()).toBe('Salary');
    expect(balanceOf('Bus')).toBe('95.00');
    const offer = screen.getByTestId('toast');
    expect(offer.textContent).toContain('Deleted “Dinner”.');
    // Announced, with the key that undoes it.
    expect(offer.closest('[aria-live="polite"]')).not.toBeNull();
    expect(
      within(offer).getByRole('button', { name: 'Undo' }).getAttribute('aria-keyshortcuts'),
    ).toBe('U Control+Z Meta+Z');

    await user.keyboard('u');
    await waitFor(() => {
      expect(titles()).toEqual(['Bus', 'Dinner', 'Salary']);
    });
    expect(balanceOf('Dinner')).toBe('70.00');
    expect(balanceOf('Bus')).toBe('65.00');
    expect(focusedTitle()).toBe('Dinner');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS + 100);
    });
    expect(api.callsTo('DELETE')).toHaveLength(0);
  });

  it('deletes with Backspace (a Mac’s delete key) and undoes with Ctrl+Z, not while typing', async () => {
    const user = fakeTimers();
    await threeRows();
    row('Salary').focus();

    await user.keyboard('{Backspace}');
    await waitFor(() => {
      expect(titles()).toEqual(['Bus', 'Dinner']);
    });
    // The last row went: focus moves up.
    expect(focusedTitle()).toBe('Dinner');

    // In a field, u is a letter and Ctrl+Z the field's own undo.
    await user.click(screen.getByLabelText('Note'));
    await user.keyboard('u{Control>}z{/Control}');
    expect(titles()).toEqual(['Bus', 'Dinner']);

    row('Bus').focus();
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => {
      expect(titles()).toEqual(['Bus', 'Dinner', 'Salary']);
    });
    expect(balanceOf('Salary')).toBe('100.00');
  });

  it('deletes for real once the window has passed, and Undo is then no longer offered', async () => {
    const user = fakeTimers();
    await threeRows();
    row('Bus').focus();
    await user.keyboard('{Delete}');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS + 100);
    });
    expect(api.callsTo('DELETE', '/transactions/3')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    await user.keyboard('u');
    expect(titles()).toEqual(['Dinner', 'Salary']);
  });

  it('holds the undo window while the toast has focus or the pointer, and lets it run after', async () => {
    const user = fakeTimers();
    const pause = vi.spyOn(undoWindows, 'pause');
    const resume = vi.spyOn(undoWindows, 'resume');
    await threeRows();
    row('Dinner').focus();
    await user.keyboard('{Delete}');
    const undo = screen.getByRole('button', { name: 'Undo' });

    // Reachable by Tab from the list (past this page's After button).
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(undo);
    expect(pause).toHaveBeenLastCalledWith(2);
    expect(resume).not.toHaveBeenCalled();

    await user.tab({ shift: true });
    expect(resume).toHaveBeenLastCalledWith(2);

    await user.hover(undo);
    expect(pause).toHaveBeenCalledTimes(2);
    await user.unhover(undo);
    expect(resume).toHaveBeenCalledTimes(2);
  });

  // Runs once delete-transaction.ts schedules its DELETE with undoWindows.open (and ends it with
  // undoWindows.cancel) instead of its own setTimeout: that file is being rewritten elsewhere.
  it('keeps the window open, end to end, while the toast has focus', async () => {
    const user = fakeTimers();
    await threeRows();
    row('Dinner').focus();
    await user.keyboard('{Delete}');
    // Past this page's After button, onto Undo.
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Undo' }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS * 3);
    });
    expect(api.callsTo('DELETE')).toHaveLength(0);
    await user.keyboard('{Enter}');
    await waitFor(() => {
      expect(titles()).toEqual(['Bus', 'Dinner', 'Salary']);
    });
    row('Bus').focus();
    await user.keyboard('{Delete}');
    await user.tab();
    await user.tab();
    await user.tab({ shift: true });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS + 100);
    });
    expect(api.callsTo('DELETE', '/transactions/3')).toHaveLength(1);
  });

  it('loads further pages as End reaches the last loaded row', async () => {
    const user = userEvent.setup();
    for (let day = 1; day <= 130; day += 1) {
      api.add({
        type: 'expense',
        amount: '1.00',
        title: `Row ${day}`,
        date: `2026-01-01`,
      });
    }
    renderHistory();
    await waitFor(() => {
      expect(rows().length).toBeGreaterThan(0);
    });
    rows()[0]?.focus();
    await user.keyboard('{End}');
    // jsdom renders a scrolled virtual list slowly on a busy machine: a generous wait.
    await waitFor(
      () => {
        expect(screen.getByTestId('history').getAttribute('aria-rowcount')).toBe('131');
      },
      { timeout: 5000 },
    );
    expect(api.callsTo('GET', '/transactions')).toHaveLength(2);
    await user.keyboard('{End}');
    await waitFor(() => {
      expect(focusedTitle()).toBe('Row 1');
    });
    expect(balanceOf('Row 1')).toBe('-1.00');
  });
});
