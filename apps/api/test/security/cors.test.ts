import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../../src/config.js';
import { buildTestApp, registerUser } from '../build-test-app.js';
import { createTransaction } from '../factories.js';
import { bearer, createToken, userSnapshot } from './helpers.js';

const DASHBOARD = 'https://dash.example';
const LAN_PAGE = 'http://192.168.1.5:8080';
const EVIL = 'https://evil.example';

const expense = { type: 'expense', amount: '4.20', title: 'From the dashboard' };

function corsHeaders(response: LightMyRequestResponse): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(response.headers).filter(([name]) => name.startsWith('access-control-')),
  );
}

describe('bearer tokens across origins, cookies never', async () => {
  const { app } = await buildTestApp({ CORS_ORIGINS: `${DASHBOARD}, ${LAN_PAGE}` });
  const alice = await registerUser(app);
  const token = await createToken(alice);
  const existing = await createTransaction(alice);

  it.each([
    ['a foreign Origin', { origin: EVIL }],
    ['Sec-Fetch-Site: cross-site', { origin: EVIL, 'sec-fetch-site': 'cross-site' }],
    ['Origin: null', { origin: 'null' }],
    ['a listed Origin', { origin: DASHBOARD, 'sec-fetch-site': 'cross-site' }],
  ])('accepts bearer writes with %s: no CSRF rule applies to a token', async (_, headers) => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/transactions',
      headers: { ...bearer(token), ...headers },
      payload: expense,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ id: number }>();
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/transactions/${id}`,
      headers: { ...bearer(token), ...headers },
      payload: { amount: '4.30' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/transactions/${id}`,
      headers: { ...bearer(token), ...headers },
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
  });

  it.each([
    ['a foreign Origin', EVIL],
    ['a listed CORS origin', DASHBOARD],
  ])('refuses cookie writes with %s: 403, nothing changed', async (_, origin) => {
    const before = userSnapshot(app, alice.userId);
    for (const write of [
      { method: 'POST', url: '/api/v1/transactions', payload: expense },
      { method: 'PATCH', url: `/api/v1/transactions/${existing.id}`, payload: { amount: '0.01' } },
      { method: 'DELETE', url: `/api/v1/transactions/${existing.id}` },
      { method: 'POST', url: '/api/v1/tokens', payload: { name: 'stolen' } },
      { method: 'POST', url: '/api/v1/auth/logout' },
    ] as const) {
      const response = await alice.request({ ...write, headers: { origin } });
      expect(response.statusCode, `${write.method} ${write.url}`).toBe(403);
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    }
    expect(userSnapshot(app, alice.userId)).toBe(before);
  });

  it('does not let a made-up Authorization header carry a cookie past the check: 401', async () => {
    const before = userSnapshot(app, alice.userId);
    const response = await alice.request({
      method: 'POST',
      url: '/api/v1/transactions',
      headers: { origin: EVIL, authorization: 'Bearer not-a-real-token-000000' },
      payload: expense,
    });
    expect(response.statusCode).toBe(401);
    expect(userSnapshot(app, alice.userId)).toBe(before);
  });

  it('answers a preflight from a listed origin with the headers a script needs, no credentials', async () => {
    for (const origin of [DASHBOARD, LAN_PAGE]) {
      const response = await app.inject({
        method: 'OPTIONS',
        url: '/api/v1/transactions',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(origin);
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      const methods = String(response.headers['access-control-allow-methods']).split(/,\s*/);
      expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']));
      const allowed = String(response.headers['access-control-allow-headers']).toLowerCase();
      expect(allowed.split(/,\s*/)).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']),
      );
      expect(String(response.headers.vary).toLowerCase()).toContain('origin');
      expect(Number(response.headers['access-control-max-age'])).toBeGreaterThan(0);
      // The preflight is a response like any other: the security headers are on it.
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    }
  });

  it('lets a listed origin read the answer and the headers scripts need', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/transactions',
      headers: { ...bearer(token), origin: DASHBOARD },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    const exposed = String(response.headers['access-control-expose-headers']).toLowerCase();
    expect(exposed.split(/,\s*/)).toEqual(
      expect.arrayContaining(['retry-after', 'content-disposition', 'idempotent-replayed']),
    );
  });

  it.each([
    ['a foreign origin', EVIL],
    ['a look-alike', 'https://dash.example.evil.example'],
    ['another port of a listed host', 'https://dash.example:8443'],
    ['the other scheme of a listed host', 'http://dash.example'],
    ['Origin: null', 'null'],
  ])('sends no CORS header at all to %s', async (_, origin) => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/transactions',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(corsHeaders(preflight)).toEqual({});
    expect(preflight.statusCode).toBeGreaterThanOrEqual(400);
    const read = await app.inject({
      method: 'GET',
      url: '/api/v1/transactions',
      headers: { ...bearer(token), origin },
    });
    expect(read.statusCode).toBe(200);
    expect(corsHeaders(read)).toEqual({});
  });
});

describe('CORS by default', async () => {
  const { app } = await buildTestApp();

  it('is off: not even a listed-looking origin gets a CORS header', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/transactions',
      headers: { origin: DASHBOARD, 'access-control-request-method': 'POST' },
    });
    expect(corsHeaders(preflight)).toEqual({});
    const read = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { origin: DASHBOARD },
    });
    expect(corsHeaders(read)).toEqual({});
  });
});

describe('CORS_ORIGINS', () => {
  it('takes exact origins, comma-separated, blanks around them ignored', () => {
    expect(parseEnv({ CORS_ORIGINS: ` ${DASHBOARD} ,${LAN_PAGE},` }).CORS_ORIGINS).toEqual([
      DASHBOARD,
      LAN_PAGE,
    ]);
    expect(parseEnv({ CORS_ORIGINS: 'http://[::1]:3000' }).CORS_ORIGINS).toEqual([
      'http://[::1]:3000',
    ]);
    expect(parseEnv({}).CORS_ORIGINS).toEqual([]);
  });

  it.each([
    '*',
    'null',
    'https://dash.example/',
    'https://dash.example/app',
    'https://*.example',
    'http://[::1]:3000/',
    'dash.example',
    'ftp://dash.example',
    'https://Dash.example',
    'https://dash.example:443',
    `${DASHBOARD},*`,
  ])('refuses %j, naming the variable', (value) => {
    expect(() => parseEnv({ CORS_ORIGINS: value })).toThrow(ConfigError);
    expect(() => parseEnv({ CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS/);
  });
});
