import { describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { categoryOf, createTransaction } from './factories.js';

interface Operation {
  responses: Record<string, unknown>;
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
    const spareId = spare.json<{ id: number }>().id;
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
      'get /api/v1/auth/me': {},
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
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        key: `${method} ${path}`,
        method,
        path,
        operation,
      })),
    );
    operations.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    for (const { key, method, path, operation } of operations) {
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
