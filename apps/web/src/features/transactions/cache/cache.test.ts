import { beforeEach, describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { Summary, Transaction } from '@moneta/schema';
import { queryKeys, type TransactionFilters, type TransactionPages } from '@/lib/query-keys';
import { FakeApi } from '@/test/fake-api';
import {
  applyToSummary,
  hideDeletedInPages,
  hideDeletedInSummary,
  inDisplayOrder,
  insertTransaction,
  reconcile,
  removeTransaction,
} from '.';
import { insertIntoPages, removeFromPages } from './pages';

/*
 * The web's bookkeeping against a fresh answer of the (fake) server: whatever the cache or the
 * screen shows after a change must be what the server says once it has made that change.
 */

let api: FakeApi;

beforeEach(() => {
  api = new FakeApi();
});

function serverPages(filters: TransactionFilters = {}): TransactionPages {
  const items = api
    .withBalance()
    .filter(
      (t) =>
        (!filters.type || t.type === filters.type) &&
        (filters.categoryId === undefined || t.categoryId === filters.categoryId),
    );
  return { pages: [{ items, nextCursor: null }], pageParams: [null] };
}

function deleteOnServer(row: Transaction): void {
  api.rows = api.rows.filter((r) => r.id !== row.id);
}

describe('history pages', () => {
  beforeEach(() => {
    api.add({ type: 'income', amount: '100.00', title: 'Salary', date: '2026-03-01' });
    api.add({ type: 'expense', amount: '30.00', title: 'Dinner', date: '2026-03-05' });
    api.add({ type: 'expense', amount: '5.00', title: 'Bus', date: '2026-03-09' });
  });

  it('inserts a row where the server lists it and shifts the later balances', () => {
    const before = serverPages();
    const added = api.add({ type: 'expense', amount: '12.50', title: 'Book', date: '2026-03-03' });
    expect(insertIntoPages(before, added, {}, 'USD')).toEqual(serverPages());
  });

  it('shifts the later balances of a filtered list without listing a row it filters out', () => {
    const before = serverPages({ type: 'expense' });
    const added = api.add({ type: 'income', amount: '7.25', title: 'Refund', date: '2026-03-02' });
    expect(insertIntoPages(before, added, { type: 'expense' }, 'USD')).toEqual(
      serverPages({ type: 'expense' }),
    );
  });

  it('removes a row and shifts the later balances back', () => {
    const before = serverPages();
    const dinner = api.withBalance().find((t) => t.title === 'Dinner') as Transaction;
    deleteOnServer(dinner);
    expect(removeFromPages(before, dinner, 'USD')).toEqual(serverPages());
  });

  it('shows pending deletes as the server will list them, leaving the cached pages alone', () => {
    const cached = serverPages();
    const copy = structuredClone(cached);
    const [bus, dinner] = api.withBalance() as [Transaction, Transaction];
    const shown = hideDeletedInPages(cached, [
      { transaction: dinner, currency: 'USD' },
      { transaction: bus, currency: 'USD' },
    ]);
    deleteOnServer(dinner);
    deleteOnServer(bus);
    expect(shown).toEqual(serverPages());
    expect(cached).toEqual(copy);
    // Nothing pending: the server's pages as they are.
    expect(hideDeletedInPages(cached, [])).toBe(cached);
  });
});

describe('cache updaters', () => {
  it('apply one change to every cached history and summary, with keys from the factory', () => {
    const queryClient = new QueryClient();
    api.add({ type: 'income', amount: '100.00', title: 'Salary', date: '2026-03-01' });
    queryClient.setQueryData(queryKeys.categories, api.categories);
    queryClient.setQueryData(queryKeys.transactionList({}), serverPages());
    queryClient.setQueryData(
      queryKeys.transactionList({ type: 'expense' }),
      serverPages({ type: 'expense' }),
    );
    queryClient.setQueryData(queryKeys.summaryRange({}), api.summary());

    const added = api.add({ type: 'expense', amount: '40.00', title: 'Shoes', categoryId: 1 });
    insertTransaction(queryClient, added, 'USD');
    expect(queryClient.getQueryData(queryKeys.transactionList({}))).toEqual(serverPages());
    expect(queryClient.getQueryData(queryKeys.transactionList({ type: 'expense' }))).toEqual(
      serverPages({ type: 'expense' }),
    );
    // The new breakdown entry takes its name from the cached categories.
    expect(queryClient.getQueryData(queryKeys.summaryRange({}))).toEqual(
      inDisplayOrder(api.summary()),
    );

    deleteOnServer(added);
    removeTransaction(queryClient, added, 'USD');
    expect(queryClient.getQueryData(queryKeys.transactionList({}))).toEqual(serverPages());
    expect(queryClient.getQueryData(queryKeys.summaryRange({}))).toEqual(
      inDisplayOrder(api.summary()),
    );
  });

  it('reconcile refetches only once the last write in flight has settled', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(queryKeys.transactionList({}), serverPages());
    queryClient.setQueryData(queryKeys.summaryRange({}), api.summary());
    const stale = () =>
      [queryKeys.transactionList({}), queryKeys.summaryRange({})].map(
        (key) => queryClient.getQueryState(key)?.isInvalidated,
      );
    // Two writes in flight (the second never answers here): the first one's reconcile waits.
    const never = new Promise<never>(() => undefined);
    const observer = () =>
      queryClient
        .getMutationCache()
        .build(queryClient, { mutationKey: ['transactions', 'create'], mutationFn: () => never });
    void observer().execute(undefined);
    void observer().execute(undefined);
    reconcile(queryClient);
    expect(stale()).toEqual([false, false]);
    queryClient.getMutationCache().clear();
    reconcile(queryClient);
    expect(stale()).toEqual([true, true]);
  });
});

