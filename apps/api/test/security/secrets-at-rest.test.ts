import type { CreatedApiToken } from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from '../build-test-app.js';
import { bearer } from './helpers.js';

describe('no secret rests in the database in plain text', async () => {
  const { app, clock } = await buildTestApp();

  /** Every text value of every row of every table, as one string to search. */
  const everything = () => {
    const sqlite = app.dbHandle.sqlite;
    const tables = sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      .pluck()
      .all() as string[];
    return tables
      .map((table) => JSON.stringify(sqlite.prepare(`SELECT * FROM "${table}"`).all()))
      .join('\n');
  };

  it('a token created with an Idempotency-Key is not remembered with its secret', async () => {
    const alice = await registerUser(app);
    const request = () =>
      alice.request({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { 'idempotency-key': 'token-once' },
        payload: { name: 'backup script' },
      });
    const response = await request();
    expect(response.statusCode).toBe(201);
    const { token } = response.json<CreatedApiToken>();
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) }))
        .statusCode,
    ).toBe(200);
    expect(everything()).not.toContain(token);
    // A retry cannot show the secret again; it makes a token of its own.
    const retry = await request();
    expect(retry.statusCode).toBe(201);
    expect(retry.json<CreatedApiToken>().token).not.toBe(token);
  });

  it('passwords are stored only as argon2id hashes, also after a change sent with an Idempotency-Key', async () => {
    const bob = await registerUser(app, { password: 'bobs first password' });
    const change = await bob.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { 'idempotency-key': 'pw-change' },
      payload: { currentPassword: 'bobs first password', newPassword: 'bobs second password' },
    });
    expect(change.statusCode).toBe(204);
    const all = everything();
    expect(all).not.toContain('bobs first password');
    expect(all).not.toContain('bobs second password');
    expect(all).toContain('$argon2id$');
  });

  it('a throttled answer is not remembered: the same key works once the wait is over', async () => {
    const carol = await registerUser(app);
    const attempt = (currentPassword: string, key = 'the-right-one') =>
      carol.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { 'idempotency-key': key },
        payload: { currentPassword, newPassword: 'carols new password' },
      });
    for (let i = 0; i < 10; i += 1)
      expect((await attempt(`wrong ${i}`, `wrong-${i}`)).statusCode).toBe(400);
    expect((await attempt(carol.password)).statusCode).toBe(429);
    clock.now = new Date(clock.now.getTime() + 3_600_000);
    expect((await attempt(carol.password)).statusCode).toBe(204);
  });
});
