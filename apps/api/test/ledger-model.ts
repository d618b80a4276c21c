import { currencyDecimals, formatMinor, monthOf, monthsBetween } from '@moneta/schema';

/**
 * A small model of one user's ledger for the property tests: plain objects, BigInt amounts. The
 * tests let it decide what every write must answer and compare every view of the API with what
 * it computes from scratch.
 */

/** Today for a UTC user at TEST_NOW (build-test-app.ts). */
export const TODAY = '2026-12-01';

/** What a row of the model may be; transfer legs come with /transfers. */
export type RowType = 'income' | 'expense' | 'opening';

export interface ModelAccount {
  id: number;
  name: string;
  currency: string;
  decimals: number;
  isDefault: boolean;
  closed: boolean;
  openingBalance: bigint;
  openingDate: string;
}

export interface ModelRow {
  id: number;
  accountId: number;
  type: RowType;
  /** Positive minor units of the account's currency. */
  amount: bigint;
  /** The signed change to the account's balance. */
  delta: bigint;
  date: string;
  title: string;
  categoryId: number | null;
  importId: number | null;
}

export interface ModelCategory {
  id: number;
  name: string;
  kind: 'income' | 'expense';
}

/** Orders rows as the ledger does: by date, then id. */
export const byDateThenId = (a: ModelRow, b: ModelRow) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id;

const sum = (rows: readonly ModelRow[], value: (row: ModelRow) => bigint) =>
  rows.reduce((total, row) => total + value(row), 0n);

export class LedgerModel {
  readonly accounts = new Map<number, ModelAccount>();
  readonly rows = new Map<number, ModelRow>();
  readonly categories = new Map<number, ModelCategory>();
  readonly imports = new Set<number>();
  /** Ids the user had and no longer has: they must answer like ids that never existed. */
  readonly gone = {
    transactions: [] as number[],
    accounts: [] as number[],
    categories: [] as ModelCategory[],
    imports: [] as number[],
  };

  constructor(
    /** The user's reporting currency: the all-accounts summary covers the accounts in it. */
    readonly currency: string,
  ) {}

  defaultAccount(): ModelAccount {
    const found = [...this.accounts.values()].filter((account) => account.isDefault);
    if (found.length !== 1) throw new Error(`the model has ${found.length} default accounts`);
    return found[0] as ModelAccount;
  }

  addAccount(account: Omit<ModelAccount, 'decimals'>): ModelAccount {
    const added = { ...account, decimals: currencyDecimals(account.currency) };
    if (added.isDefault) for (const other of this.accounts.values()) other.isDefault = false;
    this.accounts.set(added.id, added);
    return added;
  }

  makeDefault(account: ModelAccount): void {
    for (const other of this.accounts.values()) other.isDefault = false;
    account.isDefault = true;
  }

  removeAccount(id: number): void {
    for (const row of this.rowsOf(id)) this.removeRow(row.id);
    this.accounts.delete(id);
    this.gone.accounts.push(id);
  }

  addRow(row: ModelRow): void {
    if (this.rows.has(row.id)) throw new Error(`the API gave id ${row.id} to a second row`);
    this.rows.set(row.id, row);
  }

  removeRow(id: number): void {
    this.rows.delete(id);
    this.gone.transactions.push(id);
  }

  /** The account's rows in ledger order. */
  rowsOf(accountId: number): ModelRow[] {
    return [...this.rows.values()].filter((row) => row.accountId === accountId).sort(byDateThenId);
  }

  openingRow(accountId: number): ModelRow | undefined {
    return this.rowsOf(accountId).find((row) => row.type === 'opening');
  }

  categoryNamed(name: string): ModelCategory | undefined {
    const key = name.normalize('NFKC').toLowerCase();
    return [...this.categories.values()].find(
      (category) => category.name.normalize('NFKC').toLowerCase() === key,
    );
  }

  /** What GET /accounts must show for the account. */
  accountView(account: ModelAccount) {
    const rows = this.rowsOf(account.id);
    const money = (minor: bigint) => formatMinor(minor, account.decimals);
    return {
      id: account.id,
      name: account.name,
      currency: account.currency,
      isDefault: account.isDefault,
      closed: account.closed,
      openingBalance: money(account.openingBalance),
      openingDate: account.openingDate,
      balance: money(sum(rows, (row) => (row.date <= TODAY ? row.delta : 0n))),
      balanceWithUpcoming: money(sum(rows, (row) => row.delta)),
      transactionCount: rows.filter((row) => row.type !== 'opening').length,
    };
  }

