import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '@/lib/query-client';
import { FakeApi } from '@/test/fake-api';
import { CategoriesDialog } from './categories-dialog';

let api: FakeApi;

beforeEach(() => {
  api = new FakeApi().install();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function renderDialog() {
  const onClose = vi.fn();
  render(
    <QueryClientProvider client={createQueryClient()}>
      <CategoriesDialog onClose={onClose} />
    </QueryClientProvider>,
  );
  return onClose;
}

/** The list, once loaded; a loaded machine can take a while on the first query. */
const loaded = () => screen.findByRole('button', { name: 'Delete Groceries' }, { timeout: 5000 });

describe('categories dialog', () => {
  it('cancels a rename with Escape and keeps the dialog open', async () => {
    const user = userEvent.setup();
    const onClose = renderDialog();
    await loaded();
    await user.click(screen.getByRole('button', { name: 'Rename Groceries' }));
    const field = screen.getByLabelText('New name for Groceries');
    await user.type(field, ' and more');
    await user.keyboard('{Escape}');
    expect(screen.queryByLabelText('New name for Groceries')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Categories' })).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
    expect(api.callsTo('PATCH')).toHaveLength(0);
  });

  it('confirms a delete in a dialog above it, with the API’s refusal shown inside', async () => {
    const user = userEvent.setup();
    const groceries = api.categories[0];
    if (groceries) groceries.transactionCount = 3;
    const onClose = renderDialog();
    const deleteButton = await loaded();
    await user.click(deleteButton);

    const confirm = screen.getByRole('alertdialog', { name: 'Delete category' });
    expect(screen.getByRole('dialog', { name: 'Categories' })).toBeTruthy();
    expect(
      within(confirm).getByLabelText<HTMLSelectElement>('Move its 3 transactions to').value,
    ).toBe('2');
    api.refuse('DELETE', '/categories/1', 400, {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid.',
      errors: [{ path: 'moveTo', message: 'must be a different category' }],
    });
    await user.click(within(confirm).getByRole('button', { name: 'Delete Groceries' }));
    expect((await within(confirm).findByRole('alert')).textContent).toBe(
      'Move its 3 transactions to must be a different category',
    );
    expect(api.callsTo('DELETE', '/categories/1')[0]?.query.get('moveTo')).toBe('2');

    // Escape closes the confirmation only; focus is back on the button that opened it.
    await user.keyboard('{Escape}');
    await act(async () => {});
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Categories' })).toBeTruthy();
    expect(document.activeElement).toBe(deleteButton);
    expect(onClose).not.toHaveBeenCalled();

    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('names a refused new category on its field and clears the message when it is edited', async () => {
    const user = userEvent.setup();
    renderDialog();
    await loaded();
    api.refuse('POST', '/categories', 409, {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'A category with this name exists.',
      errors: [{ path: 'name', message: 'is already one of your expense categories' }],
    });
    const name = screen.getByLabelText('New category');
    await user.type(name, 'Rent{Enter}');
    await screen.findByText('New category is already one of your expense categories');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name);
    await user.type(name, 's');
    await waitFor(() => {
      expect(name.getAttribute('aria-invalid')).toBe('false');
    });
  });
});
