import { describe, expect, it } from 'vitest';
import type { ImportList, ImportResult, Summary } from '@moneta/schema';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { createTransaction } from './factories.js';

/** Regressions for defects a review found by attacking the API. */
describe('hardening', async () => {
  const { app } = await buildTestApp();

  it('throttles wrong passwords sent all at once, not only one after another', async () => {
    const victim = await registerUser(app);
    const attempts = await Promise.all(
      Array.from({ length: 40 }, () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: victim.username, password: 'not the password' },
          remoteAddress: '10.9.9.9',
        }),
      ),
    );
    const statuses = attempts.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30);
  });

  const importCsv = (user: Session, csv: string, headers: Record<string, string> = {}) =>
    user.request({
      method: 'POST',
      url: '/api/v1/imports?date=date&amount=amount&title=title',
      headers: { 'content-type': 'text/csv', ...headers },
      payload: csv,
    });

  it('refuses an import whose running balance would pass 64 bits with a 400, not a 500', async () => {
    const user = await registerUser(app);
    const rows = Array.from({ length: 9300 }, (_, i) => `2024-01-01,Row ${i},9999999999999.99`);
    const response = await importCsv(user, `date,title,amount\n${rows.join('\n')}\n`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses bank amounts it would have to guess at', async () => {
    const user = await registerUser(app);
    const csv =
      'date,title,amount\n2026-01-01,Comma,"12,34"\n2026-01-02,Exp,1e5\n2026-01-03,Words,3 x 4.50\n2026-01-04,Ok,"1,234.50"\n';
    const response = await importCsv(user, csv, {});
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json<ImportResult>();
    expect(result.summary).toEqual({ new: 1, duplicate: 0, error: 3 });
    expect(result.rows.filter((r) => r.status === 'error').map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('refuses a million-digit amount at once instead of computing with it', async () => {
    const user = await registerUser(app);
    const response = await user.request({
      method: 'POST',
      url: '/api/v1/transactions',
      payload: { type: 'income', amount: `1${'0'.repeat(500_000)}`, title: 'Huge' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ path: 'amount' }] });
  });

  it('sums a range inside December 9999 from that range only', async () => {
    const user = await registerUser(app);
    await createTransaction(user, { type: 'income', amount: '100.00', date: '2024-03-10' });
    for (const query of ['?from=9999-12-15', '?from=9999-12-02&to=9999-12-31']) {
      const summary = (
        await user.request({ method: 'GET', url: `/api/v1/summary${query}` })
      ).json<Summary>();
      expect(summary.income, query).toBe('0.00');
      expect(summary.balance).toBe('100.00');
    }
  });

  it('runs a streamed import retried with the same Idempotency-Key once', async () => {
    const user = await registerUser(app);
    const rows = Array.from(
      { length: 12_000 },
      (_, i) => `2026-01-${String((i % 28) + 1).padStart(2, '0')},Row ${i},-1.00`,
    );
    const csv = `date,title,amount\n${rows.join('\n')}\n`;
    const headers = { accept: 'application/x-ndjson', 'idempotency-key': 'import-once' };
    const [first, second] = await Promise.all([
      importCsv(user, csv, headers),
      importCsv(user, csv, headers),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const imports = (
      await user.request({ method: 'GET', url: '/api/v1/imports' })
    ).json<ImportList>();
    expect(imports.items).toHaveLength(1);
  });

  it('lists only months with data when the history spans more than 50 years', async () => {
    const user = await registerUser(app);
    await createTransaction(user, { type: 'income', amount: '5.00', date: '0001-01-01' });
    await createTransaction(user, { amount: '2.00', date: '9999-12-31' });
    const summary = (await user.request({ method: 'GET', url: '/api/v1/summary' })).json<Summary>();
    expect(summary.byMonth).toEqual([
      { month: '0001-01', income: '5.00', expense: '0.00' },
      { month: '9999-12', income: '0.00', expense: '2.00' },
    ]);
    expect(summary.net).toBe('3.00');
  });

  it('still fills the empty months of a normal span', async () => {
    const user = await registerUser(app);
    await createTransaction(user, { type: 'income', amount: '5.00', date: '2024-11-30' });
    await createTransaction(user, { amount: '2.00', date: '2026-11-01' });
    const summary = (await user.request({ method: 'GET', url: '/api/v1/summary' })).json<Summary>();
    expect(summary.byMonth).toHaveLength(25);
    expect(summary.byMonth[1]).toEqual({ month: '2024-12', income: '0.00', expense: '0.00' });
  });
});
