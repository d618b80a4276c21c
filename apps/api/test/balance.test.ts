import fc from 'fast-check';
import { formatMinor, type Summary, type Transaction, type TransactionPage } from '@moneta/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from './build-test-app.js';
import { createTransaction } from './factories.js';

interface ModelRow {
  id: number;
  type: 'income' | 'expense';
  amount: bigint;
  date: string;
}

const dateArb = fc
  .integer({ min: 0, max: 40 })
  .map((offset) =>
    new Date(Date.UTC(2026, 0, 20) + offset * 86_400_000).toISOString().slice(0, 10),
  );
const typeArb = fc.constantFrom('income' as const, 'expense' as const);
const amountArb = fc.bigInt({ min: 1n, max: 10_000_000_000n });

const operationArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      type: typeArb,
      amount: amountArb,
      date: dateArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        op: fc.constant('update' as const),
        pick: fc.nat(),
        type: typeArb,
        amount: amountArb,
        date: dateArb,
        title: fc.constant('Edited'),
      },
      { requiredKeys: ['op', 'pick'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }) },
);

describe('running balance', async () => {
  const { app } = await buildTestApp();
  const user = await registerUser(app);

  /** balanceAfter of every row, from a BigInt prefix sum in (date, id) order. */
  function expectedBalances(rows: Map<number, ModelRow>): Map<number, string> {
    const ordered = [...rows.values()].sort((a, b) =>
      a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1,
    );
    let running = 0n;
    return new Map(
      ordered.map((row) => {
        running += row.type === 'income' ? row.amount : -row.amount;
        return [row.id, formatMinor(running, 2)];
      }),
    );
  }

  async function actualBalances(): Promise<Map<number, string>> {
    const page = (
      await user.request({ method: 'GET', url: '/api/v1/transactions?limit=200' })
    ).json<TransactionPage>();
    return new Map(page.items.map((item) => [item.id, item.balanceAfter]));
  }

  it('is the prefix sum after this row, for a simple back-dated insert', async () => {
    const late = await createTransaction(user, {
      type: 'income',
      amount: '100.00',
      date: '2026-02-10',
    });
    const early = await createTransaction(user, { amount: '30.00', date: '2026-02-01' });
    const sameDay = await createTransaction(user, { amount: '5.00', date: '2026-02-10' });
    expect(early.balanceAfter).toBe('-30.00');
    expect(sameDay.balanceAfter).toBe('65.00');
    const balances = await actualBalances();
    expect(balances.get(late.id)).toBe('70.00');
    expect(balances.get(early.id)).toBe('-30.00');
  });

  it('equals a BigInt model after random inserts, edits that move rows, and deletes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operationArb, { minLength: 1, maxLength: 20 }),
        async (operations) => {
          app.dbHandle.sqlite
            .prepare('DELETE FROM transactions WHERE user_id = ?')
            .run(user.userId);
          const model = new Map<number, ModelRow>();
          for (const operation of operations) {
            const ids = [...model.keys()];
            switch (operation.op) {
              case 'insert': {
                const created = await createTransaction(user, {
                  type: operation.type,
                  amount: formatMinor(operation.amount, 2),
                  date: operation.date,
                });
                model.set(created.id, {
                  id: created.id,
                  type: operation.type,
                  amount: operation.amount,
                  date: operation.date,
                });
                expect(created.balanceAfter).toBe(expectedBalances(model).get(created.id));
                break;
              }
              case 'update': {
                const id = ids[operation.pick % Math.max(1, ids.length)];
                const row = id === undefined ? undefined : model.get(id);
                if (!row) break;
                const { type, amount, date, title } = operation;
                const payload = {
                  ...(type ? { type } : {}),
                  ...(amount !== undefined ? { amount: formatMinor(amount, 2) } : {}),
                  ...(date ? { date } : {}),
                  ...(title ? { title } : {}),
                };
                if (Object.keys(payload).length === 0) break;
                const response = await user.request({
                  method: 'PATCH',
                  url: `/api/v1/transactions/${row.id}`,
                  payload,
                });
                expect(response.statusCode, response.body).toBe(200);
                model.set(row.id, {
                  ...row,
                  ...(type ? { type } : {}),
                  ...(date ? { date } : {}),
                  ...(amount !== undefined ? { amount } : {}),
                });
                expect(response.json<Transaction>().balanceAfter).toBe(
                  expectedBalances(model).get(row.id),
                );
                break;
              }
              case 'delete': {
                const id = ids[operation.pick % Math.max(1, ids.length)];
                if (id === undefined) break;
                const response = await user.request({
                  method: 'DELETE',
                  url: `/api/v1/transactions/${id}`,
                });
                expect(response.statusCode).toBe(204);
                model.delete(id);
                break;
              }
            }
            expect(await actualBalances()).toEqual(expectedBalances(model));
          }
          const total = [...model.values()].reduce(
            (sum, row) => sum + (row.type === 'income' ? row.amount : -row.amount),
            0n,
          );
          const summary = (
            await user.request({ method: 'GET', url: '/api/v1/summary' })
          ).json<Summary>();
          expect(summary.balance).toBe(formatMinor(total, 2));
        },
      ),
      { numRuns: 40 },
    );
  });
});
