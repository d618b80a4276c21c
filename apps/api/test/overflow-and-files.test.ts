import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Category, ImportResult, Summary } from '@moneta/schema';
import { backupDatabase, inspectDatabase } from '../src/db/maintenance.js';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { createTransaction } from './factories.js';

const MAX = '9999999999999.99';

const importCsv = (user: Session, csv: string, query = '') =>
  user.request({
    method: 'POST',
    url: `/api/v1/imports?date=date&amount=amount&title=title${query}`,
    headers: { 'content-type': 'text/csv' },
    payload: csv,
  });

const balanceOf = async (user: Session) =>
  (await user.request({ method: 'GET', url: '/api/v1/summary' })).json<Summary>().balance;

/** 9 maximal expenses, then an income, then one more expense: the income holds the floor. */
async function nearTheFloor(user: Session) {
  for (let day = 1; day <= 9; day += 1)
    await createTransaction(user, { amount: MAX, date: `2026-01-${String(day).padStart(2, '0')}` });
  const income = await createTransaction(user, {
    type: 'income',
    amount: MAX,
    date: '2026-01-10',
  });
  await createTransaction(user, { amount: MAX, date: '2026-01-11' });
  return income;
}

/**
 * `pairs` maximal incomes on one day, each followed by a maximal expense, so the running balance
 * never passes one amount. Each kind is split over two categories, so every monthly total stays
 * in range (5,000 maxima is 5e18 minor units); two categories together would pass 2^63, and so
 * would a plain SUM that reads all of the day's expenses before its incomes.
 */
async function sameDayPairs(user: Session, pairs: number) {
  const categories = (await user.request({ method: 'GET', url: '/api/v1/categories' })).json<{
    items: Category[];
  }>().items;
  const [first, second] = categories.filter((c) => c.kind === 'income');
  const [spendA, spendB] = categories.filter((c) => c.kind === 'expense');
  if (!first || !second || !spendA || !spendB) throw new Error('two categories of each kind');
  const lines: string[] = [];
  for (let i = 0; i < pairs; i += 1) {
    const [income, expense] = i % 2 === 0 ? [first, spendA] : [second, spendB];
    lines.push(
      `2026-01-15,In ${i},${MAX},${income.name}`,
      `2026-01-15,Out ${i},-${MAX},${expense.name}`,
    );
  }
  const imported = await importCsv(
    user,
    `date,title,amount,category\n${lines.join('\n')}\n`,
    '&category=category',
  );
  expect(imported.statusCode).toBe(201);
  return { first, second };
}

describe('a change that would take a balance out of range', async () => {
  const { app } = await buildTestApp();

  it('is refused for a delete with a 400 naming the transaction, and changes nothing', async () => {
    const user = await registerUser(app);
    const income = await nearTheFloor(user);
    const before = await balanceOf(user);
    const response = await user.request({
      method: 'DELETE',
      url: `/api/v1/transactions/${income.id}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ errors: [{ path: 'id' }] });
    expect(await balanceOf(user)).toBe(before);
    expect(
      (await user.request({ method: 'GET', url: `/api/v1/transactions/${income.id}` })).statusCode,
    ).toBe(200);
  });

  it('is refused for undoing an import with a 400 naming the import', async () => {
    const user = await registerUser(app);
    for (let day = 1; day <= 9; day += 1)
      await createTransaction(user, {
        amount: MAX,
        date: `2026-01-${String(day).padStart(2, '0')}`,
      });
    const imported = await importCsv(user, `date,title,amount\n2026-01-10,Windfall,${MAX}\n`);
    expect(imported.statusCode).toBe(201);
    await createTransaction(user, { amount: MAX, date: '2026-01-11' });
    const id = imported.json<ImportResult>().import?.id;
    const before = await balanceOf(user);
    const response = await user.request({ method: 'DELETE', url: `/api/v1/imports/${id}` });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ path: 'id' }] });
    expect(await balanceOf(user)).toBe(before);
  });

  it('is refused for moving a category into another with a 400 naming moveTo', async () => {
    const user = await registerUser(app);
    const { first, second } = await sameDayPairs(user, 10_000);
    const response = await user.request({
      method: 'DELETE',
      url: `/api/v1/categories/${first.id}?moveTo=${second.id}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ path: 'moveTo' }] });
    const after = await user.request({ method: 'GET', url: '/api/v1/categories' });
    expect(after.json<{ items: Category[] }>().items.map((c) => c.id)).toContain(first.id);
  });
});

describe('the admin check and backup over valid data whose plain SUM passes 64 bits', async () => {
  const { app, config } = await buildTestApp();
  const user = await registerUser(app);
  await sameDayPairs(user, 9_400);

  it('counts and folds every user exactly instead of failing with integer overflow', () => {
    const facts = inspectDatabase(config.DATABASE_PATH);
    expect(facts).toMatchObject({ integrity: 'ok', users: 1, transactions: 18_800, netMinor: '0' });
  });

  it('backs up privately and leaves nothing half-written behind', async () => {
    const folder = dirname(config.DATABASE_PATH);
    const target = join(folder, 'backup.db');
    const facts = await backupDatabase(config.DATABASE_PATH, target);
    expect(facts.transactions).toBe(18_800);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder).filter((name) => name.includes('.partial-'))).toEqual([]);
    await expect(backupDatabase(join(folder, 'missing.db'), target)).rejects.toThrow();
    expect(readdirSync(folder).filter((name) => name.includes('.partial-'))).toEqual([]);
  });

  it('keeps the database, its WAL and shared memory readable by the owner only', () => {
    const folder = dirname(config.DATABASE_PATH);
    for (const name of readdirSync(folder).filter((n) => n.startsWith('moneta.db'))) {
      expect(statSync(join(folder, name)).mode & 0o777, name).toBe(0o600);
    }
    expect(readdirSync(folder)).toEqual(expect.arrayContaining(['moneta.db', 'moneta.db-wal']));
  });
});
