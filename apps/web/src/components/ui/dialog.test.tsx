import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode, useState } from 'react';
import { Dialog } from './dialog';

/** A page with a button that opens an edit dialog, which can open a confirmation above it. */
function Page({ busy = false, onPageKey }: { busy?: boolean; onPageKey?: () => void }) {
  const [edit, setEdit] = useState(false);
  const [confirm, setConfirm] = useState(false);
  return (
    <div onKeyDown={onPageKey}>
      <button type="button" onClick={() => setEdit(true)}>
        Edit
      </button>
      {edit && (
        <Dialog title="Edit thing" onClose={() => setEdit(false)} busy={busy}>
          <label>
            Name
            <input data-autofocus="" />
          </label>
          <button type="button" onClick={() => setConfirm(true)}>
            Delete…
          </button>
          {confirm && (
            <Dialog title="Delete thing" role="alertdialog" onClose={() => setConfirm(false)}>
              <button type="button" data-autofocus="">
                Cancel
              </button>
            </Dialog>
          )}
        </Dialog>
      )}
    </div>
  );
}

/** Focus return waits for the commit that closed the dialog to settle (a microtask). */
const settle = () => act(async () => {});

describe('Dialog', () => {
  it('opens modal, named by its title, with focus on the field marked for it', async () => {
    const user = userEvent.setup();
    render(<Page />);
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit thing' });
    expect(dialog).toBeInstanceOf(HTMLDialogElement);
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Name'));
  });

  it('closes on Escape and gives the focus back to the button that opened it', async () => {
    const user = userEvent.setup();
    render(<Page />);
    const opener = screen.getByRole('button', { name: 'Edit' });
    await user.click(opener);
    await user.keyboard('{Escape}');
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('stays open on Escape and on its close button while busy', async () => {
    const user = userEvent.setup();
    render(<Page busy />);
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.getByRole('dialog', { name: 'Edit thing' })).toBeTruthy();
  });

  it('stacks: Escape closes the top dialog only, and focus walks back one step at a time', async () => {
    const user = userEvent.setup();
    render(<Page />);
    const opener = screen.getByRole('button', { name: 'Edit' });
    await user.click(opener);
    const deleteButton = screen.getByRole('button', { name: 'Delete…' });
    await user.click(deleteButton);
    const confirm = screen.getByRole('alertdialog', { name: 'Delete thing' });
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));

    await user.keyboard('{Escape}');
    await settle();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Edit thing' })).toBeTruthy();
    expect(document.activeElement).toBe(deleteButton);

    await user.keyboard('{Escape}');
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('locks the page scroll until the last open dialog closes', async () => {
    const user = userEvent.setup();
    render(<Page />);
    const root = document.documentElement;
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    expect(root.style.overflow).toBe('hidden');
    await user.click(screen.getByRole('button', { name: 'Delete…' }));
    await user.keyboard('{Escape}');
    expect(root.style.overflow).toBe('hidden');
    await user.keyboard('{Escape}');
    expect(root.style.overflow).toBe('');
  });

  it('keeps its key presses from the handlers of the component that rendered it', async () => {
    const user = userEvent.setup();
    const onPageKey = vi.fn();
    render(<Page onPageKey={onPageKey} />);
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.keyboard('abc{Delete}');
    expect(onPageKey).not.toHaveBeenCalled();
  });

  it('survives StrictMode’s second mount: still open, and still closing on Escape', async () => {
    const user = userEvent.setup();
    render(
      <StrictMode>
        <Page />
      </StrictMode>,
    );
    const opener = screen.getByRole('button', { name: 'Edit' });
    await user.click(opener);
    // The close event of the first mount's close() arrives a task later.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    const dialog = screen.getByRole('dialog', { name: 'Edit thing' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Name'));
    await user.keyboard('{Escape}');
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('sends the focus to the fallback when the opener is gone', async () => {
    const user = userEvent.setup();
    function Row() {
      const [open, setOpen] = useState(false);
      const [rowGone, setRowGone] = useState(false);
      return (
        <>
          <input aria-label="Search" id="search" />
          {!rowGone && (
            <button type="button" onClick={() => setOpen(true)}>
              Open
            </button>
          )}
          {open && (
            <Dialog
              title="Remove"
              onClose={() => setOpen(false)}
              fallbackFocus={() => document.getElementById('search')}
            >
              <button
                type="button"
                onClick={() => {
                  setRowGone(true);
                  setOpen(false);
                }}
              >
                Remove row
              </button>
            </Dialog>
          )}
        </>
      );
    }
    render(<Row />);
    await user.click(screen.getByRole('button', { name: 'Open' }));
    await user.click(screen.getByRole('button', { name: 'Remove row' }));
    await settle();
    expect(document.activeElement).toBe(screen.getByLabelText('Search'));
  });
});
