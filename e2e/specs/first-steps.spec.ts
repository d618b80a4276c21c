import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { PASSWORD, uniqueUsername } from '../fixtures/app.js';

/** The README's screenshots: written on every run, so they show the app as it is. */
const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

test("the README's first steps, literally, and a future rent that is only upcoming", async ({
  page,
}, testInfo) => {
  const device = testInfo.project.name === 'phone' ? 'phone' : 'desktop';
  const username = uniqueUsername('first');

  // 1. Open the app and choose "Create an account".
  await page.goto('/');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(/\/register$/);

  // 2. Username and password; the currency is proposed from the browser's language (en-US).
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await expect(page.getByLabel('Currency')).toHaveValue('USD');
  await page.getByRole('button', { name: 'Create account' }).click();

  // 3. The dashboard lives at /<username>, with the default categories.
  await expect(page).toHaveURL(new RegExp(`/${username}$`));
  await page.getByRole('button', { name: 'Categories' }).click();
  const categories = page.getByRole('dialog');
  for (const name of ['Salary', 'Groceries', 'Rent', 'Other expenses'])
    await expect(categories.getByText(name, { exact: true }).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(categories).toBeHidden();

  // 4. The first transaction, dated today by default.
  const form = page.locator('form.add-form');
  const today = await page.evaluate(() => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  });
  await expect(form.getByLabel('Date')).toHaveValue(today);
  await form.getByLabel('Income', { exact: true }).check();
  await form.getByLabel('Amount').fill('2500');
  await form.getByLabel('Title').fill('Salary');
  await form.getByLabel('Category').selectOption({ label: 'Salary' });
  await form.getByRole('button', { name: 'Add' }).click();
  const salary = page.getByTestId('history-row').filter({ hasText: 'Salary' });
  await expect(salary).toBeVisible();
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '2500.00');

  // A rent dated next year is upcoming: today's balance stays, the balance after it shows.
  const nextYear = `${Number(today.slice(0, 4)) + 1}-01-01`;
  await form.getByLabel('Expense', { exact: true }).check();
  await form.getByLabel('Amount').fill('950');
  await form.getByLabel('Title').fill('Rent');
  await form.getByLabel('Date').fill(nextYear);
  await form.getByRole('button', { name: 'Add' }).click();
  await page.getByLabel('Period').selectOption('all');
  const rent = page.getByTestId('history-row').filter({ hasText: 'Rent' });
  await expect(rent.getByTestId('upcoming-badge')).toHaveText('Upcoming');
  await expect(salary.getByTestId('upcoming-badge')).toHaveCount(0);
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '2500.00');
  await expect(page.getByTestId('upcoming-balance')).toHaveAttribute('data-amount', '1550.00');
  await page.reload();
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '2500.00');
  await expect(page.getByTestId('upcoming')).toContainText('After 1 upcoming');

  // 5. Import and API tokens are in the top bar.
  await expect(page.getByRole('link', { name: 'Import' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'API tokens' })).toBeVisible();

  mkdirSync(screenshots, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Chart.js animates its canvas for about a second; a screenshot mid-way shows half a chart.
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${screenshots}dashboard-${device}-${scheme}.png` });
  }

  // A large amount stays on one line in every total, at 1280 px and at 360 px.
  await form.getByLabel('Income', { exact: true }).check();
  await form.getByLabel('Amount').fill('1234567.89');
  await form.getByLabel('Title').fill('Windfall');
  await form.getByLabel('Date').fill(today);
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('total-income')).toHaveAttribute('data-amount', '1237067.89');
  for (const testId of ['balance', 'total-income', 'total-expense', 'total-net']) {
    const lines = await page
      .getByTestId(testId)
      .evaluate((element) => element.getClientRects().length);
    expect(lines, `${testId} on one line`).toBe(1);
    const cut = await page.getByTestId(testId).evaluate((element) => {
      const card = element.closest('dd');
      return card ? card.scrollWidth > card.clientWidth : true;
    });
    expect(cut, `${testId} shown whole`).toBe(false);
  }
});
