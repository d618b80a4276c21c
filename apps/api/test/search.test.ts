import { describe, expect, it } from 'vitest';
import type { TransactionPage } from '@moneta/schema';
import { openDatabase } from '../src/db/client.js';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { createTransaction } from './factories.js';

const titles = async (user: Session, q: string) =>
  (await user.request({ method: 'GET', url: `/api/v1/transactions?q=${encodeURIComponent(q)}` }))
    .json<TransactionPage>()
    .items.map((item) => item.title)
    .sort();

describe('search over all of Unicode', async () => {
  const { app, config } = await buildTestApp();
  const alice = await registerUser(app);
  await createTransaction(alice, { title: 'Bäckerei Müller' });
  await createTransaction(alice, { title: 'Straße 5', description: 'Ærø ferry — ÉCOLE' });
  await createTransaction(alice, { title: 'Ελληνικό καφέ' });
  await createTransaction(alice, { title: '100% juice' });
  await createTransaction(alice, { title: 'Plain lunch' });

  it.each([
    ['BÄCKEREI', ['Bäckerei Müller']],
    ['MÜLLER', ['Bäckerei Müller']],
    ['muller', ['Bäckerei Müller']],
    ['backerei m', ['Bäckerei Müller']],
    ['STRASSE', ['Straße 5']],
    ['école', ['Straße 5']],
    ['ærø', ['Straße 5']],
    ['ΚΑΦΕ', ['Ελληνικό καφέ']],
    ['%', ['100% juice']],
    ['_', []],
    ['lunch', ['Plain lunch']],
  ])('q=%s finds %j', async (q, expected) => {
    expect(await titles(alice, q)).toEqual(expected);
  });

  it('follows edits of the title and the description', async () => {
    const row = await createTransaction(alice, { title: 'Old name' });
    const patched = await alice.request({
      method: 'PATCH',
      url: `/api/v1/transactions/${row.id}`,
      payload: { description: 'Crème brûlée' },
    });
    expect(patched.statusCode).toBe(200);
    expect(await titles(alice, 'creme brulee')).toEqual(['Old name']);
    await alice.request({
      method: 'PATCH',
      url: `/api/v1/transactions/${row.id}`,
      payload: { title: 'Café', description: '' },
    });
    expect(await titles(alice, 'creme')).toEqual([]);
    expect(await titles(alice, 'CAFE')).toEqual(['Café']);
  });

  it('finds imported rows and rows written before the search column existed', async () => {
    const imported = await alice.request({
      method: 'POST',
      url: '/api/v1/imports?date=date&title=title&amount=amount',
      headers: { 'content-type': 'text/csv' },
      payload: 'date,title,amount\n2026-01-05,Bücherstube,-9.00\n',
    });
    expect(imported.statusCode).toBe(201);
    expect(await titles(alice, 'BUCHER')).toEqual(['Bücherstube']);

    // As an upgrade finds them: written without search_text, filled in at the next start.
    app.dbHandle.sqlite
      .prepare(
        `INSERT INTO transactions (user_id, account_id, type, amount, delta, title, date, balance_after, created_at, updated_at)
         VALUES (?, (SELECT id FROM accounts WHERE user_id = ?), 'expense', 100, -100, 'Öl und Ähnliches', '2026-01-06', 0, '2026-01-06T00:00:00.000Z', '2026-01-06T00:00:00.000Z')`,
      )
      .run(alice.userId, alice.userId);
    openDatabase(config.DATABASE_PATH).close();
    expect(await titles(alice, 'ol und ahnliches')).toEqual(['Öl und Ähnliches']);
  });

  it("never finds another user's rows", async () => {
    const bob = await registerUser(app);
    expect(await titles(bob, 'muller')).toEqual([]);
  });
});
