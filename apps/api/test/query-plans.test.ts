import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/repositories.js';
import { buildTestApp, registerUser } from './build-test-app.js';
import { categoryOf } from './factories.js';

interface Captured {
  sql: string;
  params: unknown[];
}

type Runner = (...params: unknown[]) => unknown;

/**
 * Runs `action` and returns every statement it executed with its parameters, as SQLite saw them,
 * on any of the connections (reads go to the read connection, writes to the write connection).
 */
async function captureStatements(
  connections: Database.Database[],
  action: () => Promise<unknown>,
): Promise<Captured[]> {
  const seen: Captured[] = [];
  for (const sqlite of connections) watch(sqlite, seen);
  try {
    await action();
  } finally {
    for (const sqlite of connections) Reflect.deleteProperty(sqlite, 'prepare');
  }
  return seen;
}

function watch(sqlite: Database.Database, seen: Captured[]): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const spy = (source: string) => {
    const statement = prepare(source);
    const methods = statement as unknown as Record<'run' | 'get' | 'all', Runner>;
    for (const method of ['run', 'get', 'all'] as const) {
      const original = methods[method].bind(statement);
      methods[method] = (...params: unknown[]) => {
        seen.push({ sql: source, params });
        return original(...params);
      };
    }
    return statement;
  };
  Object.defineProperty(sqlite, 'prepare', { value: spy, configurable: true, writable: true });
}

