import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Category, Transaction } from '@moneta/schema';
import { buildTestApp, registerUser } from './build-test-app.js';
import { expectStatus } from './expect-status.js';

/**
 * monthly_totals is derived data kept by every write; whatever the writes, it must equal a fresh
 * GROUP BY over the transactions.
 */
describe('monthly totals stay equal to the transactions they summarise', async () => {
  const { app } = await buildTestApp();
  const user = await registerUser(app);
  const categories = (await user.request({ method: 'GET', url: '/api/v1/categories' })).json<{
    items: Category[];
  }>().items;
  const ofKind = (kind: 'income' | 'expense') => categories.filter((c) => c.kind === kind);
  const { sqlite } = app.dbHandle;

  const stored = () =>
    sqlite
      .prepare(
        `SELECT month, type, category_key AS category, total, count FROM monthly_totals
         WHERE user_id = ? ORDER BY 1, 2, 3`,
      )
      .all(user.userId);
  const fresh = () =>
    sqlite
      .prepare(
        `SELECT substr(date, 1, 7) AS month, type, coalesce(category_id, 0) AS category,
                SUM(amount) AS total, COUNT(*) AS count
         FROM transactions WHERE user_id = ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )
      .all(user.userId);

  const dateArb = fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 31 }))
    .map(
      ([month, day]) =>
        `2026-0${month}-${String(Math.min(day, month === 2 ? 28 : 30)).padStart(2, '0')}`,
    );
  const typeArb = fc.constantFrom('income' as const, 'expense' as const);
  const operationArb = fc.oneof(
    fc.record({
      op: fc.constant('create' as const),
      type: typeArb,
      date: dateArb,
      amount: fc.integer({ min: 1, max: 99999 }),
      category: fc.nat(4),
    }),
    fc.record({
      op: fc.constant('edit' as const),
      pick: fc.nat(),
      type: fc.option(typeArb),
      date: fc.option(dateArb),
      amount: fc.option(fc.integer({ min: 1, max: 99999 })),
    }),
    fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
    fc.record({
      op: fc.constant('import' as const),
      rows: fc.array(
        fc.tuple(
          dateArb,
          fc.integer({ min: -9999, max: 9999 }).filter((n) => n !== 0),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    }),
    fc.record({ op: fc.constant('undo' as const) }),
  );

  it('after any mix of creates, edits, deletes, imports, undos and category moves', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operationArb, { maxLength: 20 }), async (operations) => {
        const ids: number[] = [];
        const imports: number[] = [];
        for (const operation of operations) {
          switch (operation.op) {
            case 'create': {
              const category = ofKind(operation.type)[operation.category] ?? null;
              const response = await expectStatus(
                user.request({
                  method: 'POST',
                  url: '/api/v1/transactions',
                  payload: {
                    type: operation.type,
                    amount: (operation.amount / 100).toFixed(2),
                    title: 'x',
                    date: operation.date,
                    categoryId: category?.id ?? null,
                  },
                }),
                201,
              );
              ids.push(response.json<Transaction>().id);
              break;
            }
            case 'edit': {
              const id = ids[operation.pick % Math.max(1, ids.length)];
              if (id === undefined) break;
              await expectStatus(
                user.request({
                  method: 'PATCH',
                  url: `/api/v1/transactions/${id}`,
                  payload: {
                    ...(operation.type ? { type: operation.type, categoryId: null } : {}),
                    ...(operation.date ? { date: operation.date } : {}),
                    ...(operation.amount ? { amount: (operation.amount / 100).toFixed(2) } : {}),
                    title: 'edited',
                  },
                }),
                200,
              );
              break;
            }
            case 'delete': {
              const [id] = ids.splice(operation.pick % Math.max(1, ids.length), 1);
              if (id !== undefined)
                await expectStatus(
                  user.request({ method: 'DELETE', url: `/api/v1/transactions/${id}` }),
                  204,
                );
              break;
            }
            case 'import': {
              const csv = `date,title,amount\n${operation.rows.map(([date, cents]) => `${date},Imported ${cents},${(cents / 100).toFixed(2)}`).join('\n')}\n`;
              const response = await expectStatus(
                user.request({
                  method: 'POST',
                  url: '/api/v1/imports?date=date&title=title&amount=amount',
                  headers: { 'content-type': 'text/csv' },
                  payload: csv,
                }),
                201,
              );
              const created = response.json<{ import: { id: number } | null }>().import;
              if (!created) throw new Error(`a committed import has no id: ${response.body}`);
              imports.push(created.id);
              break;
            }
            case 'undo': {
              const id = imports.pop();
              if (id !== undefined)
                await expectStatus(
                  user.request({ method: 'DELETE', url: `/api/v1/imports/${id}` }),
                  204,
                );
              break;
            }
          }
          expect(stored()).toEqual(fresh());
        }
        // Moving a category's transactions into another merges their totals.
        const [from, to] = ofKind('expense');
        if (!from || !to) throw new Error('a new user has fewer than two expense categories');
        await expectStatus(
          user.request({
            method: 'POST',
            url: '/api/v1/transactions',
            payload: {
              type: 'expense',
              amount: '1.00',
              title: 'moved',
              date: '2026-02-02',
              categoryId: from.id,
            },
          }),
          201,
        );
        const spare = await expectStatus(
          user.request({
            method: 'POST',
            url: '/api/v1/categories',
            payload: { name: `Spare ${Date.now()}${Math.random()}`, kind: 'expense' },
          }),
          201,
        );
        const spareId = spare.json<Category>().id;
        await expectStatus(
          user.request({
            method: 'POST',
            url: '/api/v1/transactions',
            payload: {
              type: 'expense',
              amount: '2.00',
              title: 'to move',
              date: '2026-03-03',
              categoryId: spareId,
            },
          }),
          201,
        );
        await expectStatus(
          user.request({
            method: 'DELETE',
            url: `/api/v1/categories/${spareId}?moveTo=${to.id}`,
          }),
          204,
        );
        expect(stored()).toEqual(fresh());
        sqlite.prepare('DELETE FROM transactions WHERE user_id = ?').run(user.userId);
        sqlite.prepare('DELETE FROM imports WHERE user_id = ?').run(user.userId);
        sqlite.prepare('DELETE FROM monthly_totals WHERE user_id = ?').run(user.userId);
      }),
      { numRuns: 25 },
    );
  });
});
