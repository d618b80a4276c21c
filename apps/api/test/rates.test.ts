import { convertMinor, parseRate } from '@moneta/schema';
import type { Account, RateList, Summary } from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { expectStatus } from './expect-status.js';
import { createTransaction } from './factories.js';

async function openAccount(session: Session, payload: Record<string, unknown>): Promise<Account> {
  const response = await expectStatus(
    session.request({ method: 'POST', url: '/api/v1/accounts', payload }),
    201,
  );
  return response.json<Account>();
}

async function putRate(session: Session, payload: Record<string, unknown>) {
  return expectStatus(session.request({ method: 'PUT', url: '/api/v1/rates', payload }), 200);
}

async function netWorth(session: Session): Promise<Summary['netWorth']> {
  const response = await expectStatus(
    session.request({ method: 'GET', url: '/api/v1/summary' }),
    200,
  );
  return response.json<Summary>().netWorth;
}

describe('conversion', () => {
  const rate = (text: string) => {
    const parsed = parseRate(text);
    if (!parsed) throw new Error(`not a rate: ${text}`);
    return parsed;
  };

  it.each([
    // minor, from decimals, to decimals, rate, use, expected
    [10_000n, 2, 2, '1.0842', 'multiply', 10_842n],
    [1n, 2, 2, '0.5', 'multiply', 1n], // 0.005 rounds half away from zero
    [-1n, 2, 2, '0.5', 'multiply', -1n],
    [12_345n, 0, 2, '0.0061', 'multiply', 7_530n], // JPY 12345 -> 75.3045 USD -> 75.30
    [1_000n, 3, 0, '495.2', 'multiply', 495n], // KWD 1.000 -> JPY 495.2 -> 495
    [10_842n, 2, 2, '1.0842', 'divide', 10_000n],
    [100n, 2, 2, '3', 'divide', 33n],
    [200n, 2, 2, '3', 'divide', 67n],
    [
      999_999_999_999_999n,
      2,
      3,
      '999999999999.999999999999',
      'multiply',
      9_999_999_999_999_989_999_999_990_000n,
    ],
  ] as const)(
    '%s minor (%s decimals) to %s decimals at %s (%s) is %s',
    (minor, from, to, text, use, expected) => {
      expect(convertMinor(minor, { decimals: from }, { decimals: to }, rate(text), use)).toBe(
        expected,
      );
    },
  );

  it('reads a rate digit by digit and refuses what is not one', () => {
    expect(parseRate('1.0842')).toEqual({ numerator: 10_842n, scale: 4 });
    for (const text of ['0', '0.000', '-1', '1e3', '1.', '.5', '', '1,5'])
      expect(parseRate(text)).toBeNull();
  });
});

