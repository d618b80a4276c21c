import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser, sessionCookie } from '../build-test-app.js';
import { bearer, createToken, login } from './helpers.js';

const b64 = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function decodePayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

function hmacJwt(header: object, payload: object, secret: string, hash = 'sha256'): string {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac(hash, secret).update(body).digest('base64url')}`;
}

describe('sessions and tokens: forged, stale and revoked credentials are refused', async () => {
  const { app, config, clock } = await buildTestApp();
  const secret = config.SESSION_SECRET;
  const alice = await registerUser(app);
  const bob = await registerUser(app);
  const aliceJwt = alice.cookie.slice('moneta_session='.length);
  const claims = decodePayload(aliceJwt);
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const me = (headers: Record<string, string>) =>
    app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
  const withJwt = (jwt: string) => me({ cookie: `moneta_session=${jwt}` });

  it('accepts the genuine cookie, and an honest re-signing of it (the secret is the test secret)', async () => {
    expect((await withJwt(aliceJwt)).statusCode).toBe(200);
    expect((await withJwt(hmacJwt({ alg: 'HS256', typ: 'JWT' }, claims, secret))).statusCode).toBe(
      200,
    );
    expect(typeof claims.sid).toBe('string');
    expect(claims.sub).toBe(String(alice.userId));
  });

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacks: Array<[string, () => string]> = [
    ['alg none, no signature', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`],
    [
      'alg none, original signature',
      () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.${aliceJwt.split('.')[2]}`,
    ],
    ['alg "None" spelled otherwise', () => `${b64({ alg: 'None' })}.${b64(claims)}.`],
    [
      'HS512 with the real secret',
      () => hmacJwt({ alg: 'HS512', typ: 'JWT' }, claims, secret, 'sha512'),
    ],
    [
      'HS384 with the real secret',
      () => hmacJwt({ alg: 'HS384', typ: 'JWT' }, claims, secret, 'sha384'),
    ],
    [
      'RS256 signed with an attacker key',
      () => {
        const body = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}`;
        return `${body}.${sign('sha256', Buffer.from(body), privateKey).toString('base64url')}`;
      },
    ],
    ['HS256 with a guessed secret', () => hmacJwt({ alg: 'HS256', typ: 'JWT' }, claims, 'secret')],
    ['HS256 with an empty secret', () => hmacJwt({ alg: 'HS256', typ: 'JWT' }, claims, '')],
    [
      "tampered payload: Bob's user id, Alice's signature",
      () => {
        const [header, , signature] = aliceJwt.split('.');
        return `${header}.${b64({ ...claims, sub: String(bob.userId) })}.${signature}`;
      },
    ],
    [
      'tampered payload: another session id, original signature',
      () => {
        const [header, , signature] = aliceJwt.split('.');
        return `${header}.${b64({ ...claims, sid: 'A'.repeat(22) })}.${signature}`;
      },
    ],
    ['signature stripped', () => aliceJwt.split('.').slice(0, 2).join('.') + '.'],
    [
      'signature of another token',
      () => `${aliceJwt.split('.').slice(0, 2).join('.')}.${bob.cookie.split('.')[2]}`,
    ],
    [
      'expired (exp in the past), correctly signed',
      () =>
        hmacJwt(
          { alg: 'HS256' },
          { ...claims, iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 },
          secret,
        ),
    ],
    [
      'not yet valid (nbf in an hour), correctly signed',
      () =>
        hmacJwt(
          { alg: 'HS256' },
          { ...claims, iat: nowSeconds(), nbf: nowSeconds() + 3600 },
          secret,
        ),
    ],
    [
      "correctly signed, Alice's session claimed for Bob",
      () => hmacJwt({ alg: 'HS256' }, { ...claims, sub: String(bob.userId) }, secret),
    ],
    [
      'correctly signed, no session id',
      () => hmacJwt({ alg: 'HS256' }, { sub: String(alice.userId) }, secret),
    ],
    [
      'correctly signed, session id of the wrong type',
      () => hmacJwt({ alg: 'HS256' }, { sid: 1, sub: String(alice.userId) }, secret),
    ],
    [
      'correctly signed, invented session id',
      () => hmacJwt({ alg: 'HS256' }, { sid: 'invented', sub: String(alice.userId) }, secret),
    ],
    ['not a JWT', () => 'garbage'],
    ['two parts', () => aliceJwt.split('.').slice(0, 2).join('.')],
    ['header of JSON null', () => `${b64('null')}.${b64(claims)}.x`],
    ['huge token', () => `${b64({ alg: 'HS256' })}.${b64({ ...claims, pad: 'x'.repeat(3000) })}.x`],
  ];

  it.each(attacks)('refuses %s with 401', async (_, forge) => {
    const response = await withJwt(forge());
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a cookie after its session expires on the server, whatever the JWT says', async () => {
    const carol = await registerUser(app);
    const before = clock.now;
    clock.now = new Date(before.getTime() + config.SESSION_TTL_HOURS * 3_600_000 + 1000);
    try {
      expect((await me({ cookie: carol.cookie })).statusCode).toBe(401);
    } finally {
      clock.now = before;
    }
  });

  it('refuses a session cookie replayed after logout', async () => {
    const dave = await registerUser(app);
    const logout = await dave.request({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(logout.statusCode).toBe(204);
    expect((await me({ cookie: dave.cookie })).statusCode).toBe(401);
    expect((await dave.request({ method: 'GET', url: '/api/v1/transactions' })).statusCode).toBe(
      401,
    );
  });

  it('refuses other sessions and every token issued before a password change, keeps the one that changed it', async () => {
    const erin = await registerUser(app);
    const laptop = sessionCookie(await login(app, erin.username, erin.password, '10.1.1.1'));
    const phone = sessionCookie(await login(app, erin.username, erin.password, '10.1.1.2'));
    const token = await createToken(erin);
    const change = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: laptop },
      payload: { currentPassword: erin.password, newPassword: 'the new password' },
    });
    expect(change.statusCode).toBe(204);
    expect((await me({ cookie: laptop })).statusCode).toBe(200);
    expect((await me({ cookie: phone })).statusCode).toBe(401);
    expect((await me({ cookie: erin.cookie })).statusCode).toBe(401);
    expect((await me(bearer(token))).statusCode).toBe(401);
  });

  describe('personal access tokens', () => {
    it.each([
      ['a made-up token', 'mnt_' + 'x'.repeat(40)],
      ['an empty bearer', ''],
      ['a token with a space', 'abc def'],
      ['the session JWT as a bearer', aliceJwt],
    ])('refuses %s with 401', async (_, value) => {
      expect((await me({ authorization: `Bearer ${value}` })).statusCode).toBe(401);
    });

    it('refuses a token once revoked, and one of another scheme', async () => {
      const token = await createToken(alice, 'revoke me');
      expect((await me(bearer(token))).statusCode).toBe(200);
      expect((await me({ authorization: `Basic ${token}` })).statusCode).toBe(401);
      expect((await me({ authorization: `bearer  ${token}` })).statusCode).toBe(401);
      const list = await alice.request({ method: 'GET', url: '/api/v1/tokens' });
      const id = list
        .json<{ items: Array<{ id: number; name: string }> }>()
        .items.find((t) => t.name === 'revoke me')?.id;
      expect(
        (await alice.request({ method: 'DELETE', url: `/api/v1/tokens/${id}` })).statusCode,
      ).toBe(204);
      expect((await me(bearer(token))).statusCode).toBe(401);
    });

    it('refuses a valid token with a broken cookie beside it rather than mixing the two', async () => {
      const token = await createToken(alice, 'mixed');
      const response = await me({ ...bearer(token), cookie: 'moneta_session=broken' });
      // The bearer decides: a request with a token is judged by the token alone.
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: alice.userId });
      expect(
        (await me({ authorization: 'Bearer broken-token-value', cookie: alice.cookie })).statusCode,
      ).toBe(401);
    });
  });
});
