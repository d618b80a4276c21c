import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
  addTransaction,
  expectNoPageLoad,
  markDocument,
  register,
  uniqueUsername,
} from '../fixtures/app.js';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Narrow screens fold the account list into one line: open it first. */
async function openAccounts(page: Page): Promise<void> {
  await page.getByTestId('account-switcher').waitFor();
  const toggle = page.getByTestId('account-switcher-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') {
    await toggle.click();
  }
}

function accountItem(page: Page, name: string) {
  return page.getByTestId('account-item').filter({ hasText: name });
}

async function expectAccountBalance(page: Page, name: string, amount: string): Promise<void> {
  await openAccounts(page);
  await expect(accountItem(page, name).getByTestId('account-balance')).toHaveAttribute(
    'data-amount',
    amount,
  );
}

async function showAccount(page: Page, name: string): Promise<void> {
  await openAccounts(page);
  await accountItem(page, name).getByRole('link').click();
  await expect(page.getByTestId('overview-heading')).toHaveText(name);
}

test('accounts and transfers: open an account, move money, across currencies, close it', async ({
  page,
}) => {
  await register(page, uniqueUsername('acct'));
  await markDocument(page);
  await addTransaction(page, { type: 'Income', amount: '1000.00', title: 'Salary' });

  // A savings account with an opening balance; the dashboard shows it once opened.
  await openAccounts(page);
  await page.getByRole('button', { name: 'New account' }).click();
  const accountDialog = page.getByRole('dialog', { name: 'New account' });
  await accountDialog.getByLabel('Name').fill('Savings');
  await accountDialog.getByLabel('Kind').selectOption('savings');
  await accountDialog.getByLabel('Opening balance').fill('250.005');
  await accountDialog.getByRole('button', { name: 'Open account' }).click();
  // More decimals than the currency has is refused on the field, never rounded.
  await expect(
    accountDialog.getByText('Opening balance must have at most 2 decimal places'),
  ).toBeVisible();
  const { violations: dialogViolations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(dialogViolations.map((violation) => violation.id)).toEqual([]);
  await accountDialog.getByLabel('Opening balance').fill('250');
  await accountDialog.getByRole('button', { name: 'Open account' }).click();
  await expect(accountDialog).toBeHidden();
  await expect(page.getByTestId('overview-heading')).toHaveText('Savings');
  await expect(page).toHaveURL(/[?&]account=\d+/);
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '250.00');
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await expect(page.getByTestId('history-row').first()).toContainText('Opening balance');

  // 100 from Main account into Savings: one row in each history, both balances move.
  await openAccounts(page);
  await page.getByTestId('new-transfer').click();
  const transfer = page.getByRole('dialog', { name: 'New transfer' });
  await expect(transfer.getByLabel('From')).toHaveValue(/\d+/);
  await transfer.getByLabel('From').selectOption({ label: 'Main account · USD' });
  await transfer.getByLabel('To').selectOption({ label: 'Savings · USD' });
  await transfer.getByLabel('Amount').fill('100');
  await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(transfer).toBeHidden();
  const inRow = page.getByTestId('history-row').filter({ hasText: 'Transfer from Main account' });
  await expect(inRow.getByTestId('row-amount')).toHaveAttribute('data-amount', '100.00');
  await expect(inRow.getByTestId('row-balance')).toHaveAttribute('data-amount', '350.00');
  await expectAccountBalance(page, 'Savings', '350.00');
  await expectAccountBalance(page, 'Main account', '900.00');

  // A transfer row edits the transfer: both sides follow.
  // (By keyboard: on a phone the toast just raised covers the row's buttons.)
  await inRow.focus();
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: 'Edit transfer' });
  await expect(edit.getByLabel('Amount')).toHaveValue('100.00');
  await edit.getByLabel('Amount').fill('120');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(inRow.getByTestId('row-balance')).toHaveAttribute('data-amount', '370.00');
  await expectAccountBalance(page, 'Main account', '880.00');

  // Across currencies: what left and what arrived are both exact; the rate is only shown.
  await openAccounts(page);
  await page.getByRole('button', { name: 'New account' }).click();
  const euro = page.getByRole('dialog', { name: 'New account' });
  await euro.getByLabel('Name').fill('Euro cash');
  await euro.getByLabel('Kind').selectOption('cash');
  await euro.getByLabel('Currency').selectOption('EUR');
  await euro.getByRole('button', { name: 'Open account' }).click();
  await expect(page.getByTestId('overview-heading')).toHaveText('Euro cash');
  await openAccounts(page);
  await page.getByTestId('new-transfer').click();
  const fx = page.getByRole('dialog', { name: 'New transfer' });
  await fx.getByLabel('From').selectOption({ label: 'Main account · USD' });
  await fx.getByLabel('To').selectOption({ label: 'Euro cash · EUR' });
  await fx.getByLabel('Amount sent (USD)').fill('110');
  await fx.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(fx.getByText('Amount received (EUR) is required')).toBeVisible();
  await fx.getByLabel('Amount received (EUR)').fill('100');
  await expect(fx.getByText('Rate: 1 USD = 0.90909 EUR')).toBeVisible();
  const { violations: transferViolations } = await new AxeBuilder({ page })
    .withTags(WCAG)
    .analyze();
  expect(transferViolations.map((violation) => violation.id)).toEqual([]);
  await fx.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(fx).toBeHidden();
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '100.00');
  await expectAccountBalance(page, 'Euro cash', '100.00');
  await expectAccountBalance(page, 'Main account', '770.00');

  // Deleting a transfer row deletes both sides, after a question.
  const fxRow = page.getByTestId('history-row').filter({ hasText: 'Transfer from Main account' });
  await fxRow.focus();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('alertdialog', { name: 'Delete this transfer?' });
  await confirm.getByRole('button', { name: 'Delete transfer' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('history-row')).toHaveCount(0);
  await expectAccountBalance(page, 'Euro cash', '0.00');
  await expectAccountBalance(page, 'Main account', '880.00');

  // An empty account can be deleted; one with history is closed and keeps it.
  await openAccounts(page);
  await page.getByRole('button', { name: 'Edit Euro cash' }).click();
  const euroEdit = page.getByRole('dialog', { name: 'Edit Euro cash' });
  await euroEdit.getByRole('button', { name: 'Delete account' }).click();
  await page
    .getByRole('alertdialog', { name: 'Delete Euro cash?' })
    .getByRole('button', { name: 'Delete account' })
    .click();
  await expect(euroEdit).toBeHidden();
  await openAccounts(page);
  await expect(accountItem(page, 'Euro cash')).toHaveCount(0);
  await expect(page.getByTestId('overview-heading')).toHaveText('All accounts');

  await showAccount(page, 'Savings');
  await openAccounts(page);
  await page.getByRole('button', { name: 'Edit Savings' }).click();
  const savingsEdit = page.getByRole('dialog', { name: 'Edit Savings' });
  await expect(savingsEdit.getByText('it can be closed but not deleted')).toBeVisible();
  await expect(savingsEdit.getByLabel('Currency')).toBeDisabled();
  await savingsEdit.getByRole('button', { name: 'Close account' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Close Savings?' });
  await expect(ask).toContainText('$370.00');
  await ask.getByRole('button', { name: 'Close account' }).click();
  await expect(savingsEdit).toBeHidden();
  await openAccounts(page);
  await expect(page.getByRole('button', { name: 'Closed (1)' })).toBeVisible();
  // Closed: it leaves the pickers, its history stays.
  await expect(page.getByTestId('history-row')).toHaveCount(2);
  await page.getByTestId('new-transfer').click();
  const afterClose = page.getByRole('dialog', { name: 'New transfer' });
  await expect(afterClose).toContainText('open a second account first');
  await afterClose.getByRole('button', { name: 'Close' }).click();
  await expectNoPageLoad(page);
});

test('net worth across currencies: a missing rate is asked for, and follows the reporting currency', async ({
  page,
}) => {
  const username = uniqueUsername('worth');
  await register(page, username);
  await addTransaction(page, { type: 'Income', amount: '100.00', title: 'Salary' });
  await openAccounts(page);
  await page.getByRole('button', { name: 'New account' }).click();
  const dialog = page.getByRole('dialog', { name: 'New account' });
  await dialog.getByLabel('Name').fill('Euro cash');
  await dialog.getByLabel('Currency').selectOption('EUR');
  await dialog.getByLabel('Opening balance').fill('50');
  await dialog.getByRole('button', { name: 'Open account' }).click();
  await expect(page.getByTestId('overview-heading')).toHaveText('Euro cash');
  await showAccount(page, 'All accounts');

  // EUR has no rate yet: net worth says so and asks for one.
  const worth = page.getByTestId('net-worth');
  await expect(worth).toContainText('Needs a rate for EUR');
  await worth.getByLabel('1 EUR in USD').fill('1.10');
  await worth.getByRole('button', { name: 'Save rate' }).click();
  await expect(worth.getByTestId('net-worth-amount')).toHaveAttribute('data-amount', '155.00');
  await expect(worth).toContainText('at 1 EUR = 1.10 USD');
  // A rate changes from today on: the net worth follows.
  await worth.getByRole('button', { name: 'Change the EUR rate' }).click();
  await expect(worth.getByLabel('1 EUR in USD')).toHaveValue('1.10');
  await worth.getByLabel('1 EUR in USD').fill('1.20');
  await worth.getByRole('button', { name: 'Save rate' }).click();
  await expect(worth.getByTestId('net-worth-amount')).toHaveAttribute('data-amount', '160.00');
  await expect(worth.getByLabel('1 EUR in USD')).toBeHidden();
  await worth.getByRole('button', { name: 'Change the EUR rate' }).click();
  await worth.getByLabel('1 EUR in USD').fill('1.10');
  await worth.getByRole('button', { name: 'Save rate' }).click();
  await expect(worth.getByTestId('net-worth-amount')).toHaveAttribute('data-amount', '155.00');

  // In EUR, the same rate is read the other way: 100 / 1.10 = 90.91 (half away from zero).
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Reporting currency' }).selectOption('EUR');
  await page.getByRole('button', { name: 'Save currency' }).click();
  await expect(page.getByTestId('currency-saved')).toBeVisible();
  await page.goto(`/${username}`);
  await expect(page.getByTestId('net-worth-amount')).toHaveAttribute('data-amount', '140.91');
  await expect(page.getByTestId('net-worth-amount')).toHaveAttribute('data-currency', 'EUR');
  await expect(page.getByTestId('net-worth')).toContainText('at 1 EUR = 1.10 USD');
  await openAccounts(page);
  await expect(
    accountItem(page, 'All accounts').getByTestId('account-balance').first(),
  ).toHaveAttribute('data-currency', 'EUR');
});

test('a reconciled transfer is locked in its dialog until it is unlocked', async ({ page }) => {
  await register(page, uniqueUsername('lockt'));
  await openAccounts(page);
  await page.getByRole('button', { name: 'New account' }).click();
  const dialog = page.getByRole('dialog', { name: 'New account' });
  await dialog.getByLabel('Name').fill('Savings');
  await dialog.getByRole('button', { name: 'Open account' }).click();
  await expect(page.getByTestId('overview-heading')).toHaveText('Savings');

  await openAccounts(page);
  await page.getByTestId('new-transfer').click();
  const transfer = page.getByRole('dialog', { name: 'New transfer' });
  await transfer.getByLabel('From').selectOption({ label: 'Main account · USD' });
  await transfer.getByLabel('To').selectOption({ label: 'Savings · USD' });
  await transfer.getByLabel('Amount').fill('100');
  await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(transfer).toBeHidden();

  // Cleared and reconciled on the Savings side.
  await page.getByRole('button', { name: 'Cleared: Transfer from Main account' }).click();
  await page.getByRole('button', { name: 'Reconcile' }).click();
  const reconcile = page.getByRole('dialog', { name: /^Reconcile / });
  await reconcile.getByLabel('Statement ending balance').fill('100');
  await reconcile.getByRole('button', { name: 'Finish reconciling' }).click();
  await expect(reconcile).toBeHidden();

  const row = page.getByTestId('history-row').filter({ hasText: 'Transfer from Main account' });
  await row.focus();
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: 'Edit transfer' });
  await expect(edit.getByTestId('transfer-locked-note')).toBeVisible();
  await expect(edit.getByLabel('Amount')).toBeDisabled();
  await expect(edit.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(edit.getByRole('button', { name: 'Delete transfer' })).toBeDisabled();

  await edit.getByRole('button', { name: 'Unlock' }).click();
  await page
    .getByRole('alertdialog', { name: 'Unlock this transfer?' })
    .getByRole('button', { name: 'Unlock' })
    .click();
  await expect(edit.getByTestId('transfer-locked-note')).toBeHidden();
  await expect(edit.getByLabel('Amount')).toBeEnabled();
  await edit.getByLabel('Amount').fill('90');
  await expect(edit.getByLabel('Amount')).toHaveValue('90');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(row.getByTestId('row-balance')).toHaveAttribute('data-amount', '90.00');
  await expectAccountBalance(page, 'Main account', '-90.00');
});
