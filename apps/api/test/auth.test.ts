import { runtimeTimeZone, type Category, type User } from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser, sessionCookie, uniqueUsername } from './build-test-app.js';

const REGISTER = '/api/v1/auth/register';
const LOGIN = '/api/v1/auth/login';

describe('auth', async () => {
  const { app, config, clock } = await buildTestApp();

  const register = (payload: unknown) =>
    app.inject({ method: 'POST', url: REGISTER, payload: payload as object });
  const login = (username: string, password: string) =>
    app.inject({ method: 'POST', url: LOGIN, payload: { username, password } });
  const me = (cookie: string) =>
    app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });

  describe('POST /auth/register', () => {
    it('creates the user, signs them in with an HttpOnly SameSite cookie and gives default categories', async () => {
      const username = uniqueUsername();
      const response = await register({ username, password: 'correct horse battery' });
      expect(response.statusCode).toBe(201);
      const user = response.json<User>();
      expect(user).toEqual({
        id: expect.any(Number) as number,
        username,
        currency: 'USD',
        timeZone: runtimeTimeZone(),
        createdAt: clock.now.toISOString(),
      });
      expect(JSON.stringify(user)).not.toContain('password');

      const cookie = response.cookies.find((c) => c.name === 'moneta_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(cookie?.maxAge).toBe(config.SESSION_TTL_HOURS * 3600);

      const meResponse = await me(sessionCookie(response));
      expect(meResponse.statusCode).toBe(200);
      expect(meResponse.json()).toEqual(user);

      const categories = await app.inject({
        method: 'GET',
        url: '/api/v1/categories',
        headers: { cookie: sessionCookie(response) },
      });
      const items = categories.json<{ items: Category[] }>().items;
      expect(items.filter((c) => c.kind === 'income').length).toBeGreaterThanOrEqual(3);
      expect(items.filter((c) => c.kind === 'expense').length).toBeGreaterThanOrEqual(5);
      expect(items.every((c) => c.transactionCount === 0)).toBe(true);
    });

    it('takes the currency as an ISO 4217 code in any case', async () => {
      const response = await register({
        username: uniqueUsername(),
        password: 'long enough',
        currency: 'jpy',
      });
      expect(response.statusCode).toBe(201);
      expect(response.json<User>().currency).toBe('JPY');
    });

    it.each([
      ['too short', { username: 'ab' }, 'username'],
      ['too long', { username: 'a'.repeat(33) }, 'username'],
      ['with a space', { username: 'al ice' }, 'username'],
      ['with a dot', { username: 'al.ice' }, 'username'],
      ['with a non-ASCII letter', { username: 'ålice' }, 'username'],
      ['reserved: login', { username: 'login' }, 'username'],
      ['reserved: api', { username: 'api' }, 'username'],
      ['reserved: assets', { username: 'assets' }, 'username'],
      ['reserved in capitals: REGISTER', { username: 'REGISTER' }, 'username'],
      ['a number', { username: 12345 }, 'username'],
      ['missing', { username: undefined }, 'username'],
      ['a 7-character password', { password: 'seven77' }, 'password'],
      ['a missing password', { password: undefined }, 'password'],
      ['an unknown currency', { currency: 'XXX' }, 'currency'],
      ['a currency that is not a code', { currency: 'dollars' }, 'currency'],
      ['an unknown field', { admin: true }, 'admin'],
    ])('refuses a username or password %s with 400 naming the field', async (_, override, path) => {
      const payload: Record<string, unknown> = {
        username: uniqueUsername(),
        password: 'long enough',
        ...override,
      };
      const response = await register(payload);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(
        response.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path),
      ).toContain(path);
      expect(response.cookies).toEqual([]);
      if (typeof payload.username === 'string' && path !== 'username') {
        expect((await login(payload.username, 'long enough')).statusCode).toBe(401);
      }
    });

    it('accepts usernames of exactly 3 and 32 characters of a-z 0-9 _ -', async () => {
      for (const username of ['a_1', `z-9_${'q'.repeat(28)}`]) {
        const response = await register({ username, password: 'long enough' });
        expect(response.statusCode, response.body).toBe(201);
      }
    });

    it('treats usernames case-insensitively: Alice then alice is a 409', async () => {
      const base = uniqueUsername('alice');
      const first = await register({
        username: base.replace('alice', 'Alice'),
        password: 'long enough',
      });
      expect(first.statusCode).toBe(201);
      expect(first.json<User>().username).toBe(base);
      const second = await register({ username: base, password: 'another password' });
      expect(second.statusCode).toBe(409);
      expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(second.json()).toMatchObject({ status: 409, errors: [{ path: 'username' }] });
      // The first account keeps its password.
      expect((await login(base, 'long enough')).statusCode).toBe(200);
      expect((await login(base, 'another password')).statusCode).toBe(401);
    });

    it('keeps every character of a long password: no truncation at 72 bytes', async () => {
      const password = 'p'.repeat(72) + 'A'.repeat(128);
      const session = await registerUser(app, { password });
      expect((await login(session.username, password)).statusCode).toBe(200);
      expect((await login(session.username, 'p'.repeat(72) + 'B'.repeat(128))).statusCode).toBe(
        401,
      );
      expect((await login(session.username, 'p'.repeat(72))).statusCode).toBe(401);
    });
  });

  describe('POST /auth/login', async () => {
    const alice = await registerUser(app);

    it('answers the user with a fresh session cookie', async () => {
      const response = await login(alice.username.toUpperCase(), alice.password);
      expect(response.statusCode).toBe(200);
      expect(response.json<User>()).toMatchObject({ id: alice.userId, username: alice.username });
      const cookie = sessionCookie(response);
      expect(cookie).not.toBe(alice.cookie);
      expect(response.cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect((await me(cookie)).json<User>().id).toBe(alice.userId);
    });

    it('answers a wrong password and an unknown user the same way', async () => {
      const wrongPassword = await login(alice.username, 'not the password');
      const unknownUser = await login(uniqueUsername('ghost'), 'not the password');
      expect(wrongPassword.statusCode).toBe(401);
      expect(unknownUser.statusCode).toBe(401);
      expect(unknownUser.body).toBe(wrongPassword.body);
      expect(unknownUser.headers['content-type']).toBe(wrongPassword.headers['content-type']);
      expect(wrongPassword.cookies).toEqual([]);
    });

    it.each([
      [{ username: 'someone' }, 'password'],
      [{ password: 'something' }, 'username'],
      [{ username: 'someone', password: 'something', remember: true }, 'remember'],
    ])('refuses a malformed body %j with 400', async (payload, path) => {
      const response = await app.inject({ method: 'POST', url: LOGIN, payload });
      expect(response.statusCode).toBe(400);
      expect(
        response.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path),
      ).toContain(path);
    });

    it('throttles repeated failures for one account with 429 and Retry-After, until the wait is over', async () => {
      const target = await registerUser(app);
      const bystander = await registerUser(app);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 10; attempt += 1) {
        statuses.push((await login(target.username, `wrong ${attempt}`)).statusCode);
      }
      expect(statuses).toEqual(Array(10).fill(401));

      const throttled = await login(target.username, 'wrong again');
      expect(throttled.statusCode).toBe(429);
      expect(throttled.headers['content-type']).toMatch(/^application\/problem\+json/);
      const retryAfter = Number(throttled.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      // Even the right password waits, or the throttle would confirm a guess.
      expect((await login(target.username, target.password)).statusCode).toBe(429);
      // Other accounts are not affected.
      expect((await login(bystander.username, bystander.password)).statusCode).toBe(200);

      clock.now = new Date(clock.now.getTime() + (retryAfter - 1) * 1000);
      expect((await login(target.username, target.password)).statusCode).toBe(429);
      clock.now = new Date(clock.now.getTime() + 1000);
      const after = await login(target.username, target.password);
      expect(after.statusCode).toBe(200);
      expect((await me(sessionCookie(after))).statusCode).toBe(200);
    });

    it('does not count successful logins toward the throttle', async () => {
      const user = await registerUser(app);
      for (let attempt = 0; attempt < 12; attempt += 1) {
        expect((await login(user.username, user.password)).statusCode).toBe(200);
      }
      for (let attempt = 0; attempt < 10; attempt += 1) {
        expect((await login(user.username, `wrong ${attempt}`)).statusCode).toBe(401);
      }
      expect((await login(user.username, 'wrong again')).statusCode).toBe(429);
    });
  });

  describe('sessions', async () => {
    const bob = await registerUser(app);

    it('GET /auth/me answers the signed-in user', async () => {
      const response = await bob.request({ method: 'GET', url: '/api/v1/auth/me' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: bob.userId,
        username: bob.username,
        currency: 'USD',
      });
    });

    it('logout clears the cookie and revokes that session only, even if the token is replayed', async () => {
      const second = sessionCookie(await login(bob.username, bob.password));
      const third = sessionCookie(await login(bob.username, bob.password));
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { cookie: second },
      });
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
      const cleared = response.cookies.find((c) => c.name === 'moneta_session');
      expect(cleared?.value).toBe('');
      expect(cleared?.maxAge === 0 || (cleared?.expires?.getTime() ?? Infinity) <= Date.now()).toBe(
        true,
      );

      const replay = await me(second);
      expect(replay.statusCode).toBe(401);
      expect(replay.headers['content-type']).toMatch(/^application\/problem\+json/);
      const replayWrite = await app.inject({
        method: 'POST',
        url: '/api/v1/transactions',
        headers: { cookie: second },
        payload: { type: 'expense', amount: '1', title: 'replayed' },
      });
      expect(replayWrite.statusCode).toBe(401);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/auth/logout',
            headers: { cookie: second },
          })
        ).statusCode,
      ).toBe(401);
      expect((await me(third)).statusCode).toBe(200);
      expect((await me(bob.cookie)).statusCode).toBe(200);
    });

    it('refuses a tampered token or one with another algorithm', async () => {
      const token = bob.cookie.slice('moneta_session='.length);
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      const otherUser = Buffer.from(JSON.stringify({ ...claims, sub: '1' })).toString('base64url');
      for (const forged of [none, `${header}.${otherUser}.${signature}`, `${token}x`, 'garbage']) {
        expect((await me(`moneta_session=${forged}`)).statusCode, forged).toBe(401);
      }
    });

    it('expires a session after the configured time', async () => {
      const cookie = sessionCookie(await login(bob.username, bob.password));
      const start = clock.now;
      try {
        clock.now = new Date(start.getTime() + config.SESSION_TTL_HOURS * 3_600_000 - 60_000);
        expect((await me(cookie)).statusCode).toBe(200);
        clock.now = new Date(start.getTime() + config.SESSION_TTL_HOURS * 3_600_000 + 1_000);
        expect((await me(cookie)).statusCode).toBe(401);
      } finally {
        clock.now = start;
      }
    });
  });

  describe('protected routes', () => {
    const routes: Array<[string, string, object?]> = [
      ['POST', '/api/v1/auth/logout'],
      ['GET', '/api/v1/auth/me'],
      ['GET', '/api/v1/transactions'],
      ['POST', '/api/v1/transactions', { type: 'expense', amount: '1', title: 'x' }],
      ['GET', '/api/v1/transactions/1'],
      ['PATCH', '/api/v1/transactions/1', { title: 'x' }],
      ['DELETE', '/api/v1/transactions/1'],
      ['GET', '/api/v1/categories'],
      ['POST', '/api/v1/categories', { name: 'x', kind: 'expense' }],
      ['GET', '/api/v1/categories/1'],
      ['PATCH', '/api/v1/categories/1', { name: 'x' }],
      ['DELETE', '/api/v1/categories/1'],
      ['GET', '/api/v1/summary'],
    ];

    it.each(routes)('%s %s answers 401 without a valid session', async (method, url, payload) => {
      for (const headers of [
        {},
        { cookie: 'moneta_session=' },
        { cookie: 'moneta_session=not.a.jwt' },
      ]) {
        const response = await app.inject({
          method: method as 'GET',
          url,
          headers,
          ...(payload ? { payload } : {}),
        });
        expect(response.statusCode).toBe(401);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
      }
    });
  });
});
