import type {
  Account,
  AccountList,
  Summary,
  Transaction,
  TransactionPage,
  Transfer,
} from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { expectStatus } from './expect-status.js';
import { createTransaction } from './factories.js';

async function balances(session: Session): Promise<Record<string, string>> {
  const response = await expectStatus(
    session.request({ method: 'GET', url: '/api/v1/accounts' }),
    200,
  );
  return Object.fromEntries(response.json<AccountList>().items.map((a) => [a.name, a.balance]));
}

async function openAccount(session: Session, payload: Record<string, unknown>): Promise<Account> {
  const response = await expectStatus(
    session.request({ method: 'POST', url: '/api/v1/accounts', payload }),
    201,
  );
  return response.json<Account>();
}

async function transfer(session: Session, payload: Record<string, unknown>): Promise<Transfer> {
  const response = await expectStatus(
    session.request({ method: 'POST', url: '/api/v1/transfers', payload }),
    201,
  );
  return response.json<Transfer>();
}

async function history(session: Session, query = ''): Promise<Transaction[]> {
  const response = await expectStatus(
    session.request({ method: 'GET', url: `/api/v1/transactions?limit=200${query}` }),
    200,
  );
  return response.json<TransactionPage>().items;
}

async function summary(session: Session, query = ''): Promise<Summary> {
  const response = await expectStatus(
    session.request({ method: 'GET', url: `/api/v1/summary${query}` }),
    200,
  );
  return response.json<Summary>();
}

