import { expect, test } from '@playwright/test';
import {
  addTransaction,
  expectNoPageLoad,
  logIn,
  markDocument,
  register,
  uniqueUsername,
} from '../fixtures/app.js';

test('money moves on the dashboard without a page load, and stays private', async ({
  page,
  browser,
}, testInfo) => {
  const shot = async (name: string) => {
    await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  };
  const alice = uniqueUsername('alice');
  await register(page, alice);
  await expect(page.getByTestId('current-user')).toContainText(alice);
  await expect(page.getByTestId('history-empty')).toBeVisible();
  await markDocument(page);
  let loads = 0;
  page.on('load', () => (loads += 1));

  await addTransaction(page, {
    type: 'Income',
    amount: '2500.00',
    title: 'Salary',
    category: 'Salary',
  });
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '2500.00');
  await addTransaction(page, {
    type: 'Expense',
    amount: '84.20',
    title: 'Weekly shop',
    category: 'Groceries',
  });
  await addTransaction(page, {
    type: 'Expense',
    amount: '12,50',
    title: 'Lunch out',
    category: 'Dining out',
  });
  await addTransaction(page, {
    type: 'Income',
    amount: '150',
    title: 'Freelance gig',
    category: 'Freelance',
  });

  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '2553.30');
  await expect(page.getByTestId('total-income')).toHaveAttribute('data-amount', '2650.00');
  await expect(page.getByTestId('total-expense')).toHaveAttribute('data-amount', '96.70');
  await expect(page.getByTestId('total-net')).toHaveAttribute('data-amount', '2553.30');
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(4);
  // Newest first, each with the running balance after it.
  await expect(rows.nth(0)).toContainText('Freelance gig');
  await expect(rows.nth(0).getByTestId('row-balance')).toHaveAttribute('data-amount', '2553.30');
  await expect(rows.nth(1).getByTestId('row-balance')).toHaveAttribute('data-amount', '2403.30');
  await expect(rows.nth(3).getByTestId('row-balance')).toHaveAttribute('data-amount', '2500.00');
  await expect(page.getByTestId('chart-categories')).toHaveAttribute(
    'data-values',
    /Groceries=84\.20/,
  );
  await expect(page.getByTestId('chart-categories')).toHaveAttribute(
    'data-values',
    /Dining out=12\.50/,
  );
  await expect(page.getByTestId('chart-months')).toHaveAttribute(
    'data-values',
    /=2650\.00\/96\.70/,
  );
  await expect(page.locator('[data-testid="chart-categories"] canvas')).toBeVisible();
  await shot('1-after-adding');

  // Edit in the dialog: a click or tap on the row opens it (phones show no Edit button).
  await rows.filter({ hasText: 'Weekly shop' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit transaction' });
  await dialog.getByLabel('Amount').fill('90.00');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('total-expense')).toHaveAttribute('data-amount', '102.50');
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '2547.50');
  await expect(page.getByTestId('chart-categories')).toHaveAttribute(
    'data-values',
    /Groceries=90\.00/,
  );

  // Delete, then undo within the grace period.
  await page.getByRole('button', { name: 'Delete “Lunch out”' }).click();
  await expect(rows.filter({ hasText: 'Lunch out' })).toHaveCount(0);
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '2560.00');
  await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
  await expect(rows.filter({ hasText: 'Lunch out' })).toHaveCount(1);
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '2547.50');

  // Filters and search live in the URL.
  await page.getByLabel('Filter by type').selectOption('expense');
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(/type=expense/);
  await page.getByLabel('Search').fill('lunch');
  await expect(rows).toHaveCount(1);
  await expect(page).toHaveURL(/q=lunch/);
  await shot('2-filtered');
  await expectNoPageLoad(page);
  expect(loads).toBe(0);

  // A reload shows the same state, filters included.
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Lunch out');
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '2547.50');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(4);

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login/);

  // A second user, in a fresh browser context, sees none of it at either URL.
  const context = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
  const other = await context.newPage();
  const bob = uniqueUsername('bob');
  await register(other, bob);
  await expect(other.getByTestId('history-empty')).toBeVisible();
  await other.goto(`/${alice}`);
  await expect(other).toHaveURL(new RegExp(`/${bob}`));
  await expect(other.getByText('Weekly shop')).toHaveCount(0);
  await expect(other.getByTestId('balance')).toHaveAttribute('data-amount', '0.00');
  await other.screenshot({ path: testInfo.outputPath('3-second-user.png'), fullPage: true });
  await context.close();

  // And the first user still has everything after logging back in.
  await logIn(page, alice);
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '2547.50');
});

test('login and register show the API field errors; unknown paths show not found', async ({
  page,
}) => {
  await page.goto('/register');
  await page.getByLabel('Username').fill('login');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(/at least 8 characters/)).toBeVisible();

  await page.goto('/login');
  await page.getByLabel('Username').fill('nobody_here');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText(/username and password do not match/)).toBeVisible();

  const username = uniqueUsername('carol');
  await register(page, username);
  await page.goto('/this/does/not/exist');
  await expect(page.getByTestId('not-found')).toBeVisible();
});

test('a refused entry is rolled back with a message', async ({ page }) => {
  await register(page, uniqueUsername('dave'), 'JPY');
  const form = page.locator('form.add-form');
  await form.getByLabel('Amount').fill('12.5');
  await form.getByLabel('Title').fill('Too precise for yen');
  await form.getByLabel('Title').press('Enter');
  await expect(page.getByText(/whole number|decimal/i).first()).toBeVisible();
  await expect(page.getByTestId('history-row')).toHaveCount(0);
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '0');
});
