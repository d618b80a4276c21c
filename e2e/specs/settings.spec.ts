import { expect, test } from '@playwright/test';
import { PASSWORD, register, uniqueUsername } from '../fixtures/app.js';

test('settings: time zone, password and deleting the account, in the browser', async ({
  page,
  request,
}) => {
  const username = uniqueUsername('set');
  await register(page, username);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(new RegExp(`/${username}/settings$`));

  // Time zone: saved, and what the API says afterwards.
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Pacific/Kiritimati');
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await expect(page.getByTestId('time-zone-saved')).toBeVisible();
  const me = await page.request.get('/api/v1/auth/me');
  expect(await me.json()).toMatchObject({ username, timeZone: 'Pacific/Kiritimati' });
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Pacific/Kiritimati');

  // Password: a wrong current one is named on its field; the right one changes it.
  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password').fill('a brand new password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Current password is wrong')).toBeVisible();
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByTestId('password-changed')).toBeVisible();
  const oldLogin = await request.post('/api/v1/auth/login', {
    data: { username, password: PASSWORD },
  });
  expect(oldLogin.status()).toBe(401);

  // Delete: confirmed with the password, then signed out and gone.
  await page.getByRole('button', { name: 'Delete account…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete account' });
  await dialog.getByLabel('Password').fill('a brand new password');
  await dialog.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page).toHaveURL(/\/login$/);
  const gone = await request.post('/api/v1/auth/login', {
    data: { username, password: 'a brand new password' },
  });
  expect(gone.status()).toBe(401);
});
