import Fastify from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  checkedWriter,
  compileFast,
  createSerializerCompiler,
  SerializerMismatchError,
} from '../src/lib/serializer.js';
import { buildTestApp, registerUser } from './build-test-app.js';
import { expectStatus } from './expect-status.js';
import { categoryOf, createTransaction } from './factories.js';

/** Every zod schema a route documents as an answer, with where it came from. */
function responseContracts(
  routes: Array<{ method: string; url: string; schema?: { response?: unknown } }>,
): Array<{ route: string; status: string; contract: z.ZodType }> {
  const found: Array<{ route: string; status: string; contract: z.ZodType }> = [];
  for (const { method, url, schema } of routes) {
    const responses = (schema?.response ?? {}) as Record<string, unknown>;
    for (const [status, answer] of Object.entries(responses)) {
      if (answer instanceof z.ZodType)
        found.push({ route: `${method} ${url}`, status, contract: answer });
    }
  }
  return found;
}

describe('the fast response writer', () => {
  it('is built from the contract for every JSON answer the API documents', async () => {
    const { app } = await buildTestApp();
    const contracts = responseContracts(app.routeTable);
    // All routes, errors included: none falls back to zod + JSON.stringify unnoticed.
    expect(contracts.length).toBeGreaterThan(100);
    const without = contracts
      .filter(({ contract }) => compileFast(contract) === undefined)
      .map(({ route, status }) => `${route} ${status}`);
    expect(without).toEqual([]);
  });

  it('writes, without checking, the bytes the contract writes, for a history with transfers, currencies and nulls', async () => {
    const { app } = await buildTestApp({ RESPONSE_CHECK: 'false' });
    const user = await registerUser(app, { currency: 'USD' });
    const contractOf = (method: string, url: string, status = '200'): z.ZodType => {
      const route = app.routeTable.find((r) => r.method === method && r.url === url);
      const responses = (route?.schema?.response ?? {}) as Record<string, unknown>;
      const contract = responses[status] ?? responses[`${status[0]}xx`];
      if (!(contract instanceof z.ZodType)) throw new Error(`no ${status} contract for ${url}`);
      return contract;
    };
    const post = async (url: string, payload: Record<string, unknown>) =>
      (await expectStatus(user.request({ method: 'POST', url, payload }), 201)).json<{
        id: number;
      }>();
    const euro = await post('/api/v1/accounts', {
      name: 'Euro savings',
      kind: 'savings',
      currency: 'EUR',
      openingBalance: '250.00',
      openingDate: '2026-01-01',
    });
    const yen = await post('/api/v1/accounts', { name: 'Yen', kind: 'cash', currency: 'JPY' });
    const food = await categoryOf(user, 'expense');
    await createTransaction(user, {
      categoryId: food.id,
      description: 'with "quotes" \u2028 and é',
    });
    await createTransaction(user, {
      type: 'income',
      amount: '1000',
      title: 'Salary',
      date: '2026-10-30',
    });
    await createTransaction(user, { accountId: yen.id, amount: '1500', title: '寿司' });
    const transfer = await post('/api/v1/transfers', {
      fromAccountId: euro.id,
      toAccountId: yen.id,
      amount: '100.00',
      toAmount: '16234',
      date: '2026-11-05',
    });
    await expectStatus(
      user.request({
        method: 'PUT',
        url: '/api/v1/rates',
        payload: { base: 'EUR', quote: 'USD', date: '2026-01-01', rate: '1.0842' },
      }),
      200,
    );

    const reads: Array<[pattern: string, url: string, status?: number]> = [
      ['/api/v1/transactions', '/api/v1/transactions?limit=200'],
      ['/api/v1/transactions', `/api/v1/transactions?accountId=${yen.id}`],
      ['/api/v1/transactions', '/api/v1/transactions?limit=1'],
      ['/api/v1/summary', '/api/v1/summary'],
      ['/api/v1/summary', '/api/v1/summary?from=2026-11-01&to=2026-11-30'],
      ['/api/v1/summary', `/api/v1/summary?accountId=${euro.id}`],
      ['/api/v1/accounts', '/api/v1/accounts'],
      ['/api/v1/accounts/:id', `/api/v1/accounts/${yen.id}`],
      ['/api/v1/transfers/:id', `/api/v1/transfers/${transfer.id}`],
      ['/api/v1/rates', '/api/v1/rates'],
      ['/api/v1/categories', '/api/v1/categories'],
      ['/api/v1/auth/me', '/api/v1/auth/me'],
      [
        '/api/v1/accounts/:id/reconciliation',
        `/api/v1/accounts/${euro.id}/reconciliation?date=2026-11-30&statementBalance=150.00`,
      ],
      ['/api/v1/transactions/:id', '/api/v1/transactions/999999', 404],
      ['/api/v1/transactions', '/api/v1/transactions?limit=0', 400],
    ];
    for (const [pattern, url, status = 200] of reads) {
      const response = await expectStatus(user.request({ method: 'GET', url }), status);
      const contract = contractOf('GET', pattern, String(status));
      const expected = JSON.stringify(z.encode(contract, response.json()));
      expect(response.body, url).toBe(expected);
    }
    // The mix the comparison is worth something for really was there.
    const page = await user.request({ method: 'GET', url: '/api/v1/transactions?limit=200' });
    const items = page.json<{ items: Array<Record<string, unknown>> }>().items;
    expect(items.some((row) => row.transfer !== null)).toBe(true);
    expect(items.some((row) => row.categoryId === null)).toBe(true);
    expect(items.some((row) => row.description !== null)).toBe(true);
    expect(new Set(items.map((row) => row.currency))).toEqual(new Set(['USD', 'EUR', 'JPY']));
  });

  it('answers 500 in check mode when a handler strays from its contract, and writes it unchecked otherwise', async () => {
    const answer = async (check: boolean) => {
      const app = Fastify();
      app.setValidatorCompiler(validatorCompiler);
      app.setSerializerCompiler(createSerializerCompiler({ check }));
      app.get(
        '/wrong',
        { schema: { response: { 200: z.object({ amount: z.string(), cleared: z.boolean() }) } } },
        async () => ({ amount: 12.5, cleared: 'yes' }),
      );
      const response = await app.inject({ method: 'GET', url: '/wrong' });
      await app.close();
      return response;
    };
    expect((await answer(true)).statusCode).toBe(500);
    // Production trusts the handler: the writer coerces to the declared types.
    const unchecked = await answer(false);
    expect(unchecked.statusCode).toBe(200);
    expect(unchecked.body).toBe('{"amount":"12.5","cleared":true}');
  });

  it('refuses, in check mode, bytes that differ from what the contract writes', () => {
    const contract = z.object({ title: z.string() });
    const encode = (data: unknown) => z.encode(contract, data as { title: string });
    const faithful = checkedWriter(encode, (data) => JSON.stringify(data), 'GET /x');
    expect(faithful({ title: 'a' })).toBe('{"title":"a"}');
    const drifting = checkedWriter(encode, () => '{"title":"b"}', 'GET /x');
    expect(() => drifting({ title: 'a' })).toThrow(SerializerMismatchError);
  });
});
