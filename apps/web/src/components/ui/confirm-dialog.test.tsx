import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { deferred } from '@/test/fake-api';
import { ConfirmDialog } from './confirm-dialog';

function Harness({ onConfirm }: { onConfirm: () => Promise<unknown> }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Revoke “cron”
      </button>
      {open && (
        <ConfirmDialog
          title="Revoke token"
          message="Scripts using “cron” stop working at once."
          confirmLabel="Revoke"
          busyLabel="Revoking…"
          onConfirm={onConfirm}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

const refusal = new ApiError({
  type: 'about:blank',
  title: 'Not Found',
  status: 404,
  detail: 'Token not found.',
});

describe('ConfirmDialog', () => {
  it('asks with the message as its description and the focus on Cancel', async () => {
    const user = userEvent.setup();
    render(<Harness onConfirm={() => Promise.resolve()} />);
    await user.click(screen.getByRole('button', { name: 'Revoke “cron”' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke token' });
    expect(dialog.getAttribute('aria-describedby')).toBe(
      within(dialog).getByText('Scripts using “cron” stop working at once.').id,
    );
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    // Enter on the focused button cancels: nothing is revoked by reflex.
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('runs the action once, however often it is pressed, and stays open while it runs', async () => {
    const user = userEvent.setup();
    const gate = deferred();
    const onConfirm = vi.fn(() => gate.promise);
    render(<Harness onConfirm={onConfirm} />);
    await user.click(screen.getByRole('button', { name: 'Revoke “cron”' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke token' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    const busy = within(dialog).getByRole('button', { name: 'Revoking…' });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    // The focus stays on the pressed button (a disabled one would drop it to the page).
    expect(document.activeElement).toBe(busy);
    await user.click(busy);
    await user.keyboard('{Escape}');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('alertdialog', { name: 'Revoke token' })).toBe(dialog);
    expect(onConfirm).toHaveBeenCalledTimes(1);

    await act(async () => {
      gate.resolve();
      await gate.promise;
    });
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('shows a failure inside the dialog and lets the person try again', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn().mockRejectedValueOnce(refusal).mockResolvedValueOnce(undefined);
    render(<Harness onConfirm={onConfirm} />);
    await user.click(screen.getByRole('button', { name: 'Revoke “cron”' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke token' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));

    expect((await within(dialog).findByRole('alert')).textContent).toBe('Token not found.');
    const again = within(dialog).getByRole('button', { name: 'Revoke' });
    expect(again.getAttribute('aria-disabled')).toBeNull();
    await user.click(again);
    expect(onConfirm).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
