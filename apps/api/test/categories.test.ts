import type { Category, CategoryList, Transaction, TransactionPage } from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { createTransaction } from './factories.js';

const PROBLEM = /^application\/problem\+json/;

async function categories(session: Session): Promise<Category[]> {
  return (await session.request({ method: 'GET', url: '/api/v1/categories' })).json<CategoryList>()
    .items;
}

async function createCategory(
  session: Session,
  name: string,
  kind: 'income' | 'expense',
): Promise<Category> {
  const response = await session.request({
    method: 'POST',
    url: '/api/v1/categories',
    payload: { name, kind },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Category>();
}

function errorPaths(body: string): string[] {
  return (
    (JSON.parse(body) as { errors?: Array<{ path: string }> }).errors?.map((e) => e.path) ?? []
  );
}

describe('categories', async () => {
  const { app } = await buildTestApp();
  const alice = await registerUser(app);
  const mallory = await registerUser(app);

  it('lists the default set, income and expense, sorted by kind then name', async () => {
    const items = await categories(alice);
    expect(items.map((c) => c.name)).toContain('Groceries');
    expect(items.map((c) => c.name)).toContain('Salary');
    const kinds = items.map((c) => c.kind);
    expect(kinds).toEqual([...kinds].sort());
    expect(new Set(items.map((c) => c.id)).size).toBe(items.length);
  });

  it('POST creates a category with a trimmed name; GET /:id reads it with its transaction count', async () => {
    const created = await createCategory(alice, '  Pets  ', 'expense');
    expect(created).toEqual({
      id: expect.any(Number) as number,
      name: 'Pets',
      kind: 'expense',
      transactionCount: 0,
    });
    await createTransaction(alice, { categoryId: created.id });
    await createTransaction(alice, { categoryId: created.id });
    const read = await alice.request({ method: 'GET', url: `/api/v1/categories/${created.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ ...created, transactionCount: 2 });
    expect((await categories(alice)).find((c) => c.id === created.id)?.transactionCount).toBe(2);
    expect((await categories(mallory)).some((c) => c.name === 'Pets')).toBe(false);
  });

  it('keeps names unique per user, case- and width-insensitively', async () => {
    await createCategory(alice, 'Hobbies', 'expense');
    for (const name of ['hobbies', 'HOBBIES', 'Ｈｏｂｂｉｅｓ']) {
      const response = await alice.request({
        method: 'POST',
        url: '/api/v1/categories',
        payload: { name, kind: 'income' },
      });
      expect(response.statusCode, name).toBe(409);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(errorPaths(response.body)).toEqual(['name']);
    }
    // Another user may use the same name.
    await createCategory(mallory, 'Hobbies', 'expense');
  });

  it.each([
    ['an empty name', { name: '', kind: 'expense' }, 'name'],
    ['a blank name', { name: '   ', kind: 'expense' }, 'name'],
    ['a 51-character name', { name: 'c'.repeat(51), kind: 'expense' }, 'name'],
    ['a missing kind', { name: 'Books' }, 'kind'],
    ['an unknown kind', { name: 'Books', kind: 'transfer' }, 'kind'],
    ['an unknown field', { name: 'Books', kind: 'expense', color: 'red' }, 'color'],
  ])('POST with %s answers 400 naming the field and creates nothing', async (_, payload, path) => {
    const before = await categories(alice);
    const response = await alice.request({ method: 'POST', url: '/api/v1/categories', payload });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(errorPaths(response.body)).toContain(path);
    expect(await categories(alice)).toEqual(before);
  });

  describe('PATCH /categories/:id', () => {
    it('renames, including a change of case only', async () => {
      const category = await createCategory(alice, 'Gym', 'expense');
      for (const name of ['Sport', 'SPORT']) {
        const response = await alice.request({
          method: 'PATCH',
          url: `/api/v1/categories/${category.id}`,
          payload: { name },
        });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json()).toEqual({ ...category, name });
      }
    });

    it('refuses a name another category has with 409, leaving both as they were', async () => {
      const category = await createCategory(alice, 'Garden', 'expense');
      const before = await categories(alice);
      const response = await alice.request({
        method: 'PATCH',
        url: `/api/v1/categories/${category.id}`,
        payload: { name: 'groceries' },
      });
      expect(response.statusCode).toBe(409);
      expect(errorPaths(response.body)).toEqual(['name']);
      expect(await categories(alice)).toEqual(before);
    });

    it('changes the kind of an unused category, refuses it with 409 once transactions use it', async () => {
      const category = await createCategory(alice, 'Side gigs', 'expense');
      const changed = await alice.request({
        method: 'PATCH',
        url: `/api/v1/categories/${category.id}`,
        payload: { kind: 'income' },
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json<Category>().kind).toBe('income');
      await createTransaction(alice, { type: 'income', categoryId: category.id });
      const refused = await alice.request({
        method: 'PATCH',
        url: `/api/v1/categories/${category.id}`,
        payload: { kind: 'expense' },
      });
      expect(refused.statusCode).toBe(409);
      expect(errorPaths(refused.body)).toEqual(['kind']);
      expect((await categories(alice)).find((c) => c.id === category.id)?.kind).toBe('income');
    });

    it.each([
      ['an empty body', {}],
      ['an empty name', { name: '' }],
      ['an unknown kind', { kind: 'both' }],
      ['an unknown field', { name: 'x', icon: 'y' }],
    ])('answers 400 for %s', async (_, payload) => {
      const [first] = await categories(alice);
      const response = await alice.request({
        method: 'PATCH',
        url: `/api/v1/categories/${first?.id ?? 0}`,
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    });
  });

  describe('DELETE /categories/:id', () => {
    it('deletes an unused category', async () => {
      const category = await createCategory(alice, 'Temporary', 'expense');
      const response = await alice.request({
        method: 'DELETE',
        url: `/api/v1/categories/${category.id}`,
      });
      expect(response.statusCode).toBe(204);
      expect(
        (await alice.request({ method: 'GET', url: `/api/v1/categories/${category.id}` }))
          .statusCode,
      ).toBe(404);
      expect(
        (await alice.request({ method: 'DELETE', url: `/api/v1/categories/${category.id}` }))
          .statusCode,
      ).toBe(404);
    });

    it('refuses to delete a category in use with 409 and changes nothing', async () => {
      const category = await createCategory(alice, 'Coffee', 'expense');
      const used = await createTransaction(alice, { categoryId: category.id });
      const before = await categories(alice);
      const response = await alice.request({
        method: 'DELETE',
        url: `/api/v1/categories/${category.id}`,
      });
      expect(response.statusCode).toBe(409);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(errorPaths(response.body)).toEqual(['moveTo']);
      expect(await categories(alice)).toEqual(before);
      const read = await alice.request({ method: 'GET', url: `/api/v1/transactions/${used.id}` });
      expect(read.json<Transaction>().categoryId).toBe(category.id);
    });

    it('moves the transactions to ?moveTo= and deletes, leaving amounts and balances alone', async () => {
      const bob = await registerUser(app);
      const from = await createCategory(bob, 'Snacks', 'expense');
      const to = await createCategory(bob, 'Food', 'expense');
      const other = await createCategory(bob, 'Other food', 'expense');
      await createTransaction(bob, { type: 'income', amount: '100', date: '2026-01-01' });
      const moved = [
        await createTransaction(bob, { categoryId: from.id, amount: '1.50', date: '2026-01-02' }),
        await createTransaction(bob, { categoryId: from.id, amount: '2.50', date: '2026-01-03' }),
      ];
      const untouched = await createTransaction(bob, { categoryId: other.id, date: '2026-01-04' });
      const before = (
        await bob.request({ method: 'GET', url: '/api/v1/transactions' })
      ).json<TransactionPage>().items;

      const response = await bob.request({
        method: 'DELETE',
        url: `/api/v1/categories/${from.id}?moveTo=${to.id}`,
      });
      expect(response.statusCode).toBe(204);
      const after = (
        await bob.request({ method: 'GET', url: '/api/v1/transactions' })
      ).json<TransactionPage>().items;
      const movedIds = new Set(moved.map((t) => t.id));
      for (const transaction of after) {
        const previous = before.find((t) => t.id === transaction.id);
        expect(transaction).toMatchObject({
          amount: previous?.amount,
          balanceAfter: previous?.balanceAfter,
          categoryId: movedIds.has(transaction.id) ? to.id : previous?.categoryId,
        });
      }
      expect(after.find((t) => t.id === untouched.id)?.categoryId).toBe(other.id);
      const remaining = await categories(bob);
      expect(remaining.some((c) => c.id === from.id)).toBe(false);
      expect(remaining.find((c) => c.id === to.id)?.transactionCount).toBe(2);
    });

    it.each([
      ['itself', (self: Category) => self.id, 'moveTo'],
      ['a category of the other kind', (_: Category, income: Category) => income.id, 'moveTo'],
      ['a missing category', () => 999_999, 'moveTo'],
      [
        "another user's category",
        (_: Category, __: Category, foreign: Category) => foreign.id,
        'moveTo',
      ],
      ['no number', () => 'abc', 'moveTo'],
    ])('refuses ?moveTo= %s with 400 and changes nothing', async (_, target, path) => {
      const category = await createCategory(
        alice,
        `Movable ${Math.random().toString(36).slice(2, 8)}`,
        'expense',
      );
      await createTransaction(alice, { categoryId: category.id });
      const income = (await categories(alice)).find((c) => c.kind === 'income');
      const foreign = (await categories(mallory)).find((c) => c.kind === 'expense');
      if (!income || !foreign) throw new Error('missing default categories');
      const before = await categories(alice);
      const response = await alice.request({
        method: 'DELETE',
        url: `/api/v1/categories/${category.id}?moveTo=${target(category, income, foreign)}`,
      });
      expect(response.statusCode).toBe(400);
      expect(errorPaths(response.body)).toContain(path);
      expect(await categories(alice)).toEqual(before);
    });
  });
});
