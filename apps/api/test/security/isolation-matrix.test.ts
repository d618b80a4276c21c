import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Account, Category, Transaction } from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from '../build-test-app.js';
import { expectStatus } from '../expect-status.js';
import { createTransaction } from '../factories.js';
import { bearer, createToken, userSnapshot } from './helpers.js';

/**
 * Generated from the app's route table: every protected route is tried by user B against user A's
 * data, with a cookie and with a token. A route the matrix cannot classify fails the test, so a
 * new route cannot be forgotten.
 */

/** Routes that need no credentials, each on purpose. Anything else public is a mistake. */
const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/v1/openapi.json',
  'GET /api/v1/auth/registration',
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/token',
]);

/**
 * Protected writes without an id: they act only on the caller's own account, by construction
 * (the handler takes the user from the credentials, never from the request).
 */
const OWN_ACCOUNT_WRITES: Record<string, string> = {
  'POST /api/v1/auth/password': "checks and changes the caller's password",
  'PATCH /api/v1/auth/me': "changes the caller's own settings",
  'DELETE /api/v1/auth/account': "deletes the caller's account",
  'POST /api/v1/auth/logout': "ends the caller's session or token",
  'POST /api/v1/transactions': "creates for the caller; A's category ids are probed below",
  'POST /api/v1/categories': 'creates for the caller',
  'POST /api/v1/accounts': 'creates for the caller',
  'PUT /api/v1/rates': "sets the caller's own rate",
  'DELETE /api/v1/rates': "deletes the caller's own rate, found by its key (tested in rates.test)",
  'POST /api/v1/transfers': "moves between the caller's accounts; A's account ids are probed below",
  'POST /api/v1/tokens': 'creates for the caller',
  'POST /api/v1/imports/inspect': 'reads only the uploaded file',
  'POST /api/v1/imports': "imports into the caller's account",
};

/** Valid bodies for id routes that need one, so validation passes and ownership is what decides. */
const BODIES: Record<string, object> = {
  'PATCH transactions': { title: 'Hijacked', amount: '0.01' },
  'PATCH categories': { name: 'Hijacked' },
  'PATCH accounts': { name: 'Hijacked', closed: true },
  'PATCH transfers': { amount: '0.01', title: 'Hijacked' },
  'POST accounts': { date: '2026-11-30', statementBalance: '0.00' },
};

const MARKER = 'ALICEPRIVATE';
const CSV = `date,amount,title\n2026-01-05,-12.34,${MARKER} csv row\n2026-01-06,1000.00,${MARKER} salary\n`;

