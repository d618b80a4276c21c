import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addTransaction, register, uniqueUsername } from '../fixtures/app.js';

/** WCAG 2.2 A and AA, as axe-core checks them. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')}`).join('\n'),
  );
  expect(found, `axe-core on ${what}`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test('every page has no axe-core violations', async ({ page }) => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
      await expectNoViolations(page, 'the login page');

      // The check itself bites: an image without a text alternative is found.
      await page.evaluate(() => {
        const image = document.createElement('img');
        image.id = 'planted';
        image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.body.append(image);
      });
      const planted = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      expect(planted.violations.map((violation) => violation.id)).toContain('image-alt');

      await page.goto('/nowhere/at/all');
      await expect(page.getByTestId('not-found')).toBeVisible();
      await expectNoViolations(page, 'the not-found page');

      const username = uniqueUsername('a11y');
      await page.goto('/register');
      await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
      await expectNoViolations(page, 'the registration page');
      await register(page, username);

      await addTransaction(page, { type: 'Income', amount: '2500', title: 'Salary' });
      await addTransaction(page, {
        type: 'Expense',
        amount: '12.50',
        title: 'Coffee',
        category: 'Dining out',
      });
      await expect(page.getByTestId('chart-categories').locator('canvas')).toBeVisible();
      await expectNoViolations(page, 'the dashboard');

      // A click on the row edits it (phones keep the Edit button for screen readers only).
      await page.getByTestId('history-row').filter({ hasText: 'Coffee' }).click();
      const edit = page.getByRole('dialog');
      await expect(edit).toBeVisible();
      await expectNoViolations(page, 'the edit dialog');
      await page.keyboard.press('Escape');
      await expect(edit).toBeHidden();

      await page.getByRole('button', { name: 'Categories' }).click();
      await expect(page.getByRole('dialog', { name: 'Categories' })).toBeVisible();
      await expectNoViolations(page, 'the categories dialog');
      await page.keyboard.press('Escape');

      await page.getByRole('link', { name: 'API tokens' }).click();
      await page.getByLabel('Token name').fill('backup script');
      await page.getByLabel('Token name').press('Enter');
      await expect(page.getByTestId('token-secret')).toBeVisible();
      await expectNoViolations(page, 'the tokens page with a new token');
      await page
        .getByRole('button', { name: /^Revoke/ })
        .first()
        .click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await expectNoViolations(page, 'the revoke confirmation');
      await page.keyboard.press('Escape');

      await page.goto(`/${username}/import`);
      await expect(
        page.getByRole('heading', { level: 1, name: 'Import transactions' }),
      ).toBeVisible();
      await expectNoViolations(page, 'the import page');

      await page.goto(`/${username}/settings`);
      await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
      await expectNoViolations(page, 'the settings page');
      await page.getByRole('button', { name: 'Delete account…' }).click();
      await expect(page.getByRole('dialog', { name: 'Delete account' })).toBeVisible();
      await expectNoViolations(page, 'the delete-account dialog');
    });
  });
}
