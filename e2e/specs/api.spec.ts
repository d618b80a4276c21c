import { expect, test } from '@playwright/test';

// The README's curl session, as a script would run it, against the real server.
test('a script registers, records money and reads the summary over HTTP', async ({ request }) => {
  const username = `curl_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const register = await request.post('/api/v1/auth/register', {
    data: { username, password: 'correct horse battery', currency: 'EUR' },
  });
  expect(register.status()).toBe(201);
  expect(register.headers()['set-cookie']).toMatch(/HttpOnly/i);

  const categories = (await (await request.get('/api/v1/categories')).json()) as {
    items: Array<{ id: number; kind: string }>;
  };
  const salary = categories.items.find((c) => c.kind === 'income');
  const expenseCategory = categories.items.find((c) => c.kind === 'expense');

  const income = await request.post('/api/v1/transactions', {
    data: {
      type: 'income',
      amount: '2500.00',
      title: 'Salary',
      categoryId: salary?.id,
      date: '2026-11-01',
    },
  });
  expect(income.status()).toBe(201);
  const expense = await request.post('/api/v1/transactions', {
    data: {
      type: 'expense',
      amount: 12.5,
      title: 'Lunch',
      categoryId: expenseCategory?.id,
      date: '2026-11-02',
    },
  });
  expect(expense.status()).toBe(201);
  expect(await expense.json()).toMatchObject({ amount: '12.50', balanceAfter: '2487.50' });

  const summary: unknown = await (
    await request.get('/api/v1/summary?from=2026-11-01&to=2026-11-30')
  ).json();
  expect(summary).toMatchObject({
    currency: 'EUR',
    balance: '2487.50',
    income: '2500.00',
    expense: '12.50',
    net: '2487.50',
  });

  const { id } = (await expense.json()) as { id: number };
  expect((await request.delete(`/api/v1/transactions/${id}`)).status()).toBe(204);
  expect((await request.post('/api/v1/auth/logout')).status()).toBe(204);
  expect((await request.get('/api/v1/auth/me')).status()).toBe(401);
});

test('unknown API routes answer a problem document; pages fall back to the app', async ({
  request,
}) => {
  const missing = await request.get('/api/v1/nope');
  expect(missing.status()).toBe(404);
  expect(missing.headers()['content-type']).toContain('application/problem+json');
  for (const path of ['/', '/login', '/someone?category=3']) {
    const page = await request.get(path);
    expect(page.status(), path).toBe(200);
    expect(page.headers()['content-type']).toContain('text/html');
    expect(page.headers()['cache-control']).toBe('no-cache');
  }
});
