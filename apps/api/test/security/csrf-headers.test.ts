import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from '../build-test-app.js';
import { createTransaction } from '../factories.js';
import { userSnapshot } from './helpers.js';

const web = mkdtempSync(join(tmpdir(), 'moneta-web-'));
mkdirSync(join(web, 'assets'));
writeFileSync(join(web, 'index.html'), '<!doctype html><title>Moneta</title><div id="root"></div>');
writeFileSync(join(web, 'assets', 'app-1234.js'), 'console.log("moneta")');
afterAll(() => rmSync(web, { recursive: true, force: true }));

function expectSecurityHeaders(response: LightMyRequestResponse, label: string): void {
  const headers = response.headers;
  expect(headers['x-content-type-options'], label).toBe('nosniff');
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, label).toMatch(/(^|;)\s*object-src 'none'/);
  expect(csp, label).toMatch(/(^|;)\s*frame-ancestors 'none'/);
  expect(headers['referrer-policy'], label).toBeDefined();
  expect(headers['access-control-allow-origin'], label).not.toBe('*');
}

describe('CSRF defences and security headers', async () => {
  const { app } = await buildTestApp({ WEB_DIST_DIR: web, TRUST_PROXY: 'true' });
  const alice = await registerUser(app);
  const existing = await createTransaction(alice);
  let attacks = 0;

  const writes: Array<{ method: 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: object }> = [
    {
      method: 'POST',
      url: '/api/v1/transactions',
      payload: { type: 'expense', amount: '9.99', title: 'CSRF' },
    },
    { method: 'PATCH', url: `/api/v1/transactions/${existing.id}`, payload: { amount: '0.01' } },
    { method: 'DELETE', url: `/api/v1/transactions/${existing.id}` },
    { method: 'POST', url: '/api/v1/categories', payload: { name: 'CSRF', kind: 'expense' } },
    { method: 'POST', url: '/api/v1/tokens', payload: { name: 'stolen' } },
    {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: alice.password, newPassword: 'attacker chosen' },
    },
    { method: 'DELETE', url: '/api/v1/auth/account', payload: { password: alice.password } },
    { method: 'POST', url: '/api/v1/auth/logout' },
  ];
  const foreign: Array<[string, Record<string, string>]> = [
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['a look-alike Origin', { origin: 'http://localhost:80.evil.example' }],
    ['Origin: null (sandboxed frame, file:)', { origin: 'null' }],
    ['another port of the same host', { origin: 'http://localhost:3001' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ];

  it.each(foreign)(
    'refuses every cookie-authenticated write with %s: 403, nothing changed',
    async (_, headers) => {
      const before = userSnapshot(app, alice.userId);
      for (const write of writes) {
        const response = await alice.request({
          ...write,
          headers: { host: 'localhost', ...headers },
        });
        attacks += 1;
        expect(response.statusCode, `${write.method} ${write.url}`).toBe(403);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect(userSnapshot(app, alice.userId)).toBe(before);
    },
  );

  it('accepts the same writes from its own origin', async () => {
    const response = await alice.request({
      ...writes[0],
      headers: {
        host: 'localhost:3000',
        origin: 'http://localhost:3000',
        'sec-fetch-site': 'same-origin',
      },
    });
    expect(response.statusCode).toBe(201);
  });

  it.each([
    ['text/plain', '{"type":"expense","amount":"1.00","title":"x"}'],
    ['application/x-www-form-urlencoded', 'type=expense&amount=1.00&title=x'],
    [
      'multipart/form-data; boundary=----x',
      '------x\r\nContent-Disposition: form-data; name="type"\r\n\r\nexpense\r\n------x--',
    ],
    ['application/json-patch+json', '[]'],
    ['text/html', '<b>x</b>'],
  ])('refuses a write whose body is %s with 415, nothing changed', async (contentType, payload) => {
    const before = userSnapshot(app, alice.userId);
    for (const write of writes.slice(0, 7)) {
      const response = await alice.request({
        method: write.method,
        url: write.url,
        headers: { 'content-type': contentType },
        payload,
      });
      attacks += 1;
      expect(response.statusCode, `${write.method} ${write.url}`).toBe(415);
    }
    expect(userSnapshot(app, alice.userId)).toBe(before);
  });

  it('sends nosniff, a CSP with object-src and frame-ancestors none and a Referrer-Policy on every kind of response', async () => {
    const cases: Array<[string, () => Promise<LightMyRequestResponse>]> = [
      ['API 200', () => alice.request({ method: 'GET', url: '/api/v1/transactions' })],
      ['API 201', () => alice.request({ ...writes[0] })],
      [
        'API 400',
        () =>
          alice.request({ method: 'POST', url: '/api/v1/transactions', payload: { amount: 'x' } }),
      ],
      ['API 401', () => app.inject({ method: 'GET', url: '/api/v1/auth/me' })],
      [
        'API 403',
        () => alice.request({ ...writes[0], headers: { origin: 'https://evil.example' } }),
      ],
      ['API 404 (route)', () => app.inject({ method: 'GET', url: '/api/v1/nope' })],
      ['API 404 (row)', () => alice.request({ method: 'GET', url: '/api/v1/transactions/999999' })],
      [
        'API 415',
        () =>
          alice.request({
            method: 'POST',
            url: '/api/v1/transactions',
            headers: { 'content-type': 'text/plain' },
            payload: 'x',
          }),
      ],
      ['health', () => app.inject({ method: 'GET', url: '/api/health' })],
      ['OpenAPI document', () => app.inject({ method: 'GET', url: '/api/v1/openapi.json' })],
      ['static index', () => app.inject({ method: 'GET', url: '/' })],
      ['static asset', () => app.inject({ method: 'GET', url: '/assets/app-1234.js' })],
      ['SPA deep link', () => app.inject({ method: 'GET', url: '/alice/transactions?x=1' })],
      ['missing asset', () => app.inject({ method: 'GET', url: '/assets/missing.js' })],
      [
        'OPTIONS preflight',
        () =>
          app.inject({
            method: 'OPTIONS',
            url: '/api/v1/transactions',
            headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
          }),
      ],
      ['HEAD', () => app.inject({ method: 'HEAD', url: '/api/health' })],
      [
        'path parameter over the length limit',
        () => alice.request({ method: 'GET', url: `/api/v1/transactions/${'9'.repeat(500)}` }),
      ],
      [
        'malformed percent-encoding in the path',
        () => alice.request({ method: 'GET', url: '/api/v1/transactions/%E0%A4%A' }),
      ],
    ];
    for (const [label, send] of cases) {
      const response = await send();
      expect(response.statusCode, label).toBeLessThan(500);
      if (response.statusCode >= 400 && !label.startsWith('static') && label !== 'HEAD') {
        expect(response.headers['content-type'], label).toMatch(/^application\/problem\+json/);
      }
      expectSecurityHeaders(response, `${label} (${response.statusCode})`);
    }
  });

  it('never answers CORS with a wildcard, nor grants a foreign origin credentials', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/transactions'],
      ['OPTIONS', '/api/v1/transactions'],
      ['GET', '/api/health'],
      ['GET', '/api/v1/openapi.json'],
    ] as const) {
      const response = await alice.request({
        method,
        url,
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      const allowOrigin = response.headers['access-control-allow-origin'];
      expect(allowOrigin, `${method} ${url}`).not.toBe('*');
      expect(allowOrigin, `${method} ${url}`).not.toBe('https://evil.example');
      expect(
        response.headers['access-control-allow-credentials'],
        `${method} ${url}`,
      ).toBeUndefined();
    }
  });

  describe('over HTTPS (behind a proxy that says so)', () => {
    const https = { 'x-forwarded-proto': 'https', host: 'moneta.example' };

    it('sends HSTS on every response, and Secure cookies', async () => {
      const register = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        headers: https,
        payload: { username: `tls_${Date.now().toString(36)}`, password: 'correct horse battery' },
      });
      expect(register.statusCode).toBe(201);
      const cookie = register.cookies.find((c) => c.name === 'moneta_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });
      expect(register.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
      const cookieHeader = `moneta_session=${cookie?.value}`;
      for (const [method, url] of [
        ['GET', '/api/v1/auth/me'],
        ['GET', '/api/v1/nope'],
        ['GET', '/'],
        ['GET', '/assets/app-1234.js'],
        ['GET', '/api/health'],
      ] as const) {
        const response = await app.inject({
          method,
          url,
          headers: { ...https, cookie: cookieHeader },
        });
        expect(response.headers['strict-transport-security'], url).toMatch(/max-age=\d{7,}/);
        expectSecurityHeaders(response, url);
      }
      const logout = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { ...https, cookie: cookieHeader, origin: 'https://moneta.example' },
      });
      expect(logout.statusCode).toBe(204);
      expect(logout.cookies.find((c) => c.name === 'moneta_session')).toMatchObject({
        secure: true,
        httpOnly: true,
      });
    });

    it('sends no HSTS over plain HTTP, and the https origin is foreign to an http request', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/health' });
      expect(response.headers['strict-transport-security']).toBeUndefined();
      const write = await alice.request({
        ...writes[0],
        headers: { host: 'moneta.example', origin: 'https://moneta.example' },
      });
      expect(write.statusCode).toBe(403);
    });
  });

  it('counts its attacks', () => {
    console.info(
      `[csrf-headers] ${attacks} cross-site or non-JSON writes tried, all refused, nothing changed`,
    );
    expect(attacks).toBeGreaterThan(50);
  });
});
