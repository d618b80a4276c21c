import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Transaction } from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser, sessionCookie } from '../build-test-app.js';
import { expectStatus } from '../expect-status.js';
import { categoryOf, createTransaction } from '../factories.js';
import { bearer, createToken, login, userFootprint } from './helpers.js';

const apiRoot = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = '/api/v1/auth/password';
const ACCOUNT = '/api/v1/auth/account';

describe('account care', async () => {
  const { app, config, clock } = await buildTestApp();
  const me = (headers: Record<string, string>) =>
    app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

  describe('POST /auth/password', () => {
    it('refuses a wrong current password with 400 naming the field and changes nothing', async () => {
      const alice = await registerUser(app);
      const response = await alice.request({
        method: 'POST',
        url: PASSWORD,
        payload: { currentPassword: 'not the password', newPassword: 'a brand new password' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ errors: [{ path: 'currentPassword' }] });
      expect((await login(app, alice.username, alice.password)).statusCode).toBe(200);
      expect((await me({ cookie: alice.cookie })).statusCode).toBe(200);
    });

    it('refuses a new password that breaks the rules, naming newPassword', async () => {
      const alice = await registerUser(app);
      const response = await alice.request({
        method: 'POST',
        url: PASSWORD,
        payload: { currentPassword: alice.password, newPassword: 'short' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ errors: [{ path: 'newPassword' }] });
    });

    it('keeps the current session and ends every other session and token', async () => {
      const alice = await registerUser(app);
      const otherSession = sessionCookie(
        await login(app, alice.username, alice.password, '10.0.0.9'),
      );
      const token = await createToken(alice);
      expect((await me({ cookie: otherSession })).statusCode).toBe(200);
      expect((await me(bearer(token))).statusCode).toBe(200);

      const response = await alice.request({
        method: 'POST',
        url: PASSWORD,
        payload: { currentPassword: alice.password, newPassword: 'a brand new password' },
      });
      expect(response.statusCode).toBe(204);
      expect((await me({ cookie: alice.cookie })).statusCode).toBe(200);
      expect((await me({ cookie: otherSession })).statusCode).toBe(401);
      expect((await me(bearer(token))).statusCode).toBe(401);
      expect((await login(app, alice.username, alice.password)).statusCode).toBe(401);
      expect((await login(app, alice.username, 'a brand new password')).statusCode).toBe(200);
    });

    it('throttles wrong current passwords on the same budget as login', async () => {
      const alice = await registerUser(app);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        const response = await alice.request({
          method: 'POST',
          url: PASSWORD,
          payload: { currentPassword: `guess number ${i}`, newPassword: 'a brand new password' },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
      expect(statuses.slice(10)).toEqual([429, 429]);
      // Login from the same client is throttled too: the stolen session bought no extra guesses.
      const throttledLogin = await login(app, alice.username, alice.password);
      expect(throttledLogin.statusCode).toBe(429);
      expect(Number(throttledLogin.headers['retry-after'])).toBeGreaterThan(0);
      clock.now = new Date(clock.now.getTime() + 3_600_000);
      expect((await login(app, alice.username, alice.password)).statusCode).toBe(200);
    });
  });

  describe('DELETE /auth/account', () => {
    it('refuses a wrong password with 400 naming the field and deletes nothing', async () => {
      const alice = await registerUser(app);
      await createTransaction(alice);
      const before = userFootprint(app, alice.userId);
      const response = await alice.request({
        method: 'DELETE',
        url: ACCOUNT,
        payload: { password: 'wrong password' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ errors: [{ path: 'password' }] });
      expect(userFootprint(app, alice.userId)).toEqual(before);
    });

    it('needs the password in a JSON body', async () => {
      const alice = await registerUser(app);
      expect((await alice.request({ method: 'DELETE', url: ACCOUNT })).statusCode).toBe(400);
      expect(
        (await app.inject({ method: 'DELETE', url: ACCOUNT, payload: { password: 'x' } }))
          .statusCode,
      ).toBe(401);
    });

    it("deletes every row of the user's, in every table, ends sessions and tokens and clears the cookie", async () => {
      const alice = await registerUser(app);
      const bob = await registerUser(app);
      const groceries = await categoryOf(alice, 'expense');
      for (let i = 0; i < 5; i += 1) await createTransaction(alice, { categoryId: groceries.id });
      await createTransaction(bob, { amount: '7.00' });
      const token = await createToken(alice);
      await expectStatus(
        alice.request({
          method: 'POST',
          url: '/api/v1/transactions',
          headers: { 'idempotency-key': 'delete-me-too' },
          payload: { type: 'income', amount: '1.00', title: 'Keyed' },
        }),
        201,
      );
      const bobBefore = userFootprint(app, bob.userId);
      const footprint = userFootprint(app, alice.userId);
      expect(Object.values(footprint).reduce((a, b) => a + b)).toBeGreaterThan(20);

      const response = await alice.request({
        method: 'DELETE',
        url: ACCOUNT,
        payload: { password: alice.password },
      });
      expect(response.statusCode).toBe(204);
      const cleared = response.cookies.find((c) => c.name === 'moneta_session');
      expect(cleared?.value).toBe('');

      const after = userFootprint(app, alice.userId);
      expect(
        Object.values(after).every((count) => count === 0),
        JSON.stringify(after),
      ).toBe(true);
      expect(Object.keys(after).sort()).toEqual(Object.keys(footprint).sort());
      expect(userFootprint(app, bob.userId)).toEqual(bobBefore);
      expect((await me({ cookie: alice.cookie })).statusCode).toBe(401);
      expect((await me(bearer(token))).statusCode).toBe(401);
      expect((await login(app, alice.username, alice.password)).statusCode).toBe(401);
      const bobs = await bob.request({ method: 'GET', url: '/api/v1/transactions' });
      expect(bobs.json<{ items: Transaction[] }>().items).toHaveLength(1);
      // The name is free again.
      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { username: alice.username, password: 'another password' },
      });
      expect(again.statusCode).toBe(201);
    });
  });

  describe('admin reset-password', () => {
    it("sets the password read from stdin and ends all of the user's sessions and tokens", async () => {
      const alice = await registerUser(app);
      const token = await createToken(alice);
      const result = spawnSync(
        process.execPath,
        [
          '--conditions=moneta-source',
          '--import',
          'tsx',
          'src/admin.ts',
          'reset-password',
          alice.username,
        ],
        {
          cwd: apiRoot,
          input: 'reset by the admin\n',
          encoding: 'utf8',
          env: { ...process.env, DATABASE_PATH: config.DATABASE_PATH, INIT_CWD: apiRoot },
        },
      );
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`password of ${alice.username} is reset`);
      expect(result.stdout).not.toContain('reset by the admin');
      expect((await me({ cookie: alice.cookie })).statusCode).toBe(401);
      expect((await me(bearer(token))).statusCode).toBe(401);
      expect((await login(app, alice.username, alice.password)).statusCode).toBe(401);
      expect((await login(app, alice.username, 'reset by the admin')).statusCode).toBe(200);
    }, 30_000);

    it('refuses an unknown user and a password that breaks the rules, changing nothing', async () => {
      const run = (args: string[], input: string) =>
        spawnSync(
          process.execPath,
          ['--conditions=moneta-source', '--import', 'tsx', 'src/admin.ts', ...args],
          {
            cwd: apiRoot,
            input,
            encoding: 'utf8',
            env: { ...process.env, DATABASE_PATH: config.DATABASE_PATH, INIT_CWD: apiRoot },
          },
        );
      const unknown = run(['reset-password', 'nobody_here'], 'a good long password\n');
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain('no user named nobody_here');
      const alice = await registerUser(app);
      const weak = run(['reset-password', alice.username], 'short\n');
      expect(weak.status).toBe(2);
      expect(weak.stderr).toContain('at least 8');
      expect((await me({ cookie: alice.cookie })).statusCode).toBe(200);
    }, 30_000);
  });
});
