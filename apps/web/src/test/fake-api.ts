import { vi } from 'vitest';
import {
  MAX_DAILY_POINTS,
  MAX_FILLED_MONTHS,
  type ApiToken,
  type Category,
  type CsvInspection,
  type Import,
  type ImportResult,
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
  rows: Array<Omit<Transaction, 'balanceAfter'>> = [];
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

  add(row: Partial<Omit<Transaction, 'id' | 'balanceAfter'>> & { amount: string }): Transaction {
    const type: 'income' | 'expense' = row.type === 'income' ? 'income' : 'expense';
    const created = {
      id: this.nextId++,
      accountId: 1,
      currency: 'USD',
      type,
      amount: row.amount,
      change: type === 'income' ? row.amount : `-${row.amount}`,
      cleared: false,
      reconciled: false,
      transfer: null,
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

  /** Every row with its running balance, newest first. */
  withBalance(): Transaction[] {
    const chronological = [...this.rows].sort((a, b) =>
      a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1,
    );
    let balance = 0n;
    const result = chronological.map((row) => {
      const amount = toMinor(row.amount, 'USD');
      balance += row.type === 'income' ? amount : -amount;
      return { ...row, balanceAfter: fromMinor(balance, 'USD') };
    });
    return result.reverse();
  }

  summary(from?: string, to?: string): Summary {
    const all = this.withBalance();
    const final = all[0]?.balanceAfter ?? '0.00';
    const upcoming = all.filter((t) => t.date > this.today);
    const balance = all.find((t) => t.date <= this.today)?.balanceAfter ?? '0.00';
    const inRange = all.filter((t) => (!from || t.date >= from) && (!to || t.date <= to));
    let income = 0n;
    let expense = 0n;
    const byCategory = new Map<string, Summary['byCategory'][number] & { minor: bigint }>();
    const byMonth = new Map<string, { income: bigint; expense: bigint }>();
    for (const t of inRange) {
      const amount = toMinor(t.amount, 'USD');
      if (t.type !== 'income' && t.type !== 'expense') continue;
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
        total: '0.00',
        count: 0,
        minor: 0n,
      };
      entry.minor += amount;
      entry.count += 1;
      entry.total = fromMinor(entry.minor, 'USD');
      byCategory.set(key, entry);
      const month = byMonth.get(t.date.slice(0, 7)) ?? { income: 0n, expense: 0n };
      month[t.type] += amount;
      byMonth.set(t.date.slice(0, 7), month);
    }
    return {
      currency: 'USD',
      accountId: null,
      netWorth: {
        currency: 'USD',
        asOf: this.today,
        amount: balance,
        missingRates: [],
        byCurrency: [{ currency: 'USD', balance, converted: balance, rate: null, rateDate: null }],
      },
      accounts: [{ id: 1, name: 'Main account', currency: 'USD', closed: false, balance }],
      from: from ?? null,
      to: to ?? null,
      balance,
      asOf: this.today,
      upcoming: { count: upcoming.length, balance: final },
      income: fromMinor(income, 'USD'),
      expense: fromMinor(expense, 'USD'),
      net: fromMinor(income - expense, 'USD'),
      byCategory: [...byCategory.values()]
        // The API's order: total (largest first), then count (fewest first); exact ties as grouped.
        .sort((a, b) => (a.minor === b.minor ? a.count - b.count : a.minor > b.minor ? -1 : 1))
        .map(({ minor: _minor, ...entry }) => entry),
      byMonth: filledMonths(byMonth).map(([month, v]) => ({
        month,
        income: fromMinor(v.income, 'USD'),
        expense: fromMinor(v.expense, 'USD'),
      })),
      balanceOverTime: this.balanceOverTime(all, from, to),
    };
  }

  /** The server's balance line, read off the running balances (`all` is newest first). */
  private balanceOverTime(
    all: Transaction[],
    from?: string,
    to?: string,
  ): Summary['balanceOverTime'] {
    const dates = all.map((t) => t.date).sort();
    const lastDate = dates.at(-1);
    const start = from ?? dates[0];
    const end = to ?? (lastDate && lastDate > this.today ? lastDate : this.today);
    if (start === undefined || start > end) return { opening: '0.00', step: 'day', points: [] };
    const at = (date: string) => all.find((t) => t.date <= date)?.balanceAfter ?? '0.00';
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
      opening: all.find((t) => t.date < start)?.balanceAfter ?? '0.00',
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
    if (method === 'GET' && path === '/summary') {
      return json(200, this.summary(query.get('from') ?? undefined, query.get('to') ?? undefined));
    }
    if (method === 'GET' && path === '/transactions') {
      const q = query.get('q')?.toLowerCase();
      let items = this.withBalance().filter(
        (t) =>
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
        'id' | 'balanceAfter' | 'createdAt' | 'updatedAt'
      >;
      return json(201, this.add(body));
    }
    const match = /^\/transactions\/(\d+)$/.exec(path);
    if (match) {
      const id = Number(match[1]);
      const index = this.rows.findIndex((row) => row.id === id);
      if (index === -1) return json(404, problem(404));
      if (method === 'DELETE') {
        this.rows.splice(index, 1);
        return new Response(null, { status: 204 });
      }
      if (method === 'PATCH') {
        this.rows[index] = {
          ...(this.rows[index] as Transaction),
          ...(call.body as Partial<Transaction>),
        };
        return json(
          200,
          this.withBalance().find((t) => t.id === id),
        );
      }
    }
    return json(404, problem(404));
  }
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

function problem(status: number) {
  return { type: 'about:blank', title: String(status), status };
}
