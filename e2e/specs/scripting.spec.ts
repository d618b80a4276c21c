import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { addTransaction, register, uniqueUsername } from '../fixtures/app.js';

test('tokens: created in the dashboard, shown once, working for scripts, revoked at once', async ({
  page,
  request,
}, testInfo) => {
  const username = uniqueUsername('tok');
  await register(page, username);
  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect(page).toHaveURL(new RegExp(`/${username}/tokens$`));
  await expect(page.getByTestId('tokens-empty')).toBeVisible();

  await page.getByLabel('Token name').fill('nightly cron');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = await page.getByTestId('token-value').inputValue();
  expect(secret).toMatch(/^mnt_/);
  await page.screenshot({ path: testInfo.outputPath('token-created.png'), fullPage: true });

  const me = await request.get('/api/v1/auth/me', {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(await me.json()).toMatchObject({ username });

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('token-secret')).toHaveCount(0);
  await expect(page.getByTestId('token-item')).toHaveCount(1);
  await expect(page.getByText(secret)).toHaveCount(0);

  await page.getByRole('button', { name: 'Revoke “nightly cron”' }).click();
  await page
    .getByRole('alertdialog', { name: 'Revoke token' })
    .getByRole('button', { name: 'Revoke' })
    .click();
  await expect(page.getByTestId('tokens-empty')).toBeVisible();
  const after = await request.get('/api/v1/auth/me', {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(after.status()).toBe(401);
});

test('import a bank CSV: preview, commit, see it on the dashboard, undo', async ({
  page,
}, testInfo) => {
  const username = uniqueUsername('imp');
  await register(page, username, 'EUR');
  await addTransaction(page, { type: 'Expense', amount: '3,50', title: 'Bakker' });

  await page.getByRole('link', { name: 'Import' }).click();
  // The add form dated the bakery expense with the browser's today; the bank file matches it,
  // so the preview finds it a duplicate on any day. 31 November never exists.
  const day = await page.evaluate(() => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()}`;
  });
  const csv =
    '\uFEFFDatum;Omschrijving;Bedrag\r\n' +
    `${day};Bakker;-3,50\r\n` +
    `${day};Salaris;2.500,00\r\n` +
    '31/11/2026;Kapot;-1,00\r\n';
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name: 'bank.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const mapping = page.getByTestId('import-mapping');
  await expect(mapping).toBeVisible();
  await expect(mapping.getByLabel('Date column')).toHaveValue('Datum');
  await expect(mapping.getByLabel('Title column')).toHaveValue('Omschrijving');
  await mapping.getByLabel('Date format').selectOption('DD/MM/YYYY');
  await mapping.getByLabel('Decimal separator').selectOption(',');
  await page.getByRole('button', { name: 'Preview import' }).click();

  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-new', '1');
  await expect(summary).toHaveAttribute('data-duplicate', '1');
  await expect(summary).toHaveAttribute('data-error', '1');
  await expect(page.locator('[data-testid="import-row"][data-status="error"]')).toContainText(
    '31/11/2026',
  );
  await page.screenshot({ path: testInfo.outputPath('import-preview.png'), fullPage: true });

  await page.getByRole('button', { name: /^Import 1 transaction/ }).click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await expect(page.getByTestId('import-item')).toHaveCount(1);

  await page.getByRole('link', { name: 'Back to dashboard' }).click();
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '2496.50');
  await expect(page.getByTestId('history-row')).toHaveCount(2);

  await page.getByRole('link', { name: 'Import' }).click();
  await page.getByRole('button', { name: /^Undo import/ }).click();
  await page
    .getByRole('alertdialog', { name: 'Undo import' })
    .getByRole('button', { name: 'Undo import' })
    .click();
  await expect(page.getByTestId('imports-empty')).toBeVisible();
  await page.getByRole('link', { name: 'Back to dashboard' }).click();
  await expect(page.getByTestId('balance')).toHaveAttribute('data-amount', '-3.50');
});

test('export the filtered history as CSV and the period as a PDF', async ({ page }) => {
  await register(page, uniqueUsername('exp'));
  await addTransaction(page, { type: 'Income', amount: '100', title: 'Gift' });
  await addTransaction(page, { type: 'Expense', amount: '7.25', title: 'Cinema' });
  await page.getByLabel('Filter by type').selectOption('expense');
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await expect(page.getByTestId('export-csv')).toHaveAttribute('href', /type=expense/);

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  const text = readFileSync(await csv.path(), 'utf8');
  expect(text.split('\r\n')[0]).toBe(
    'date,type,title,description,category,amount,currency,balance_after,account,change,transfer_account',
  );
  expect(text).toContain(',expense,Cinema,,,7.25,USD,92.75,Main account,-7.25,\r\n');
  expect(text).not.toContain('Gift');

  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('report-pdf').click(),
  ]);
  expect(
    readFileSync(await pdf.path())
      .subarray(0, 4)
      .toString(),
  ).toBe('%PDF');
});

test('one period for the whole dashboard: the CSV holds the month shown, [ steps to the one before', async ({
  page,
}) => {
  const username = uniqueUsername('per');
  await register(page, username);
  for (const [date, title, amount] of [
    ['2026-10-14', 'October rent', '900.00'],
    ['2026-11-03', 'November rent', '900.00'],
    ['2026-11-20', 'Books', '31.40'],
  ] as const) {
    const created = await page.request.post('/api/v1/transactions', {
      data: { type: 'expense', amount, title, date },
    });
    expect(created.status()).toBe(201);
  }
  await page.goto(`/${username}?month=2026-11`);
  await expect(page.getByTestId('history-row')).toHaveCount(2);
  await expect(page.getByTestId('total-expense')).toHaveAttribute('data-amount', '931.40');

  const exportCsv = async () => {
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    return readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[2]);
  };
  // Oldest first, as bank statements and spreadsheets read.
  expect(await exportCsv()).toEqual(['November rent', 'Books']);
  await expect(page.getByTestId('report-pdf')).toHaveAttribute(
    'href',
    /from=2026-11-01&to=2026-11-30/,
  );

  // `[` outside a field: October everywhere at once.
  await page.getByRole('heading', { name: 'History' }).click();
  await page.keyboard.press('[');
  await expect(page).toHaveURL(/month=2026-10/);
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await expect(page.getByTestId('total-expense')).toHaveAttribute('data-amount', '900.00');
  expect(await exportCsv()).toEqual(['October rent']);
});
