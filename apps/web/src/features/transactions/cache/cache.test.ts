import { beforeEach, describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { Summary, Transaction } from '@moneta/schema';
import { queryKeys, type TransactionFilters, type TransactionPages } from '@/lib/query-keys';
import { FakeApi } from '@/test/fake-api';
import {
  applyToAccounts,
  applyToSummary,
  balanceBefore,
  hideDeletedInAccounts,
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
        (filters.accountId === undefined || t.accountId === filters.accountId) &&
        (!filters.from || t.date >= filters.from) &&
        (!filters.to || t.date <= filters.to) &&
        (!filters.type || t.type === filters.type) &&
        (filters.categoryId === undefined || t.categoryId === filters.categoryId),
    );
  return { pages: [{ items, nextCursor: null }], pageParams: [null] };
}

function deleteOnServer(row: Transaction): void {
  api.rows = api.rows.filter((r) => r.id !== row.id);
}

/** The row as the server lists it now (with its running balance). */
function onServer(id: number): Transaction {
  return api.withBalance().find((t) => t.id === id) as Transaction;
}

describe('several accounts', () => {
  let savings: number;
  let cash: number;

  beforeEach(() => {
    savings = api.openAccount({
      name: 'Savings',
      openingBalance: '1000.00',
      openingDate: '2026-01-01',
    }).id;
    cash = api.openAccount({ name: 'Cash', currency: 'JPY', openingBalance: '5000' }).id;
    api.add({ type: 'income', amount: '100.00', title: 'Salary', date: '2026-03-01' });
    api.add({
      accountId: savings,
      type: 'expense',
      amount: '30.00',
      title: 'Fee',
      date: '2026-03-04',
    });
    api.add({ type: 'expense', amount: '5.00', title: 'Bus', date: '2026-03-09' });
    api.add({
      accountId: cash,
      type: 'expense',
      amount: '1200',
      title: 'Ramen',
      date: '2026-03-06',
    });
    api.add({
      accountId: savings,
      type: 'income',
      amount: '2.50',
      title: 'Interest',
      date: '2026-03-31',
    });
  });

  it('shifts only the later rows of the same account in a list of all accounts', () => {
    const before = serverPages();
    const added = api.add({ type: 'expense', amount: '12.50', title: 'Book', date: '2026-03-03' });
    const folded = insertIntoPages(before, added, {});
    expect(folded).toEqual(serverPages());
    // Savings (the fee after the book, the interest) and the yen kept their balances.
    const balance = (title: string) =>
      folded.pages[0]?.items.find((t) => t.title === title)?.balanceAfter;
    expect([balance('Fee'), balance('Interest'), balance('Ramen'), balance('Bus')]).toEqual([
      '970.00',
      '972.50',
      '3800',
      '82.50',
    ]);
    const book = api.withBalance().find((t) => t.title === 'Book') as Transaction;
    deleteOnServer(book);
    expect(removeFromPages(folded, book)).toEqual(serverPages());
  });

  it('lists a row only in its own account’s history, shifting nothing in the others', () => {
    const mainBefore = serverPages({ accountId: 1 });
    const savingsBefore = serverPages({ accountId: savings });
    const added = api.add({
      accountId: savings,
      amount: '40.00',
      title: 'Shoes',
      date: '2026-03-02',
    });
    expect(insertIntoPages(mainBefore, added, { accountId: 1 })).toEqual(mainBefore);
    expect(insertIntoPages(savingsBefore, added, { accountId: savings })).toEqual(
      serverPages({ accountId: savings }),
    );
  });

  it('takes the balance before a new row from rows of its own account only', () => {
    const queryClient = new QueryClient();
    // All accounts, this month: the row just before 2026-03-05 is Savings' fee, then Main's salary.
    queryClient.setQueryData(
      queryKeys.transactionList({ from: '2026-03-01', to: '2026-03-31' }),
      serverPages({ from: '2026-03-01', to: '2026-03-31' }),
    );
    const row = { id: 9_000_000_000_000_999, date: '2026-03-05' };
    expect(balanceBefore(queryClient, { ...row, accountId: 1, currency: 'USD' })).toBe(10000n);
    expect(balanceBefore(queryClient, { ...row, accountId: savings, currency: 'USD' })).toBe(
      97000n,
    );
    // Cash has no row before the 5th in this month: its balance before is not in this list.
    expect(balanceBefore(queryClient, { ...row, accountId: cash, currency: 'JPY' })).toBeNull();

    // Cash's own history of all time starts its ledger: the opening balance is before it.
    queryClient.setQueryData(
      queryKeys.transactionList({ accountId: cash }),
      serverPages({ accountId: cash }),
    );
    expect(balanceBefore(queryClient, { ...row, accountId: cash, currency: 'JPY' })).toBe(5000n);
    // Another account's history is never read for it.
    const other = new QueryClient();
    other.setQueryData(queryKeys.transactionList({ accountId: 1 }), serverPages({ accountId: 1 }));
    expect(balanceBefore(other, { ...row, accountId: savings, currency: 'USD' })).toBeNull();
  });

  it('moves a row between accounts in every cached history, summary and the account list', () => {
    const queryClient = new QueryClient();
    const lists: TransactionFilters[] = [{}, { accountId: 1 }, { accountId: savings }];
    for (const filters of lists) {
      queryClient.setQueryData(queryKeys.transactionList(filters), serverPages(filters));
    }
    queryClient.setQueryData(queryKeys.summaryOf({}), api.summary());
    queryClient.setQueryData(
      queryKeys.summaryOf({ accountId: savings }),
      api.summary(undefined, undefined, savings),
    );
    queryClient.setQueryData(queryKeys.accounts, api.accountList());

    // The bus ride was paid from savings: the server moves it (same currency, same amount).
    const previous = api.withBalance().find((t) => t.title === 'Bus') as Transaction;
    api.rows = api.rows.map((r) => (r.id === previous.id ? { ...r, accountId: savings } : r));
    removeTransaction(queryClient, previous);
    insertTransaction(queryClient, onServer(previous.id));

    for (const filters of lists) {
      expect(queryClient.getQueryData(queryKeys.transactionList(filters))).toEqual(
        serverPages(filters),
      );
    }
    expect(queryClient.getQueryData(queryKeys.summaryOf({}))).toEqual(
      inDisplayOrder(api.summary()),
    );
    expect(queryClient.getQueryData(queryKeys.summaryOf({ accountId: savings }))).toEqual(
      inDisplayOrder(api.summary(undefined, undefined, savings)),
    );
    expect(queryClient.getQueryData(queryKeys.accounts)).toEqual(api.accountList());
  });

  it('folds a row into its account’s balances only, today and with upcoming rows', () => {
    api.today = '2026-03-15';
    const before = api.accountList();
    const future = api.add({
      accountId: cash,
      amount: '800',
      title: 'Concert',
      date: '2026-04-02',
    });
    const folded = applyToAccounts(before, future, 1, api.today);
    expect(folded).toEqual(api.accountList());
    expect(folded.find((a) => a.id === cash)).toMatchObject({
      balance: '3800',
      balanceWithUpcoming: '3000',
      transactionCount: 2,
    });
    expect(folded.filter((a) => a.id !== cash)).toEqual(before.filter((a) => a.id !== cash));

    // A delete waiting out its undo window is left out of the list shown, not of the cache.
    const fee = api.withBalance().find((t) => t.title === 'Fee') as Transaction;
    const shown = hideDeletedInAccounts(folded, [{ transaction: fee }]);
    deleteOnServer(fee);
    expect(shown).toEqual(api.accountList());
    expect(hideDeletedInAccounts(folded, [])).toBe(folded);
  });

  it('keeps a summary to its account, and all accounts to the reporting currency', () => {
    const allBefore = api.summary();
    const savingsBefore = api.summary(undefined, undefined, savings);
    const ramen = api.add({
      accountId: cash,
      amount: '900',
      title: 'Ramen again',
      date: '2026-03-20',
    });
    // Yen are not counted with dollars: only the list of account balances moves.
    expect(applyToSummary(allBefore, ramen, 1, 'Uncategorised')).toEqual(api.summary());
    expect(applyToSummary(savingsBefore, ramen, 1, 'Uncategorised')).toEqual(
      api.summary(undefined, undefined, savings),
    );
    const savingsNow = api.summary(undefined, undefined, savings);
    const fee = api.add({
      accountId: savings,
      amount: '3.00',
      title: 'Fee',
      categoryId: 1,
      date: '2026-03-21',
    });
    expect(inDisplayOrder(applyToSummary(savingsNow, fee, 1, 'Groceries'))).toEqual(
      inDisplayOrder(api.summary(undefined, undefined, savings)),
    );
  });
});

