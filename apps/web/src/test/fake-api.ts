import { vi } from 'vitest';
import {
  MAX_DAILY_POINTS,
  MAX_FILLED_MONTHS,
  currencyDecimals,
  parseSignedAmount,
  type Account,
  type AccountKind,
  type ApiToken,
  type Category,
  type CsvInspection,
  type Import,
  type ImportResult,
  type Reconciliation,
  type ReconciliationPreview,
  type Summary,
  type Transaction,
  type User,
} from '@moneta/schema';
import {
  datesBetween,
  dayIndex,
  lastDayOfMonth,
  monthIndex,
  monthOf,
  monthsBetween,
} from '@moneta/schema/calendar';
import { fromMinor, toMinor } from '@/lib/money';

/**
 * An in-memory stand-in for the API behind `fetch`, with the real one's ordering and running
 * balances, so optimistic updates can be compared with what the server would say. Requests can
 * be held (to look at the optimistic state) or refused.
 */
export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

interface Hold {
  match: (call: Call) => boolean;
  release: Promise<void>;
}

const json = (status: number, body: unknown) =>
  new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** An account as the fake server stores it; balances and counts are worked out when asked. */
export type StoredAccount = Omit<Account, 'balance' | 'balanceWithUpcoming' | 'transactionCount'>;

type StoredRow = Omit<Transaction, 'balanceAfter' | 'cleared' | 'reconciled' | 'transfer'>;

