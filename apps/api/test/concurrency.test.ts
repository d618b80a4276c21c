import { describe, expect, it } from 'vitest';
import type { Transaction, TransactionPage } from '@moneta/schema';
import { buildTestApp, registerUser } from './build-test-app.js';
import { checkBalances, checkMonthlyTotals } from './reliability/ledger.js';

/** A promise and the function that settles it, to hold a transaction open from outside. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('requests whose writes overlap', async () => {
  const { app } = await buildTestApp();
  const { sqlite } = app.dbHandle;

  it('leave every running balance and monthly total as a fresh recomputation has them', async () => {
    const alice = await registerUser(app);
    // Back-dated among each other, so most writes rewrite the balances of rows after them.
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        alice.request({
          method: 'POST',
          url: '/api/v1/transactions',
          payload: {
            type: index % 3 === 0 ? 'income' : 'expense',
            amount: `${10 + index}.25`,
            title: `Parallel ${index}`,
            date: `2026-${String((index % 4) + 8).padStart(2, '0')}-${String(28 - index).padStart(2, '0')}`,
          },
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(201));
    const report = checkBalances(sqlite, alice.userId);
    expect(report.transactions).toBe(20);
    expect(report.problems).toEqual([]);
    expect(checkMonthlyTotals(sqlite, alice.userId)).toEqual([]);
  });

  it("never show a read another request's uncommitted row, nor let a write join it", async () => {
    const alice = await registerUser(app);
    const inserted = gate();
    const release = gate();
    const now = app.now().toISOString();
    const account = await app.repos.accounts.defaultAccount(alice.userId);
    if (!account) throw new Error('no default account');
    // A write held open between its insert and its commit, then rolled back.
    const held = app.repos.database.transaction(async () => {
      await app.repos.transactions.create(
        alice.userId,
        {
          accountId: account.id,
          type: 'expense',
          amount: 700,
          title: 'Never committed',
          description: null,
          categoryId: null,
          date: '2026-11-20',
        },
        now,
      );
      inserted.open();
      await release.opened;
      throw new Error('rolled back on purpose');
    });
    await inserted.opened;

    const page = await alice.request({ method: 'GET', url: '/api/v1/transactions' });
    expect(page.statusCode).toBe(200);
    expect(page.json<TransactionPage>().items).toEqual([]);

    // Started while the other write is open: it must wait for it, not become part of it.
    const { database } = app.repos;
    const transaction = database.transaction.bind(database);
    const reached = gate();
    database.transaction = (fn) => {
      database.transaction = transaction;
      reached.open();
      return transaction(fn);
    };
    const write = alice.request({
      method: 'POST',
      url: '/api/v1/transactions',
      payload: { type: 'income', amount: '5.00', title: 'Committed', date: '2026-11-21' },
    });
    await reached.opened;
    // A turn of the event loop for the new write to go as far as it can while the other is open.
    await new Promise((resolve) => setImmediate(resolve));
    release.open();
    await expect(held).rejects.toThrow('rolled back on purpose');
    const created = await write;
    expect(created.statusCode).toBe(201);

    const after = (
      await alice.request({ method: 'GET', url: '/api/v1/transactions' })
    ).json<TransactionPage>();
    expect(after.items.map((item: Transaction) => [item.title, item.balanceAfter])).toEqual([
      ['Committed', '5.00'],
    ]);
    expect(checkBalances(sqlite, alice.userId).problems).toEqual([]);
    expect(checkMonthlyTotals(sqlite, alice.userId)).toEqual([]);
  });

  it('run a nested write inside the open one, undoing only the nested part when it fails', async () => {
    const alice = await registerUser(app);
    const account = await app.repos.accounts.defaultAccount(alice.userId);
    if (!account) throw new Error('no default account');
    const now = app.now().toISOString();
    const row = (title: string, amount: number) => ({
      accountId: account.id,
      type: 'income' as const,
      amount,
      title,
      description: null,
      categoryId: null,
      date: '2026-11-01',
    });
    await app.repos.database.transaction(async () => {
      await app.repos.transactions.create(alice.userId, row('Outer', 100), now);
      await expect(
        app.repos.database.transaction(async () => {
          await app.repos.transactions.create(alice.userId, row('Inner', 200), now);
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
    });
    const titles = sqlite
      .prepare('SELECT title FROM transactions WHERE user_id = ? ORDER BY id')
      .pluck()
      .all(alice.userId);
    expect(titles).toEqual(['Outer']);
    expect(checkBalances(sqlite, alice.userId).problems).toEqual([]);
    expect(checkMonthlyTotals(sqlite, alice.userId)).toEqual([]);
  });
});
