import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Toaster, toast } from './toast';

function fakeTimers() {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  return userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
}

beforeEach(() => {
  toast.clear();
});

afterEach(() => {
  vi.useRealTimers();
});

function renderToaster() {
  render(
    <>
      <button type="button">Elsewhere</button>
      <label>
        Note
        <input />
      </label>
      <Toaster />
    </>,
  );
}

describe('toasts', () => {
  it('stay while focused or hovered, tell their owner, and time out after', async () => {
    const user = fakeTimers();
    const onHold = vi.fn();
    renderToaster();
    act(() => {
      toast.show({ id: 't', message: 'Saved.', durationMs: 3000, onHold });
    });
    const dismiss = screen.getByRole('button', { name: 'Dismiss notification' });

    await user.click(screen.getByLabelText('Note'));
    await user.tab();
    expect(document.activeElement).toBe(dismiss);
    expect(onHold).toHaveBeenLastCalledWith(true);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000);
    });
    expect(screen.getByText('Saved.')).toBeTruthy();

    await user.tab({ shift: true });
    expect(onHold).toHaveBeenLastCalledWith(false);
    await user.hover(dismiss);
    expect(onHold).toHaveBeenLastCalledWith(true);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000);
    });
    expect(screen.getByText('Saved.')).toBeTruthy();

    await user.unhover(dismiss);
    expect(onHold).toHaveBeenLastCalledWith(false);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3100);
    });
    expect(screen.queryByText('Saved.')).toBeNull();
  });

  it('run the newest undo on U or Ctrl/Cmd+Z, but not while typing in a field', async () => {
    const user = userEvent.setup();
    const first = vi.fn();
    const second = vi.fn();
    renderToaster();
    act(() => {
      toast.show({
        id: 'a',
        message: 'Deleted A.',
        action: { label: 'Undo', onAction: first, shortcut: 'undo' },
      });
      toast.show({
        id: 'b',
        message: 'Deleted B.',
        action: { label: 'Undo', onAction: second, shortcut: 'undo' },
      });
      toast.show({ id: 'c', message: 'Something else.' });
    });

    await user.click(screen.getByLabelText('Note'));
    await user.keyboard('u{Control>}z{/Control}');
    expect(second).not.toHaveBeenCalled();
    expect(screen.getByLabelText<HTMLInputElement>('Note').value).toBe('u');

    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    await user.keyboard('u');
    expect(second).toHaveBeenCalledTimes(1);
    await user.keyboard('{Meta>}z{/Meta}');
    expect(second).toHaveBeenCalledTimes(2);
    // Shift+Ctrl+Z is redo, not undo.
    await user.keyboard('{Shift>}{Control>}z{/Control}{/Shift}');
    expect(second).toHaveBeenCalledTimes(2);

    act(() => {
      toast.dismiss('b');
    });
    await user.keyboard('{Control>}z{/Control}');
    expect(first).toHaveBeenCalledTimes(1);
  });

  it('give focus back to where it came from when they close while focused', async () => {
    const user = userEvent.setup();
    renderToaster();
    act(() => {
      toast.show({
        id: 'a',
        message: 'Deleted A.',
        action: { label: 'Undo', onAction: () => toast.dismiss('a'), shortcut: 'undo' },
      });
    });
    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Undo' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByText('Deleted A.')).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('Note'));
  });
});
