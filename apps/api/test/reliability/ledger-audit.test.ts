import { describe, expect, it } from 'vitest';
import type { Account } from '@moneta/schema';
import { buildTestApp, registerUser } from '../build-test-app.js';
import { expectStatus } from '../expect-status.js';
import { auditLedger } from './ledger.js';

/** The auditor the crash and backup tests trust must see what it is there to see. */
describe('auditLedger', async () => {
  const { app, config } = await buildTestApp();
  const user = await registerUser(app);
  const post = async (url: string, payload: object) =>
    expectStatus(user.request({ method: 'POST', url, payload }), 201);
  const savings = (
    await post('/api/v1/accounts', {
      name: 'Savings',
      openingBalance: '-20.00',
      openingDate: '2026-10-01',
    })
  ).json<Account>();
  for (const [accountId, type, amount, date] of [
    [undefined, 'income', '100.00', '2026-10-02'],
    [savings.id, 'expense', '5.00', '2026-10-03'],
    [savings.id, 'income', '7.50', '2026-11-01'],
  ] as const) {
    await post('/api/v1/transactions', { accountId, type, amount, title: 'Row', date });
  }
  const { sqlite } = app.dbHandle;
  const audit = () => auditLedger(config.DATABASE_PATH);
  const row = sqlite
    .prepare('SELECT id FROM transactions WHERE account_id = ? AND type = ? ')
    .pluck()
    .get(savings.id, 'expense') as number;

  it('finds nothing wrong with what the API wrote, per account and opening balance included', () => {
    const report = audit();
    expect(report.problems).toEqual([]);
    expect(report.balances.get(savings.id)).toBe(-2000n - 500n + 750n);
    expect(report.sums.get(user.userId)).toBe(10000n - 2000n - 500n + 750n);
  });

  it("names a running balance that is not the prefix sum of its account's deltas", () => {
    sqlite
      .prepare('UPDATE transactions SET balance_after = balance_after + 1 WHERE id = ?')
      .run(row);
    try {
      expect(audit().problems).toEqual([
        `account ${savings.id}, transaction ${row} on 2026-10-03: balance_after -2499, prefix sum of delta -2500`,
      ]);
    } finally {
      sqlite
        .prepare('UPDATE transactions SET balance_after = balance_after - 1 WHERE id = ?')
        .run(row);
    }
  });

  it('names a delta that does not match its type and amount', () => {
    sqlite
      .prepare('UPDATE transactions SET delta = -delta, balance_after = -2000 + 500 WHERE id = ?')
      .run(row);
    try {
      expect(audit().problems).toContain(`transaction ${row}: expense of amount 500, delta 500`);
    } finally {
      sqlite
        .prepare('UPDATE transactions SET delta = -delta, balance_after = -2000 - 500 WHERE id = ?')
        .run(row);
    }
    expect(audit().problems).toEqual([]);
  });

  it('names a monthly total that differs from a fresh GROUP BY, opening balances by their delta', () => {
    const where = `WHERE account_id = ${savings.id} AND type = 'opening'`;
    sqlite.prepare(`UPDATE monthly_totals SET total = 2000 ${where}`).run();
    try {
      expect(audit().problems).toEqual([
        `monthly total user ${user.userId}, account ${savings.id}, 2026-10 opening category 0: ` +
          'stored 2000 (1 rows), fresh GROUP BY -2000 (1 rows)',
      ]);
    } finally {
      sqlite.prepare(`UPDATE monthly_totals SET total = -2000 ${where}`).run();
    }
  });
});
