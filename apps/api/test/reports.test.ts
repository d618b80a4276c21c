import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from './build-test-app.js';
import { categoryOf, createTransaction } from './factories.js';
import { pdfText } from './pdf-text.js';

describe('PDF report', async () => {
  const { app } = await buildTestApp();
  const alice = await registerUser(app, { currency: 'EUR' });
  const salary = await categoryOf(alice, 'income');
  const groceries = await categoryOf(alice, 'expense');
  await createTransaction(alice, {
    type: 'income',
    amount: '2500.00',
    title: 'November salary',
    categoryId: salary.id,
    date: '2026-11-01',
  });
  await createTransaction(alice, {
    amount: '84.20',
    title: 'Weekly shop',
    categoryId: groceries.id,
    date: '2026-11-03',
  });
  await createTransaction(alice, { amount: '19.99', title: 'October thing', date: '2026-10-30' });

  it('reports a month: totals, the by-category table and the transactions with balances', async () => {
    const response = await alice.request({
      method: 'GET',
      url: '/api/v1/reports/summary.pdf?from=2026-11-01&to=2026-11-30',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="moneta-report-2026-11-01-to-2026-11-30.pdf"',
    );
    const text = await pdfText(response.rawPayload);
    expect(text).toContain('2026-11-01 to 2026-11-30');
    expect(text).toMatch(/Income\s+2500\.00/);
    expect(text).toMatch(/Expense\s+84\.20/);
    expect(text).toMatch(/Net\s+2415\.80/);
    expect(text).toMatch(/Balance today \(2026-12-01\)\s+2395\.81/);
    expect(text).toMatch(new RegExp(`${salary.name}\\s+income\\s+1\\s+2500\\.00`));
    expect(text).toMatch(/2026-11-03\s+Weekly shop\s+.*-84\.20\s+2395\.81/);
    expect(text).not.toContain('October thing');
    // One currency only: the header says so, and rows need no currency of their own.
    expect(text).toContain('amounts in EUR');
    expect(text).toMatch(/^Totals$/m);
    expect(text).toMatch(/^Date\s+Title\s+Category\s+Account\s+Amount\s+Balance$/m);
  });

  it('names an all-time report from the start of time to today', async () => {
    const response = await alice.request({ method: 'GET', url: '/api/v1/reports/summary.pdf' });
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="moneta-report-all-time-to-2026-12-01.pdf"',
    );
    expect(await pdfText(response.rawPayload)).toContain('all time');
  });

  it('lists every account with its balance, net worth, and transfers on both sides', async () => {
    const user = await registerUser(app, { currency: 'EUR' });
    const accounts = async () =>
      (await user.request({ method: 'GET', url: '/api/v1/accounts' })).json<{
        items: Array<{ id: number }>;
      }>().items;
    const [main] = await accounts();
    const dollars = (
      await user.request({
        method: 'POST',
        url: '/api/v1/accounts',
        payload: { name: 'Dollar cash', kind: 'cash', currency: 'USD' },
      })
    ).json<{ id: number }>();
    await createTransaction(user, { type: 'income', amount: '500.00', date: '2026-11-01' });
    await user.request({
      method: 'POST',
      url: '/api/v1/transfers',
      payload: {
        fromAccountId: main?.id,
        toAccountId: dollars.id,
        amount: '100.00',
        toAmount: '108.00',
        date: '2026-11-02',
      },
    });
    const text = async () =>
      pdfText(
        (await user.request({ method: 'GET', url: '/api/v1/reports/summary.pdf' })).rawPayload,
      );
    expect(await text()).toMatch(/Main account\s+EUR\s+400\.00/);
    expect(await text()).toMatch(/Dollar cash\s+USD\s+108\.00/);
    expect(await text()).toMatch(/Net worth \(EUR\)\s+needs a rate for USD\/EUR/);
    expect(await text()).toMatch(
      /2026-11-02\s+Transfer to Dollar cash\s+Transfer\s+Main account\s+EUR\s+-100\.00\s+400\.00/,
    );
    expect(await text()).toMatch(
      /2026-11-02\s+Transfer from Main account\s+Transfer\s+Dollar cash\s+USD\s+108\.00\s+108\.00/,
    );
    await user.request({
      method: 'PUT',
      url: '/api/v1/rates',
      payload: { base: 'EUR', quote: 'USD', date: '2026-11-01', rate: '1.08' },
    });
    expect(await text()).toMatch(/Net worth \(EUR\)\s+500\.00/);
  });

  it("says what its totals cover when the accounts are in several currencies, and names every row's currency", async () => {
    const user = await registerUser(app, { currency: 'EUR' });
    const dollars = (
      await user.request({
        method: 'POST',
        url: '/api/v1/accounts',
        payload: {
          name: 'US checking',
          currency: 'USD',
          openingBalance: '100.00',
          openingDate: '2026-10-01',
        },
      })
    ).json<{ id: number }>();
    await createTransaction(user, {
      type: 'income',
      amount: '2500.00',
      title: 'US salary',
      accountId: dollars.id,
      date: '2026-11-01',
    });
    await createTransaction(user, { amount: '12.00', title: 'Lunch', date: '2026-11-02' });
    const text = await pdfText(
      (await user.request({ method: 'GET', url: '/api/v1/reports/summary.pdf' })).rawPayload,
    );
    // The header is one paragraph that may wrap: read it as one line.
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(
      'all time · totals: accounts in EUR; other currencies are listed in their own',
    );
    expect(flat).not.toContain('amounts in EUR');
    expect(text).toMatch(/^Totals \(accounts in EUR\)$/m);
    expect(text).toMatch(/^Income\s+0\.00$/m);
    expect(text).toMatch(/^Expense\s+12\.00$/m);
    expect(text).toMatch(/^By category \(accounts in EUR\)$/m);
    expect(text).toMatch(/^Date\s+Title\s+Category\s+Account\s+Currency\s+Amount\s+Balance$/m);
    expect(text).toMatch(
      /2026-10-01\s+Opening balance\s+Opening balance\s+US checking\s+USD\s+100\.00\s+100\.00/,
    );
    expect(text).toMatch(/2026-11-01\s+US salary\s+.*US checking\s+USD\s+2500\.00\s+2600\.00/);
    expect(text).toMatch(/2026-11-02\s+Lunch\s+.*Main account\s+EUR\s+-12\.00\s+-12\.00/);
    // The accounts table is as before: each in its own currency.
    expect(text).toMatch(/US checking\s+USD\s+2600\.00/);

    // One account's report is in that account's currency alone.
    const own = await pdfText(
      (
        await user.request({
          method: 'GET',
          url: `/api/v1/reports/summary.pdf?accountId=${dollars.id}`,
        })
      ).rawPayload,
    );
    expect(own).toContain('amounts in USD');
    expect(own).toMatch(/^Income\s+2500\.00$/m);
    expect(own).toMatch(/^Date\s+Title\s+Category\s+Account\s+Amount\s+Balance$/m);
  });

  it('is yours only, and needs a session or token', async () => {
    const bob = await registerUser(app);
    const theirs = await pdfText(
      (await bob.request({ method: 'GET', url: '/api/v1/reports/summary.pdf' })).rawPayload,
    );
    expect(theirs).not.toContain('Weekly shop');
    expect(theirs).toContain('No transactions in this period.');
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/reports/summary.pdf' })).statusCode,
    ).toBe(401);
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    const response = await alice.request({
      method: 'GET',
      url: '/api/v1/reports/summary.pdf?from=2026-12-01&to=2026-11-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ path: 'to' }] });
  });
});