describe('query plans of the hot queries', async () => {
  const { app } = await buildTestApp();
  const { sqlite, readSqlite } = app.dbHandle;
  const connections = [sqlite, readSqlite];
  const repos = app.repos;
  // Repositories prepare each statement shape once; fresh ones prepare (and so show) it in the call.
  const fresh = () => createRepositories(app.dbHandle.database);
  const users = [await registerUser(app), await registerUser(app)];
  const alice = users[0];
  if (!alice) throw new Error('no user');
  const groceries = await categoryOf(alice, 'expense');
  const now = new Date().toISOString();
  const accountOf = async (userId: number) => {
    const account = await repos.accounts.defaultAccount(userId);
    if (!account) throw new Error('no default account');
    return account.id;
  };
  for (const user of users) {
    for (let index = 0; index < 300; index += 1) {
      await repos.transactions.create(
        user.userId,
        {
          accountId: await accountOf(user.userId),
          type: index % 3 === 0 ? 'income' : 'expense',
          amount: 100 + index,
          title: `Row ${index}`,
          description: null,
          categoryId: user === alice && index % 3 !== 0 ? groceries.id : null,
          date: `2026-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
        },
        now,
      );
    }
  }
  const middle = (await repos.transactions.list(alice.userId, { limit: 150 })).at(-1);
  if (!middle) throw new Error('no rows');
  const cursor = { date: middle.date, id: middle.id };
  const aliceAccount = await accountOf(alice.userId);

  function plan(statement: Captured): string[] {
    return sqlite
      .prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
      .all(...statement.params)
      .map((row) => (row as { detail: string }).detail);
  }

  /** The plans of the statements that read the transactions table. */
  async function plansOf(action: () => Promise<unknown>): Promise<string[][]> {
    const statements = (await captureStatements(connections, action)).filter((s) =>
      /\btransactions\b/i.test(s.sql),
    );
    expect(statements.length).toBeGreaterThan(0);
    return statements
      .map(plan)
      .filter((lines) => lines.some((line) => /\btransactions\b/.test(line)));
  }

  /** Every access to transactions is an index search: no full table scan, no full index scan. */
  function expectIndexed(plans: string[][]): void {
    expect(plans.length).toBeGreaterThan(0);
    for (const lines of plans) {
      const accesses = lines.filter((line) => /^(SCAN|SEARCH) transactions\b/.test(line));
      expect(accesses.length, lines.join('\n')).toBeGreaterThan(0);
      for (const access of accesses) {
        expect(access, lines.join('\n')).toMatch(
          /^SEARCH transactions USING (INTEGER PRIMARY KEY|(COVERING )?INDEX transactions_\w+) \(/,
        );
      }
    }
  }

  /** Newest-first pages come straight off the index: no sort of the user's whole history. */
  function expectNoSort(plans: string[][]): void {
    for (const lines of plans) expect(lines.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  }

  it.each([
    ['the first page', {}],
    ['a page after a cursor', { after: cursor }],
    ['a type filter', { type: 'expense' as const }],
    ['a type filter after a cursor', { type: 'income' as const, after: cursor }],
    ['a category filter', { categoryId: groceries.id }],
    ['a category filter after a cursor', { categoryId: groceries.id, after: cursor }],
    ['a date range', { from: '2026-03-01', to: '2026-05-31' }],
    ['a date range after a cursor', { from: '2026-01-01', to: '2026-12-31', after: cursor }],
    ['a search', { q: 'Row 1' }],
  ])('list with %s searches an index in order', async (_, filter) => {
    const plans = await plansOf(() =>
      fresh().transactions.list(alice.userId, { limit: 50, ...filter }),
    );
    expectIndexed(plans);
    expectNoSort(plans);
    expect(plans.flat().join('\n')).toMatch(/USING (COVERING )?INDEX transactions_/);
  });

  it.each([
    ['all time', {}],
    ['whole months', { from: '2026-02-01', to: '2026-04-30' }],
  ])(
    'the summary over %s reads monthly_totals by its key and never the transactions',
    async (_, range) => {
      const statements = await captureStatements(connections, () =>
        fresh().summary.totals(alice.userId, [aliceAccount], range),
      );
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.filter((s) => /\btransactions\b/i.test(s.sql))).toEqual([]);
      for (const statement of statements) {
        expect(plan(statement).join('\n')).toMatch(
          /^SEARCH monthly_totals USING INDEX sqlite_autoindex_monthly_totals_1 \(user_id=\?/,
        );
      }
    },
  );

  it('the summary over partial months scans only the edges, through the covering index', async () => {
    const range = { from: '2026-02-10', to: '2026-04-20' };
    const plans = await plansOf(() => fresh().summary.totals(alice.userId, [aliceAccount], range));
    expect(plans).toHaveLength(2);
    expectIndexed(plans);
    for (const lines of plans) {
      expect(lines.join('\n')).toMatch(
        /SEARCH transactions USING COVERING INDEX transactions_summary_idx \(account_id=\? AND date>\? AND date<\?\)/,
      );
    }
  });

  it("the summary's and net worth's account balances read one index entry each, unsorted", async () => {
    const plans = await plansOf(() => fresh().accounts.balancesOn(alice.userId, '2026-12-01'));
    expect(plans.length).toBeGreaterThan(0);
    expectIndexed(plans);
    expectNoSort(plans);
    // No row count: it reads every entry of each account's index (80 ms per summary at 1M).
    expect(plans.flat().join('\n')).not.toMatch(/COVERING INDEX transactions_summary_idx/);
  });

  it('the balance lookup reads one index entry', async () => {
    const plans = await plansOf(() => fresh().summary.balance([aliceAccount], 'latest'));
    expectIndexed(plans);
    expectNoSort(plans);
  });

  it.each([
    [
      'opening balance',
      (r: ReturnType<typeof fresh>) => r.summary.balance([aliceAccount], 'before', '2026-03-15'),
    ],
    ['first and last dates', (r: ReturnType<typeof fresh>) => r.summary.dateBounds([aliceAccount])],
    [
      'daily balances',
      (r: ReturnType<typeof fresh>) =>
        r.summary.dailyBalances([aliceAccount], {
          from: '2026-03-01',
          to: '2026-05-31',
        }),
    ],
  ])('the balance line reads its %s through an index, unsorted', async (_, read) => {
    const plans = await plansOf(() => read(fresh()));
    expectIndexed(plans);
    expectNoSort(plans);
    expect(plans.flat().join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('the category list counts transactions through an index', async () => {
    const plans = await plansOf(() => fresh().categories.list(alice.userId));
    expectIndexed(plans);
    expect(plans.flat().join('\n')).toMatch(/INDEX transactions_user_category_date_idx/);
  });

  it('the balance recompute of an insert, an edit and a delete searches indexes only', async () => {
    const input = {
      accountId: aliceAccount,
      type: 'expense' as const,
      amount: 250,
      title: 'Back-dated',
      description: null,
      categoryId: null,
      date: '2026-02-14',
    };
    let createdId = 0;
    const insertPlans = await plansOf(async () => {
      createdId = (await repos.transactions.create(alice.userId, input, now)).id;
    });
    const updatePlans = await plansOf(() =>
      repos.transactions.update(alice.userId, createdId, { date: '2026-01-02', amount: 300 }, now),
    );
    const deletePlans = await plansOf(() => fresh().transactions.delete(alice.userId, createdId));
    for (const plans of [insertPlans, updatePlans, deletePlans]) {
      expectIndexed(plans);
      // SQLite prints a (date, id) row-value range by its first column only.
      expect(plans.flat().join('\n')).toMatch(
        /INDEX transactions_account_date_id_idx \(account_id=\? AND date[<>]\?\)/,
      );
    }
  });
});
