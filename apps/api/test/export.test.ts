import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from './build-test-app.js';
import { categoryOf, createTransaction } from './factories.js';

/** A small RFC 4180 reader for the assertions (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += char;
  }
  return rows;
}

const EXPORT_HEADER_BEFORE_CHANGE = [
  'date',
  'type',
  'title',
  'description',
  'category',
  'amount',
  'currency',
  'balance_after',
  'account',
];

describe('CSV export', async () => {
  const { app } = await buildTestApp();
  const alice = await registerUser(app);
  const groceries = await categoryOf(alice, 'expense');
  await createTransaction(alice, {
    type: 'income',
    amount: '1000.00',
    title: 'Salary',
    date: '2026-01-01',
  });
  await createTransaction(alice, {
    amount: '3.50',
    title: '=HYPERLINK("http://evil","click")',
    description: 'line one\nline "two", with comma',
    categoryId: groceries.id,
    date: '2026-01-02',
  });
  await createTransaction(alice, { amount: '0.99', title: '-minus and @at', date: '2026-02-01' });

  it('streams every row oldest first, with a header, quoting and formula neutralising', async () => {
    const response = await alice.request({ method: 'GET', url: '/api/v1/transactions/export.csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="moneta-.*\.csv"$/,
    );
    const rows = parseCsv(response.body);
    expect(rows[0]).toEqual([
      'date',
      'type',
      'title',
      'description',
      'category',
      'amount',
      'currency',
      'balance_after',
      'account',
      'change',
      'transfer_account',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        '2026-01-01',
        'income',
        'Salary',
        '',
        '',
        '1000.00',
        'USD',
        '1000.00',
        'Main account',
        '1000.00',
        '',
      ],
      [
        '2026-01-02',
        'expense',
        `'=HYPERLINK("http://evil","click")`,
        'line one\nline "two", with comma',
        groceries.name,
        '3.50',
        'USD',
        '996.50',
        'Main account',
        '-3.50',
        '',
      ],
      [
        '2026-02-01',
        'expense',
        "'-minus and @at",
        '',
        '',
        '0.99',
        'USD',
        '995.51',
        'Main account',
        '-0.99',
        '',
      ],
    ]);
  });

  it("gives transfers and opening balances a positive amount, and `change` sums to each account's balance", async () => {
    const user = await registerUser(app, { currency: 'EUR' });
    const main = (await user.request({ method: 'GET', url: '/api/v1/accounts' })).json<{
      items: Array<{ id: number }>;
    }>().items[0];
    const create = async (payload: Record<string, unknown>) => {
      const created = await user.request({ method: 'POST', url: '/api/v1/accounts', payload });
      expect(created.statusCode, created.body).toBe(201);
      return created.json<{ id: number }>();
    };
    const card = await create({
      name: 'Credit card',
      kind: 'credit_card',
      openingBalance: '-31.00',
      openingDate: '2026-01-01',
    });
    const dollars = await create({ name: 'Dollars', kind: 'cash', currency: 'USD' });
    await createTransaction(user, { type: 'income', amount: '2500.00', date: '2026-01-02' });
    await createTransaction(user, { amount: '254.50', date: '2026-01-03' });
    const transfer = async (payload: Record<string, unknown>) => {
      const created = await user.request({ method: 'POST', url: '/api/v1/transfers', payload });
      expect(created.statusCode, created.body).toBe(201);
    };
    await transfer({
      fromAccountId: main?.id,
      toAccountId: card.id,
      amount: '31.00',
      date: '2026-01-04',
    });
    await transfer({
      fromAccountId: main?.id,
      toAccountId: dollars.id,
      amount: '100.00',
      toAmount: '108.00',
      date: '2026-01-05',
    });

    const response = await user.request({ method: 'GET', url: '/api/v1/transactions/export.csv' });
    const [header = [], ...rows] = parseCsv(response.body);
    const at = (name: string) => header.indexOf(name);
    // The first nine columns are as they were; the new ones come after them.
    expect(header.slice(0, 9)).toEqual(EXPORT_HEADER_BEFORE_CHANGE);
    expect(header.slice(9)).toEqual(['change', 'transfer_account']);
    const view = rows.map((r) => [
      r[at('type')],
      r[at('account')],
      r[at('amount')],
      r[at('change')],
      r[at('transfer_account')],
    ]);
    expect(view).toEqual([
      ['opening', 'Credit card', '31.00', '-31.00', ''],
      ['income', 'Main account', '2500.00', '2500.00', ''],
      ['expense', 'Main account', '254.50', '-254.50', ''],
      ['transfer', 'Main account', '31.00', '-31.00', 'Credit card'],
      ['transfer', 'Credit card', '31.00', '31.00', 'Main account'],
      ['transfer', 'Main account', '100.00', '-100.00', 'Dollars'],
      ['transfer', 'Dollars', '108.00', '108.00', 'Main account'],
    ]);

    // Summing `change` per account (in cents, exactly) gives each account's balance.
    const cents = (text: string) => BigInt(text.replace('.', ''));
    const sums = new Map<string, bigint>();
    for (const r of rows) {
      const account = r[at('account')] ?? '';
      sums.set(account, (sums.get(account) ?? 0n) + cents(r[at('change')] ?? ''));
    }
    const balances = (await user.request({ method: 'GET', url: '/api/v1/accounts' })).json<{
      items: Array<{ name: string; balance: string }>;
    }>().items;
    expect(balances.map((a) => [a.name, sums.get(a.name) ?? 0n])).toEqual(
      balances.map((a) => [a.name, cents(a.balance)]),
    );
    expect(sums.get('Main account')).toBe(211450n);

    // Filtered to one account, a transfer leg still names the other side.
    const card1 = parseCsv(
      (
        await user.request({
          method: 'GET',
          url: `/api/v1/transactions/export.csv?accountId=${card.id}`,
        })
      ).body,
    );
    expect(card1.slice(1).map((r) => r[at('transfer_account')])).toEqual(['', 'Main account']);
  });

  it("applies the list's filters", async () => {
    const response = await alice.request({
      method: 'GET',
      url: '/api/v1/transactions/export.csv?type=expense&from=2026-01-02&to=2026-01-31',
    });
    const rows = parseCsv(response.body);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[0]).toBe('2026-01-02');
  });

  it('exports across many batches without losing or repeating a row', async () => {
    const bob = await registerUser(app);
    const insert = app.dbHandle.sqlite.prepare(
      `INSERT INTO transactions (user_id, account_id, type, amount, delta, title, date, balance_after, created_at, updated_at)
       VALUES (?, (SELECT id FROM accounts WHERE user_id = ?), 'income', 1, 1, ?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    );
    app.dbHandle.sqlite.transaction(() => {
      for (let i = 1; i <= 2500; i += 1)
        insert.run(bob.userId, bob.userId, `row ${i}`, '2025-06-15', i);
    })();
    const response = await bob.request({ method: 'GET', url: '/api/v1/transactions/export.csv' });
    const rows = parseCsv(response.body).slice(1);
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((r) => r[2])).size).toBe(2500);
    expect(rows.at(-1)?.[7]).toBe('25.00');
  });

  it('needs a session and shows only your own rows', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/transactions/export.csv' });
    expect(anonymous.statusCode).toBe(401);
    const carol = await registerUser(app);
    const theirs = await carol.request({ method: 'GET', url: '/api/v1/transactions/export.csv' });
    expect(parseCsv(theirs.body)).toHaveLength(1);
  });
});