/** A summary without its balance line, for folds that widen an open period's line. */
function withoutLine(summary: Summary): Omit<Summary, 'balanceOverTime'> {
  const rest: Partial<Summary> = { ...summary };
  delete rest.balanceOverTime;
  return rest as Omit<Summary, 'balanceOverTime'>;
}

describe('summary fold', () => {
  it('agrees with a fresh server summary when categories tie', () => {
    // Groceries 10.00 in two rows, Rent 10.00 in one: a tie on total, settled by count.
    api.add({ amount: '5.00', title: 'Bread', categoryId: 1, date: '2026-03-01' });
    api.add({ amount: '5.00', title: 'Milk', categoryId: 1, date: '2026-03-02' });
    api.add({ amount: '10.00', title: 'Garage', categoryId: 2, date: '2026-03-03' });
    expect(api.summary().byCategory.map((c) => c.name)).toEqual(['Rent', 'Groceries']);

    // An uncategorised 10.00 ties with Rent on total and count: only the name can settle it.
    const before = api.summary();
    const tip = api.add({ amount: '10.00', title: 'Tip', categoryId: null, date: '2026-03-04' });
    const folded = inDisplayOrder(applyToSummary(before, tip, 1, 'Uncategorised'));
    const fresh = inDisplayOrder(api.summary());
    expect(folded).toEqual(fresh);
    expect(folded.byCategory.map((c) => `${c.name}=${c.total}/${String(c.count)}`)).toEqual([
      'Rent=10.00/1',
      'Uncategorised=10.00/1',
      'Groceries=10.00/2',
    ]);

    // Taking one grocery away makes Groceries the smallest; the fold agrees again.
    const bread = api.withBalance().find((t) => t.title === 'Bread') as Transaction;
    const beforeDelete = api.summary();
    deleteOnServer(bread);
    expect(inDisplayOrder(applyToSummary(beforeDelete, bread, -1, ''))).toEqual(
      inDisplayOrder(api.summary()),
    );
  });

  it('settles exact ties the same way whatever order the server grouped them in', () => {
    api.add({ amount: '10.00', title: 'Garage', categoryId: 2, date: '2026-03-03' });
    api.add({ amount: '10.00', title: 'Tip', categoryId: null, date: '2026-03-04' });
    const summary = api.summary();
    const reversed = { ...summary, byCategory: [...summary.byCategory].reverse() };
    expect(inDisplayOrder(reversed)).toEqual(inDisplayOrder(summary));
  });

  it('fills and trims months as the server lists them', () => {
    api.add({ type: 'income', amount: '100.00', title: 'Salary', date: '2026-01-15' });
    const before = api.summary();
    const later = api.add({ amount: '20.00', title: 'Trip', categoryId: 1, date: '2026-04-02' });
    const folded = inDisplayOrder(applyToSummary(before, later, 1, 'Groceries'));
    expect(folded.byMonth.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
    ]);
    // All time grew by a month: the balance line's points are the refetch's to draw.
    expect(withoutLine(folded)).toEqual(withoutLine(inDisplayOrder(api.summary())));

    // The only January row goes: the months now start at April.
    const salary = api.withBalance().find((t) => t.title === 'Salary') as Transaction;
    const beforeDelete = api.summary();
    deleteOnServer(salary);
    const trimmed = inDisplayOrder(applyToSummary(beforeDelete, salary, -1, ''));
    expect(trimmed.byMonth.map((m) => m.month)).toEqual(['2026-04']);
    expect(withoutLine(trimmed)).toEqual(withoutLine(inDisplayOrder(api.summary())));
  });

  it('counts a future-dated row as upcoming, and a row outside the range in balances only', () => {
    api.today = '2026-03-10';
    api.add({ type: 'income', amount: '100.00', title: 'Salary', date: '2026-03-01' });
    const beforeFuture = api.summary();
    const future = api.add({
      amount: '25.00',
      title: 'Concert',
      categoryId: 1,
      date: '2026-03-20',
    });
    const folded = inDisplayOrder(applyToSummary(beforeFuture, future, 1, 'Groceries'));
    // The line of all time now runs to the 20th: its new points are the refetch's to draw.
    expect(withoutLine(folded)).toEqual(withoutLine(inDisplayOrder(api.summary())));
    expect([folded.balance, folded.upcoming]).toEqual(['100.00', { count: 1, balance: '75.00' }]);
    const before = api.summary('2026-02-01', '2026-02-28');
    const outside = api.add({ amount: '3.00', title: 'Gum', date: '2026-03-05' });
    expect(inDisplayOrder(applyToSummary(before, outside, 1, 'Uncategorised'))).toEqual(
      inDisplayOrder(api.summary('2026-02-01', '2026-02-28')),
    );
  });

  it('hides pending deletes from the server’s summary as the server will count them', () => {
    api.add({ type: 'income', amount: '100.00', title: 'Salary', categoryId: 3 });
    const dinner = api.add({ amount: '30.00', title: 'Dinner', categoryId: 1 });
    const rent = api.add({ amount: '30.00', title: 'Rent', categoryId: 2 });
    const shown = hideDeletedInSummary(api.summary(), [
      { transaction: dinner, currency: 'USD' },
      { transaction: rent, currency: 'USD' },
    ]);
    deleteOnServer(dinner);
    deleteOnServer(rent);
    expect(shown).toEqual(inDisplayOrder(api.summary()));
  });
});
