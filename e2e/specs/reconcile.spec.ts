import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { addTransaction, register, uniqueUsername } from '../fixtures/app.js';

test('clears rows against a statement, reconciles at a difference of 0, and locks them', async ({
  page,
}) => {
  const username = uniqueUsername('rec');
  await register(page, username);
  // The one account every user starts with, shown on its own: its rows can be cleared.
  const accounts = (await (await page.request.get('/api/v1/accounts')).json()) as {
    items: Array<{ id: number }>;
  };
  const accountId = accounts.items[0]?.id;
  expect(accountId).toBeDefined();
  await page.goto(`/${username}?account=${String(accountId)}&period=all`);

  await addTransaction(page, { type: 'Income', amount: '1000', title: 'Paycheck' });
  await addTransaction(page, { type: 'Expense', amount: '45.20', title: 'Groceries run' });
  await addTransaction(page, { type: 'Expense', amount: '12', title: 'Coffee' });

  const cleared = (title: string) => page.getByRole('button', { name: `Cleared: ${title}` });
  await expect(cleared('Groceries run')).toHaveAttribute('aria-pressed', 'false');
  await cleared('Paycheck').click();
  await expect(cleared('Paycheck')).toHaveAttribute('aria-pressed', 'true');

  // The statement has the paycheck and the groceries, not the coffee yet.
  await page.getByRole('button', { name: 'Reconcile' }).click();
  const dialog = page.getByRole('dialog', { name: /^Reconcile / });
  await dialog.getByLabel('Statement ending balance').fill('954.80');
  await expect(dialog.getByTestId('difference')).toHaveAttribute('data-amount', '-45.20');
  const finish = dialog.getByRole('button', { name: 'Finish reconciling' });
  await expect(finish).toBeDisabled();
  await expect(dialog.getByRole('status')).toContainText('$45.20 less than the cleared balance');

  // The open dialog, with its difference explained, passes axe-core (WCAG 2.2 AA).
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);

  // Back to the history to clear the groceries; the dialog keeps the balance typed.
  await dialog.getByRole('button', { name: 'Back to history' }).click();
  await cleared('Groceries run').click();
  await expect(cleared('Groceries run')).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Reconcile' }).click();
  await expect(dialog.getByLabel('Statement ending balance')).toHaveValue('954.80');
  await expect(dialog.getByTestId('difference')).toHaveAttribute('data-amount', '0.00');
  await expect(dialog.getByTestId('uncleared-count')).toContainText('1 transaction');
  await finish.click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByTestId('toast').filter({ hasText: 'Reconciled 2 transactions' }),
  ).toBeVisible();

  // Locked: a lock mark instead of the toggle; the coffee is still to clear.
  await expect(page.getByRole('img', { name: 'Reconciled: Paycheck' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Reconciled: Groceries run' })).toBeVisible();
  await expect(cleared('Groceries run')).toHaveCount(0);
  await expect(cleared('Coffee')).toHaveAttribute('aria-pressed', 'false');

  // Its edit dialog says what is locked, and offers to unlock.
  await page
    .getByTestId('history-row')
    .filter({ hasText: 'Groceries run' })
    .locator('.row-title')
    .click();
  const edit = page.getByRole('dialog', { name: 'Edit transaction' });
  await expect(edit.getByTestId('locked-note')).toContainText(
    'amount, date, account and type are locked',
  );
  await expect(edit.getByLabel('Amount')).toBeDisabled();
  await expect(edit.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(edit).toBeHidden();

  // The server agrees: exactly those two rows are locked.
  const locked = (await (
    await page.request.get(`/api/v1/transactions?accountId=${String(accountId)}`)
  ).json()) as { items: Array<{ title: string; reconciled: boolean }> };
  expect(
    locked.items
      .filter((row) => row.reconciled)
      .map((row) => row.title)
      .sort(),
  ).toEqual(['Groceries run', 'Paycheck']);
});
