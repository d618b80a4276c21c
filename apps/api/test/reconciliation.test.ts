import type {
  Account,
  AccountList,
  ReconciliationList,
  ReconciliationPreview,
  Transaction,
  Transfer,
} from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { expectStatus } from './expect-status.js';
import { createTransaction } from './factories.js';

async function defaultAccount(session: Session): Promise<Account> {
  const response = await expectStatus(
    session.request({ method: 'GET', url: '/api/v1/accounts' }),
    200,
  );
  return response.json<AccountList>().items[0] as Account;
}

async function clear(session: Session, id: number, cleared = true): Promise<Transaction> {
  const response = await expectStatus(
    session.request({
      method: 'PATCH',
      url: `/api/v1/transactions/${id}`,
      payload: { cleared },
    }),
    200,
  );
  return response.json<Transaction>();
}

async function preview(session: Session, accountId: number, query: string) {
  const response = await expectStatus(
    session.request({
      method: 'GET',
      url: `/api/v1/accounts/${accountId}/reconciliation?${query}`,
    }),
    200,
  );
  return response.json<ReconciliationPreview>();
}

describe('reconciliation', async () => {
  const { app } = await buildTestApp();

  it('compares cleared rows with the statement, then locks them once they agree', async () => {
    const user = await registerUser(app);
    const main = await defaultAccount(user);
    const salary = await createTransaction(user, {
      type: 'income',
      amount: '2000.00',
      date: '2026-11-01',
    });
    const rent = await createTransaction(user, { amount: '800.00', date: '2026-11-02' });
    const coffee = await createTransaction(user, { amount: '3.40', date: '2026-11-03' });
    await createTransaction(user, { amount: '50.00', date: '2026-12-02' }); // after the statement

    expect(salary).toMatchObject({ cleared: false, reconciled: false });
    await clear(user, salary.id);
    await clear(user, rent.id);
    expect(await preview(user, main.id, 'date=2026-11-30&statementBalance=1196.60')).toEqual({
      accountId: main.id,
      currency: 'USD',
      date: '2026-11-30',
      clearedBalance: '1200.00',
      balance: '1196.60',
      statementBalance: '1196.60',
      difference: '-3.40',
      unclearedCount: 1,
      lastReconciliation: null,
    });

    // Not yet: the statement has the coffee, the ledger has not cleared it.
    const early = await user.request({
      method: 'POST',
      url: `/api/v1/accounts/${main.id}/reconciliations`,
      payload: { date: '2026-11-30', statementBalance: '1196.60' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      errors: [{ path: 'statementBalance', message: 'differs from the cleared balance by -3.40' }],
    });
    expect((await clear(user, coffee.id, true)).reconciled).toBe(false);

    const done = await expectStatus(
      user.request({
        method: 'POST',
        url: `/api/v1/accounts/${main.id}/reconciliations`,
        payload: { date: '2026-11-30', statementBalance: '1196.60' },
      }),
      201,
    );
    expect(done.json()).toMatchObject({ date: '2026-11-30', reconciledCount: 3 });
    const list = (
      await expectStatus(
        user.request({ method: 'GET', url: `/api/v1/accounts/${main.id}/reconciliations` }),
        200,
      )
    ).json<ReconciliationList>();
    expect(list.items.map((r) => [r.date, r.statementBalance, r.reconciledCount])).toEqual([
      ['2026-11-30', '1196.60', 3],
    ]);
    expect((await preview(user, main.id, 'date=2026-11-30')).lastReconciliation).toMatchObject({
      date: '2026-11-30',
    });

    // Locked against accidental edits: money fields and deletion refuse; the title may change.
    for (const payload of [{ amount: '801.00' }, { date: '2026-11-05' }, { cleared: false }]) {
      const response = await user.request({
        method: 'PATCH',
        url: `/api/v1/transactions/${rent.id}`,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(409);
      expect(response.json()).toMatchObject({ errors: [{ path: 'reconciled' }] });
    }
    expect(
      (await user.request({ method: 'DELETE', url: `/api/v1/transactions/${rent.id}` })).statusCode,
    ).toBe(409);
    await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/transactions/${rent.id}`,
        payload: { title: 'Rent November' },
      }),
      200,
    );
    // Unlocking on purpose works.
    const unlocked = await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/transactions/${rent.id}`,
        payload: { amount: '810.00', reconciled: false },
      }),
      200,
    );
    expect(unlocked.json()).toMatchObject({ amount: '810.00', reconciled: false, cleared: true });
  });

  it('clears and locks transfer sides and opening balances, locking their transfer and account', async () => {
    const user = await registerUser(app);
    const main = await defaultAccount(user);
    const savings = (
      await expectStatus(
        user.request({
          method: 'POST',
          url: '/api/v1/accounts',
          payload: { name: 'Savings', openingBalance: '100.00', openingDate: '2026-10-01' },
        }),
        201,
      )
    ).json<Account>();
    const moved = (
      await expectStatus(
        user.request({
          method: 'POST',
          url: '/api/v1/transfers',
          payload: {
            fromAccountId: main.id,
            toAccountId: savings.id,
            amount: '25.00',
            date: '2026-10-05',
          },
        }),
        201,
      )
    ).json<Transfer>();
    const rows = (
      await expectStatus(
        user.request({ method: 'GET', url: `/api/v1/transactions?accountId=${savings.id}` }),
        200,
      )
    ).json<{ items: Transaction[] }>().items;
    for (const row of rows) await clear(user, row.id);
    await expectStatus(
      user.request({
        method: 'POST',
        url: `/api/v1/accounts/${savings.id}/reconciliations`,
        payload: { date: '2026-10-31', statementBalance: '125.00' },
      }),
      201,
    );
    const transferEdit = await user.request({
      method: 'PATCH',
      url: `/api/v1/transfers/${moved.id}`,
      payload: { amount: '30.00' },
    });
    expect(transferEdit.statusCode).toBe(409);
    expect(
      (await user.request({ method: 'DELETE', url: `/api/v1/transfers/${moved.id}` })).statusCode,
    ).toBe(409);
    const opening = await user.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${savings.id}`,
      payload: { openingBalance: '90.00' },
    });
    expect(opening.statusCode).toBe(409);
    expect(opening.json()).toMatchObject({ errors: [{ path: 'openingBalance' }] });
    expect(
      (
        await expectStatus(
          user.request({ method: 'GET', url: `/api/v1/accounts/${savings.id}` }),
          200,
        )
      ).json<Account>().balance,
    ).toBe('125.00');
  });

  it('keeps an import with reconciled rows: its undo is refused until they are unlocked', async () => {
    const user = await registerUser(app);
    const main = await defaultAccount(user);
    const imported = await expectStatus(
      user.request({
        method: 'POST',
        url: '/api/v1/imports?date=date&title=title&amount=amount',
        headers: { 'content-type': 'text/csv' },
        payload: 'date,title,amount\n2026-11-02,Rent,-800.00\n2026-11-03,Coffee,-3.40\n',
      }),
      201,
    );
    const importId = imported.json<{ import: { id: number } }>().import.id;
    const rows = (
      await expectStatus(user.request({ method: 'GET', url: '/api/v1/transactions' }), 200)
    ).json<{ items: Transaction[] }>().items;
    const rent = rows.find((row) => row.title === 'Rent');
    if (!rent) throw new Error('the import wrote no rent');
    await clear(user, rent.id);
    await expectStatus(
      user.request({
        method: 'POST',
        url: `/api/v1/accounts/${main.id}/reconciliations`,
        payload: { date: '2026-11-30', statementBalance: '-800.00' },
      }),
      201,
    );
    const undo = () => user.request({ method: 'DELETE', url: `/api/v1/imports/${importId}` });
    expect((await undo()).statusCode).toBe(409);
    // Nothing went: the reconciled balance still holds.
    expect(await preview(user, main.id, 'date=2026-11-30')).toMatchObject({
      clearedBalance: '-800.00',
      balance: '-803.40',
    });
    await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/transactions/${rent.id}`,
        payload: { reconciled: false },
      }),
      200,
    );
    expect((await undo()).statusCode).toBe(204);
    expect((await preview(user, main.id, 'date=2026-11-30')).balance).toBe('0.00');
  });

  it('refuses bad statement input naming the field, and another user’s account as missing', async () => {
    const user = await registerUser(app);
    const other = await registerUser(app);
    const main = await defaultAccount(user);
    const theirs = await defaultAccount(other);
    for (const [payload, path] of [
      [{ date: '2026-11-30', statementBalance: '1.234' }, 'statementBalance'],
      [{ date: '2026-13-01', statementBalance: '1.00' }, 'date'],
      [{ statementBalance: '1.00' }, 'date'],
    ] as const) {
      const response = await user.request({
        method: 'POST',
        url: `/api/v1/accounts/${main.id}/reconciliations`,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ errors: [{ path }] });
    }
    const theirsAnswer = await user.request({
      method: 'GET',
      url: `/api/v1/accounts/${theirs.id}/reconciliation`,
    });
    const missing = await user.request({
      method: 'GET',
      url: '/api/v1/accounts/1999999999/reconciliation',
    });
    expect(theirsAnswer.statusCode).toBe(404);
    expect(theirsAnswer.body).toBe(missing.body);
  });
});
