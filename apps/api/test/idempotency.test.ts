import { describe, expect, it } from 'vitest';
import type { TransactionPage } from '@moneta/schema';
import { buildTestApp, registerUser } from './build-test-app.js';

describe('Idempotency-Key on creates', async () => {
  const { app, clock } = await buildTestApp();
  const alice = await registerUser(app);
  const bob = await registerUser(app);
  const body = { type: 'expense', amount: '9.99', title: 'Retried', date: '2026-03-03' };

  const post = (session: typeof alice, key: string, payload: unknown) =>
    session.request({
      method: 'POST',
      url: '/api/v1/transactions',
      headers: { 'idempotency-key': key },
      payload: payload as object,
    });
  const count = async (session: typeof alice) =>
    (
      await session.request({ method: 'GET', url: '/api/v1/transactions?limit=200' })
    ).json<TransactionPage>().items.length;

  it('returns the first response for a retry and creates nothing new', async () => {
    const first = await post(alice, 'rent-2026-03', body);
    const retry = await post(alice, 'rent-2026-03', body);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await count(alice)).toBe(1);
  });

  it('refuses the same key with a different body with 422', async () => {
    await post(alice, 'k-422', body);
    const other = await post(alice, 'k-422', { ...body, amount: '10.00' });
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
  });

  it('scopes keys per user', async () => {
    const bobs = await post(bob, 'rent-2026-03', body);
    expect(bobs.statusCode).toBe(201);
    expect(bobs.headers['idempotent-replayed']).toBeUndefined();
    expect(await count(bob)).toBe(1);
  });

  it('forgets a key after 24 hours', async () => {
    const before = await count(alice);
    await post(alice, 'daily', body);
    const saved = clock.now;
    clock.now = new Date(saved.getTime() + 25 * 3_600_000);
    const later = await post(alice, 'daily', body);
    clock.now = saved;
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(await count(alice)).toBe(before + 2);
  });

  it('replays a refusal too, and does not remember requests that failed validation', async () => {
    const bad = await post(alice, 'bad', { ...body, amount: '1.234' });
    expect(bad.statusCode).toBe(400);
    const again = await post(alice, 'bad', { ...body, amount: '1.234' });
    expect(again.statusCode).toBe(400);
    const invalid = await post(alice, 'invalid', { ...body, amount: 'abc' });
    expect(invalid.statusCode).toBe(400);
    const fixed = await post(alice, 'invalid', body);
    expect(fixed.statusCode).toBe(201);
  });

  it('rejects a malformed key, naming the header', async () => {
    const response = await post(alice, 'x'.repeat(300), body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ path: 'Idempotency-Key' }] });
  });
});