  accountViews() {
    return [...this.accounts.values()]
      .sort((a, b) => a.id - b.id)
      .map((account) => this.accountView(account));
  }

  /** What GET /transactions?accountId= must list, newest first, running balances included. */
  transactionViews(accountId: number) {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`the model has no account ${accountId}`);
    const money = (minor: bigint) => formatMinor(minor, account.decimals);
    let running = 0n;
    return this.rowsOf(accountId)
      .map((row) => {
        running += row.delta;
        return {
          id: row.id,
          accountId: row.accountId,
          currency: account.currency,
          type: row.type,
          amount: money(row.amount),
          change: money(row.delta),
          balanceAfter: money(running),
          date: row.date,
          title: row.title,
          categoryId: row.categoryId,
        };
      })
      .reverse();
  }

  transactionView(id: number) {
    const row = this.rows.get(id);
    if (!row) throw new Error(`the model has no transaction ${id}`);
    const view = this.transactionViews(row.accountId).find((item) => item.id === id);
    if (!view) throw new Error(`transaction ${id} is not in its account's list`);
    return view;
  }

  /**
   * What GET /summary must answer without a range: one account in its currency, or (accountId
   * null) all the accounts in the reporting currency.
   */
  summaryView(accountId: number | null) {
    const scope =
      accountId === null
        ? [...this.accounts.values()].filter((account) => account.currency === this.currency)
        : [this.accounts.get(accountId)].filter((account) => account !== undefined);
    const currency = accountId === null ? this.currency : (scope[0]?.currency ?? '');
    const money = (minor: bigint) => formatMinor(minor, currencyDecimals(currency));
    const rows = scope.flatMap((account) => this.rowsOf(account.id));
    const counted = rows.filter((row) => row.type === 'income' || row.type === 'expense');
    const income = sum(counted, (row) => (row.type === 'income' ? row.amount : 0n));
    const expense = sum(counted, (row) => (row.type === 'expense' ? row.amount : 0n));
    const months = counted.map((row) => monthOf(row.date)).sort();
    const first = months[0];
    const last = months.at(-1);
    const categories = new Map<
      string,
      { categoryId: number | null; kind: RowType; rows: ModelRow[] }
    >();
    for (const row of counted) {
      const key = `${row.type}|${row.categoryId ?? 0}`;
      const group = categories.get(key) ?? { categoryId: row.categoryId, kind: row.type, rows: [] };
      group.rows.push(row);
      categories.set(key, group);
    }
    return {
      currency,
      accountId,
      balance: money(sum(rows, (row) => (row.date <= TODAY ? row.delta : 0n))),
      upcoming: {
        count: rows.filter((row) => row.date > TODAY).length,
        balance: money(sum(rows, (row) => row.delta)),
      },
      income: money(income),
      expense: money(expense),
      net: money(income - expense),
      byMonth:
        first && last
          ? monthsBetween(first, last).map((month) => {
              const inMonth = counted.filter((row) => monthOf(row.date) === month);
              return {
                month,
                income: money(sum(inMonth, (row) => (row.type === 'income' ? row.amount : 0n))),
                expense: money(sum(inMonth, (row) => (row.type === 'expense' ? row.amount : 0n))),
              };
            })
          : [],
      byCategory: [...categories.values()]
        .sort((a, b) => a.kind.localeCompare(b.kind) || (a.categoryId ?? 0) - (b.categoryId ?? 0))
        .map((group) => ({
          categoryId: group.categoryId,
          name:
            group.categoryId === null
              ? 'Uncategorised'
              : (this.categories.get(group.categoryId)?.name ??
                `missing category ${group.categoryId}`),
          kind: group.kind,
          total: money(sum(group.rows, (row) => row.amount)),
          count: group.rows.length,
        })),
      accounts: [...this.accounts.values()]
        .sort((a, b) => a.id - b.id)
        .map((account) => ({
          id: account.id,
          name: account.name,
          currency: account.currency,
          closed: account.closed,
          balance: this.accountView(account).balance,
        })),
    };
  }
}