describe('transfers', async () => {
  const { app } = await buildTestApp();

  async function household() {
    const user = await registerUser(app, { currency: 'USD' });
    const main = (
      await expectStatus(user.request({ method: 'GET', url: '/api/v1/accounts' }), 200)
    ).json<AccountList>().items[0] as Account;
    const savings = await openAccount(user, { name: 'Savings', kind: 'savings' });
    const euro = await openAccount(user, { name: 'Berlin', currency: 'EUR' });
    const yen = await openAccount(user, { name: 'Tokyo', currency: 'JPY' });
    await createTransaction(user, {
      type: 'income',
      amount: '1000.00',
      title: 'Salary',
      date: '2026-03-01',
    });
    return { user, main, savings, euro, yen };
  }

  it('moves money between two accounts as one operation, shown on both sides', async () => {
    const { user, main, savings } = await household();
    const created = await transfer(user, {
      fromAccountId: main.id,
      toAccountId: savings.id,
      amount: '250.00',
      date: '2026-03-05',
    });
    expect(created).toMatchObject({
      date: '2026-03-05',
      from: { accountId: main.id, currency: 'USD', amount: '250.00', title: 'Transfer to Savings' },
      to: {
        accountId: savings.id,
        currency: 'USD',
        amount: '250.00',
        title: 'Transfer from Main account',
      },
      rate: '1',
    });
    expect(await balances(user)).toMatchObject({ 'Main account': '750.00', Savings: '250.00' });

    const out = (await history(user, `&accountId=${main.id}`))[0];
    expect(out).toMatchObject({
      id: created.from.transactionId,
      type: 'transfer',
      amount: '250.00',
      change: '-250.00',
      balanceAfter: '750.00',
      categoryId: null,
      transfer: { id: created.id, direction: 'out', accountId: savings.id, amount: '250.00' },
    });
    const arrived = (await history(user, `&accountId=${savings.id}`))[0];
    expect(arrived).toMatchObject({
      change: '250.00',
      balanceAfter: '250.00',
      transfer: { id: created.id, direction: 'in', accountId: main.id },
    });
    // GET of a leg says the same as the list.
    const leg = await expectStatus(
      user.request({ method: 'GET', url: `/api/v1/transactions/${created.from.transactionId}` }),
      200,
    );
    expect(leg.json()).toEqual(out);
    // Clearing a leg answers the leg as GET shows it, its other side included.
    const cleared = await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/transactions/${created.from.transactionId}`,
        payload: { cleared: true },
      }),
      200,
    );
    expect(cleared.json()).toMatchObject({ cleared: true, transfer: out?.transfer });
    expect((await history(user, '&type=transfer')).map((row) => row.change)).toEqual([
      '250.00',
      '-250.00',
    ]);
  });

  it('is neither income nor expense: totals and category charts leave it out', async () => {
    const { user, main, savings } = await household();
    await createTransaction(user, { amount: '40.00', title: 'Market', date: '2026-03-02' });
    await transfer(user, {
      fromAccountId: main.id,
      toAccountId: savings.id,
      amount: '300.00',
      date: '2026-03-03',
    });
    const all = await summary(user, '?from=2026-03-01&to=2026-03-31');
    expect(all).toMatchObject({ income: '1000.00', expense: '40.00', net: '960.00' });
    expect(all.balance).toBe('960.00');
    expect(all.byCategory.map((c) => c.total)).toEqual(['1000.00', '40.00']);
    expect(all.byMonth).toEqual([{ month: '2026-03', income: '1000.00', expense: '40.00' }]);
    // One account's summary: the transfer moves its balance, still not its income or expense.
    const savingsOnly = await summary(
      user,
      `?accountId=${savings.id}&from=2026-01-01&to=2026-12-31`,
    );
    expect(savingsOnly).toMatchObject({ income: '0.00', expense: '0.00', balance: '300.00' });
    expect(savingsOnly.balanceOverTime.points.at(-1)?.balance).toBe('300.00');
    const mainOnly = await summary(user, `?accountId=${main.id}&from=2026-03-01&to=2026-03-04`);
    expect(mainOnly.balanceOverTime.points.map((p) => p.balance)).toEqual([
      '1000.00',
      '960.00',
      '660.00',
      '660.00',
    ]);
  });

  it('records both amounts between currencies, exact in each', async () => {
    const { user, main, euro, yen } = await household();
    const toEuro = await transfer(user, {
      fromAccountId: main.id,
      toAccountId: euro.id,
      amount: '100.00',
      toAmount: '92.37',
      date: '2026-03-04',
    });
    expect(toEuro).toMatchObject({
      from: { currency: 'USD', amount: '100.00' },
      to: { currency: 'EUR', amount: '92.37' },
      rate: '0.9237',
    });
    const toYen = await transfer(user, {
      fromAccountId: euro.id,
      toAccountId: yen.id,
      amount: '0.03',
      toAmount: '5',
      date: '2026-03-05',
    });
    expect(toYen.rate).toBe('166.6666666666');
    expect(await balances(user)).toMatchObject({
      'Main account': '900.00',
      Berlin: '92.34',
      Tokyo: '5',
    });
    for (const [payload, path] of [
      [{ amount: '100.00' }, 'toAmount'],
      [{ amount: '100.00', toAmount: '92.375' }, 'toAmount'],
      [{ amount: '100.001', toAmount: '92.37' }, 'amount'],
    ] as const) {
      const response = await user.request({
        method: 'POST',
        url: '/api/v1/transfers',
        payload: { fromAccountId: main.id, toAccountId: euro.id, ...payload },
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ errors: [{ path }] });
    }
  });

  it('edits and deletes both sides as one', async () => {
    const { user, main, savings, euro } = await household();
    const created = await transfer(user, {
      fromAccountId: main.id,
      toAccountId: savings.id,
      amount: '100.00',
      date: '2026-03-05',
    });
    const edited = await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/transfers/${created.id}`,
        payload: { amount: '120.00', date: '2026-03-02', description: 'rainy day' },
      }),
      200,
    );
    expect(edited.json()).toMatchObject({
      date: '2026-03-02',
      description: 'rainy day',
      from: { amount: '120.00' },
      to: { amount: '120.00' },
    });
    expect(await balances(user)).toMatchObject({ 'Main account': '880.00', Savings: '120.00' });

    // Point the arriving side at another currency: the amount there is then required.
    const bare = await user.request({
      method: 'PATCH',
      url: `/api/v1/transfers/${created.id}`,
      payload: { toAccountId: euro.id },
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({ errors: [{ path: 'toAmount' }] });
    const moved = await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/transfers/${created.id}`,
        payload: { toAccountId: euro.id, toAmount: '110.00' },
      }),
      200,
    );
    expect(moved.json()).toMatchObject({
      from: { amount: '120.00' },
      to: { accountId: euro.id, amount: '110.00', title: 'Transfer from Main account' },
    });
    expect(await balances(user)).toMatchObject({ Savings: '0.00', Berlin: '110.00' });

    // A leg is changed through its transfer, not on its own.
    const leg = await user.request({
      method: 'PATCH',
      url: `/api/v1/transactions/${created.from.transactionId}`,
      payload: { amount: '1.00' },
    });
    expect(leg.statusCode).toBe(409);
    expect(leg.json<{ detail: string }>().detail).toContain(`/api/v1/transfers/${created.id}`);

    await expectStatus(
      user.request({ method: 'DELETE', url: `/api/v1/transfers/${created.id}` }),
      204,
    );
    expect(await balances(user)).toMatchObject({ 'Main account': '1000.00', Berlin: '0.00' });
    expect(await history(user, '&type=transfer')).toEqual([]);
    await expectStatus(
      user.request({ method: 'GET', url: `/api/v1/transfers/${created.id}` }),
      404,
    );
  });

  it('refuses a transfer to the same account, a closed one or one that is not yours', async () => {
    const { user, main, savings } = await household();
    const other = await registerUser(app);
    const othersAccount = (
      await expectStatus(other.request({ method: 'GET', url: '/api/v1/accounts' }), 200)
    ).json<AccountList>().items[0] as Account;
    await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/accounts/${savings.id}`,
        payload: { closed: true },
      }),
      200,
    );
    for (const [to, path] of [
      [main.id, 'toAccountId'],
      [savings.id, 'toAccountId'],
      [othersAccount.id, 'toAccountId'],
      [1_999_999_999, 'toAccountId'],
    ] as const) {
      const response = await user.request({
        method: 'POST',
        url: '/api/v1/transfers',
        payload: { fromAccountId: main.id, toAccountId: to, amount: '1.00' },
      });
      expect(response.statusCode, String(to)).toBe(400);
      expect(response.json()).toMatchObject({ errors: [{ path }] });
    }
    expect(await balances(user)).toMatchObject({ 'Main account': '1000.00' });
  });

  it('answers a retried create with the first answer, writing once', async () => {
    const { user, main, savings } = await household();
    const send = () =>
      user.request({
        method: 'POST',
        url: '/api/v1/transfers',
        headers: { 'idempotency-key': 'move-rent-money' },
        payload: { fromAccountId: main.id, toAccountId: savings.id, amount: '5.00' },
      });
    const first = await expectStatus(send(), 201);
    const again = await expectStatus(send(), 201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await balances(user)).toMatchObject({ 'Main account': '995.00', Savings: '5.00' });
  });
});
