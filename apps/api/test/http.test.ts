import type { TransactionPage } from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from './build-test-app.js';

const PROBLEM = /^application\/problem\+json/;

describe('HTTP surface', async () => {
  const { app } = await buildTestApp();
  const alice = await registerUser(app);
  const countTransactions = async () =>
    (await alice.request({ method: 'GET', url: '/api/v1/transactions' })).json<TransactionPage>()
      .items.length;
  const validBody = JSON.stringify({ type: 'expense', amount: '3.20', title: 'Coffee' });

  it('GET /api/health answers ok without a session', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it.each([
    ['GET', '/api/v1/nope'],
    ['POST', '/api/v1/transactions/1/split'],
    ['GET', '/api/v2/transactions'],
    ['GET', '/nothing-here'],
  ])('%s %s answers a 404 problem', async (method, url) => {
    const response = await app.inject({ method: method as 'GET', url });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: expect.stringContaining(url) as string,
    });
  });

  it('treats an empty JSON body as no body: a DELETE works, a create names what is missing', async () => {
    const created = await alice.request({
      method: 'POST',
      url: '/api/v1/transactions',
      headers: { 'content-type': 'application/json' },
      payload: validBody,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ id: number }>();
    const deleted = await alice.request({
      method: 'DELETE',
      url: `/api/v1/transactions/${id}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(deleted.statusCode).toBe(204);

    const empty = await alice.request({
      method: 'POST',
      url: '/api/v1/transactions',
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toMatch(PROBLEM);
  });

  it('answers a 400 problem for malformed JSON and a 415 problem for a body that is not JSON', async () => {
    const broken = await alice.request({
      method: 'POST',
      url: '/api/v1/transactions',
      headers: { 'content-type': 'application/json' },
      payload: '{"type": "expense",',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toMatch(PROBLEM);

    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ]) {
      const response = await alice.request({
        method: 'POST',
        url: '/api/v1/transactions',
        headers: { 'content-type': contentType },
        payload: validBody,
      });
      expect(response.statusCode, contentType).toBe(415);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(response.json()).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
    }
    const register = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ username: 'textplain', password: 'long enough' }),
    });
    expect(register.statusCode).toBe(415);
    expect(await countTransactions()).toBe(0);
  });

  describe('cross-site request defence', () => {
    it.each(['https://evil.example', 'http://localhost:8080', 'null'])(
      'refuses a cookie write from Origin %s with 403 and writes nothing',
      async (origin) => {
        const response = await alice.request({
          method: 'POST',
          url: '/api/v1/transactions',
          headers: { origin, 'content-type': 'application/json' },
          payload: validBody,
        });
        expect(response.statusCode).toBe(403);
        expect(response.headers['content-type']).toMatch(PROBLEM);
        expect(await countTransactions()).toBe(0);
      },
    );

    it('refuses a write a browser marks Sec-Fetch-Site: cross-site', async () => {
      const response = await alice.request({
        method: 'POST',
        url: '/api/v1/transactions',
        headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
        payload: validBody,
      });
      expect(response.statusCode).toBe(403);
      expect(await countTransactions()).toBe(0);
    });

    it('refuses a logout from another origin, leaving the session alive', async () => {
      const response = await alice.request({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { origin: 'https://evil.example' },
      });
      expect(response.statusCode).toBe(403);
      expect((await alice.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    });

    it('refuses a text/plain or form-encoded cookie write with 415 and writes nothing', async () => {
      for (const [contentType, payload] of [
        ['text/plain', validBody],
        ['application/x-www-form-urlencoded', 'type=expense&amount=3.20&title=Coffee'],
      ] as const) {
        const response = await alice.request({
          method: 'POST',
          url: '/api/v1/transactions',
          headers: { 'content-type': contentType },
          payload,
        });
        expect(response.statusCode).toBe(415);
      }
      expect(await countTransactions()).toBe(0);
    });

    it('accepts a same-origin write, with or without an Origin header', async () => {
      const sameOrigin = await alice.request({
        method: 'POST',
        url: '/api/v1/transactions',
        headers: {
          origin: 'http://localhost:80',
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/json',
        },
        payload: validBody,
      });
      expect(sameOrigin.statusCode, sameOrigin.body).toBe(201);
      const noOrigin = await alice.request({
        method: 'POST',
        url: '/api/v1/transactions',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        payload: validBody,
      });
      expect(noOrigin.statusCode, noOrigin.body).toBe(201);
      expect(await countTransactions()).toBe(2);
    });

    it('leaves reads from another origin to the browser (SameSite cookie, no CORS headers)', async () => {
      const response = await alice.request({
        method: 'GET',
        url: '/api/v1/transactions',
        headers: { origin: 'https://evil.example' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  it.each([
    ['an API response', '/api/v1/auth/me'],
    ['a 404', '/api/v1/nope'],
    ['the health check', '/api/health'],
  ])('sends the security headers on %s', async (_, url) => {
    const response = await alice.request({ method: 'GET', url });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});
