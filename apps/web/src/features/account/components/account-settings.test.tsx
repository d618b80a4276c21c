import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '@/lib/query-client';
import { FakeApi } from '@/test/fake-api';
import { AccountSettings } from './account-settings';

let api: FakeApi;

beforeEach(() => {
  api = new FakeApi().install();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const wrongPassword = (path: string) => ({
  type: 'about:blank',
  title: 'Bad Request',
  status: 400,
  detail: 'The request is not valid.',
  errors: [{ path, message: 'is wrong' }],
});

function renderSettings() {
  const onDeleted = vi.fn();
  if (!api.user) throw new Error('the fake API has a user');
  render(
    <QueryClientProvider client={createQueryClient()}>
      <AccountSettings user={api.user} onDeleted={onDeleted} />
    </QueryClientProvider>,
  );
  return onDeleted;
}

describe('account settings', () => {
  it('names a wrong current password on its field and focuses it', async () => {
    const user = userEvent.setup();
    renderSettings();
    api.refuse('POST', '/auth/password', 400, wrongPassword('currentPassword'));
    const form = screen.getByRole('form', { name: 'Change password' });
    await user.type(within(form).getByLabelText('Current password'), 'not mine');
    await user.type(within(form).getByLabelText('New password'), 'a brand new password{Enter}');

    await within(form).findByText('Current password is wrong');
    const current = within(form).getByLabelText('Current password');
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(current);
    expect(api.callsTo('POST', '/auth/password')[0]?.body).toEqual({
      currentPassword: 'not mine',
      newPassword: 'a brand new password',
    });
  });

  it('asks for the password in a dialog before deleting, and Escape backs out', async () => {
    const user = userEvent.setup();
    const onDeleted = renderSettings();
    const opener = screen.getByRole('button', { name: 'Delete account…' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Delete account' });
    const password = within(dialog).getByLabelText('Password');
    expect(document.activeElement).toBe(password);

    // Empty: refused here, before anything is sent.
    await user.click(within(dialog).getByRole('button', { name: 'Delete everything' }));
    expect(within(dialog).getByText('Enter your password to confirm.')).toBeTruthy();
    expect(api.callsTo('DELETE')).toHaveLength(0);

    api.refuse('DELETE', '/auth/account', 400, wrongPassword('password'));
    await user.type(password, 'guess{Enter}');
    await within(dialog).findByText('Password is wrong');
    expect(onDeleted).not.toHaveBeenCalled();

    await user.keyboard('{Escape}');
    await act(async () => {});
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
