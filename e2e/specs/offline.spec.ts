import { expect, test } from '@playwright/test';
import { addTransaction, register, uniqueUsername } from '../fixtures/app.js';

test('an add made offline says so, and is saved once when the browser is back online', async ({
  page,
  context,
}) => {
  const username = uniqueUsername('offline');
  await register(page, username);
  // One entry online first: the dashboard has loaded everything it shows (the charts' chunk too).
  await addTransaction(page, { type: 'Income', amount: '100.00', title: 'Salary' });
  await expect(page.getByTestId('history-row').first()).toHaveAttribute('data-id', /\d+/);

  await context.setOffline(true);
  const form = page.locator('form.add-form');
  await form.getByLabel('Expense', { exact: true }).check();
  await form.getByLabel('Amount').fill('3.20');
  await form.getByLabel('Title').fill('Coffee on the train');
  await form.getByLabel('Title').press('Enter');

  const row = page.getByTestId('history-row').filter({ hasText: 'Coffee on the train' });
  await expect(row.getByTestId('row-saving')).toHaveText(
    'Offline — will save when you are back online',
  );
  await expect(page.getByRole('status').getByTestId('toast')).toContainText(
    'Offline — will save when you are back online.',
  );
  // Shown at once everywhere, as any add is.
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '96.80');
  // The form is free for the next entry.
  await expect(form.getByLabel('Title')).toHaveValue('');

  await context.setOffline(false);
  await expect(row).toHaveAttribute('data-id', /\d+/);
  await expect(row.getByTestId('row-saving')).toHaveCount(0);
  await expect(page.getByTestId('toast')).toHaveCount(0);

  // Saved exactly once, and still there after a reload.
  const list = (await (await page.request.get('/api/v1/transactions')).json()) as {
    items: Array<{ title: string }>;
  };
  expect(list.items.map((item) => item.title)).toEqual(['Coffee on the train', 'Salary']);
  await page.reload();
  await expect(page.getByTestId('history-row')).toHaveCount(2);
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '96.80');
});
