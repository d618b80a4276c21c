import type { Category, CategoryList, Summary, TransactionPage } from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from './build-test-app.js';
import { categoryOf, createTransaction } from './factories.js';

describe("another user's ids", async () => {
  const { app } = await buildTestApp();
  const owner = await registerUser(app);
  const intruder = await registerUser(app);
  const ownersCategory = await categoryOf(owner, 'expense');
  const ownersTransaction = await createTransaction(owner, {
    categoryId: ownersCategory.id,
    amount: '99.00',
  });
  const intrudersCategory = await categoryOf(intruder, 'expense');
  const missingId = 2_000_000_000;

  const ownerState = async () => ({
    transactions: (
      await owner.request({ method: 'GET', url: '/api/v1/transactions' })
    ).json<TransactionPage>(),
    categories: (
      await owner.request({ method: 'GET', url: '/api/v1/categories' })
    ).json<CategoryList>(),
    summary: (await owner.request({ method: 'GET', url: '/api/v1/summary' })).json<Summary>(),
  });
  const before = await ownerState();

  const routes: Array<[string, 'GET' | 'PATCH' | 'DELETE', string, object?]> = [
    ['transactions', 'GET', '/api/v1/transactions/'],
    ['transactions', 'PATCH', '/api/v1/transactions/', { title: 'Hijacked', amount: '0.01' }],
    ['transactions', 'DELETE', '/api/v1/transactions/'],
    ['categories', 'GET', '/api/v1/categories/'],
    ['categories', 'PATCH', '/api/v1/categories/', { name: 'Hijacked' }],
    ['categories', 'DELETE', '/api/v1/categories/'],
  ];

  it.each(routes)(
    '%s: %s %s:id answers 404 exactly as for a missing id',
    async (resource, method, url, payload) => {
      const foreignId = resource === 'transactions' ? ownersTransaction.id : ownersCategory.id;
      const foreign = await intruder.request({
        method,
        url: `${url}${foreignId}`,
        ...(payload ? { payload } : {}),
      });
      const missing = await intruder.request({
        method,
        url: `${url}${missingId}`,
        ...(payload ? { payload } : {}),
      });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(missing.statusCode).toBe(404);
      expect(foreign.body).toBe(missing.body);
      expect(foreign.headers['content-type']).toBe(missing.headers['content-type']);
      expect(await ownerState()).toEqual(before);
    },
  );

  it("cannot move the owner's transactions by deleting a category with ?moveTo=", async () => {
    const response = await intruder.request({
      method: 'DELETE',
      url: `/api/v1/categories/${ownersCategory.id}?moveTo=${intrudersCategory.id}`,
    });
    expect(response.statusCode).toBe(404);
    expect(await ownerState()).toEqual(before);
  });

  it("sees none of the owner's data in lists and summary", async () => {
    await createTransaction(intruder, { amount: '1.00' });
    const list = (
      await intruder.request({
        method: 'GET',
        url: `/api/v1/transactions?categoryId=${ownersCategory.id}`,
      })
    ).json<TransactionPage>();
    expect(list.items).toEqual([]);
    const all = (
      await intruder.request({ method: 'GET', url: '/api/v1/transactions' })
    ).json<TransactionPage>();
    expect(all.items.map((t) => t.id)).not.toContain(ownersTransaction.id);
    const summary = (
      await intruder.request({ method: 'GET', url: '/api/v1/summary' })
    ).json<Summary>();
    expect(summary).toMatchObject({ balance: '-1.00', expense: '1.00' });
    const categories = (await intruder.request({ method: 'GET', url: '/api/v1/categories' })).json<{
      items: Category[];
    }>();
    expect(categories.items.map((c) => c.id)).not.toContain(ownersCategory.id);
    expect(await ownerState()).toEqual(before);
  });
});