describe("isolation matrix: user B never reaches user A's data", async () => {
  const { app } = await buildTestApp();
  const alice = await registerUser(app, { username: `alice_${Date.now().toString(36)}` });
  const bob = await registerUser(app);
  const bobToken = await createToken(bob, 'bob script');

  // A's data, one of everything, all carrying the marker.
  const category = (
    await expectStatus(
      alice.request({
        method: 'POST',
        url: '/api/v1/categories',
        payload: { name: `${MARKER} cat`, kind: 'expense' },
      }),
      201,
    )
  ).json<Category>();
  const account = (
    await expectStatus(
      alice.request({
        method: 'POST',
        url: '/api/v1/accounts',
        payload: { name: `${MARKER} savings`, kind: 'savings', openingBalance: '900.00' },
      }),
      201,
    )
  ).json<Account>();
  const aliceTransfer = (
    await expectStatus(
      alice.request({
        method: 'POST',
        url: '/api/v1/transfers',
        payload: {
          fromAccountId: account.id,
          toAccountId: (await alice.request({ method: 'GET', url: '/api/v1/accounts' })).json<{
            items: Account[];
          }>().items[0]?.id,
          amount: '100.00',
          title: `${MARKER} transfer`,
        },
      }),
      201,
    )
  ).json<{ id: number }>();
  const transaction: Transaction = await createTransaction(alice, {
    title: `${MARKER} rent`,
    description: `${MARKER} note`,
    categoryId: category.id,
    amount: '1234.56',
  });
  await createToken(alice, `${MARKER} token`);
  const tokenId = (await alice.request({ method: 'GET', url: '/api/v1/tokens' }))
    .json<{ items: Array<{ id: number; name: string }> }>()
    .items.find((t) => t.name.startsWith(MARKER))?.id;
  const imported = await expectStatus(
    alice.request({
      method: 'POST',
      url: `/api/v1/imports?date=date&amount=amount&title=title&filename=${MARKER}.csv`,
      headers: { 'content-type': 'text/csv' },
      payload: CSV,
    }),
    201,
  );
  const importId = (imported.json<{ import: { id: number } | null }>().import ?? undefined)?.id;
  await expectStatus(
    alice.request({
      method: 'POST',
      url: '/api/v1/transactions',
      headers: { 'idempotency-key': 'shared-key-1' },
      payload: { type: 'income', amount: '5.00', title: 'Keyed income' },
    }),
    201,
  );

  /** A's id for the resource a route's first path segment names. */
  const ownersIds: Record<string, number | undefined> = {
    transactions: transaction.id,
    categories: category.id,
    accounts: account.id,
    transfers: aliceTransfer.id,
    tokens: tokenId,
    imports: importId,
  };

  const routes = app.routeTable.filter((route) => !route.url.startsWith('/api/docs'));
  const protectedRoutes = routes.filter((route) => !route.public);
  const credentials: Array<[string, (options: InjectOptions) => Promise<LightMyRequestResponse>]> =
    [
      ['cookie', (options) => bob.request(options)],
      [
        'token',
        (options) =>
          app.inject({ ...options, headers: { ...options.headers, ...bearer(bobToken) } }),
      ],
    ];
  let attempts = 0;

  it('knows the route table (a broken table would make every check below vacuous)', () => {
    expect(protectedRoutes.length).toBeGreaterThanOrEqual(20);
    expect(protectedRoutes.map((r) => `${r.method} ${r.url}`)).toContain(
      'GET /api/v1/transactions/:id',
    );
  });

  it('has no public route that is not meant to be public', () => {
    const unexpected = routes.filter((r) => r.public && !PUBLIC.has(`${r.method} ${r.url}`));
    expect(unexpected).toEqual([]);
  });

  it('classifies every protected route: id route, list or own-account write', () => {
    const unclassified = protectedRoutes.filter((route) => {
      const key = `${route.method} ${route.url}`;
      if (route.url.includes(':')) return false;
      if (route.method === 'GET') return false;
      return !(key in OWN_ACCOUNT_WRITES);
    });
    expect(unclassified, 'add these routes to the matrix').toEqual([]);
  });

  it.each(protectedRoutes.map((r) => [`${r.method} ${r.url}`, r] as const))(
    '%s refuses a request without credentials with 401',
    async (_, route) => {
      const url = route.url.replace(
        /:[a-zA-Z]+/g,
        String(ownersIds[route.url.split('/')[3] ?? ''] ?? 1),
      );
      const response = await app.inject({
        method: route.method as 'GET',
        url,
        payload: route.method === 'GET' ? undefined : {},
      });
      attempts += 1;
      expect(response.statusCode).toBe(401);
    },
  );

  const idRoutes = protectedRoutes.filter((route) => route.url.includes(':'));
  describe.each(credentials)("with B's %s", (_, asBob) => {
    it.each(idRoutes.map((r) => [`${r.method} ${r.url}`, r] as const))(
      "%s answers 404 for A's id, exactly as for a missing id, and changes nothing",
      async (_, route) => {
        const resource = route.url.split('/')[3] ?? '';
        const ownersId = ownersIds[resource];
        expect(ownersId, `no fixture of A's for ${resource}: add one to ownersIds`).toBeDefined();
        const writes = route.method === 'PATCH' || route.method === 'POST';
        const body = writes ? BODIES[`${route.method} ${resource}`] : undefined;
        if (writes) expect(body, `no valid ${route.method} body for ${resource}`).toBeDefined();
        const request = (id: number): InjectOptions => ({
          method: route.method,
          url: route.url.replace(/:[a-zA-Z]+/g, String(id)),
          ...(body ? { payload: body } : {}),
        });
        const before = userSnapshot(app, alice.userId);
        const response = await asBob(request(ownersId ?? 0));
        const missing = await asBob(request(1_999_999_999));
        attempts += 2;
        expect(response.statusCode).toBe(404);
        expect(response.body).not.toContain(MARKER);
        expect(response.body).toBe(missing.body.replace('1999999999', String(ownersId)));
        expect(userSnapshot(app, alice.userId)).toBe(before);
      },
    );

    const lists = protectedRoutes.filter(
      (route) => route.method === 'GET' && !route.url.includes(':'),
    );
    it.each(lists.map((r) => [r.url, r] as const))("GET %s shows B nothing of A's", async (url) => {
      const response = await asBob({ method: 'GET', url });
      attempts += 1;
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain(MARKER);
      expect(response.body).not.toContain(alice.username);
      for (const query of [
        '?q=ALICE',
        `?categoryId=${category.id}`,
        `?accountId=${account.id}`,
        '?limit=200',
        `?moveTo=${category.id}`,
      ]) {
        const filtered = await asBob({ method: 'GET', url: `${url}${query}` });
        attempts += 1;
        expect(filtered.statusCode).toBeLessThan(500);
        expect(filtered.body).not.toContain(MARKER);
      }
    });

    it("cannot file a transaction under A's category, nor move its own category's rows into A's", async () => {
      const before = userSnapshot(app, alice.userId);
      const create = await asBob({
        method: 'POST',
        url: '/api/v1/transactions',
        payload: { type: 'expense', amount: '1.00', title: 'Into A', categoryId: category.id },
      });
      expect(create.statusCode).toBe(400);
      expect(create.json()).toMatchObject({ errors: [{ path: 'categoryId' }] });
      const bobsCategory = (await asBob({ method: 'GET', url: '/api/v1/categories' })).json<{
        items: Category[];
      }>().items[0];
      const move = await asBob({
        method: 'DELETE',
        url: `/api/v1/categories/${bobsCategory?.id}?moveTo=${category.id}`,
      });
      expect(move.statusCode).toBe(400);
      attempts += 2;
      // A's account id is refused exactly as an id that does not exist, wherever one is taken.
      const bobsAccount = (await asBob({ method: 'GET', url: '/api/v1/accounts' })).json<{
        items: Account[];
      }>().items[0]?.id;
      const json = (payload: (id: number) => object) => ({ payload });
      for (const [method, url, body] of [
        [
          'POST',
          '/api/v1/transactions',
          json((id) => ({ type: 'expense', amount: '1.00', title: 'Into A', accountId: id })),
        ],
        [
          'POST',
          '/api/v1/transfers',
          json((id) => ({ fromAccountId: bobsAccount, toAccountId: id, amount: '1.00' })),
        ],
        [
          'POST',
          '/api/v1/transfers',
          json((id) => ({ fromAccountId: id, toAccountId: bobsAccount, amount: '1.00' })),
        ],
        ['POST', '/api/v1/imports?date=date&amount=amount&title=title', { csv: CSV }],
        ['GET', '/api/v1/transactions', {}],
        ['GET', '/api/v1/summary', {}],
        ['GET', '/api/v1/transactions/export.csv', {}],
        ['GET', '/api/v1/reports/summary.pdf', {}],
      ] as const) {
        const send = (id: number) =>
          asBob({
            method,
            url: `${url}${url.includes('?') ? '&' : '?'}accountId=${id}`,
            ...('csv' in body
              ? { payload: body.csv, headers: { 'content-type': 'text/csv' } }
              : 'payload' in body
                ? { payload: body.payload(id) }
                : {}),
          });
        const intoA = await send(account.id);
        const missing = await send(1_999_999_999);
        attempts += 2;
        expect(intoA.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
        expect(intoA.statusCode, `${method} ${url}`).toBeLessThan(500);
        expect(intoA.body).not.toContain(MARKER);
        expect(intoA.body).toBe(missing.body.replaceAll('1999999999', String(account.id)));
      }
      expect(userSnapshot(app, alice.userId)).toBe(before);
    });

    it("does not get A's remembered response for A's Idempotency-Key", async () => {
      const response = await asBob({
        method: 'POST',
        url: '/api/v1/transactions',
        headers: { 'idempotency-key': 'shared-key-1' },
        payload: { type: 'income', amount: '5.00', title: 'Keyed income' },
      });
      attempts += 1;
      expect(response.statusCode).toBe(201);
      const created = response.json<Transaction>();
      expect(created.balanceAfter).not.toBe(transaction.balanceAfter);
      const aliceRows = app.dbHandle.sqlite
        .prepare('SELECT COUNT(*) FROM transactions WHERE user_id = ? AND id = ?')
        .pluck()
        .get(alice.userId, created.id);
      expect(aliceRows).toBe(0);
    });
  });

  it("leaves A's data whole and reports the count", async () => {
    const list = await alice.request({ method: 'GET', url: '/api/v1/transactions?limit=200' });
    expect(list.json<{ items: Transaction[] }>().items.map((t) => t.id)).toContain(transaction.id);
    expect(importId, 'the CSV import fixture failed').toBeDefined();
    console.info(
      `[isolation] ${protectedRoutes.length} protected routes, ${attempts} cross-user or anonymous requests, 0 leaks`,
    );
  });
});
