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
