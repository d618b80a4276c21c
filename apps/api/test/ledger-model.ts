import { currencyDecimals, formatMinor, monthOf, monthsBetween } from '@moneta/schema';

/**
 * A small model of one user's ledger for the property tests: plain objects, BigInt amounts. The
 * tests let it decide what every write must answer and compare every view of the API with what
 * it computes from scratch.
 */

/** Today for a UTC user at TEST_NOW (build-test-app.ts). */
export const TODAY = '2026-12-01';

/** What a row of the model may be: a transfer row is one leg of a transfer. */
export type RowType = 'income' | 'expense' | 'opening' | 'transfer';

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
  /** The transfer the row is a leg of. */
  transferId: number | null;
  cleared: boolean;
  /** Covered by a reconciliation: its amount, date, type, account and cleared flag are locked. */
  locked: boolean;
}

/** Flags every new row starts with. */
export const FRESH = { transferId: null, cleared: false, locked: false } as const;

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
    transfers: [] as number[],
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

  /** A transfer's two legs, the one leaving its from account first; undefined when gone. */
  transferLegs(id: number): [ModelRow, ModelRow] | undefined {
    const legs = [...this.rows.values()].filter((row) => row.transferId === id);
    const from = legs.find((row) => row.delta < 0);
    const to = legs.find((row) => row.delta > 0);
    return from && to ? [from, to] : undefined;
  }

  transferIds(): number[] {
    const ids = [...this.rows.values()].flatMap((row) =>
      row.transferId === null ? [] : [row.transferId],
    );
    return [...new Set(ids)].sort((a, b) => a - b);
  }

  /** What the API must answer for the transfer (its rate aside). */
  transferView(id: number) {
    const legs = this.transferLegs(id);
    if (!legs) throw new Error(`the model has no transfer ${id}`);
    const side = (row: ModelRow) => {
      const account = this.accounts.get(row.accountId);
      if (!account) throw new Error(`transfer ${id} has a leg in a missing account`);
      return {
        accountId: row.accountId,
        currency: account.currency,
        amount: formatMinor(row.amount, account.decimals),
        transactionId: row.id,
        title: row.title,
        reconciled: row.locked,
      };
    };
    return { id, date: legs[0].date, description: null, from: side(legs[0]), to: side(legs[1]) };
  }

  /** A leg's `transfer` field: the other side, in its own currency. */
  private counterpart(row: ModelRow) {
    if (row.transferId === null) return null;
    const other = this.transferLegs(row.transferId)?.find((leg) => leg.id !== row.id);
    const account = other ? this.accounts.get(other.accountId) : undefined;
    if (!other || !account) throw new Error(`leg ${row.id} has no other side in the model`);
    return {
      id: row.transferId,
      direction: row.delta < 0 ? 'out' : 'in',
      accountId: other.accountId,
      amount: formatMinor(other.amount, account.decimals),
      currency: account.currency,
    };
  }

  /** The sum of the account's cleared rows up to the end of `date`: what a statement must say. */
  clearedBalance(accountId: number, date: string): bigint {
    return sum(
      this.rowsOf(accountId).filter((row) => row.cleared && row.date <= date),
      (row) => row.delta,
    );
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
          cleared: row.cleared,
          reconciled: row.locked,
          transfer: this.counterpart(row),
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
   * Net worth without any exchange rate: the balances per currency, the reporting one first; a
   * total only while no other currency holds a balance (it has no rate to convert it by).
   */
  netWorthView() {
    const byCurrency = new Map<string, bigint>();
    for (const account of this.accounts.values()) {
      const balance = sum(this.rowsOf(account.id), (row) => (row.date <= TODAY ? row.delta : 0n));
      byCurrency.set(account.currency, (byCurrency.get(account.currency) ?? 0n) + balance);
    }
    const currencies = [...byCurrency.keys()].sort((a, b) =>
      a === this.currency ? -1 : b === this.currency ? 1 : a.localeCompare(b),
    );
    const decimals = currencyDecimals(this.currency);
    const unconvertible = currencies.filter(
      (currency) => currency !== this.currency && byCurrency.get(currency) !== 0n,
    );
    return {
      currency: this.currency,
      asOf: TODAY,
      amount:
        unconvertible.length > 0
          ? null
          : formatMinor(byCurrency.get(this.currency) ?? 0n, decimals),
      missingRates: unconvertible.map((base) => ({ base, quote: this.currency })),
      byCurrency: currencies.map((currency) => {
        const balance = byCurrency.get(currency) ?? 0n;
        const own = currency === this.currency;
        return {
          currency,
          balance: formatMinor(balance, currencyDecimals(currency)),
          converted: own || balance === 0n ? formatMinor(own ? balance : 0n, decimals) : null,
          rate: null,
          rateDate: null,
        };
      }),
    };
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
      netWorth: this.netWorthView(),
    };
  }
}
