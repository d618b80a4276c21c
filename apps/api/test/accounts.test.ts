import type { Account, AccountList, Summary, Transaction, TransactionPage } from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { expectStatus } from './expect-status.js';
import { createTransaction } from './factories.js';

const PROBLEM = /^application\/problem\+json/;

async function accounts(session: Session): Promise<Account[]> {
  const response = await expectStatus(
    session.request({ method: 'GET', url: '/api/v1/accounts' }),
    200,
  );
  return response.json<AccountList>().items;
}

async function openAccount(session: Session, payload: Record<string, unknown>): Promise<Account> {
  const response = await expectStatus(
    session.request({ method: 'POST', url: '/api/v1/accounts', payload }),
    201,
  );
  return response.json<Account>();
}

async function history(session: Session, query = ''): Promise<Transaction[]> {
  const response = await expectStatus(
    session.request({ method: 'GET', url: `/api/v1/transactions?limit=200${query}` }),
    200,
  );
  return response.json<TransactionPage>().items;
}

describe('accounts', async () => {
  const { app } = await buildTestApp();

  it('gives every new user one default account in their currency, holding what they record', async () => {
    const user = await registerUser(app, { currency: 'EUR' });
    const [main, ...others] = await accounts(user);
    expect(others).toEqual([]);
    expect(main).toMatchObject({
      name: 'Main account',
      kind: 'checking',
      currency: 'EUR',
      isDefault: true,
      closed: false,
      balance: '0.00',
      transactionCount: 0,
    });
    // A script that names no account keeps working: its rows land in the default account.
    const created = await createTransaction(user, { amount: '12.50' });
    expect(created).toMatchObject({ accountId: main?.id, currency: 'EUR', change: '-12.50' });
    expect((await accounts(user))[0]).toMatchObject({ balance: '-12.50', transactionCount: 1 });
  });

  it('keeps a running balance per account, in each account’s own currency and decimals', async () => {
    const user = await registerUser(app, { currency: 'USD' });
    const [main] = await accounts(user);
    const yen = await openAccount(user, {
      name: 'Tokyo wallet',
      kind: 'cash',
      currency: 'jpy',
      openingBalance: '5000',
      openingDate: '2026-01-01',
    });
    const dinar = await openAccount(user, { name: 'Kuwait', currency: 'KWD' });
    expect(yen).toMatchObject({ currency: 'JPY', openingBalance: '5000', balance: '5000' });

    await createTransaction(user, { amount: '10.00', date: '2026-02-01' });
    await createTransaction(user, { accountId: yen.id, amount: '1200', date: '2026-02-02' });
    await createTransaction(user, {
      accountId: dinar.id,
      type: 'income',
      amount: '1.125',
      date: '2026-02-03',
    });
    const refused = await user.request({
      method: 'POST',
      url: '/api/v1/transactions',
      payload: { accountId: yen.id, type: 'expense', amount: '1.50', title: 'Half a yen' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ errors: [{ path: 'amount' }] });

    const rows = await history(user, `&accountId=${yen.id}`);
    expect(rows.map((row) => [row.type, row.change, row.balanceAfter])).toEqual([
      ['expense', '-1200', '3800'],
      ['opening', '5000', '5000'],
    ]);
    // All accounts: each row shows its own account's balance, not one pretend ledger.
    const all = await history(user);
    expect(all.map((row) => [row.accountId, row.currency, row.balanceAfter])).toEqual([
      [dinar.id, 'KWD', '1.125'],
      [yen.id, 'JPY', '3800'],
      [main?.id, 'USD', '-10.00'],
      [yen.id, 'JPY', '5000'],
    ]);
    expect(Object.fromEntries((await accounts(user)).map((a) => [a.name, a.balance]))).toEqual({
      'Main account': '-10.00',
      'Tokyo wallet': '3800',
      Kuwait: '1.125',
    });
  });

  it('moves a transaction between accounts, re-running both balances', async () => {
    const user = await registerUser(app);
    const [main] = await accounts(user);
    const savings = await openAccount(user, { name: 'Savings', kind: 'savings' });
    const euro = await openAccount(user, { name: 'Euro', currency: 'EUR' });
    const first = await createTransaction(user, { amount: '10.00', date: '2026-03-01' });
    await createTransaction(user, { amount: '5.00', date: '2026-03-02' });

    const moved = await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/transactions/${first.id}`,
        payload: { accountId: savings.id },
      }),
      200,
    );
    expect(moved.json()).toMatchObject({ accountId: savings.id, balanceAfter: '-10.00' });
    expect((await history(user, `&accountId=${main?.id}`)).map((r) => r.balanceAfter)).toEqual([
      '-5.00',
    ]);

    // Into another currency only with the amount in that currency: minor units mean different money.
    const bare = await user.request({
      method: 'PATCH',
      url: `/api/v1/transactions/${first.id}`,
      payload: { accountId: euro.id },
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json()).toMatchObject({ errors: [{ path: 'accountId' }] });
    const withAmount = await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/transactions/${first.id}`,
        payload: { accountId: euro.id, amount: '9.20' },
      }),
      200,
    );
    expect(withAmount.json()).toMatchObject({ currency: 'EUR', amount: '9.20' });
    expect((await accounts(user)).map((a) => a.balance)).toEqual(['-5.00', '0.00', '-9.20']);
  });

  it('closes an account with history instead of deleting it, and keeps it out of writes', async () => {
    const user = await registerUser(app);
    const card = await openAccount(user, {
      name: 'Visa',
      kind: 'credit_card',
      openingBalance: '-310.25',
      openingDate: '2026-01-01',
    });
    expect(card.balance).toBe('-310.25');
    await createTransaction(user, { accountId: card.id, amount: '20.00' });

    const refused = await user.request({ method: 'DELETE', url: `/api/v1/accounts/${card.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(PROBLEM);

    const closed = await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/accounts/${card.id}`,
        payload: { closed: true },
      }),
      200,
    );
    expect(closed.json()).toMatchObject({ closed: true, balance: '-330.25' });
    const into = await user.request({
      method: 'POST',
      url: '/api/v1/transactions',
      payload: { accountId: card.id, type: 'expense', amount: '1.00', title: 'After closing' },
    });
    expect(into.statusCode).toBe(400);
    expect(into.json()).toMatchObject({ errors: [{ path: 'accountId' }] });
    // Its history stays readable.
    expect(await history(user, `&accountId=${card.id}`)).toHaveLength(2);
  });

  it('deletes an account without transactions, opening balance and all', async () => {
    const user = await registerUser(app);
    const spare = await openAccount(user, { name: 'Spare', openingBalance: '100.00' });
    await expectStatus(
      user.request({ method: 'DELETE', url: `/api/v1/accounts/${spare.id}` }),
      204,
    );
    expect((await accounts(user)).map((a) => a.name)).toEqual(['Main account']);
    expect(await history(user)).toEqual([]);
  });

  it('keeps exactly one default account', async () => {
    const user = await registerUser(app);
    const [main] = await accounts(user);
    const other = await openAccount(user, { name: 'Joint', isDefault: true });
    expect((await accounts(user)).map((a) => [a.name, a.isDefault])).toEqual([
      ['Main account', false],
      ['Joint', true],
    ]);
    const created = await createTransaction(user, { amount: '3.00' });
    expect(created.accountId).toBe(other.id);
    for (const [method, payload] of [
      ['PATCH', { closed: true }],
      ['DELETE', undefined],
    ] as const) {
      const response = await user.request({
        method,
        url: `/api/v1/accounts/${other.id}`,
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode, `${method} of the default`).toBe(409);
    }
    await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/accounts/${main?.id}`,
        payload: { isDefault: true },
      }),
      200,
    );
    expect((await accounts(user)).filter((a) => a.isDefault).map((a) => a.id)).toEqual([main?.id]);

    // A closed account cannot be the default, but one reopened in the same request can.
    await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/accounts/${other.id}`,
        payload: { closed: true },
      }),
      200,
    );
    const stillClosed = await user.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${other.id}`,
      payload: { isDefault: true },
    });
    expect(stillClosed.statusCode).toBe(400);
    expect(stillClosed.json()).toMatchObject({ errors: [{ path: 'isDefault' }] });
    const reopened = await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/accounts/${other.id}`,
        payload: { closed: false, isDefault: true },
      }),
      200,
    );
    expect(reopened.json()).toMatchObject({ closed: false, isDefault: true });
    expect((await accounts(user)).filter((a) => a.isDefault).map((a) => a.id)).toEqual([other.id]);
  });

  it('changes the opening balance and date, and every later balance with them', async () => {
    const user = await registerUser(app);
    const savings = await openAccount(user, {
      name: 'Savings',
      openingBalance: '1000.00',
      openingDate: '2026-01-01',
    });
    await createTransaction(user, { accountId: savings.id, amount: '100.00', date: '2026-02-01' });
    await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/accounts/${savings.id}`,
        payload: { openingBalance: '1500.00', openingDate: '2025-12-31' },
      }),
      200,
    );
    const rows = await history(user, `&accountId=${savings.id}`);
    expect(rows.map((r) => [r.date, r.type, r.balanceAfter])).toEqual([
      ['2026-02-01', 'expense', '1400.00'],
      ['2025-12-31', 'opening', '1500.00'],
    ]);
    // The opening row belongs to the account: it changes there, not as a transaction.
    const opening = rows[1];
    for (const method of ['PATCH', 'DELETE'] as const) {
      const response = await user.request({
        method,
        url: `/api/v1/transactions/${opening?.id}`,
        ...(method === 'PATCH' ? { payload: { title: 'x' } } : {}),
      });
      expect(response.statusCode, method).toBe(409);
      expect(response.json<{ detail: string }>().detail).toContain(
        `/api/v1/accounts/${savings.id}`,
      );
    }
    await expectStatus(
      user.request({
        method: 'PATCH',
        url: `/api/v1/accounts/${savings.id}`,
        payload: { openingBalance: '0' },
      }),
      200,
    );
    expect((await history(user, `&accountId=${savings.id}`)).map((r) => r.balanceAfter)).toEqual([
      '-100.00',
    ]);
  });

  it('refuses bad input naming the field, and a duplicate name', async () => {
    const user = await registerUser(app);
    for (const [payload, path] of [
      [{ name: '' }, 'name'],
      [{ name: 'A', kind: 'piggy' }, 'kind'],
      [{ name: 'A', currency: 'XYZ' }, 'currency'],
      [{ name: 'A', openingBalance: '1.234' }, 'openingBalance'],
      [{ name: 'A', openingBalance: '1e5' }, 'openingBalance'],
      [{ name: 'A', openingDate: '2026-02-30' }, 'openingDate'],
      [{ name: 'A', isDefault: false }, 'isDefault'],
    ] as const) {
      const response = await user.request({ method: 'POST', url: '/api/v1/accounts', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM);
      expect(
        response.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path),
      ).toContain(path);
    }
    await openAccount(user, { name: 'Cash box' });
    const duplicate = await user.request({
      method: 'POST',
      url: '/api/v1/accounts',
      payload: { name: 'CASH BOX' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ errors: [{ path: 'name' }] });
    expect((await accounts(user)).map((a) => a.name)).toEqual(['Main account', 'Cash box']);
  });

  it('refuses to change the currency of an account with transactions', async () => {
    const user = await registerUser(app);
    const [main] = await accounts(user);
    await createTransaction(user, { amount: '1.00' });
    const response = await user.request({
      method: 'PATCH',
      url: `/api/v1/accounts/${main?.id}`,
      payload: { currency: 'EUR' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ errors: [{ path: 'currency' }] });
  });

  it('summarises one account in its currency, or the reporting currency’s accounts together', async () => {
    const user = await registerUser(app, { currency: 'USD' });
    const savings = await openAccount(user, {
      name: 'Savings',
      openingBalance: '500.00',
      openingDate: '2026-01-01',
    });
    const yen = await openAccount(user, { name: 'Yen', currency: 'JPY' });
    await createTransaction(user, { type: 'income', amount: '100.00', date: '2026-01-10' });
    await createTransaction(user, { accountId: savings.id, amount: '20.00', date: '2026-01-11' });
    await createTransaction(user, { accountId: yen.id, amount: '900', date: '2026-01-12' });

    const all = (
      await expectStatus(
        user.request({ method: 'GET', url: '/api/v1/summary?from=2026-01-01&to=2026-01-31' }),
        200,
      )
    ).json<Summary>();
    // The opening balance is money the account had, not income.
    expect(all).toMatchObject({
      currency: 'USD',
      accountId: null,
      income: '100.00',
      expense: '20.00',
      balance: '580.00',
    });
    expect(all.balanceOverTime.points.at(-1)).toEqual({ date: '2026-01-31', balance: '580.00' });
    expect(all.accounts.map((a) => [a.name, a.currency, a.balance])).toEqual([
      ['Main account', 'USD', '100.00'],
      ['Savings', 'USD', '480.00'],
      ['Yen', 'JPY', '-900'],
    ]);
    const one = (
      await expectStatus(
        user.request({ method: 'GET', url: `/api/v1/summary?accountId=${yen.id}` }),
        200,
      )
    ).json<Summary>();
    expect(one).toMatchObject({
      currency: 'JPY',
      accountId: yen.id,
      expense: '900',
      balance: '-900',
    });
  });

  it('imports into the account named, matching duplicates within it only', async () => {
    const user = await registerUser(app);
    const savings = await openAccount(user, { name: 'Savings' });
    await createTransaction(user, { amount: '12.34', title: 'Coffee', date: '2026-01-05' });
    const csv = 'date,amount,title\n2026-01-05,-12.34,Coffee\n';
    const response = await expectStatus(
      user.request({
        method: 'POST',
        url: `/api/v1/imports?date=date&amount=amount&title=title&accountId=${savings.id}`,
        headers: { 'content-type': 'text/csv' },
        payload: csv,
      }),
      201,
    );
    // The same coffee in another account is another coffee.
    expect(response.json()).toMatchObject({
      summary: { new: 1, duplicate: 0 },
      import: { accountId: savings.id },
    });
    expect((await history(user, `&accountId=${savings.id}`)).map((r) => r.title)).toEqual([
      'Coffee',
    ]);
    const again = await expectStatus(
      user.request({
        method: 'POST',
        url: `/api/v1/imports?date=date&amount=amount&title=title&accountId=${savings.id}`,
        headers: { 'content-type': 'text/csv' },
        payload: csv,
      }),
      201,
    );
    expect(again.json()).toMatchObject({ summary: { new: 0, duplicate: 1 } });
  });
});
