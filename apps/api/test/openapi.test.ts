import { describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { categoryOf, createTransaction } from './factories.js';

interface Parameter {
  in: string;
  name: string;
  schema: Record<string, unknown>;
}
interface Response {
  content?: Record<string, unknown>;
  headers?: Record<string, unknown>;
}
interface Operation {
  operationId?: string;
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, Response>;
  security?: unknown[];
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/** Routes that are not part of the API contract. */
const UNDOCUMENTED = [/^\/api\/docs/, /^\/api\/v1\/openapi\.json$/, /^\/\*$/];

const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('OpenAPI document', async () => {
  const { app } = await buildTestApp();
  const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  const document = response.json<OpenApiDocument>();

  it('is OpenAPI 3.1, served as JSON', () => {
    expect(response.statusCode).toBe(200);
    expect(document.openapi).toBe('3.1.0');
  });

  it('documents every registered route', () => {
    const routes = app.routeTable.filter((route) => !UNDOCUMENTED.some((re) => re.test(route.url)));
    expect(routes.length).toBeGreaterThan(15);
    const missing = routes.filter(
      (route) => !document.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()],
    );
    expect(missing).toEqual([]);
  });

  it('marks exactly the public routes as needing no authentication', () => {
    for (const route of app.routeTable.filter((r) => !UNDOCUMENTED.some((re) => re.test(r.url)))) {
      const operation = document.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
      expect({ route: route.url, open: operation?.security?.length === 0 }).toEqual({
        route: route.url,
        open: route.public,
      });
    }
  });

  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      key: `${method} ${path}`,
      operation,
    })),
  );
  const parameter = (key: string, name: string) =>
    operations
      .find((entry) => entry.key === key)
      ?.operation.parameters?.find((p) => p.name === name)?.schema;

  it('gives every operation a unique camelCase operationId and a summary', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    for (const { key, operation } of operations) {
      expect(operation.operationId, key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(operation.summary, key).toMatch(/\S/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents every error as application/problem+json, CSV and PDF routes included', () => {
    const errorTypes = operations.flatMap(({ key, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]/.test(status))
        .map(([status, answer]) => `${key} ${status}: ${Object.keys(answer.content ?? {}).join()}`),
    );
    expect(errorTypes.length).toBeGreaterThan(50);
    expect(errorTypes.filter((line) => !line.endsWith(': application/problem+json'))).toEqual([]);
    const csv = operations.find((entry) => entry.key === 'get /api/v1/transactions/export.csv');
    expect(Object.keys(csv?.operation.responses['200']?.content ?? {})).toEqual(['text/csv']);
  });

  it('types path and query parameters as the numbers and flags they are, with their ranges', () => {
    const id = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };
    expect(parameter('get /api/v1/transactions/{id}', 'id')).toEqual(id);
    expect(parameter('get /api/v1/transactions', 'categoryId')).toEqual(id);
    expect(parameter('delete /api/v1/categories/{id}', 'moveTo')).toEqual(id);
    expect(parameter('get /api/v1/transactions', 'limit')).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 200,
      default: 50,
    });
    expect(parameter('post /api/v1/imports', 'dryRun')).toEqual({
      type: 'boolean',
      default: false,
    });
    expect(parameter('post /api/v1/imports', 'header')).toEqual({ type: 'boolean', default: true });
  });

  it('documents the amount pattern, the currency list and the CSV body', () => {
    const body = (key: string, type = 'application/json') =>
      operations.find((entry) => entry.key === key)?.operation.requestBody?.content[type]?.schema;
    const transaction = body('post /api/v1/transactions')?.properties as Record<string, unknown>;
    expect(transaction.amount).toMatchObject({
      anyOf: [{ type: 'string', pattern: '^\\d+(\\.\\d+)?$' }, { type: 'number' }],
    });
    const register = body('post /api/v1/auth/register')?.properties as Record<string, unknown>;
    expect(register.currency).toMatchObject({
      type: 'string',
      enum: expect.arrayContaining(['EUR', 'JPY', 'USD']) as unknown,
    });
    for (const key of ['post /api/v1/imports', 'post /api/v1/imports/inspect']) {
      expect(body(key, 'text/csv'), key).toMatchObject({ type: 'string', format: 'binary' });
    }
  });

  it('documents Idempotency-Key where it is honoured, with its 409 and 422', () => {
    const honoured = operations.filter(({ operation }) =>
      operation.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
    );
    expect(honoured.map(({ key }) => key).sort()).toEqual([
      'post /api/v1/accounts',
      'post /api/v1/accounts/{id}/reconciliations',
      'post /api/v1/categories',
      'post /api/v1/imports',
      'post /api/v1/imports/inspect',
      'post /api/v1/tokens',
      'post /api/v1/transactions',
      'post /api/v1/transfers',
    ]);
    for (const { key, operation } of honoured) {
      expect(Object.keys(operation.responses), key).toEqual(expect.arrayContaining(['409', '422']));
    }
    expect(parameter('post /api/v1/transactions', 'Idempotency-Key')).toMatchObject({
      type: 'string',
      maxLength: 255,
    });
  });

  it('documents Retry-After on every 429', () => {
    const throttled = operations.filter(({ operation }) => operation.responses['429']);
    expect(throttled.map(({ key }) => key)).toEqual(
      expect.arrayContaining(['post /api/v1/auth/login', 'post /api/v1/auth/token']),
    );
    for (const { key, operation } of throttled) {
      expect(Object.keys(operation.responses['429']?.headers ?? {}), key).toEqual(['Retry-After']);
    }
  });

  it('serves interactive docs', async () => {
    const docs = await app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('returns only documented statuses, with bodies the serializer checked against the schema', async () => {
    const alice = await registerUser(app);
    const expense = await categoryOf(alice, 'expense');
    const tx = await createTransaction(alice, { categoryId: expense.id });
    const token = await alice.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'doc' },
    });
    const spare = await alice.request({
      method: 'POST',
      url: '/api/v1/categories',
      payload: { name: 'Spare', kind: 'expense' },
    });
    expect(token.statusCode, token.body).toBe(201);
    expect(spare.statusCode, spare.body).toBe(201);
    const spareId = spare.json<{ id: number }>().id;
    const spareAccount = await alice.request({
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { name: 'Spare account' },
    });
    expect(spareAccount.statusCode, spareAccount.body).toBe(201);
    const spareAccountId = spareAccount.json<{ id: number }>().id;
    const emptyAccount = await alice.request({
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { name: 'Empty account' },
    });
    const emptyAccountId = emptyAccount.json<{ id: number }>().id;
    const mainAccountId = (await alice.request({ method: 'GET', url: '/api/v1/accounts' })).json<{
      items: Array<{ id: number }>;
    }>().items[0]?.id;
    const spareTransfer = await alice.request({
      method: 'POST',
      url: '/api/v1/transfers',
      payload: { fromAccountId: mainAccountId, toAccountId: spareAccountId, amount: '3.00' },
    });
    expect(spareTransfer.statusCode, spareTransfer.body).toBe(201);
    const spareTransferId = spareTransfer.json<{ id: number }>().id;
    const tokenId = token.json<{ id: number }>().id;
    const leaving = await registerUser(app);

    // One real request per documented operation; a new route fails here until it gets one.
    const examples: Record<string, InjectOptions & { as?: Session }> = {
      'get /api/health': { url: '/api/health' },
      'post /api/v1/auth/register': {
        payload: { username: `doc_${Date.now()}`, password: 'long enough pw' },
      },
      'post /api/v1/auth/login': {
        payload: { username: alice.username, password: alice.password },
      },
      'post /api/v1/auth/token': {
        payload: { username: alice.username, password: alice.password },
      },
      'get /api/v1/auth/registration': {},
      'get /api/v1/auth/me': {},
      'patch /api/v1/auth/me': { payload: { timeZone: 'Europe/Berlin' } },
      'get /api/v1/transactions': { url: '/api/v1/transactions?limit=1' },
      'get /api/v1/transactions/export.csv': {
        url: '/api/v1/transactions/export.csv?type=expense',
      },
      'post /api/v1/transactions': { payload: { type: 'income', amount: '1.00', title: 'Doc' } },
      'get /api/v1/transactions/{id}': { url: `/api/v1/transactions/${tx.id}` },
      'patch /api/v1/transactions/{id}': {
        url: `/api/v1/transactions/${tx.id}`,
        payload: { title: 'Edited' },
      },
      'delete /api/v1/transactions/{id}': { url: `/api/v1/transactions/${tx.id}` },
      'get /api/v1/categories': {},
      'post /api/v1/categories': { payload: { name: 'Docs', kind: 'income' } },
      'get /api/v1/categories/{id}': { url: `/api/v1/categories/${spareId}` },
      'patch /api/v1/categories/{id}': {
        url: `/api/v1/categories/${spareId}`,
        payload: { name: 'Spare 2' },
      },
      'delete /api/v1/categories/{id}': { url: `/api/v1/categories/${spareId}` },
      'get /api/v1/accounts': {},
      'post /api/v1/accounts': {
        payload: { name: 'Wallet', kind: 'cash', currency: 'eur', openingBalance: '40.00' },
      },
      'get /api/v1/accounts/{id}': { url: `/api/v1/accounts/${spareAccountId}` },
      'patch /api/v1/accounts/{id}': {
        url: `/api/v1/accounts/${spareAccountId}`,
        payload: { name: 'Spare account 2', openingBalance: '-12.00' },
      },
      'get /api/v1/accounts/{id}/reconciliation': {
        url: `/api/v1/accounts/${spareAccountId}/reconciliation?statementBalance=0`,
      },
      'get /api/v1/accounts/{id}/reconciliations': {
        url: `/api/v1/accounts/${spareAccountId}/reconciliations`,
      },
      'post /api/v1/accounts/{id}/reconciliations': {
        url: `/api/v1/accounts/${spareAccountId}/reconciliations`,
        payload: { date: '2026-12-01', statementBalance: '0.00' },
      },
      'get /api/v1/rates': {},
      'put /api/v1/rates': {
        payload: { base: 'EUR', quote: 'USD', date: '2026-01-01', rate: '1.08' },
      },
      'delete /api/v1/rates': { url: '/api/v1/rates?base=EUR&quote=USD&date=2026-01-01' },
      'post /api/v1/transfers': {
        payload: { fromAccountId: spareAccountId, toAccountId: mainAccountId, amount: '1.00' },
      },
      'get /api/v1/transfers/{id}': { url: `/api/v1/transfers/${spareTransferId}` },
      'patch /api/v1/transfers/{id}': {
        url: `/api/v1/transfers/${spareTransferId}`,
        payload: { amount: '2.00' },
      },
      'delete /api/v1/transfers/{id}': { url: `/api/v1/transfers/${spareTransferId}` },
      'delete /api/v1/accounts/{id}': { url: `/api/v1/accounts/${emptyAccountId}` },
      'get /api/v1/summary': {},
      'get /api/v1/tokens': {},
      'post /api/v1/tokens': { payload: { name: 'another' } },
      'delete /api/v1/tokens/{id}': { url: `/api/v1/tokens/${tokenId}` },
      'post /api/v1/imports/inspect': {
        headers: { 'content-type': 'text/csv' },
        payload: 'date,title,amount\n2026-01-01,A,1.00\n',
      },
      'post /api/v1/imports': {
        url: '/api/v1/imports?date=date&title=title&amount=amount',
        headers: { 'content-type': 'text/csv' },
        payload: 'date,title,amount\n2026-01-01,Imported,1.00\n',
      },
      'get /api/v1/imports': {},
      'get /api/v1/reports/summary.pdf': { url: '/api/v1/reports/summary.pdf?from=2026-01-01' },
      'delete /api/v1/imports/{id}': { url: '/api/v1/imports/1' },
      'post /api/v1/auth/password': {
        payload: { currentPassword: alice.password, newPassword: 'a new long password' },
      },
      'post /api/v1/auth/logout': {},
      'delete /api/v1/auth/account': { as: leaving, payload: { password: leaving.password } },
    };
    const order = Object.keys(examples);
    const ordered = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        key: `${method} ${path}`,
        method,
        path,
        operation,
      })),
    );
    ordered.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    for (const { key, method, path, operation } of ordered) {
      const example = examples[key];
      expect(example, `no example request for ${key}`).toBeDefined();
      const { as: session = alice, ...options } = example ?? {};
      const result = await session.request({
        method: method.toUpperCase(),
        url: path,
        ...options,
      });
      expect(result.statusCode, `${key}: ${result.body}`).toBeLessThan(300);
      expect(Object.keys(operation.responses), key).toContain(String(result.statusCode));
    }
  });
});
