import type { Summary, Transaction, TransactionPage } from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { categoryOf, createTransaction } from './factories.js';

const PROBLEM = /^application\/problem\+json/;

async function listAll(session: Session, query = ''): Promise<Transaction[]> {
  const response = await session.request({
    method: 'GET',
    url: `/api/v1/transactions?limit=200${query}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<TransactionPage>().items;
}

/** Everything a user can see of their money: a bad request must leave it identical. */
async function snapshot(session: Session) {
  const [list, summary, categories] = await Promise.all([
    session.request({ method: 'GET', url: '/api/v1/transactions?limit=200' }),
    session.request({ method: 'GET', url: '/api/v1/summary' }),
    session.request({ method: 'GET', url: '/api/v1/categories' }),
  ]);
  return {
    list: list.json<unknown>(),
    summary: summary.json<unknown>(),
    categories: categories.json<unknown>(),
  };
}

function errorPaths(body: string): string[] {
  return (
    (JSON.parse(body) as { errors?: Array<{ path: string }> }).errors?.map((e) => e.path) ?? []
  );
}

describe('transactions', async () => {
  const { app, clock } = await buildTestApp();
  // Local noon, so "today" is 2026-03-15 whatever the machine's time zone.
  clock.now = new Date(2026, 2, 15, 12);
  const alice = await registerUser(app);
  const mallory = await registerUser(app);
  const groceries = await categoryOf(alice, 'expense');
  const salary = await categoryOf(alice, 'income');
  const mallorysCategory = await categoryOf(mallory, 'expense');

  describe('CRUD', () => {
    it('POST creates a transaction and GET reads it back', async () => {
      const response = await alice.request({
        method: 'POST',
        url: '/api/v1/transactions',
        payload: {
          type: 'expense',
          amount: '42.10',
          title: '  Weekly shop  ',
          description: 'Market',
          categoryId: groceries.id,
          date: '2026-03-01',
        },
      });
      expect(response.statusCode).toBe(201);
      const created = response.json<Transaction>();
      expect(created).toEqual({
        id: expect.any(Number) as number,
        accountId: expect.any(Number) as number,
        currency: 'USD',
        type: 'expense',
        amount: '42.10',
        change: '-42.10',
        title: 'Weekly shop',
        description: 'Market',
        categoryId: groceries.id,
        date: '2026-03-01',
        createdAt: clock.now.toISOString(),
        updatedAt: clock.now.toISOString(),
        balanceAfter: '-42.10',
        cleared: false,
        reconciled: false,
        transfer: null,
      });
      const read = await alice.request({
        method: 'GET',
        url: `/api/v1/transactions/${created.id}`,
      });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual(created);
    });

    it('defaults the date to today and the category and description to null', async () => {
      const created = await createTransaction(alice, {
        type: 'income',
        amount: '100',
        title: 'Gift',
        date: undefined,
      });
      expect(created).toMatchObject({
        date: '2026-03-15',
        categoryId: null,
        description: null,
        amount: '100.00',
      });
      expect(created.balanceAfter).toBe('57.90');
    });

    it('PATCH changes any field, bumps updatedAt and keeps createdAt', async () => {
      const created = await createTransaction(alice, {
        amount: '5.00',
        title: 'Bus',
        date: '2026-03-10',
      });
      const createdAt = clock.now.toISOString();
      clock.now = new Date(clock.now.getTime() + 60_000);
      const patches: Array<[Record<string, unknown>, Partial<Transaction>]> = [
        [{ title: 'Tram' }, { title: 'Tram' }],
        [{ amount: '7.25' }, { amount: '7.25' }],
        [{ amount: 8 }, { amount: '8.00' }],
        [{ description: 'Line 4' }, { description: 'Line 4' }],
        [{ description: null }, { description: null }],
        [{ categoryId: groceries.id }, { categoryId: groceries.id }],
        [{ categoryId: null }, { categoryId: null }],
        [{ date: '2026-02-28' }, { date: '2026-02-28' }],
        [
          { type: 'income', categoryId: salary.id },
          { type: 'income', categoryId: salary.id },
        ],
      ];
      for (const [payload, expected] of patches) {
        const response = await alice.request({
          method: 'PATCH',
          url: `/api/v1/transactions/${created.id}`,
          payload,
        });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json()).toMatchObject({
          ...expected,
          createdAt,
          updatedAt: clock.now.toISOString(),
        });
      }
      const read = await alice.request({
        method: 'GET',
        url: `/api/v1/transactions/${created.id}`,
      });
      expect(read.json()).toMatchObject({
        type: 'income',
        amount: '8.00',
        title: 'Tram',
        description: null,
        categoryId: salary.id,
        date: '2026-02-28',
      });
    });

    it('DELETE removes the transaction: 204, then 404 on every :id route', async () => {
      const created = await createTransaction(alice, { title: 'Mistake' });
      const response = await alice.request({
        method: 'DELETE',
        url: `/api/v1/transactions/${created.id}`,
      });
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
      for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
        const again = await alice.request({
          method,
          url: `/api/v1/transactions/${created.id}`,
          ...(method === 'PATCH' ? { payload: { title: 'x' } } : {}),
        });
        expect(again.statusCode).toBe(404);
        expect(again.headers['content-type']).toMatch(PROBLEM);
      }
      expect((await listAll(alice)).some((t) => t.id === created.id)).toBe(false);
    });

    it.each(['abc', '0', '-1', '1.5', '99999999999999999999'])(
      'answers 400 for the id %s',
      async (id) => {
        const response = await alice.request({ method: 'GET', url: `/api/v1/transactions/${id}` });
        expect(response.statusCode).toBe(400);
        expect(errorPaths(response.body)).toContain('id');
      },
    );
  });

  describe('GET /transactions filters', async () => {
    const carol = await registerUser(app);
    const food = await categoryOf(carol, 'expense');
    const pay = await categoryOf(carol, 'income');
    const rows = [
      await createTransaction(carol, {
        type: 'income',
        amount: '2000',
        title: 'March salary',
        categoryId: pay.id,
        date: '2026-03-01',
      }),
      await createTransaction(carol, {
        amount: '12.00',
        title: 'Pizza',
        description: 'with the team',
        categoryId: food.id,
        date: '2026-03-02',
      }),
      await createTransaction(carol, { amount: '30.00', title: 'Books', date: '2026-03-05' }),
      await createTransaction(carol, {
        amount: '9.99',
        title: 'Discount 50%',
        description: 'half price',
        date: '2026-02-20',
      }),
      await createTransaction(carol, {
        amount: '500',
        title: 'Rent 500',
        categoryId: food.id,
        date: '2026-01-31',
      }),
      await createTransaction(carol, {
        type: 'income',
        amount: '15',
        title: 'Refund_pizza',
        date: '2026-03-31',
      }),
    ];
    const titles = (items: Transaction[]) => items.map((t) => t.title);
    const byId = (id: number) => rows.find((row) => row.id === id);

    it.each([
      ['', ['Refund_pizza', 'Books', 'Pizza', 'March salary', 'Discount 50%', 'Rent 500']],
      ['&from=2026-03-01&to=2026-03-05', ['Books', 'Pizza', 'March salary']],
      ['&from=2026-03-02', ['Refund_pizza', 'Books', 'Pizza']],
      ['&to=2026-02-20', ['Discount 50%', 'Rent 500']],
      ['&type=income', ['Refund_pizza', 'March salary']],
      ['&type=expense&from=2026-02-01', ['Books', 'Pizza', 'Discount 50%']],
      ['&q=pizza', ['Refund_pizza', 'Pizza']],
      ['&q=TEAM', ['Pizza']],
      ['&q=half', ['Discount 50%']],
      ['&q=50%25', ['Discount 50%']],
      ['&q=_', ['Refund_pizza']],
      ['&q=nothing', []],
      ['&type=income&q=pizza', ['Refund_pizza']],
    ])('query %s', async (query, expected) => {
      expect(titles(await listAll(carol, query))).toEqual(expected);
    });

    it('filters by category', async () => {
      const items = await listAll(carol, `&categoryId=${food.id}`);
      expect(titles(items)).toEqual(['Pizza', 'Rent 500']);
      expect(await listAll(carol, `&categoryId=${mallorysCategory.id}`)).toEqual([]);
    });

    it('returns items exactly as GET /:id does', async () => {
      for (const item of await listAll(carol)) {
        const read = await carol.request({ method: 'GET', url: `/api/v1/transactions/${item.id}` });
        expect(read.json()).toEqual(item);
        expect(item.amount).toBe(byId(item.id)?.amount);
      }
    });

    it.each([
      ['from=2026-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['from=2026-03-02&to=2026-03-01', 'to'],
      ['type=refund', 'type'],
      ['categoryId=abc', 'categoryId'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=bm9wZQ', 'cursor'],
      [`cursor=${Buffer.from('2026-03-01|0').toString('base64url')}`, 'cursor'],
      [`q=${'x'.repeat(201)}`, 'q'],
    ])('answers 400 for %s naming the parameter', async (query, path) => {
      const response = await carol.request({ method: 'GET', url: `/api/v1/transactions?${query}` });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(errorPaths(response.body)).toContain(path);
    });
  });

  describe('keyset pagination', async () => {
    const dave = await registerUser(app);
    const dates = [
      '2026-01-05',
      '2026-01-05',
      '2025-12-31',
      '2026-01-05',
      '2026-02-01',
      '2025-12-31',
    ];
    for (let index = 0; index < 23; index += 1) {
      await createTransaction(dave, {
        type: index % 4 === 0 ? 'income' : 'expense',
        amount: `${index + 1}.00`,
        title: `Row ${index}`,
        date: dates[index % dates.length],
      });
    }
    const expected = (await listAll(dave)).map((t) => t.id);

    async function walk(query: string, limit: number): Promise<Transaction[][]> {
      const pages: Transaction[][] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/transactions?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`;
        const page: TransactionPage = (
          await dave.request({ method: 'GET', url })
        ).json<TransactionPage>();
        pages.push(page.items);
        cursor = page.nextCursor;
        expect(pages.length).toBeLessThan(50);
      } while (cursor);
      return pages;
    }

    it('lists newest first, ties on a date ordered by id, newest id first', async () => {
      const items = await listAll(dave);
      expect(items).toHaveLength(23);
      expect(new Set(items.map((t) => t.date)).size).toBeLessThan(items.length);
      for (let index = 1; index < items.length; index += 1) {
        const previous = items[index - 1];
        const current = items[index];
        if (!previous || !current) throw new Error('missing row');
        expect(
          previous.date > current.date ||
            (previous.date === current.date && previous.id > current.id),
        ).toBe(true);
      }
    });

    it.each([1, 5, 7, 22, 23, 200])('walks every row once with limit %i', async (limit) => {
      const pages = await walk('', limit);
      expect(pages.flat().map((t) => t.id)).toEqual(expected);
      expect(pages.length).toBe(Math.max(1, Math.ceil(23 / limit)));
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
    });

    it('paginates a filtered list with the filter kept', async () => {
      const pages = await walk('&type=expense&from=2026-01-01', 3);
      const expenses = (await listAll(dave, '&type=expense&from=2026-01-01')).map((t) => t.id);
      expect(expenses.length).toBeGreaterThan(6);
      expect(pages.flat().map((t) => t.id)).toEqual(expenses);
    });

    it('keeps a cursor valid when rows are added on earlier pages', async () => {
      const first = (
        await dave.request({ method: 'GET', url: '/api/v1/transactions?limit=10' })
      ).json<TransactionPage>();
      await createTransaction(dave, { title: 'Newest', date: '2026-03-01' });
      const second = (
        await dave.request({
          method: 'GET',
          url: `/api/v1/transactions?limit=10&cursor=${first.nextCursor ?? ''}`,
        })
      ).json<TransactionPage>();
      expect([...first.items, ...second.items].map((t) => t.id)).toEqual(expected.slice(0, 20));
    });

    it('defaults the page size to 50', async () => {
      const erin = await registerUser(app);
      for (let index = 0; index < 51; index += 1)
        await createTransaction(erin, { date: '2026-01-01' });
      const page = (
        await erin.request({ method: 'GET', url: '/api/v1/transactions' })
      ).json<TransactionPage>();
      expect(page.items).toHaveLength(50);
      expect(page.nextCursor).not.toBeNull();
    });
  });

  describe('bad input', async () => {
    const frank = await registerUser(app);
    const frankFood = await categoryOf(frank, 'expense');
    const frankPay = await categoryOf(frank, 'income');
    const existing = await createTransaction(frank, {
      amount: '20.00',
      title: 'Dinner',
      categoryId: frankFood.id,
      date: '2026-03-03',
    });
    await createTransaction(frank, {
      type: 'income',
      amount: '1000.00',
      title: 'Salary',
      categoryId: frankPay.id,
      date: '2026-03-01',
    });
    const valid = { type: 'expense', amount: '12.50', title: 'Lunch', date: '2026-03-04' };
    const without = (key: keyof typeof valid) =>
      Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key));

    const createCases: Array<[string, unknown, string]> = [
      ['missing type', without('type'), 'type'],
      ['missing amount', without('amount'), 'amount'],
      ['missing title', without('title'), 'title'],
      ['an unknown type', { ...valid, type: 'transfer' }, 'type'],
      ['amount as a boolean', { ...valid, amount: true }, 'amount'],
      ['amount as null', { ...valid, amount: null }, 'amount'],
      ['amount with 3 decimals in USD', { ...valid, amount: '12.345' }, 'amount'],
      ['amount in exponent form', { ...valid, amount: '1e3' }, 'amount'],
      ['a number only written with an exponent', { ...valid, amount: 1e21 }, 'amount'],
      ['a tiny number', { ...valid, amount: 1e-7 }, 'amount'],
      ['a float sum with too many decimals', { ...valid, amount: 0.1 + 0.2 }, 'amount'],
      ['a negative amount', { ...valid, amount: '-5.00' }, 'amount'],
      ['a negative number', { ...valid, amount: -5 }, 'amount'],
      ['a zero amount', { ...valid, amount: '0.00' }, 'amount'],
      ['a zero number', { ...valid, amount: 0 }, 'amount'],
      ['a huge amount', { ...valid, amount: '10000000000000.00' }, 'amount'],
      ['a huge number', { ...valid, amount: 123456789012345680000 }, 'amount'],
      ['an empty amount', { ...valid, amount: '' }, 'amount'],
      ['a comma decimal', { ...valid, amount: '12,50' }, 'amount'],
      ['a padded amount', { ...valid, amount: ' 12.50' }, 'amount'],
      ['a leading dot', { ...valid, amount: '.50' }, 'amount'],
      ['a currency sign', { ...valid, amount: '$12.50' }, 'amount'],
      ['an empty title', { ...valid, title: '' }, 'title'],
      ['a blank title', { ...valid, title: '   ' }, 'title'],
      ['a 201-character title', { ...valid, title: 'x'.repeat(201) }, 'title'],
      ['a numeric title', { ...valid, title: 5 }, 'title'],
      ['a 2001-character description', { ...valid, description: 'x'.repeat(2001) }, 'description'],
      ['a description object', { ...valid, description: { text: 'x' } }, 'description'],
      ['February 30th', { ...valid, date: '2026-02-30' }, 'date'],
      ['month 13', { ...valid, date: '2026-13-01' }, 'date'],
      ['a 2025 leap day', { ...valid, date: '2025-02-29' }, 'date'],
      ['a short date', { ...valid, date: '2026-3-4' }, 'date'],
      ['a date with a time', { ...valid, date: '2026-03-04T10:00:00Z' }, 'date'],
      ['a date as a number', { ...valid, date: 20260304 }, 'date'],
      ['an unknown category', { ...valid, categoryId: 999_999 }, 'categoryId'],
      ["another user's category", { ...valid, categoryId: mallorysCategory.id }, 'categoryId'],
      ['an income category on an expense', { ...valid, categoryId: frankPay.id }, 'categoryId'],
      ['a category id as a string', { ...valid, categoryId: String(frankFood.id) }, 'categoryId'],
      ['a fractional category id', { ...valid, categoryId: 1.5 }, 'categoryId'],
      ['a zero category id', { ...valid, categoryId: 0 }, 'categoryId'],
      ['an unknown field', { ...valid, note: 'x' }, 'note'],
      ['a computed field', { ...valid, balanceAfter: '1000000.00' }, 'balanceAfter'],
      ["another user's id", { ...valid, userId: mallory.userId }, 'userId'],
      ['an array body', [valid], ''],
      ['a string body', 'lunch', ''],
    ];

    it.each(createCases)(
      'POST with %s answers 400 naming the field and changes nothing',
      async (_, payload, path) => {
        const before = await snapshot(frank);
        const response = await frank.request({
          method: 'POST',
          url: '/api/v1/transactions',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(payload),
        });
        expect(response.statusCode, response.body).toBe(400);
        expect(response.headers['content-type']).toMatch(PROBLEM);
        expect(response.json()).toMatchObject({
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
        });
        if (path) expect(errorPaths(response.body)).toContain(path);
        expect(await snapshot(frank)).toEqual(before);
      },
    );

    const patchCases: Array<[string, unknown, string]> = [
      ['an empty body', {}, ''],
      ['a null type', { type: null }, 'type'],
      ['amount with 3 decimals', { amount: '12.345' }, 'amount'],
      ['amount in exponent form', { amount: '1e3' }, 'amount'],
      ['a zero amount', { amount: '0' }, 'amount'],
      ['a negative amount', { amount: -1 }, 'amount'],
      ['a huge amount', { amount: '99999999999999999999' }, 'amount'],
      ['an empty title', { title: '' }, 'title'],
      ['a 201-character title', { title: 'y'.repeat(201) }, 'title'],
      ['a 2001-character description', { description: 'y'.repeat(2001) }, 'description'],
      ['February 30th', { date: '2026-02-30' }, 'date'],
      ['an unknown category', { categoryId: 999_999 }, 'categoryId'],
      ["another user's category", { categoryId: mallorysCategory.id }, 'categoryId'],
      ['an income category on an expense', { categoryId: frankPay.id }, 'categoryId'],
      ['a type its category does not fit', { type: 'income' }, 'categoryId'],
      ['an unknown field', { title: 'ok', tags: ['x'] }, 'tags'],
      ['a changed id', { id: 1 }, 'id'],
    ];

    it.each(patchCases)(
      'PATCH with %s answers 400 naming the field and changes nothing',
      async (_, payload, path) => {
        const before = await snapshot(frank);
        const response = await frank.request({
          method: 'PATCH',
          url: `/api/v1/transactions/${existing.id}`,
          payload: payload as object,
        });
        expect(response.statusCode, response.body).toBe(400);
        expect(response.headers['content-type']).toMatch(PROBLEM);
        if (path) expect(errorPaths(response.body)).toContain(path);
        expect(await snapshot(frank)).toEqual(before);
      },
    );
  });

  describe('currencies and exact amounts', () => {
    it('takes whole yen only for a JPY user', async () => {
      const yen = await registerUser(app, { currency: 'JPY' });
      const half = await yen.request({
        method: 'POST',
        url: '/api/v1/transactions',
        payload: { type: 'expense', amount: '12.5', title: 'x' },
      });
      expect(half.statusCode).toBe(400);
      expect(errorPaths(half.body)).toEqual(['amount']);
      expect(
        (
          await yen.request({
            method: 'POST',
            url: '/api/v1/transactions',
            payload: { type: 'expense', amount: 12.5, title: 'x' },
          })
        ).statusCode,
      ).toBe(400);
      expect((await createTransaction(yen, { amount: '1200' })).amount).toBe('1200');
      expect((await createTransaction(yen, { amount: 300 })).amount).toBe('300');
      const summary = (
        await yen.request({ method: 'GET', url: '/api/v1/summary' })
      ).json<Summary>();
      // The factory's rows are dated after this file's clock: upcoming, not yet today's balance.
      expect(summary).toMatchObject({
        currency: 'JPY',
        balance: '0',
        upcoming: { balance: '-1500' },
        expense: '1500',
      });
    });

    it('takes three decimals for a KWD user', async () => {
      const dinar = await registerUser(app, { currency: 'KWD' });
      expect((await createTransaction(dinar, { amount: '1.234' })).amount).toBe('1.234');
      expect((await createTransaction(dinar, { amount: 1.5 })).amount).toBe('1.500');
      const tooPrecise = await dinar.request({
        method: 'POST',
        url: '/api/v1/transactions',
        payload: { type: 'expense', amount: '1.2345', title: 'x' },
      });
      expect(tooPrecise.statusCode).toBe(400);
      const summary = (
        await dinar.request({ method: 'GET', url: '/api/v1/summary' })
      ).json<Summary>();
      expect(summary).toMatchObject({ currency: 'KWD', upcoming: { balance: '-2.734' } });
    });

    it('parses JSON numbers exactly, where a float multiplication would not', async () => {
      const grace = await registerUser(app);
      const cases: Array<[number, string]> = [
        [12.5, '12.50'],
        [0.07, '0.07'],
        [4.35, '4.35'],
        [1.15, '1.15'],
        [0.1, '0.10'],
        [0.2, '0.20'],
        [9999999999999.99, '9999999999999.99'],
      ];
      for (const [amount, expected] of cases) {
        expect((await createTransaction(grace, { type: 'income', amount })).amount).toBe(expected);
      }
      const summary = (
        await grace.request({ method: 'GET', url: '/api/v1/summary' })
      ).json<Summary>();
      expect(summary.income).toBe('10000000000018.36');
    });

    it('takes a JSON number written with an exponent as the exact number it is', async () => {
      const henry = await registerUser(app);
      const response = await henry.request({
        method: 'POST',
        url: '/api/v1/transactions',
        headers: { 'content-type': 'application/json' },
        payload: '{"type":"income","amount":1e3,"title":"Thousand"}',
      });
      expect(response.statusCode).toBe(201);
      expect(response.json<Transaction>().amount).toBe('1000.00');
    });

    it('takes the largest amount and refuses one that would take the balance beyond exact range', async () => {
      const ivan = await registerUser(app);
      const largest = '9999999999999.99';
      for (let index = 0; index < 9; index += 1)
        await createTransaction(ivan, { type: 'income', amount: largest });
      const before = await snapshot(ivan);
      const response = await ivan.request({
        method: 'POST',
        url: '/api/v1/transactions',
        payload: { type: 'income', amount: largest, title: 'One too many', date: '2026-03-01' },
      });
      expect(response.statusCode).toBe(400);
      expect(errorPaths(response.body)).toEqual(['amount']);
      expect(await snapshot(ivan)).toEqual(before);
      const summary = (
        await ivan.request({ method: 'GET', url: '/api/v1/summary' })
      ).json<Summary>();
      expect(summary.upcoming.balance).toBe('89999999999999.91');
    });
  });
});