describe('rates and net worth', async () => {
  const { app, clock } = await buildTestApp();

  it('converts every other currency by the latest rate on or before today, exactly', async () => {
    clock.now = new Date('2026-06-15T12:00:00Z');
    const user = await registerUser(app, { currency: 'EUR' });
    await createTransaction(user, { type: 'income', amount: '1000.00', date: '2026-06-01' });
    const usd = await openAccount(user, {
      name: 'US',
      currency: 'USD',
      openingBalance: '200.00',
      openingDate: '2026-06-01',
    });
    const jpy = await openAccount(user, {
      name: 'JP',
      currency: 'JPY',
      openingBalance: '12345',
      openingDate: '2026-06-01',
    });
    expect(usd.currency).toBe('USD');
    expect(jpy.currency).toBe('JPY');

    // Nothing to convert with yet: the total says so instead of guessing.
    expect(await netWorth(user)).toMatchObject({
      currency: 'EUR',
      asOf: '2026-06-15',
      amount: null,
      missingRates: [
        { base: 'JPY', quote: 'EUR' },
        { base: 'USD', quote: 'EUR' },
      ],
    });

    await putRate(user, { base: 'usd', quote: 'EUR', date: '2026-01-01', rate: '0.9' });
    await putRate(user, { base: 'USD', quote: 'EUR', date: '2026-06-10', rate: '0.92' });
    await putRate(user, { base: 'USD', quote: 'EUR', date: '2026-06-17', rate: '0.5' }); // not yet
    // Entered the other way round: 1 EUR = 162.5 JPY converts JPY to EUR by division.
    await putRate(user, { base: 'EUR', quote: 'JPY', date: '2026-06-01', rate: '162.5' });

    expect(await netWorth(user)).toEqual({
      currency: 'EUR',
      asOf: '2026-06-15',
      amount: '1259.97', // 1000.00 + 200.00 * 0.92 + 12345 / 162.5 (75.9692 -> 75.97)
      missingRates: [],
      byCurrency: [
        { currency: 'EUR', balance: '1000.00', converted: '1000.00', rate: null, rateDate: null },
        {
          currency: 'JPY',
          balance: '12345',
          converted: '75.97',
          rate: '1/162.5',
          rateDate: '2026-06-01',
        },
        {
          currency: 'USD',
          balance: '200.00',
          converted: '184.00',
          rate: '0.92',
          rateDate: '2026-06-10',
        },
      ],
    });
    clock.now = new Date('2026-06-18T12:00:00Z');
    expect((await netWorth(user)).amount).toBe('1175.97');
  });

  it('follows a change of reporting currency', async () => {
    clock.now = new Date('2026-06-15T12:00:00Z');
    const user = await registerUser(app, { currency: 'USD' });
    await createTransaction(user, { type: 'income', amount: '50.00', date: '2026-06-01' });
    await openAccount(user, {
      name: 'Euro',
      currency: 'EUR',
      openingBalance: '100.00',
      openingDate: '2026-06-01',
    });
    await putRate(user, { base: 'EUR', quote: 'USD', date: '2026-06-01', rate: '1.25' });
    expect((await netWorth(user)).amount).toBe('175.00');
    const me = await expectStatus(
      user.request({ method: 'PATCH', url: '/api/v1/auth/me', payload: { currency: 'eur' } }),
      200,
    );
    expect(me.json()).toMatchObject({ currency: 'EUR' });
    expect(await netWorth(user)).toMatchObject({ currency: 'EUR', amount: '140.00' });
    // The all-accounts totals follow too: now the EUR accounts.
    const summary = (
      await expectStatus(user.request({ method: 'GET', url: '/api/v1/summary' }), 200)
    ).json<Summary>();
    expect(summary).toMatchObject({ currency: 'EUR', balance: '100.00' });
  });

  it('lists, replaces and deletes rates, each user only their own', async () => {
    const user = await registerUser(app);
    const other = await registerUser(app);
    await putRate(user, { base: 'EUR', quote: 'USD', date: '2026-01-01', rate: '1.10' });
    await putRate(user, { base: 'EUR', quote: 'USD', date: '2026-01-01', rate: '1.12' });
    await putRate(user, { base: 'EUR', quote: 'USD', date: '2026-02-01', rate: '1.08' });
    await putRate(other, { base: 'GBP', quote: 'USD', date: '2026-01-01', rate: '1.3' });
    const list = (
      await expectStatus(user.request({ method: 'GET', url: '/api/v1/rates' }), 200)
    ).json<RateList>();
    expect(list.items.map((r) => [r.base, r.quote, r.date, r.rate])).toEqual([
      ['EUR', 'USD', '2026-02-01', '1.08'],
      ['EUR', 'USD', '2026-01-01', '1.12'],
    ]);
    await expectStatus(
      user.request({ method: 'DELETE', url: '/api/v1/rates?base=EUR&quote=USD&date=2026-02-01' }),
      204,
    );
    // Another user's rate is not there to delete.
    await expectStatus(
      user.request({ method: 'DELETE', url: '/api/v1/rates?base=GBP&quote=USD&date=2026-01-01' }),
      404,
    );
    for (const [payload, path] of [
      [{ base: 'EUR', quote: 'EUR', date: '2026-01-01', rate: '1' }, 'quote'],
      [{ base: 'EUR', quote: 'USD', date: '2026-01-01', rate: '0' }, 'rate'],
      [{ base: 'EUR', quote: 'USD', date: '2026-01-01', rate: '1.1234567890123' }, 'rate'],
      [{ base: 'EUR', quote: 'USD', date: '2026-01-01', rate: 1.1 }, 'rate'],
      [{ base: 'EUX', quote: 'USD', date: '2026-01-01', rate: '1' }, 'base'],
    ] as const) {
      const response = await user.request({ method: 'PUT', url: '/api/v1/rates', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ errors: [{ path }] });
    }
  });
});