describe('history pages', () => {
  beforeEach(() => {
    api.add({ type: 'income', amount: '100.00', title: 'Salary', date: '2026-03-01' });
    api.add({ type: 'expense', amount: '30.00', title: 'Dinner', date: '2026-03-05' });
    api.add({ type: 'expense', amount: '5.00', title: 'Bus', date: '2026-03-09' });
  });

  it('inserts a row where the server lists it and shifts the later balances', () => {
    const before = serverPages();
    const added = api.add({ type: 'expense', amount: '12.50', title: 'Book', date: '2026-03-03' });
    expect(insertIntoPages(before, added, {})).toEqual(serverPages());
  });

  it('shifts the later balances of a filtered list without listing a row it filters out', () => {
    const before = serverPages({ type: 'expense' });
    const added = api.add({ type: 'income', amount: '7.25', title: 'Refund', date: '2026-03-02' });
    expect(insertIntoPages(before, added, { type: 'expense' })).toEqual(
      serverPages({ type: 'expense' }),
    );
  });

  it('removes a row and shifts the later balances back', () => {
    const before = serverPages();
    const dinner = api.withBalance().find((t) => t.title === 'Dinner') as Transaction;
    deleteOnServer(dinner);
    expect(removeFromPages(before, dinner)).toEqual(serverPages());
  });

  it('shows pending deletes as the server will list them, leaving the cached pages alone', () => {
    const cached = serverPages();
    const copy = structuredClone(cached);
    const [bus, dinner] = api.withBalance() as [Transaction, Transaction];
    const shown = hideDeletedInPages(cached, [{ transaction: dinner }, { transaction: bus }]);
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
    queryClient.setQueryData(queryKeys.summaryOf({}), api.summary());

    const added = api.add({ type: 'expense', amount: '40.00', title: 'Shoes', categoryId: 1 });
    insertTransaction(queryClient, added);
    expect(queryClient.getQueryData(queryKeys.transactionList({}))).toEqual(serverPages());
    expect(queryClient.getQueryData(queryKeys.transactionList({ type: 'expense' }))).toEqual(
      serverPages({ type: 'expense' }),
    );
    // The new breakdown entry takes its name from the cached categories.
    expect(queryClient.getQueryData(queryKeys.summaryOf({}))).toEqual(
      inDisplayOrder(api.summary()),
    );

    deleteOnServer(added);
    removeTransaction(queryClient, added);
    expect(queryClient.getQueryData(queryKeys.transactionList({}))).toEqual(serverPages());
    expect(queryClient.getQueryData(queryKeys.summaryOf({}))).toEqual(
      inDisplayOrder(api.summary()),
    );
  });

  it('reconcile refetches only once the last write in flight has settled', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(queryKeys.transactionList({}), serverPages());
    queryClient.setQueryData(queryKeys.summaryOf({}), api.summary());
    const stale = () =>
      [queryKeys.transactionList({}), queryKeys.summaryOf({})].map(
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
      { transaction: dinner },
      { transaction: rent },
    ]);
    deleteOnServer(dinner);
    deleteOnServer(rent);
    expect(shown).toEqual(inDisplayOrder(api.summary()));
  });
});