export class FakeApi {
  user: User | null = {
    id: 1,
    username: 'alice',
    currency: 'USD',
    timeZone: 'UTC',
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  /** The server's "today" for the user: rows after it are upcoming. Far ahead unless a test says. */
  today = '9999-12-31';
  categories: Category[] = [
    { id: 1, name: 'Groceries', kind: 'expense', transactionCount: 0 },
    { id: 2, name: 'Rent', kind: 'expense', transactionCount: 0 },
    { id: 3, name: 'Salary', kind: 'income', transactionCount: 0 },
  ];
  rows: StoredRow[] = [];
  /** Every user starts with one account, the default, in the user's currency (as migration 0009). */
  accounts: StoredAccount[] = [
    {
      id: 1,
      name: 'Main account',
      kind: 'checking',
      currency: 'USD',
      onBudget: true,
      isDefault: true,
      openingBalance: '0.00',
      openingDate: '2026-01-01',
      closed: false,
      closedAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    },
  ];
  calls: Call[] = [];
  tokens: ApiToken[] = [];
  imports: Import[] = [];
  /** What /imports/inspect answers, whatever the file. */
  inspection: CsvInspection = { delimiter: ',', columns: [], sample: [], rows: 0 };
  /** What /imports answers (dryRun decides the status and whether an import is recorded). */
  importResult: Omit<ImportResult, 'dryRun' | 'import'> = {
    summary: { new: 0, duplicate: 0, error: 0 },
    rows: [],
  };
  private holds: Hold[] = [];
  private refusals: Array<{ match: (call: Call) => boolean; status: number; body: unknown }> = [];
  private outages: Array<{ match: (call: Call) => boolean; reached: boolean }> = [];
  /** Answers recorded by Idempotency-Key, replayed to a repeated request as the API does. */
  private answers = new Map<string, { status: number; body: unknown }>();
  private nextId = 1;
  private nextAccountId = 2;

  private account(id: number): StoredAccount {
    const found = this.accounts.find((a) => a.id === id);
    if (!found) throw new Error(`no account ${id} in the fake API`);
    return found;
  }

  /**
   * Opens an account as POST /accounts does: its opening balance is an `opening` row on the
   * opening date (none while it is 0).
   */
  openAccount(
    input: Partial<Omit<StoredAccount, 'id' | 'createdAt' | 'updatedAt'>> & { name: string },
  ): Account {
    const currency = input.currency ?? this.user?.currency ?? 'USD';
    const account: StoredAccount = {
      id: this.nextAccountId++,
      name: input.name,
      kind: input.kind ?? 'checking',
      currency,
      onBudget: input.onBudget ?? true,
      isDefault: false,
      openingBalance: input.openingBalance ?? fromMinor(0n, currency),
      openingDate: input.openingDate ?? (this.today === '9999-12-31' ? '2026-01-01' : this.today),
      closed: input.closed ?? false,
      closedAt: input.closed ? '2026-03-10T10:00:00.000Z' : null,
      createdAt: '2026-03-10T10:00:00.000Z',
      updatedAt: '2026-03-10T10:00:00.000Z',
    };
    this.accounts.push(account);
    if (input.isDefault) this.makeDefault(account.id);
    this.writeOpening(account);
    return this.accountList().find((a) => a.id === account.id) as Account;
  }

  private makeDefault(id: number): void {
    for (const account of this.accounts) account.isDefault = account.id === id;
  }

  private writeOpening(account: StoredAccount): void {
    this.rows = this.rows.filter(
      (row) => !(row.accountId === account.id && row.type === 'opening'),
    );
    const minor = toMinor(account.openingBalance, account.currency);
    if (minor === 0n) return;
    const amount = fromMinor(minor < 0n ? -minor : minor, account.currency);
    this.rows.push({
      id: this.nextId++,
      accountId: account.id,
      currency: account.currency,
      type: 'opening',
      amount,
      change: account.openingBalance,
      title: 'Opening balance',
      description: null,
      categoryId: null,
      date: account.openingDate,
      createdAt: '2026-03-10T10:00:00.000Z',
      updatedAt: '2026-03-10T10:00:00.000Z',
    });
  }

  /** Every account with its balance today, after every upcoming row, and its row count. */
  accountList(): Account[] {
    return this.accounts.map((account) => {
      const rows = this.rows.filter((row) => row.accountId === account.id);
      const sum = (list: StoredRow[]) =>
        fromMinor(
          list.reduce((total, row) => total + signedMinor(row, account.currency), 0n),
          account.currency,
        );
      return {
        ...account,
        balance: sum(rows.filter((row) => row.date <= this.today)),
        balanceWithUpcoming: sum(rows),
        transactionCount: rows.filter((row) => row.type !== 'opening').length,
      };
    });
  }

  add(
    row: Partial<Omit<Transaction, 'id' | 'balanceAfter' | 'currency'>> & { amount: string },
  ): Transaction {
    const type: 'income' | 'expense' = row.type === 'income' ? 'income' : 'expense';
    const account = this.account(row.accountId ?? this.defaultAccount().id);
    const created = {
      id: this.nextId++,
      accountId: account.id,
      currency: account.currency,
      type,
      amount: row.amount,
      change: type === 'income' ? row.amount : `-${row.amount}`,
      title: row.title ?? 'Something',
      description: row.description ?? null,
      categoryId: row.categoryId ?? null,
      date: row.date ?? '2026-03-10',
      createdAt: '2026-03-10T10:00:00.000Z',
      updatedAt: '2026-03-10T10:00:00.000Z',
    };
    this.rows.push(created);
    return this.withBalance().find((t) => t.id === created.id) as Transaction;
  }

  private defaultAccount(): StoredAccount {
    const found = this.accounts.find((a) => a.isDefault);
    if (!found) throw new Error('the fake API has no default account');
    return found;
  }

  /**
   * Every row with its running balance (its account's, in (date, id) order), newest first. The
   * signed change of income and expense follows their type and amount, as the server keeps it.
   */
  withBalance(): Transaction[] {
    const chronological = [...this.rows].sort((a, b) =>
      a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1,
    );
    const balances = new Map<number, bigint>();
    const result = chronological.map((row) => {
      const { currency } = this.account(row.accountId);
      const change = signedMinor(row, currency);
      const balance = (balances.get(row.accountId) ?? 0n) + change;
      balances.set(row.accountId, balance);
      return {
        ...row,
        currency,
        change: fromMinor(change, currency),
        balanceAfter: fromMinor(balance, currency),
        cleared: this.cleared.has(row.id),
        reconciled: this.reconciledBy.has(row.id),
        transfer: null,
      };
    });
    return result.reverse();
  }

  private netWorth(): Summary['netWorth'] {
    const sums = new Map<string, bigint>();
    for (const account of this.accountList()) {
      sums.set(
        account.currency,
        (sums.get(account.currency) ?? 0n) + toMinor(account.balance, account.currency),
      );
    }
    const usd = fromMinor(sums.get('USD') ?? 0n, 'USD');
    const others = [...sums].filter(([code, sum]) => code !== 'USD' && sum !== 0n);
    return {
      currency: 'USD',
      asOf: this.today,
      amount: others.length > 0 ? null : usd,
      missingRates: others.map(([code]) => ({ base: code, quote: 'USD' })),
      byCurrency: [...sums].map(([code, sum]) => ({
        currency: code,
        balance: fromMinor(sum, code),
        converted: code === 'USD' ? fromMinor(sum, code) : sum === 0n ? '0.00' : null,
        rate: null,
        rateDate: null,
      })),
    };
  }

  /**
   * The server's summary: of one account in its currency, or of all the accounts in the user's
   * (reporting) currency; `accounts` lists every account's balance today.
   */
  summary(from?: string, to?: string, accountId?: number): Summary {
    const currency =
      accountId === undefined ? (this.user?.currency ?? 'USD') : this.account(accountId).currency;
    const scope = new Set(
      this.accounts
        .filter((a) => (accountId === undefined ? a.currency === currency : a.id === accountId))
        .map((a) => a.id),
    );
    const all = this.withBalance().filter((t) => scope.has(t.accountId));
    const total = (rows: Transaction[]) =>
      fromMinor(
        rows.reduce((sum, row) => sum + toMinor(row.change, currency), 0n),
        currency,
      );
    const final = total(all);
    const upcoming = all.filter((t) => t.date > this.today);
    const balance = total(all.filter((t) => t.date <= this.today));
    const inRange = all.filter((t) => (!from || t.date >= from) && (!to || t.date <= to));
    let income = 0n;
    let expense = 0n;
    const byCategory = new Map<string, Summary['byCategory'][number] & { minor: bigint }>();
    const byMonth = new Map<string, { income: bigint; expense: bigint }>();
    for (const t of inRange) {
      if (t.type !== 'income' && t.type !== 'expense') continue;
      const amount = toMinor(t.amount, currency);
      if (t.type === 'income') income += amount;
      else expense += amount;
      const key = `${t.categoryId ?? ''}|${t.type}`;
      const entry = byCategory.get(key) ?? {
        categoryId: t.categoryId,
        name:
          t.categoryId === null
            ? 'Uncategorised'
            : (this.categories.find((c) => c.id === t.categoryId)?.name ?? 'Unknown'),
        kind: t.type,
        total: fromMinor(0n, currency),
        count: 0,
        minor: 0n,
      };
      entry.minor += amount;
      entry.count += 1;
      entry.total = fromMinor(entry.minor, currency);
      byCategory.set(key, entry);
      const month = byMonth.get(t.date.slice(0, 7)) ?? { income: 0n, expense: 0n };
      month[t.type] += amount;
      byMonth.set(t.date.slice(0, 7), month);
    }
    return {
      currency,
      accountId: accountId ?? null,
      // Net worth is of every account, whatever the summary's scope (the fake has no rates).
      netWorth: this.netWorth(),
      accounts: this.accountList().map((a) => ({
        id: a.id,
        name: a.name,
        currency: a.currency,
        closed: a.closed,
        balance: a.balance,
      })),
      from: from ?? null,
      to: to ?? null,
      balance,
      asOf: this.today,
      upcoming: { count: upcoming.length, balance: final },
      income: fromMinor(income, currency),
      expense: fromMinor(expense, currency),
      net: fromMinor(income - expense, currency),
      byCategory: [...byCategory.values()]
        // The API's order: total (largest first), then count (fewest first); exact ties as grouped.
        .sort((a, b) => (a.minor === b.minor ? a.count - b.count : a.minor > b.minor ? -1 : 1))
        .map(({ minor: _minor, ...entry }) => entry),
      byMonth: filledMonths(byMonth).map(([month, v]) => ({
        month,
        income: fromMinor(v.income, currency),
        expense: fromMinor(v.expense, currency),
      })),
      balanceOverTime: this.balanceOverTime(all, currency, total, from, to),
    };
  }

  /** The server's balance line: the sum of the accounts' changes up to each point. */
  private balanceOverTime(
    all: Transaction[],
    currency: string,
    total: (rows: Transaction[]) => string,
    from?: string,
    to?: string,
  ): Summary['balanceOverTime'] {
    const dates = all.map((t) => t.date).sort();
    const lastDate = dates.at(-1);
    const start = from ?? dates[0];
    const end = to ?? (lastDate && lastDate > this.today ? lastDate : this.today);
    const zero = fromMinor(0n, currency);
    if (start === undefined || start > end) return { opening: zero, step: 'day', points: [] };
    const at = (date: string) => total(all.filter((t) => t.date <= date));
    const daily = dayIndex(end) - dayIndex(start) + 1 <= MAX_DAILY_POINTS;
    // Like the server: past MAX_FILLED_MONTHS, only the months with transactions get a point.
    const months =
      monthIndex(monthOf(end)) - monthIndex(monthOf(start)) + 1 > MAX_FILLED_MONTHS
        ? [...new Set(dates.filter((d) => d >= start && d <= end).map(monthOf))]
        : monthsBetween(monthOf(start), monthOf(end));
    const pointDates = daily
      ? datesBetween(start, end)
      : months.map((month) => (lastDayOfMonth(month) < end ? lastDayOfMonth(month) : end));
    return {
      opening: total(all.filter((t) => t.date < start)),
      step: daily ? 'day' : 'month',
      points: pointDates.map((date) => ({ date, balance: at(date) })),
    };
  }

  /** The next matching request waits until the returned function is called. */
  hold(method: string, path: string | RegExp): () => void {
    const gate = deferred();
    this.holds.push({
      match: (call) =>
        call.method === method &&
        (typeof path === 'string' ? call.path === path : path.test(call.path)),
      release: gate.promise,
    });
    return gate.resolve;
  }

  /** The next matching request is answered with this problem. */
  refuse(method: string, path: string, status: number, body: unknown): void {
    this.refusals.push({
      match: (call) => call.method === method && call.path === path,
      status,
      body,
    });
  }

  /**
   * The next matching request fails as fetch does when the network is down (TypeError). With
   * `reached`, the server handles it first and only the answer is lost on the way back.
   */
  failNetwork(method: string, path: string, options: { reached?: boolean } = {}): void {
    this.outages.push({
      match: (call) => call.method === method && call.path === path,
      reached: options.reached ?? false,
    });
  }

  callsTo(method: string, path?: string | RegExp): Call[] {
    return this.calls.filter(
      (call) =>
        call.method === method &&
        (path === undefined ||
          (typeof path === 'string' ? call.path === path : path.test(call.path))),
    );
  }

  install(): this {
    vi.stubGlobal(
      'fetch',
      vi.fn((input: string, init?: RequestInit) => this.handle(input, init)),
    );
    return this;
  }

  private async handle(input: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input, 'http://localhost');
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname.replace('/api/v1', ''),
      query: url.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: Object.fromEntries(
        Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [
          k.toLowerCase(),
          v,
        ]),
      ),
    };
    this.calls.push(call);
    const holdIndex = this.holds.findIndex((h) => h.match(call));
    if (holdIndex !== -1) {
      const [hold] = this.holds.splice(holdIndex, 1);
      await hold?.release;
    }
    const outageIndex = this.outages.findIndex((o) => o.match(call));
    if (outageIndex !== -1) {
      const [outage] = this.outages.splice(outageIndex, 1);
      if (outage?.reached) await this.answer(call);
      throw new TypeError('Failed to fetch');
    }
    const refusalIndex = this.refusals.findIndex((r) => r.match(call));
    if (refusalIndex !== -1) {
      const [refusal] = this.refusals.splice(refusalIndex, 1);
      return json(refusal?.status ?? 400, refusal?.body);
    }
    return this.answer(call);
  }

  private async answer(call: Call): Promise<Response> {
    const key = call.headers['idempotency-key'];
    const recorded = key === undefined ? undefined : this.answers.get(key);
    if (recorded) return json(recorded.status, recorded.body);
    const response = this.route(call);
    if (key !== undefined && response.ok) {
      const body: unknown = await response.clone().json();
      this.answers.set(key, { status: response.status, body });
    }
    return response;
  }

  private route(call: Call): Response {
    const { method, path, query } = call;
    if (path === '/auth/me') return this.user ? json(200, this.user) : json(401, problem(401));
    if (!this.user) return json(401, problem(401));
    if (method === 'GET' && path === '/categories') return json(200, { items: this.categories });
    const accountParam = query.get('accountId');
    const scopedAccount = accountParam === null ? undefined : Number(accountParam);
    if (scopedAccount !== undefined && !this.accounts.some((a) => a.id === scopedAccount)) {
      return json(404, problem(404));
    }
    if (method === 'GET' && path === '/summary') {
      return json(
        200,
        this.summary(query.get('from') ?? undefined, query.get('to') ?? undefined, scopedAccount),
      );
    }
    const reconciling = this.routeReconciliation(call);
    if (reconciling) return reconciling;
    if (path === '/accounts' || path.startsWith('/accounts/')) return this.routeAccounts(call);
    if (method === 'GET' && path === '/transactions') {
      const q = query.get('q')?.toLowerCase();
      let items = this.withBalance().filter(
        (t) =>
          (scopedAccount === undefined || t.accountId === scopedAccount) &&
          (!query.get('type') || t.type === query.get('type')) &&
          (!query.get('categoryId') || t.categoryId === Number(query.get('categoryId'))) &&
          (!query.get('from') || t.date >= (query.get('from') ?? '')) &&
          (!query.get('to') || t.date <= (query.get('to') ?? '')) &&
          (!q ||
            t.title.toLowerCase().includes(q) ||
            (t.description ?? '').toLowerCase().includes(q)),
      );
      const cursor = query.get('cursor');
      if (cursor) items = items.slice(Number(cursor));
      const limit = Number(query.get('limit') ?? 50);
      const offset = Number(cursor ?? 0);
      return json(200, {
        items: items.slice(0, limit),
        nextCursor: items.length > limit ? String(offset + limit) : null,
      });
    }
    if (method === 'GET' && path === '/tokens') return json(200, { items: this.tokens });
    if (method === 'POST' && path === '/tokens') {
      const body = call.body as { name: string; expiresAt?: string };
      const token: ApiToken = {
        id: this.nextId++,
        name: body.name,
        prefix: 'mnt_abcd',
        createdAt: '2026-03-10T10:00:00.000Z',
        lastUsedAt: null,
        expiresAt: body.expiresAt ? `${body.expiresAt}T00:00:00.000Z` : null,
      };
      this.tokens.push(token);
      return json(201, { ...token, token: `mnt_abcd${'x'.repeat(39)}` });
    }
    const tokenMatch = /^\/tokens\/(\d+)$/.exec(path);
    if (method === 'DELETE' && tokenMatch) {
      this.tokens = this.tokens.filter((token) => token.id !== Number(tokenMatch[1]));
      return new Response(null, { status: 204 });
    }
    if (method === 'POST' && path === '/imports/inspect') return json(200, this.inspection);
    if (method === 'POST' && path === '/imports') {
      const dryRun = query.get('dryRun') === 'true';
      let recorded: Import | null = null;
      if (!dryRun) {
        recorded = {
          id: this.nextId++,
          accountId: 1,
          filename: query.get('filename'),
          inserted: this.importResult.summary.new,
          duplicates: this.importResult.summary.duplicate,
          errors: this.importResult.summary.error,
          createdAt: '2026-03-10T10:00:00.000Z',
        };
        this.imports.unshift(recorded);
      }
      return json(dryRun ? 200 : 201, { ...this.importResult, dryRun, import: recorded });
    }
    if (method === 'GET' && path === '/imports') return json(200, { items: this.imports });
    const importMatch = /^\/imports\/(\d+)$/.exec(path);
    if (method === 'DELETE' && importMatch) {
      this.imports = this.imports.filter((item) => item.id !== Number(importMatch[1]));
      return new Response(null, { status: 204 });
    }
    if (method === 'POST' && path === '/transactions') {
      const body = call.body as Omit<
        Transaction,
        'id' | 'balanceAfter' | 'createdAt' | 'updatedAt' | 'currency'
      >;
      const refused = this.refuseWrite(body.accountId);
      if (refused) return refused;
      return json(201, this.add(body));
    }
    const match = /^\/transactions\/(\d+)$/.exec(path);
    if (match) {
      const id = Number(match[1]);
      const index = this.rows.findIndex((row) => row.id === id);
      const existing = this.rows[index];
      if (!existing) return json(404, problem(404));
      if (existing.type === 'opening' && method !== 'GET') {
        return json(409, problem(409, 'This is the opening balance of its account.'));
      }
      if (method === 'DELETE') {
        this.rows.splice(index, 1);
        return new Response(null, { status: 204 });
      }
      if (method === 'PATCH') {
        const changes = call.body as Partial<Transaction>;
        if (changes.accountId !== undefined && changes.accountId !== existing.accountId) {
          const refused = this.refuseWrite(changes.accountId);
          if (refused) return refused;
          const target = this.account(changes.accountId);
          const from = this.account(existing.accountId);
          if (target.currency !== from.currency && changes.amount === undefined) {
            return json(
              400,
              problem(400, 'The request is not valid.', [
                {
                  path: 'accountId',
                  message: `"${target.name}" is in ${target.currency}, not ${from.currency}: send the amount in ${target.currency} with it`,
                },
              ]),
            );
          }
        }
        this.rows[index] = { ...existing, ...changes };
        return json(
          200,
          this.withBalance().find((t) => t.id === id),
        );
      }
    }
    return json(404, problem(404));
  }

  /*
   * Reconciliation: cleared flags, the locks a reconciliation puts on rows, the preview against a
   * statement, and PATCH `cleared` / `reconciled: false` on any row, as the API has them.
   */

  /** Rows seen on a statement. */
  cleared = new Set<number>();
  /** Locked rows, by the reconciliation that locked them. */
  reconciledBy = new Map<number, number>();
  reconciliations: Array<Omit<Reconciliation, 'reconciledCount'>> = [];

  /** Marks rows as the API would after PATCH cleared / a reconciliation (for test setup). */
  setFlags(id: number, flags: { cleared?: boolean; reconciled?: boolean }): void {
    if (flags.cleared === true) this.cleared.add(id);
    if (flags.cleared === false) this.cleared.delete(id);
    if (flags.reconciled === true) {
      this.cleared.add(id);
      this.reconciledBy.set(id, 0);
    }
    if (flags.reconciled === false) this.reconciledBy.delete(id);
  }

  /** What GET /accounts/:id/reconciliation answers. */
  reconciliationPreview(
    accountId: number,
    date: string,
    statementBalance: string | null,
  ): ReconciliationPreview {
    const { currency } = this.account(accountId);
    const upTo = this.rows.filter((row) => row.accountId === accountId && row.date <= date);
    const sum = (rows: StoredRow[]) =>
      rows.reduce((total, row) => total + signedMinor(row, currency), 0n);
    const cleared = sum(upTo.filter((row) => this.cleared.has(row.id)));
    const statement = statementBalance === null ? null : toMinor(statementBalance, currency);
    const last = this.reconciliationsOf(accountId)[0];
    return {
      accountId,
      currency,
      date,
      clearedBalance: fromMinor(cleared, currency),
      balance: fromMinor(sum(upTo), currency),
      statementBalance: statement === null ? null : fromMinor(statement, currency),
      difference: statement === null ? null : fromMinor(statement - cleared, currency),
      unclearedCount: upTo.filter((row) => !this.cleared.has(row.id)).length,
      lastReconciliation: last
        ? {
            id: last.id,
            date: last.date,
            statementBalance: last.statementBalance,
            createdAt: last.createdAt,
          }
        : null,
    };
  }

  private reconciliationsOf(accountId: number): Reconciliation[] {
    return this.reconciliations
      .filter((r) => r.accountId === accountId)
      .map((r) => ({
        ...r,
        reconciledCount: [...this.reconciledBy.values()].filter((id) => id === r.id).length,
      }))
      .sort((a, b) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1));
  }

  private routeReconciliation(call: Call): Response | null {
    const { method, path, query } = call;
    const previewMatch = /^\/accounts\/(\d+)\/(reconciliation|reconciliations)$/.exec(path);
    if (previewMatch) {
      const account = this.accounts.find((a) => a.id === Number(previewMatch[1]));
      if (!account) return json(404, problem(404));
      const balanceProblem = (text: string) => {
        const parsed = parseSignedAmount(text, currencyDecimals(account.currency));
        return parsed.ok
          ? null
          : json(
              400,
              problem(400, 'The request is not valid.', [
                { path: 'statementBalance', message: parsed.message },
              ]),
            );
      };
      if (previewMatch[2] === 'reconciliation' && method === 'GET') {
        const balance = query.get('statementBalance');
        const refused = balance === null ? null : balanceProblem(balance);
        if (refused) return refused;
        return json(
          200,
          this.reconciliationPreview(account.id, query.get('date') ?? this.today, balance),
        );
      }
      if (previewMatch[2] === 'reconciliations' && method === 'GET') {
        return json(200, { items: this.reconciliationsOf(account.id) });
      }
      if (previewMatch[2] === 'reconciliations' && method === 'POST') {
        const body = call.body as { date: string; statementBalance: string };
        const refused = balanceProblem(body.statementBalance);
        if (refused) return refused;
        const preview = this.reconciliationPreview(account.id, body.date, body.statementBalance);
        if (preview.difference !== null && toMinor(preview.difference, account.currency) !== 0n) {
          return json(
            409,
            problem(
              409,
              `The statement differs from the cleared balance by ${preview.difference} ${account.currency}: clear or correct rows until the difference is 0.`,
              [
                {
                  path: 'statementBalance',
                  message: `differs from the cleared balance by ${preview.difference}`,
                },
              ],
            ),
          );
        }
        const created = {
          id: this.nextId++,
          accountId: account.id,
          date: body.date,
          statementBalance: preview.statementBalance ?? body.statementBalance,
          createdAt: '2026-03-12T10:00:00.000Z',
        };
        this.reconciliations.push(created);
        for (const row of this.rows) {
          if (
            row.accountId === account.id &&
            row.date <= body.date &&
            this.cleared.has(row.id) &&
            !this.reconciledBy.has(row.id)
          ) {
            this.reconciledBy.set(row.id, created.id);
          }
        }
        return json(
          201,
          this.reconciliationsOf(account.id).find((r) => r.id === created.id),
        );
      }
      return null;
    }
    const rowMatch = /^\/transactions\/(\d+)$/.exec(path);
    if (!rowMatch || (method !== 'PATCH' && method !== 'DELETE')) return null;
    const id = Number(rowMatch[1]);
    if (!this.rows.some((row) => row.id === id)) return null;
    const locked = this.reconciledBy.has(id);
    if (method === 'DELETE') {
      return locked
        ? json(
            409,
            problem(
              409,
              'This transaction is reconciled: unlock it first (PATCH with "reconciled": false), then delete it.',
            ),
          )
        : null;
    }
    const body = call.body as Record<string, unknown>;
    const locking =
      body.amount !== undefined ||
      body.date !== undefined ||
      body.type !== undefined ||
      body.accountId !== undefined ||
      body.cleared === false;
    if (locked && locking && body.reconciled !== false) {
      return json(
        409,
        problem(
          409,
          'This transaction is reconciled: its amount, date, type, account and cleared flag are locked. Send "reconciled": false with the change to unlock it.',
          [{ path: 'reconciled', message: 'is locked by a reconciliation' }],
        ),
      );
    }
    if (body.reconciled === false) this.reconciledBy.delete(id);
    if (body.cleared === true) this.cleared.add(id);
    if (body.cleared === false) this.cleared.delete(id);
    // Flags alone: answered here, for any row (an opening balance too, as the API does).
    if (Object.keys(body).every((key) => key === 'cleared' || key === 'reconciled')) {
      return json(
        200,
        this.withBalance().find((t) => t.id === id),
      );
    }
    return null;
  }

  /** Where a write may not go: another user's (unknown) account, or a closed one. */
  private refuseWrite(accountId: number | undefined): Response | null {
    if (accountId === undefined) return null;
    const account = this.accounts.find((a) => a.id === accountId);
    const message = !account
      ? 'is not one of your accounts'
      : account.closed
        ? `"${account.name}" is closed`
        : null;
    return message === null
      ? null
      : json(400, problem(400, 'The request is not valid.', [{ path: 'accountId', message }]));
  }

  private routeAccounts(call: Call): Response {
    const { method, path } = call;
    if (path === '/accounts') {
      if (method === 'GET') return json(200, { items: this.accountList() });
      if (method === 'POST') {
        const body = call.body as {
          name: string;
          kind?: AccountKind;
          currency?: string;
          onBudget?: boolean;
          openingBalance?: string;
          openingDate?: string;
          isDefault?: true;
        };
        if (this.nameTaken(body.name)) return nameTaken();
        const currency = body.currency ?? this.user?.currency ?? 'USD';
        return json(
          201,
          this.openAccount({
            ...body,
            currency,
            ...(body.openingBalance !== undefined
              ? { openingBalance: fromMinor(toMinor(body.openingBalance, currency), currency) }
              : {}),
          }),
        );
      }
    }
    const match = /^\/accounts\/(\d+)$/.exec(path);
    const account = match ? this.accounts.find((a) => a.id === Number(match[1])) : undefined;
    if (!account) return json(404, problem(404));
    const listed = () => this.accountList().find((a) => a.id === account.id);
    if (method === 'GET') return json(200, listed());
    const count = this.rows.filter(
      (r) => r.accountId === account.id && r.type !== 'opening',
    ).length;
    if (method === 'DELETE') {
      if (account.isDefault) {
        return json(
          409,
          problem(
            409,
            'The default account cannot be deleted: make another account the default first.',
          ),
        );
      }
      if (count > 0) {
        return json(
          409,
          problem(
            409,
            'This account has transactions: close it instead (its history is kept), or delete or move them first.',
          ),
        );
      }
      this.rows = this.rows.filter((r) => r.accountId !== account.id);
      this.accounts = this.accounts.filter((a) => a.id !== account.id);
      return new Response(null, { status: 204 });
    }
    if (method === 'PATCH') {
      const body = call.body as Partial<
        Pick<
          StoredAccount,
          'name' | 'kind' | 'currency' | 'onBudget' | 'openingBalance' | 'openingDate' | 'closed'
        >
      > & { isDefault?: true };
      if (body.name !== undefined && this.nameTaken(body.name, account.id)) return nameTaken();
      if (body.closed && (account.isDefault || body.isDefault)) {
        return json(
          409,
          problem(
            409,
            'The default account cannot be closed: make another account the default first.',
            [{ path: 'closed', message: 'make another account the default first' }],
          ),
        );
      }
      if (body.currency !== undefined && body.currency !== account.currency && count > 0) {
        return json(
          409,
          problem(
            409,
            'The currency of an account with transactions cannot change: its amounts are in it.',
            [{ path: 'currency', message: 'cannot change once the account has transactions' }],
          ),
        );
      }
      const { isDefault, closed, ...rest } = body;
      Object.assign(account, rest, { updatedAt: '2026-03-11T10:00:00.000Z' });
      if (body.openingBalance !== undefined) {
        account.openingBalance = fromMinor(
          toMinor(body.openingBalance, account.currency),
          account.currency,
        );
      }
      if (closed !== undefined) {
        account.closed = closed;
        account.closedAt = closed ? '2026-03-11T10:00:00.000Z' : null;
      }
      if (isDefault) this.makeDefault(account.id);
      if (
        body.openingBalance !== undefined ||
        body.openingDate !== undefined ||
        body.currency !== undefined
      ) {
        this.writeOpening(account);
      }
      return json(200, listed());
    }
    return json(404, problem(404));
  }

  private nameTaken(name: string, except?: number): boolean {
    const key = name.trim().toLowerCase();
    return this.accounts.some((a) => a.id !== except && a.name.toLowerCase() === key);
  }
}

