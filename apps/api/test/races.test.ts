import { describe, expect, it } from 'vitest';
import type { Category, ImportList, TransactionPage } from '@moneta/schema';
import { buildTestApp, registerUser, sessionCookie } from './build-test-app.js';
import { hashPassword } from '../src/modules/auth/passwords.js';

describe('a password change racing a login', async () => {
  const { app } = await buildTestApp();

  /** Lets the next password check pass, then changes the password before the caller goes on. */
  function changePasswordDuringNextCheck(userId: number) {
    const verify = app.credentials.verify.bind(app.credentials);
    app.credentials.verify = async (...args) => {
      const user = await verify(...args);
      app.credentials.verify = verify;
      expect(
        await app.repos.users.changePassword(userId, await hashPassword('a brand new secret')),
      ).toBe(true);
      return user;
    };
  }

  it('gives the login in flight no session', async () => {
    const alice = await registerUser(app);
    changePasswordDuringNextCheck(alice.userId);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: alice.username, password: alice.password },
    });
    expect(login.statusCode).toBe(401);
    expect(login.cookies.find((c) => c.name === 'moneta_session')).toBeUndefined();
    expect(
      (await alice.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode,
      'the session from before the change',
    ).toBe(401);
  });

  it('gives the headless token request in flight no token', async () => {
    const alice = await registerUser(app);
    changePasswordDuringNextCheck(alice.userId);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { username: alice.username, password: alice.password, name: 'raced' },
    });
    expect(response.statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: alice.username, password: 'a brand new secret' },
    });
    const tokens = await app.inject({
      method: 'GET',
      url: '/api/v1/tokens',
      headers: { cookie: sessionCookie(login) },
    });
    expect(tokens.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('ends a session that was made against the old password', async () => {
    const alice = await registerUser(app);
    // The session exists when the change lands, as if created a moment before the commit.
    const before = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: alice.username, password: alice.password },
    });
    const cookie = sessionCookie(before);
    const change = await alice.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: alice.password, newPassword: 'a brand new secret' },
    });
    expect(change.statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode,
    ).toBe(401);
    expect((await alice.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
  });

  it('never keeps the passwords of a change sent with an Idempotency-Key', async () => {
    const alice = await registerUser(app);
    const change = await alice.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { 'idempotency-key': 'pw-1' },
      payload: { currentPassword: alice.password, newPassword: 'another new secret' },
    });
    expect(change.statusCode).toBe(204);
    const kept = app.dbHandle.sqlite
      .prepare('SELECT COUNT(*) FROM idempotency_keys WHERE user_id = ?')
      .pluck()
      .get(alice.userId);
    expect(kept).toBe(0);
  });
});

describe('a category changed while an import runs', async () => {
  const { app } = await buildTestApp();
  const csv =
    'date,title,amount,category\n2026-01-02,Shop,-4.20,Groceries\n2026-01-03,Cafe,-3.00,\n';

  async function importWhile(change: (groceries: Category, userId: number) => Promise<unknown>) {
    const alice = await registerUser(app);
    const groceries = (await alice.request({ method: 'GET', url: '/api/v1/categories' }))
      .json<{ items: Category[] }>()
      .items.find((c) => c.name === 'Groceries');
    if (!groceries) throw new Error('no Groceries category');
    const commit = app.repos.imports.commit.bind(app.repos.imports);
    app.repos.imports.commit = async (...args) => {
      app.repos.imports.commit = commit;
      await change(groceries, alice.userId);
      return commit(...args);
    };
    const response = await alice.request({
      method: 'POST',
      url: '/api/v1/imports?date=date&title=title&amount=amount&category=category',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    const page = (
      await alice.request({ method: 'GET', url: '/api/v1/transactions' })
    ).json<TransactionPage>();
    const imports = (
      await alice.request({ method: 'GET', url: '/api/v1/imports' })
    ).json<ImportList>();
    return { response, page, imports };
  }

  it('imports nothing and says so when the category changed kind', async () => {
    const { response, page, imports } = await importWhile((groceries, userId) =>
      app.repos.categories.update(userId, groceries.id, { kind: 'income' }),
    );
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ errors: [{ path: 'category' }] });
    expect(page.items).toEqual([]);
    expect(imports.items).toEqual([]);
  });

  it('imports nothing and says so when the category was deleted', async () => {
    const { response, page } = await importWhile((groceries, userId) =>
      app.repos.categories.delete(userId, groceries.id, undefined, new Date().toISOString()),
    );
    expect(response.statusCode).toBe(409);
    expect(page.items).toEqual([]);
  });
});

describe('text with an unpaired surrogate', async () => {
  const { app } = await buildTestApp();

  it.each([
    ['/api/v1/transactions', '{"type":"expense","amount":"1.00","title":"Caf\\ud800"}', 'title'],
    [
      '/api/v1/transactions',
      '{"type":"expense","amount":"1.00","title":"ok","description":"\\udc00x"}',
      'description',
    ],
    ['/api/v1/categories', '{"name":"Odd\\ud83d","kind":"expense"}', 'name'],
    ['/api/v1/tokens', '{"name":"\\ude00"}', 'name'],
  ])('is refused at %s naming the field', async (url, body, field) => {
    const alice = await registerUser(app);
    const response = await alice.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ path: field }] });
  });

  it('keeps a real emoji, whose surrogates come in pairs', async () => {
    const alice = await registerUser(app);
    const response = await alice.request({
      method: 'POST',
      url: '/api/v1/transactions',
      headers: { 'content-type': 'application/json' },
      payload: '{"type":"expense","amount":"1.00","title":"Caf\\u00e9 \\ud83d\\ude00"}',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ title: 'Café 😀' });
  });
});
