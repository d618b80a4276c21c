import fc from 'fast-check';
import {
  MAX_AMOUNT_MINOR,
  formatMinor,
  type Category,
  type CategoryList,
  type Summary,
} from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { categoryOf, createTransaction } from './factories.js';

/** Every date from `from` to `to`, both included (Date arithmetic, apart from the calendar's). */
function days(from: string, to: string): string[] {
  const result: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    result.push(new Date(t).toISOString().slice(0, 10));
  return result;
}

/** The last day of a date's month, as `MM-DD`. */
function lastDay(date: string): string {
  const [year = 0, month = 0] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(5, 10);
}

async function summary(session: Session, query = ''): Promise<Summary> {
  const response = await session.request({ method: 'GET', url: `/api/v1/summary${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Summary>();
}

describe('GET /summary', async () => {
  const { app } = await buildTestApp();

  describe('a known history', async () => {
    const alice = await registerUser(app);
    const salary = await categoryOf(alice, 'income');
    const groceries = await categoryOf(alice, 'expense');
    await createTransaction(alice, {
      type: 'income',
      amount: '1000',
      categoryId: salary.id,
      date: '2025-12-15',
    });
    await createTransaction(alice, {
      amount: '50.25',
      categoryId: groceries.id,
      date: '2026-01-10',
    });
    await createTransaction(alice, { amount: '20.00', date: '2026-01-20' });
    await createTransaction(alice, {
      amount: '10.10',
      categoryId: groceries.id,
      date: '2026-03-05',
    });
    await createTransaction(alice, { type: 'income', amount: '5', date: '2026-03-06' });

    it('answers all-time totals by category and by month, empty months included', async () => {
      expect(await summary(alice)).toEqual({
        currency: 'USD',
        accountId: null,
        accounts: [
          expect.objectContaining({ name: 'Main account', currency: 'USD', balance: '924.65' }),
        ],
        netWorth: expect.objectContaining({ currency: 'USD', amount: '924.65' }) as unknown,
        from: null,
        to: null,
        balance: '924.65',
        asOf: '2026-12-01',
        upcoming: { count: 0, balance: '924.65' },
        income: '1005.00',
        expense: '80.35',
        net: '924.65',
        byCategory: [
          { categoryId: salary.id, name: salary.name, kind: 'income', total: '1000.00', count: 1 },
          {
            categoryId: groceries.id,
            name: groceries.name,
            kind: 'expense',
            total: '60.35',
            count: 2,
          },
          { categoryId: null, name: 'Uncategorised', kind: 'expense', total: '20.00', count: 1 },
          { categoryId: null, name: 'Uncategorised', kind: 'income', total: '5.00', count: 1 },
        ],
        byMonth: [
          { month: '2025-12', income: '1000.00', expense: '0.00' },
          { month: '2026-01', income: '0.00', expense: '70.25' },
          { month: '2026-02', income: '0.00', expense: '0.00' },
          { month: '2026-03', income: '5.00', expense: '10.10' },
        ],
        // From the first transaction to today (the test clock), a point at each month's end.
        balanceOverTime: {
          opening: '0.00',
          step: 'month',
          points: [
            { date: '2025-12-31', balance: '1000.00' },
            { date: '2026-01-31', balance: '929.75' },
            { date: '2026-02-28', balance: '929.75' },
            ...[
              '03-31',
              '04-30',
              '05-31',
              '06-30',
              '07-31',
              '08-31',
              '09-30',
              '10-31',
              '11-30',
            ].map((day) => ({ date: `2026-${day}`, balance: '924.65' })),
            { date: '2026-12-01', balance: '924.65' },
          ],
        },
      });
    });

    it('limits the totals to the range, inclusive, but keeps the all-time balance', async () => {
      expect(await summary(alice, '?from=2026-01-10&to=2026-01-31')).toEqual({
        currency: 'USD',
        accountId: null,
        accounts: [
          expect.objectContaining({ name: 'Main account', currency: 'USD', balance: '924.65' }),
        ],
        netWorth: expect.objectContaining({ currency: 'USD', amount: '924.65' }) as unknown,
        from: '2026-01-10',
        to: '2026-01-31',
        balance: '924.65',
        asOf: '2026-12-01',
        upcoming: { count: 0, balance: '924.65' },
        income: '0.00',
        expense: '70.25',
        net: '-70.25',
        byCategory: [
          {
            categoryId: groceries.id,
            name: groceries.name,
            kind: 'expense',
            total: '50.25',
            count: 1,
          },
          { categoryId: null, name: 'Uncategorised', kind: 'expense', total: '20.00', count: 1 },
        ],
        byMonth: [{ month: '2026-01', income: '0.00', expense: '70.25' }],
        balanceOverTime: {
          opening: '1000.00',
          step: 'day',
          points: days('2026-01-10', '2026-01-31').map((date) => ({
            date,
            balance: date < '2026-01-20' ? '949.75' : '929.75',
          })),
        },
      });
      expect(await summary(alice, '?from=2026-03-06')).toMatchObject({
        income: '5.00',
        expense: '0.00',
        net: '5.00',
      });
      expect(await summary(alice, '?to=2025-12-31')).toMatchObject({
        income: '1000.00',
        expense: '0.00',
      });
    });

    it('answers zeros and empty lists for a range before the first transaction', async () => {
      expect(await summary(alice, '?from=2024-01-01&to=2024-12-31')).toEqual({
        currency: 'USD',
        accountId: null,
        accounts: [
          expect.objectContaining({ name: 'Main account', currency: 'USD', balance: '924.65' }),
        ],
        netWorth: expect.objectContaining({ currency: 'USD', amount: '924.65' }) as unknown,
        from: '2024-01-01',
        to: '2024-12-31',
        balance: '924.65',
        asOf: '2026-12-01',
        upcoming: { count: 0, balance: '924.65' },
        income: '0.00',
        expense: '0.00',
        net: '0.00',
        byCategory: [],
        byMonth: [],
        balanceOverTime: {
          opening: '0.00',
          step: 'month',
          points: days('2024-01-01', '2024-12-31')
            .filter((date) => date.slice(5) === lastDay(date))
            .map((date) => ({ date, balance: '0.00' })),
        },
      });
    });

    it('carries the balance through a period without transactions', async () => {
      expect(await summary(alice, '?from=2026-02-01&to=2026-02-28')).toMatchObject({
        income: '0.00',
        expense: '0.00',
        byMonth: [],
        balanceOverTime: {
          opening: '929.75',
          step: 'day',
          points: days('2026-02-01', '2026-02-28').map((date) => ({ date, balance: '929.75' })),
        },
      });
    });

    it('gives the balance at the end of each day across month ends', async () => {
      const { balanceOverTime } = await summary(alice, '?from=2026-01-25&to=2026-03-10');
      expect(balanceOverTime.opening).toBe('929.75');
      expect(balanceOverTime.step).toBe('day');
      expect(balanceOverTime.points).toHaveLength(45);
      expect(balanceOverTime.points).toEqual(
        days('2026-01-25', '2026-03-10').map((date) => ({
          date,
          balance: date < '2026-03-05' ? '929.75' : date === '2026-03-05' ? '919.65' : '924.65',
        })),
      );
    });

    it('gives the balance at each month end over a year end, the last cut at the period end', async () => {
      expect((await summary(alice, '?from=2025-11-01&to=2026-03-05')).balanceOverTime).toEqual({
        opening: '0.00',
        step: 'month',
        points: [
          { date: '2025-11-30', balance: '0.00' },
          { date: '2025-12-31', balance: '1000.00' },
          { date: '2026-01-31', balance: '929.75' },
          { date: '2026-02-28', balance: '929.75' },
          { date: '2026-03-05', balance: '919.65' },
        ],
      });
    });

    it('switches from days to months past a quarter', async () => {
      // 92 days (1 Jan to 2 Apr 2026) is the longest daily line; 93 days are months.
      const daily = await summary(alice, '?from=2026-01-01&to=2026-04-02');
      expect(daily.balanceOverTime.step).toBe('day');
      expect(daily.balanceOverTime.points).toHaveLength(92);
      const monthly = await summary(alice, '?from=2026-01-01&to=2026-04-03');
      expect(monthly.balanceOverTime.step).toBe('month');
      expect(monthly.balanceOverTime.points.map((point) => point.date)).toEqual([
        '2026-01-31',
        '2026-02-28',
        '2026-03-31',
        '2026-04-03',
      ]);
    });

    it('runs an open-ended line from the first transaction, or to today', async () => {
      expect((await summary(alice, '?to=2025-12-20')).balanceOverTime).toEqual({
        opening: '0.00',
        step: 'day',
        points: days('2025-12-15', '2025-12-20').map((date) => ({ date, balance: '1000.00' })),
      });
      // After the last transaction the line goes on to today, flat.
      const since = (await summary(alice, '?from=2026-11-20')).balanceOverTime;
      expect(since.points.map((point) => point.date)).toEqual(days('2026-11-20', '2026-12-01'));
      expect(new Set(since.points.map((point) => point.balance))).toEqual(new Set(['924.65']));
      // A range wholly before the first transaction, open at its start, has no line.
      expect((await summary(alice, '?to=2025-12-01')).balanceOverTime).toEqual({
        opening: '0.00',
        step: 'day',
        points: [],
      });
    });

    it.each([
      ['?from=2026-02-30', 'from'],
      ['?to=2026-1-1', 'to'],
      ['?from=2026-02-01&to=2026-01-31', 'to'],
    ])('answers 400 for %s naming the parameter', async (query, path) => {
      const response = await alice.request({ method: 'GET', url: `/api/v1/summary${query}` });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(
        response.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path),
      ).toContain(path);
    });

    it('answers zeros for a new user', async () => {
      const newcomer = await registerUser(app, { currency: 'JPY' });
      expect(await summary(newcomer)).toMatchObject({
        currency: 'JPY',
        balance: '0',
        income: '0',
        expense: '0',
        net: '0',
        byCategory: [],
        byMonth: [],
        balanceOverTime: { opening: '0', step: 'day', points: [] },
      });
    });
  });

  describe('the balance line of days with several transactions', async () => {
    const bo = await registerUser(app, { currency: 'KWD' });
    await createTransaction(bo, { type: 'income', amount: '100', date: '2026-05-10' });
    await createTransaction(bo, { amount: '30.125', date: '2026-05-12' });
    // Entered later, dated earlier: the day's balance is after its last row in (date, id) order.
    await createTransaction(bo, { amount: '20.001', date: '2026-05-10' });
    await createTransaction(bo, { type: 'income', amount: '0.5', date: '2026-05-12' });

    it('ends each day on the balance after its last row', async () => {
      expect((await summary(bo, '?from=2026-05-09&to=2026-05-13')).balanceOverTime).toEqual({
        opening: '0.000',
        step: 'day',
        points: [
          { date: '2026-05-09', balance: '0.000' },
          { date: '2026-05-10', balance: '79.999' },
          { date: '2026-05-11', balance: '79.999' },
          { date: '2026-05-12', balance: '50.374' },
          { date: '2026-05-13', balance: '50.374' },
        ],
      });
      expect((await summary(bo, '?from=2026-05-11&to=2026-05-31')).balanceOverTime).toMatchObject({
        opening: '79.999',
      });
    });
  });

  describe('SQL totals equal BigInt sums of random transactions', async () => {
    const pat = await registerUser(app);
    const patCategories = (
      await pat.request({ method: 'GET', url: '/api/v1/categories' })
    ).json<CategoryList>().items;
    const ofKind = (kind: 'income' | 'expense'): Array<Category | null> => [
      null,
      ...patCategories.filter((c) => c.kind === kind).slice(0, 2),
    ];
    // From November 2025 to January 2027: some rows fall after the test clock's today, upcoming.
    const DAYS = 450;
    const dateOf = (offset: number) =>
      new Date(Date.UTC(2025, 10, 1) + offset * 86_400_000).toISOString().slice(0, 10);
    const monthsBetween = (first: string, last: string) => {
      const months: string[] = [];
      let [year, month] = first.split('-').map(Number) as [number, number];
      for (let key = first; key <= last;) {
        months.push(key);
        month += 1;
        if (month > 12) [year, month] = [year + 1, 1];
        key = `${year}-${String(month).padStart(2, '0')}`;
      }
      return months;
    };

    const transactionArb = fc.record({
      type: fc.constantFrom('income' as const, 'expense' as const),
      amount: fc.oneof(
        fc.bigInt({ min: 1n, max: 1_000_000n }),
        fc.bigInt({ min: 1n, max: MAX_AMOUNT_MINOR }),
        fc.constant(MAX_AMOUNT_MINOR),
      ),
      day: fc.integer({ min: 0, max: DAYS }),
      category: fc.nat({ max: 2 }),
    });
    const rangeArb = fc
      .tuple(
        fc.option(fc.integer({ min: 0, max: DAYS })),
        fc.option(fc.integer({ min: 0, max: DAYS })),
      )
      .map(([a, b]): [number | null, number | null] =>
        a !== null && b !== null && a > b ? [b, a] : [a, b],
      );

    it('for income, expense, net, balance, byCategory, byMonth and the balance line', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(transactionArb, { maxLength: 25 }),
          rangeArb,
          async (generated, [fromDay, toDay]) => {
            // A raw reset: the monthly totals the repositories keep must be cleared with it.
            app.dbHandle.sqlite
              .prepare('DELETE FROM transactions WHERE user_id = ?')
              .run(pat.userId);
            app.dbHandle.sqlite
              .prepare('DELETE FROM monthly_totals WHERE user_id = ?')
              .run(pat.userId);
            const stored: Array<{
              type: 'income' | 'expense';
              amount: bigint;
              date: string;
              category: Category | null;
            }> = [];
            for (const item of generated) {
              const category = ofKind(item.type)[item.category] ?? null;
              const date = dateOf(item.day);
              const next = { type: item.type, amount: item.amount, date, category };
              const candidate = [...stored, next];
              // Rows are inserted with increasing ids, so (date, insertion order) is (date, id) order.
              const ordered = candidate.map((row, index) => ({ row, index }));
              ordered.sort((a, b) =>
                a.row.date === b.row.date ? a.index - b.index : a.row.date < b.row.date ? -1 : 1,
              );
              let running = 0n;
              let overflows = false;
              for (const { row } of ordered) {
                running += row.type === 'income' ? row.amount : -row.amount;
                if (
                  running > BigInt(Number.MAX_SAFE_INTEGER) ||
                  -running > BigInt(Number.MAX_SAFE_INTEGER)
                )
                  overflows = true;
              }
              const response = await pat.request({
                method: 'POST',
                url: '/api/v1/transactions',
                payload: {
                  type: item.type,
                  amount: formatMinor(item.amount, 2),
                  title: 'Random',
                  date,
                  categoryId: category?.id ?? null,
                },
              });
              expect(response.statusCode, response.body).toBe(overflows ? 400 : 201);
              if (!overflows) stored.push(next);
            }

            const from = fromDay === null ? undefined : dateOf(fromDay);
            const to = toDay === null ? undefined : dateOf(toDay);
            const inRange = stored.filter(
              (row) => (!from || row.date >= from) && (!to || row.date <= to),
            );
            const sum = (rows: typeof stored, type: 'income' | 'expense') =>
              rows
                .filter((row) => row.type === type)
                .reduce((total, row) => total + row.amount, 0n);
            const income = sum(inRange, 'income');
            const expense = sum(inRange, 'expense');
            const money = (minor: bigint) => formatMinor(minor, 2);

            const groups = new Map<
              string,
              {
                categoryId: number | null;
                name: string;
                kind: string;
                total: bigint;
                count: number;
              }
            >();
            for (const row of inRange) {
              const key = `${row.category?.id ?? 'none'}|${row.type}`;
              const group = groups.get(key) ?? {
                categoryId: row.category?.id ?? null,
                name: row.category?.name ?? 'Uncategorised',
                kind: row.type,
                total: 0n,
                count: 0,
              };
              group.total += row.amount;
              group.count += 1;
              groups.set(key, group);
            }
            const months = [...new Set(inRange.map((row) => row.date.slice(0, 7)))].sort();
            const expectedMonths =
              months.length === 0
                ? []
                : monthsBetween(months[0] ?? '', months.at(-1) ?? '').map((month) => {
                    const rows = inRange.filter((row) => row.date.startsWith(month));
                    return {
                      month,
                      income: money(sum(rows, 'income')),
                      expense: money(sum(rows, 'expense')),
                    };
                  });

            const query = new URLSearchParams({
              ...(from ? { from } : {}),
              ...(to ? { to } : {}),
            }).toString();
            const actual = await summary(pat, query ? `?${query}` : '');
            const past = stored.filter((row) => row.date <= actual.asOf);
            expect(actual.balance).toBe(money(sum(past, 'income') - sum(past, 'expense')));
            expect(actual.upcoming).toEqual({
              count: stored.length - past.length,
              balance: money(sum(stored, 'income') - sum(stored, 'expense')),
            });
            expect(actual.income).toBe(money(income));
            expect(actual.expense).toBe(money(expense));
            expect(actual.net).toBe(money(income - expense));
            expect(actual.byMonth).toEqual(expectedMonths);

            // The balance line against a model: the balance at a day's end is every row up to it.
            const balanceAt = (date: string) => {
              const upTo = stored.filter((row) => row.date <= date);
              return sum(upTo, 'income') - sum(upTo, 'expense');
            };
            const dates = stored.map((row) => row.date).sort();
            const lastStored = dates.at(-1);
            const start = from ?? dates[0];
            const end = to ?? (lastStored && lastStored > actual.asOf ? lastStored : actual.asOf);
            const line = actual.balanceOverTime;
            if (start === undefined || start > end) {
              expect(line.points).toEqual([]);
            } else {
              const before = stored.filter((row) => row.date < start);
              expect(line.opening).toBe(money(sum(before, 'income') - sum(before, 'expense')));
              const period = days(start, end);
              const pointDates =
                period.length <= 92
                  ? period
                  : monthsBetween(start.slice(0, 7), end.slice(0, 7)).map((month) => {
                      const last = `${month.slice(0, 4)}-${lastDay(`${month}-01`)}`;
                      return last < end ? last : end;
                    });
              expect(line.step).toBe(period.length <= 92 ? 'day' : 'month');
              expect(line.points).toEqual(
                pointDates.map((date) => ({ date, balance: money(balanceAt(date)) })),
              );
            }
            const byKey = (
              a: { categoryId: number | null; kind: string },
              b: { categoryId: number | null; kind: string },
            ) => `${a.categoryId ?? 0}|${a.kind}`.localeCompare(`${b.categoryId ?? 0}|${b.kind}`);
            expect([...actual.byCategory].sort(byKey)).toEqual(
              [...groups.values()]
                .map((group) => ({ ...group, total: money(group.total) }))
                .sort(byKey),
            );
            const totals = actual.byCategory.map((group) => BigInt(group.total.replace('.', '')));
            expect(
              totals.every((total, index) => index === 0 || (totals[index - 1] ?? 0n) >= total),
            ).toBe(true);
          },
        ),
        { numRuns: 40 },
      );
    });
  });

  it('sums income past 64 bits exactly, as many big months can, instead of failing', async () => {
    const rich = await registerUser(app);
    const salary = await categoryOf(rich, 'income');
    await createTransaction(rich, {
      type: 'income',
      amount: '1',
      categoryId: salary.id,
      date: '2026-01-15',
    });
    await createTransaction(rich, {
      type: 'income',
      amount: '1',
      categoryId: salary.id,
      date: '2026-02-15',
    });
    // Each month's total fits in SQLite's 64 bits; their sum does not (SQL SUM would refuse it).
    app.dbHandle.sqlite
      .prepare("UPDATE monthly_totals SET total = ? WHERE user_id = ? AND type = 'income'")
      .run(5_000_000_000_000_000_000n, rich.userId);
    const body = await summary(rich, '?from=2026-01-01&to=2026-02-28');
    expect(body.income).toBe('100000000000000000.00');
    expect(body.byCategory).toEqual([
      expect.objectContaining({ categoryId: salary.id, total: '100000000000000000.00', count: 2 }),
    ]);
    expect(body.byMonth.map((month) => month.income)).toEqual([
      '50000000000000000.00',
      '50000000000000000.00',
    ]);
  });
});