function nameTaken(): Response {
  return json(
    409,
    problem(409, 'You already have an account with that name.', [
      { path: 'name', message: 'You already have an account with this name.' },
    ]),
  );
}

/** A row's signed change in minor units: income adds, expense takes away, others carry it. */
function signedMinor(
  row: Pick<Transaction, 'type' | 'amount' | 'change'>,
  currency: string,
): bigint {
  if (row.type === 'income') return toMinor(row.amount, currency);
  if (row.type === 'expense') return -toMinor(row.amount, currency);
  return toMinor(row.change, currency);
}

/** The API's months: first to last with data, empty ones as zero (spans of at most 600). */
function filledMonths(
  months: Map<string, { income: bigint; expense: bigint }>,
): Array<[string, { income: bigint; expense: bigint }]> {
  const keys = [...months.keys()].sort();
  const first = keys[0];
  const last = keys.at(-1);
  if (!first || !last) return [];
  // Like the server: past MAX_FILLED_MONTHS, only the months with transactions.
  const filled =
    monthIndex(last) - monthIndex(first) + 1 > MAX_FILLED_MONTHS
      ? keys
      : monthsBetween(first, last);
  return filled.map((key) => [key, months.get(key) ?? { income: 0n, expense: 0n }]);
}

function problem(
  status: number,
  detail?: string,
  errors?: Array<{ path: string; message: string }>,
) {
  return {
    type: 'about:blank',
    title: String(status),
    status,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}
