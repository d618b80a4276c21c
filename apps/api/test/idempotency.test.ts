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

describe('Idempotency-Key on imports', async () => {
  const { app } = await buildTestApp();
  const keptBytes = (userId: number) =>
    app.dbHandle.sqlite
      .prepare(
        'SELECT COALESCE(SUM(length(response_body)), 0) FROM idempotency_keys WHERE user_id = ?',
      )
      .pluck()
      .get(userId) as number;
  const rows = Array.from(
    { length: 3_000 },
    (_, i) => `2026-02-${String((i % 28) + 1).padStart(2, '0')},Row ${i},-1.00`,
  );
  const csv = `date,title,amount\n${rows.join('\n')}\n`;
  const send = (session: Awaited<ReturnType<typeof registerUser>>, query: string, key: string) =>
    session.request({
      method: 'POST',
      url: `/api/v1/imports?date=date&title=title&amount=amount${query}`,
      headers: { 'content-type': 'text/csv', 'idempotency-key': key },
      payload: csv,
    });

  it('keeps nothing for a preview, which changes nothing', async () => {
    const alice = await registerUser(app);
    const preview = await send(alice, '&dryRun=true', 'feb-import');
    expect(preview.statusCode).toBe(200);
    expect(keptBytes(alice.userId)).toBe(0);
    // The same key then serves the real import.
    const commit = await send(alice, '', 'feb-import');
    expect(commit.statusCode).toBe(201);
    const retry = await send(alice, '', 'feb-import');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(commit.json());
  });

  it('keeps at most 256 KiB of any answer', async () => {
    const alice = await registerUser(app);
    await send(alice, '', 'first');
    // Every row is now a duplicate: the answer lists 3,000 of them (more than 256 KiB).
    const again = await send(alice, '', 'second');
    expect(again.statusCode).toBe(201);
    expect(again.body.length).toBeGreaterThan(256 * 1024);
    expect(keptBytes(alice.userId)).toBeLessThanOrEqual(256 * 1024);
  });
});
