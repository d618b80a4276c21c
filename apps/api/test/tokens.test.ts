import { describe, expect, it } from 'vitest';
import type { ApiToken, CreatedApiToken, Transaction } from '@moneta/schema';
import { buildTestApp, registerUser } from './build-test-app.js';

describe('personal access tokens', async () => {
  const { app, clock } = await buildTestApp();
  const alice = await registerUser(app);
  const bob = await registerUser(app);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function createToken(body: Record<string, unknown>) {
    const response = await alice.request({ method: 'POST', url: '/api/v1/tokens', payload: body });
    expect(response.statusCode).toBe(201);
    return response.json<CreatedApiToken>();
  }

  it('creates a token shown once, usable on every endpoint without a cookie', async () => {
    const created = await createToken({ name: 'cron' });
    expect(created.token).toMatch(/^mnt_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);

    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: bearer(created.token),
    });
    expect(me.json()).toMatchObject({ username: alice.username });

    // A bearer write needs no Origin or cookie, only JSON.
    const posted = await app.inject({
      method: 'POST',
      url: '/api/v1/transactions',
      headers: bearer(created.token),
      payload: { type: 'income', amount: '10.00', title: 'Rent from cron', date: '2026-01-01' },
    });
    expect(posted.statusCode).toBe(201);
    expect(posted.json<Transaction>().balanceAfter).toBe('10.00');

    const list = await alice.request({ method: 'GET', url: '/api/v1/tokens' });
    const listed = list.json<{ items: ApiToken[] }>().items.find((t) => t.id === created.id);
    expect(listed).toMatchObject({ name: 'cron', prefix: created.prefix });
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(list.body).not.toContain(created.token);
  });

  it('revokes at once', async () => {
    const created = await createToken({ name: 'short-lived script' });
    const revoke = await alice.request({ method: 'DELETE', url: `/api/v1/tokens/${created.id}` });
    expect(revoke.statusCode).toBe(204);
    const after = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: bearer(created.token),
    });
    expect(after.statusCode).toBe(401);
  });

  it('stops working after its expiry', async () => {
    const inAnHour = new Date(clock.now.getTime() + 3_600_000).toISOString();
    const created = await createToken({ name: 'expiring', expiresAt: inAnHour });
    const ok = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: bearer(created.token),
    });
    expect(ok.statusCode).toBe(200);
    const saved = clock.now;
    clock.now = new Date(saved.getTime() + 2 * 3_600_000);
    const expired = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: bearer(created.token),
    });
    clock.now = saved;
    expect(expired.statusCode).toBe(401);
  });

  it('refuses an expiry in the past, naming the field', async () => {
    const response = await alice.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'x', expiresAt: '2000-01-01' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ path: 'expiresAt' }] });
  });

  it("answers 404 for another user's token and never lists it", async () => {
    const created = await createToken({ name: 'private' });
    const steal = await bob.request({ method: 'DELETE', url: `/api/v1/tokens/${created.id}` });
    const missing = await bob.request({ method: 'DELETE', url: '/api/v1/tokens/999999' });
    expect(steal.statusCode).toBe(404);
    expect(steal.body).toBe(missing.body);
    const bobs = await bob.request({ method: 'GET', url: '/api/v1/tokens' });
    expect(bobs.json<{ items: ApiToken[] }>().items).toEqual([]);
  });

  it('rejects malformed and unknown bearer tokens with 401, even with a valid cookie', async () => {
    for (const authorization of ['Bearer nope', 'Basic abc', `Bearer mnt_${'A'.repeat(43)}`]) {
      const response = await alice.request({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization },
      });
      expect(response.statusCode).toBe(401);
    }
  });

  it('gives a script a token for username and password, throttled like login', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { username: alice.username, password: alice.password, name: 'first script' },
    });
    expect(response.statusCode).toBe(201);
    const { token } = response.json<CreatedApiToken>();
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);

    const wrong = { username: bob.username, password: 'not the password' };
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const attempt = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        payload: wrong,
        remoteAddress: '10.0.0.9',
      });
      statuses.push(attempt.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('logging out with a token revokes that token', async () => {
    const created = await createToken({ name: 'logout' });
    const logout = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: bearer(created.token),
    });
    expect(logout.statusCode).toBe(204);
    const after = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: bearer(created.token),
    });
    expect(after.statusCode).toBe(401);
  });
});
