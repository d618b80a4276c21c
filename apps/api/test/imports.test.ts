import { describe, expect, it } from 'vitest';
import type { ImportList, ImportResult, Summary, TransactionPage } from '@moneta/schema';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { expectStatus } from './expect-status.js';
import { createTransaction } from './factories.js';

function importCsv(session: Session, csv: string | Buffer, mapping: Record<string, string>) {
  return session.request({
    method: 'POST',
    url: `/api/v1/imports?${new URLSearchParams(mapping).toString()}`,
    headers: { 'content-type': 'text/csv' },
    payload: csv,
  });
}

async function history(session: Session) {
  const response = await session.request({ method: 'GET', url: '/api/v1/transactions?limit=200' });
  return response.json<TransactionPage>().items;
}

describe('CSV import', async () => {
  const { app } = await buildTestApp();

  it('reads a European bank file: BOM, CRLF, ";", decimal comma, DD/MM/YYYY, quoted newlines', async () => {
    const user = await registerUser(app, { currency: 'EUR' });
    const csv =
      '\uFEFFDatum;Omschrijving;Bedrag;Notitie\r\n' +
      '21/11/2026;Albert Heijn;-1.234,56;"boodschappen\r\nvoor de week"\r\n' +
      '22/11/2026;Salaris;2.500,00;\r\n';
    const mapping = {
      date: 'Datum',
      dateFormat: 'DD/MM/YYYY',
      amount: 'Bedrag',
      decimal: ',',
      title: 'Omschrijving',
      description: 'Notitie',
    };
    const preview = await importCsv(user, csv, { ...mapping, dryRun: 'true' });
    expect(preview.statusCode).toBe(200);
    const result = preview.json<ImportResult>();
    expect(result.summary).toEqual({ new: 2, duplicate: 0, error: 0 });
    expect(result.rows).toMatchObject([
      {
        line: 2,
        status: 'new',
        date: '2026-11-21',
        type: 'expense',
        amount: '1234.56',
        title: 'Albert Heijn',
      },
      { line: 4, status: 'new', date: '2026-11-22', type: 'income', amount: '2500.00' },
    ]);
    expect(await history(user)).toHaveLength(0);

    const commit = await importCsv(user, csv, mapping);
    expect(commit.statusCode).toBe(201);
    const items = await history(user);
    expect(items.map((t) => [t.title, t.amount, t.balanceAfter, t.description])).toEqual([
      ['Salaris', '2500.00', '1265.44', null],
      ['Albert Heijn', '1234.56', '-1234.56', 'boodschappen\nvoor de week'],
    ]);
  });

  it('reads Windows-1252, US dates and separate debit/credit columns', async () => {
    const user = await registerUser(app);
    const csv = Buffer.from(
      'Date,Payee,Debit,Credit\n11/21/2026,Caf\xe9 Cr\xe8me,3.50,\n11/22/2026,Refund,,10.00\n',
      'latin1',
    );
    const response = await importCsv(user, csv, {
      date: 'Date',
      dateFormat: 'MM/DD/YYYY',
      debit: 'Debit',
      credit: 'Credit',
      title: 'Payee',
      encoding: 'windows-1252',
    });
    expect(response.statusCode).toBe(201);
    expect((await history(user)).map((t) => [t.date, t.type, t.title, t.amount])).toEqual([
      ['2026-11-22', 'income', 'Refund', '10.00'],
      ['2026-11-21', 'expense', 'Café Crème', '3.50'],
    ]);
  });

  it('lists bad rows with their line and reason, and commits only the good ones', async () => {
    const user = await registerUser(app);
    const csv =
      'date,title,amount\n2026-01-01,Ok,5.00\n2026-02-30,Bad date,1.00\n2026-01-02,Too precise,1.234\n2026-01-03,,1.00\n2026-01-04,Zero,0\n';
    const response = await importCsv(user, csv, { date: 'date', amount: 'amount', title: 'title' });
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json<ImportResult>();
    expect(result.summary).toEqual({ new: 1, duplicate: 0, error: 4 });
    expect(result.rows.filter((r) => r.status === 'error').map((r) => [r.line, r.message])).toEqual(
      [
        [3, 'date "2026-02-30" is not a valid YYYY-MM-DD date'],
        [4, 'amount "1.234" must have at most 2 decimal places in this currency'],
        [5, 'title is empty'],
        [6, 'amount is zero'],
      ],
    );
    expect(await history(user)).toHaveLength(1);
  });

  it('names a mapped column missing from the header', async () => {
    const user = await registerUser(app);
    const response = await importCsv(user, 'a,b\n1,2\n', {
      date: 'Datum',
      amount: 'b',
      title: 'a',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ path: 'date' }] });
  });

  it('flags rows already recorded, one to one, and keeps real identical rows', async () => {
    const user = await registerUser(app);
    const existing = await createTransaction(user, {
      amount: '3.50',
      title: 'Coffee',
      date: '2026-11-21',
    });
    const csv = 'date,title,amount\n2026-11-21,Coffee,-3.50\n2026-11-21,coffee,-3.50\n';
    const mapping = { date: 'date', amount: 'amount', title: 'title' };
    const preview = (
      await expectStatus(importCsv(user, csv, { ...mapping, dryRun: 'true' }), 200)
    ).json<ImportResult>();
    expect(preview.rows.map((r) => [r.status, r.duplicateOf])).toEqual([
      ['duplicate', existing.id],
      ['new', undefined],
    ]);
    // The commit answers with the rows that need attention only.
    const commit = (await expectStatus(importCsv(user, csv, mapping), 201)).json<ImportResult>();
    expect(commit.summary).toEqual({ new: 1, duplicate: 1, error: 0 });
    expect(commit.rows.map((r) => r.status)).toEqual(['duplicate']);
    // Importing the same file again: both coffees are now known.
    const again = (
      await expectStatus(importCsv(user, csv, { ...mapping, dryRun: 'true' }), 200)
    ).json<ImportResult>();
    expect(again.summary).toEqual({ new: 0, duplicate: 2, error: 0 });
    expect(await history(user)).toHaveLength(2);
  });

  it('lists imports and undoes one completely, balances included', async () => {
    const user = await registerUser(app);
    await createTransaction(user, {
      type: 'income',
      amount: '100.00',
      title: 'Before',
      date: '2026-01-01',
    });
    await createTransaction(user, { amount: '1.00', title: 'After', date: '2026-03-01' });
    const commit = await importCsv(user, 'date,title,amount\n2026-02-01,Imported,-10.00\n', {
      date: 'date',
      amount: 'amount',
      title: 'title',
      filename: 'bank.csv',
    });
    expect(commit.statusCode, commit.body).toBe(201);
    const { import: created } = commit.json<ImportResult>();
    expect((await history(user))[0]?.balanceAfter).toBe('89.00');
    const list = (await user.request({ method: 'GET', url: '/api/v1/imports' })).json<ImportList>();
    expect(list.items).toMatchObject([{ id: created?.id, filename: 'bank.csv', inserted: 1 }]);

    const other = await registerUser(app);
    expect(
      (await other.request({ method: 'DELETE', url: `/api/v1/imports/${created?.id}` })).statusCode,
    ).toBe(404);
    expect(
      (await user.request({ method: 'DELETE', url: `/api/v1/imports/${created?.id}` })).statusCode,
    ).toBe(204);
    const items = await history(user);
    expect(items.map((t) => [t.title, t.balanceAfter])).toEqual([
      ['After', '99.00'],
      ['Before', '100.00'],
    ]);
  });

  it('writes all rows or none', async () => {
    const user = await registerUser(app);
    // Each amount is allowed; together they would push the balance past exact integers.
    const big = '9999999999999.99';
    const csv = `date,title,amount\n${Array.from({ length: 12 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')},Big,${big}`).join('\n')}\n`;
    const response = await importCsv(user, csv, { date: 'date', amount: 'amount', title: 'title' });
    expect(response.statusCode).toBe(400);
    expect(await history(user)).toHaveLength(0);
    expect(
      (await user.request({ method: 'GET', url: '/api/v1/imports' })).json<ImportList>().items,
    ).toHaveLength(0);
  });

  it('round-trips an export into a fresh account with identical totals and balances', async () => {
    const source = await registerUser(app);
    const amounts = ['12.34', '0.01', '999.99', '45.00', '3.50', '3.50', '250.00'];
    for (const [i, amount] of amounts.entries()) {
      await createTransaction(source, {
        type: i % 3 === 0 ? 'income' : 'expense',
        amount,
        title: i === 4 ? 'Coffee, "large"' : `Item ${i}`,
        description: i === 2 ? 'multi\nline' : undefined,
        date: `2026-0${(i % 4) + 1}-1${i % 2}`,
      });
    }
    const exported = await source.request({
      method: 'GET',
      url: '/api/v1/transactions/export.csv',
    });
    const target = await registerUser(app);
    const imported = await importCsv(target, exported.body, {
      date: 'date',
      type: 'type',
      amount: 'amount',
      title: 'title',
      description: 'description',
      category: 'category',
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json<ImportResult>().summary).toEqual({
      new: amounts.length,
      duplicate: 0,
      error: 0,
    });

    const summary = async (s: Session) => {
      const body = (await s.request({ method: 'GET', url: '/api/v1/summary' })).json<Summary>();
      return {
        balance: body.balance,
        income: body.income,
        expense: body.expense,
        byMonth: body.byMonth,
      };
    };
    expect(await summary(target)).toEqual(await summary(source));
    const strip = (items: Awaited<ReturnType<typeof history>>) =>
      items.map((t) => [t.date, t.type, t.amount, t.title, t.description, t.balanceAfter]);
    expect(strip(await history(target))).toEqual(strip(await history(source)));
  });

  it('streams progress as JSON lines when asked, ending with the result or the problem', async () => {
    const user = await registerUser(app);
    const lines = Array.from(
      { length: 12_000 },
      (_, i) => `2026-01-${String((i % 28) + 1).padStart(2, '0')},Row ${i},-1.00`,
    );
    const csv = `date,title,amount\n${lines.join('\n')}\n`;
    const response = await user.request({
      method: 'POST',
      url: '/api/v1/imports?date=date&amount=amount&title=title',
      headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson' },
      payload: csv,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    const events = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const progress = events.filter((event) => 'progress' in event).map((event) => event.progress);
    expect(progress).toEqual([
      { phase: 'checking', done: 5000, total: 12_000 },
      { phase: 'checking', done: 10_000, total: 12_000 },
      { phase: 'checking', done: 12_000, total: 12_000 },
      { phase: 'writing', done: 0, total: 12_000 },
    ]);
    const last = events.at(-1) as { result: ImportResult };
    expect(last.result.summary).toEqual({ new: 12_000, duplicate: 0, error: 0 });
    expect(await history(user)).toHaveLength(200);

    const big = `date,title,amount\n${Array.from({ length: 12 }, (_, i) => `2026-02-${String(i + 1).padStart(2, '0')},Big,9999999999999.99`).join('\n')}\n`;
    const refused = await user.request({
      method: 'POST',
      url: '/api/v1/imports?date=date&amount=amount&title=title',
      headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson' },
      payload: big,
    });
    const final = JSON.parse(refused.body.trim().split('\n').at(-1) ?? '{}') as {
      problem?: { status: number };
    };
    expect(final.problem?.status).toBe(400);

    const badMapping = await user.request({
      method: 'POST',
      url: '/api/v1/imports?date=Datum&amount=amount&title=title',
      headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson' },
      payload: csv,
    });
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.headers['content-type']).toContain('application/problem+json');
  });
});
