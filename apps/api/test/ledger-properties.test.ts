import fc from 'fast-check';
import type Database from 'better-sqlite3';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, describe, it } from 'vitest';
import {
  currencyDecimals,
  formatMinor,
  type Account,
  type Category,
  type ImportResult,
  type Reconciliation,
  type Summary,
  type Transaction,
  type TransactionPage,
  type Transfer,
} from '@moneta/schema';
import { buildTestApp, registerUser, type Session } from './build-test-app.js';
import { expectStatus } from './expect-status.js';
import {
  FRESH,
  LedgerModel,
  TODAY,
  type ModelAccount,
  type ModelCategory,
  type ModelRow,
} from './ledger-model.js';
import { checkBalances, checkMonthlyTotals, HEAVY } from './reliability/ledger.js';

/**
 * Random sequences of every kind of ledger write (transfers and reconciliations included),
 * through the HTTP API, for one user with accounts in USD (2 decimals), JPY (0) and KWD (3). A
 * model of the user's data decides what each write must answer (its status, and the field a 400
 * names); after every step the stored running balances and monthly totals must equal a fresh
 * computation over the rows, every view of the API (balances and net worth included) must equal
 * the model's, and a second user's data must not have changed at all.
 *
 * To add a kind of write, add an `operation(...)` to OPERATIONS: its arguments as an
 * arbitrary, and a run that sends the request, says what the model expects, and updates the model.
 */

const RUNS = HEAVY ? 300 : 30;
const MAX_STEPS = HEAVY ? 80 : 25;
const TIME_LIMIT_MS = HEAVY ? 3_000_000 : 240_000;
/** MONETA_LEDGER_TALLY=1 prints how often each write answered each way: what the runs reached. */
const TALLY = process.env.MONETA_LEDGER_TALLY === '1' ? new Map<string, number>() : undefined;

/** An id no one has: it must answer exactly as a deleted or another user's id does. */
const NEVER_ID = 2_000_000_000;

/** Dates around TEST_NOW (2026-12-01): four months, month edges, today and the future. */
const DATES = [
  '2026-10-01',
  '2026-10-15',
  '2026-10-31',
  '2026-11-01',
  '2026-11-15',
  '2026-11-30',
  '2026-12-01',
  '2026-12-02',
  '2026-12-31',
  '2027-01-15',
] as const;
const dateArb = fc.constantFrom(...DATES);
const typeArb = fc.constantFrom('income' as const, 'expense' as const);
/** Few titles and amounts, so imports meet duplicates of earlier rows. */
const titleArb = fc.constantFrom('Coffee', 'Rent', 'Refund');

/**
 * An amount as minor units written with `scale` decimals; null: the account's own. More decimals
 * than the account's currency has are refused ("12.50" in JPY, "1.234" in USD); fewer are fine
 * ("12" in KWD is 12.000).
 */
interface AmountSpec {
  minor: number;
  scale: number | null;
}
const scaleArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom(0, 2, 3, 4) },
);
const amountArb: fc.Arbitrary<AmountSpec> = fc.record({
  minor: fc.oneof(fc.constantFrom(1, 500, 1250), fc.integer({ min: 1, max: 999_999 })),
  scale: scaleArb,
});
const openingArb: fc.Arbitrary<AmountSpec> = fc.record({
  minor: fc.oneof(fc.constant(0), fc.integer({ min: -99_999, max: 99_999 })),
  scale: scaleArb,
});
const amountText = (spec: AmountSpec, decimals: number) =>
  formatMinor(BigInt(spec.minor), spec.scale ?? decimals);
/** The amount in the account's minor units, or null when it has too many decimals for it. */
function amountMinor(spec: AmountSpec, decimals: number): bigint | null {
  const scale = spec.scale ?? decimals;
  return scale > decimals ? null : BigInt(spec.minor) * 10n ** BigInt(decimals - scale);
}

/** The value `percent` times in a hundred, else null (an absent field). */
const maybe = <T>(arbitrary: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(null) }, { weight: percent, arbitrary });

/** Which id a write names: one the user has, one they deleted, or another user's. */
interface Target {
  from: 'live' | 'gone' | 'foreign';
  n: number;
}
const targetArb: fc.Arbitrary<Target> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ from: fc.constant('live' as const), n: fc.nat(99) }) },
  { weight: 1, arbitrary: fc.record({ from: fc.constant('gone' as const), n: fc.nat(99) }) },
  { weight: 1, arbitrary: fc.record({ from: fc.constant('foreign' as const), n: fc.nat(99) }) },
);

/** A category for a row: none, one of the row's kind ('fit'), or any other target. */
type CategoryChoice = { from: 'none' } | { from: 'fit'; n: number } | Target;
const categoryArb: fc.Arbitrary<CategoryChoice> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ from: 'none' as const }) },
  { weight: 6, arbitrary: fc.record({ from: fc.constant('fit' as const), n: fc.nat(99) }) },
  { weight: 3, arbitrary: targetArb },
);

/** A transaction to edit or delete: mostly an income or expense, sometimes an opening row. */
type RowTarget = Target | { from: 'opening' | 'locked'; n: number };
const rowTargetArb: fc.Arbitrary<RowTarget> = fc.oneof(
  { weight: 10, arbitrary: targetArb },
  { weight: 1, arbitrary: fc.record({ from: fc.constant('opening' as const), n: fc.nat(99) }) },
  { weight: 2, arbitrary: fc.record({ from: fc.constant('locked' as const), n: fc.nat(99) }) },
);

/** A transfer or import to change: any target, or one with a reconciled row while there is one. */
type LockedTarget = Target | { from: 'locked'; n: number };
const lockedTargetArb: fc.Arbitrary<LockedTarget> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ from: fc.constant('live' as const), n: fc.nat(99) }) },
  { weight: 3, arbitrary: targetArb },
  { weight: 1, arbitrary: fc.record({ from: fc.constant('locked' as const), n: fc.nat(99) }) },
);
const lockedOr = (locked: number[], live: number[]) => (locked.length > 0 ? locked : live);

/** The n-th id of the pool; a deleted one while the user has none, else one never used. */
function choose<F extends string>(
  target: { from: F; n: number },
  pools: Record<F | 'gone', readonly number[]>,
): number {
  const pool = pools[target.from];
  const from = pool.length > 0 ? pool : pools.gone;
  return from[target.n % Math.max(1, from.length)] ?? NEVER_ID;
}

interface Foreign {
  transactions: number[];
  accounts: number[];
  categories: number[];
  imports: number[];
  transfers: number[];
}

/** What a write must answer; `path` is the field a 400 or 409 names, `why` says why. */
type Expected = { status: number; path?: string; why?: string };
const refused = (status: number, why: string, path?: string): Expected => ({
  status,
  why,
  ...(path ? { path } : {}),
});

interface World {
  user: Session;
  model: LedgerModel;
  foreign: Foreign;
  /** Every request of the run with its answer, for the failure message. */
  log: string[];
  counter: number;
  /** Per account, the state its views last agreed with the model in. */
  verified: Map<number, string>;
}

async function send(
  world: World,
  request: InjectOptions & { method: string; url: string },
  expected: Expected,
): Promise<LightMyRequestResponse> {
  const response = await world.user.request(request);
  const body = request.payload === undefined ? '' : ` ${show(request.payload)}`;
  const said = `${request.method} ${request.url}${body}`;
  world.log.push(`${said} -> ${response.statusCode}${expected.why ? ` (${expected.why})` : ''}`);
  if (TALLY) {
    const key = `${request.method} ${request.url.split('?')[0] ?? ''} ${response.statusCode} ${expected.why ?? ''}`;
    TALLY.set(key.replace(/\d+/g, 'N'), (TALLY.get(key.replace(/\d+/g, 'N')) ?? 0) + 1);
  }
  const named =
    response.statusCode >= 400
      ? response.json<{ errors?: Array<{ path: string }> }>().errors?.[0]?.path
      : undefined;
  const problem = String(response.headers['content-type']).startsWith('application/problem+json');
  if (
    response.statusCode !== expected.status ||
    (expected.path !== undefined && named !== expected.path) ||
    (response.statusCode >= 400 && !problem)
  ) {
    throw new Error(
      `${said} answered ${response.statusCode} ${response.body.slice(0, 300)}; the model expected ` +
        `${expected.status}${expected.path ? ` naming ${expected.path}` : ''}` +
        (expected.why ? ` (${expected.why})` : ''),
    );
  }
  return response;
}

/** JSON, where `undefined` (past the end of a list) shows as "nothing". */
const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

/** Throws a readable difference between an answer of the API and the model's. */
function same(what: string, actual: unknown, expected: unknown): void {
  const a = show(actual);
  const e = show(expected);
  if (a === e) return;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const lines: string[] = [];
    for (let i = 0; i < Math.max(actual.length, expected.length); i += 1) {
      const [x, y] = [show(actual[i]), show(expected[i])];
      if (x !== y) lines.push(`  [${i}] API:   ${x}\n  [${i}] model: ${y}`);
    }
    throw new Error(`${what} differs from the model:\n${lines.slice(0, 8).join('\n')}`);
  }
  throw new Error(`${what} differs from the model:\n  API:   ${a}\n  model: ${e}`);
}

/** Only the fields the model knows, in its order. */
function fields<T extends object>(value: object, like: T): T {
  const record = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(like).map((key) => [key, record[key]])) as T;
}

async function allTransactions(
  world: World,
  accountId: number,
  query = '',
): Promise<Transaction[]> {
  const items: Transaction[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/transactions?accountId=${accountId}&limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const page: TransactionPage = (
      await expectStatus(world.user.request({ method: 'GET', url }), 200)
    ).json<TransactionPage>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The ids of rows the API wrote on its own (an import's, an opening balance), oldest first. */
async function newIds(world: World, accountId: number, query = ''): Promise<number[]> {
  return (await allTransactions(world, accountId, query))
    .map((row) => row.id)
    .filter((id) => !world.model.rows.has(id))
    .sort((a, b) => a - b);
}

function rowTarget(world: World, target: RowTarget): number {
  const rows = [...world.model.rows.values()];
  const live = rows.filter((row) => row.type !== 'opening').map((row) => row.id);
  return choose(target, {
    live,
    locked: lockedOr(
      rows.filter((row) => row.locked).map((row) => row.id),
      live,
    ),
    opening: rows.filter((row) => row.type === 'opening').map((row) => row.id),
    gone: world.model.gone.transactions,
    foreign: world.foreign.transactions,
  });
}

/** Picks the model's account, or names one the user does not have. */
function accountTarget(world: World, target: Target): { id: number; account?: ModelAccount } {
  const { model } = world;
  const id = choose(target, {
    live: [...model.accounts.keys()],
    gone: model.gone.accounts,
    foreign: world.foreign.accounts,
  });
  const account = model.accounts.get(id);
  return account ? { id, account } : { id };
}

/** The n-th of the user's accounts other than `not` (the only one there is, if none other). */
function otherAccount(
  world: World,
  not: number,
  n: number,
): { id: number; account?: ModelAccount } {
  const others = [...world.model.accounts.values()].filter((account) => account.id !== not);
  const account = others[n % Math.max(1, others.length)] ?? world.model.accounts.get(not);
  return account ? { id: account.id, account } : { id: NEVER_ID };
}

function categoryTarget(
  world: World,
  choice: CategoryChoice,
  kind: 'income' | 'expense' | undefined,
): { id: number | null; category?: ModelCategory } {
  const { model } = world;
  if (choice.from === 'none') return { id: null };
  const live = [...model.categories.values()];
  const id =
    choice.from === 'fit'
      ? choose(
          { from: 'live', n: choice.n },
          {
            live: live.filter((c) => kind === undefined || c.kind === kind).map((c) => c.id),
            gone: [],
          },
        )
      : choose(choice, {
          live: live.map((c) => c.id),
          gone: model.gone.categories.map((c) => c.id),
          foreign: world.foreign.categories,
        });
  const category = model.categories.get(id);
  return category ? { id, category } : { id };
}

/** The account a write goes to, in the order the API checks it: known, then open. */
function refuseAccount(
  target: { id: number; account?: ModelAccount },
  path = 'accountId',
): Expected | undefined {
  if (!target.account) return refused(400, `account ${target.id} is not the user's`, path);
  if (target.account.closed) return refused(400, `account ${target.id} is closed`, path);
  return undefined;
}

function refuseCategory(
  target: { id: number | null; category?: ModelCategory },
  type: 'income' | 'expense',
): Expected | undefined {
  if (target.id === null) return undefined;
  if (!target.category)
    return refused(400, `category ${target.id} is not the user's`, 'categoryId');
  if (target.category.kind !== type) {
    return refused(
      400,
      `category ${target.id} is ${target.category.kind}, not ${type}`,
      'categoryId',
    );
  }
  return undefined;
}

/** Opening balances and transfer legs change through their own resources, except their flags. */
function refuseOwned(row: ModelRow): Expected | undefined {
  if (row.type === 'opening') return refused(409, `transaction ${row.id} is an opening balance`);
  if (row.type === 'transfer') {
    return refused(409, `transaction ${row.id} is a leg of transfer ${row.transferId}`);
  }
  return undefined;
}

/** A kind of write: its arguments, and what it sends, expects and changes in the model. */
interface Step {
  name: string;
  run(world: World): Promise<void>;
  /** How fast-check prints the step in a counterexample. */
  [fc.toStringMethod](): string;
}

function operation<A>(
  name: string,
  weight: number,
  args: fc.Arbitrary<A>,
  run: (world: World, args: A) => Promise<void>,
) {
  const steps: fc.WeightedArbitrary<Step> = {
    weight,
    arbitrary: args.map((value): Step => ({
      name,
      run: (world) => run(world, value),
      [fc.toStringMethod]: () => `${name}(${fc.stringify(value)})`,
    })),
  };
  return { name, steps, run };
}

const createTransaction = operation(
  'createTransaction',
  6,
  fc.record({
    account: maybe(targetArb, 70),
    type: typeArb,
    amount: amountArb,
    date: dateArb,
    title: titleArb,
    category: categoryArb,
  }),
  async (world, args) => {
    const { model } = world;
    const target = args.account
      ? accountTarget(world, args.account)
      : { id: model.defaultAccount().id, account: model.defaultAccount() };
    const decimals = target.account?.decimals ?? 2;
    const category = categoryTarget(world, args.category, args.type);
    const amount = amountMinor(args.amount, decimals);
    const expected = refuseAccount(target) ??
      (amount === null
        ? refused(400, `too many decimals for ${target.account?.currency}`, 'amount')
        : undefined) ??
      refuseCategory(category, args.type) ?? { status: 201 };
    const response = await send(
      world,
      {
        method: 'POST',
        url: '/api/v1/transactions',
        payload: {
          ...(args.account ? { accountId: target.id } : {}),
          type: args.type,
          amount: amountText(args.amount, decimals),
          title: args.title,
          date: args.date,
          categoryId: category.id,
        },
      },
      expected,
    );
    if (expected.status !== 201 || amount === null || !target.account) return;
    const created = response.json<Transaction>();
    model.addRow({
      id: created.id,
      accountId: target.account.id,
      type: args.type,
      amount,
      delta: args.type === 'income' ? amount : -amount,
      date: args.date,
      title: args.title,
      categoryId: category.id,
      importId: null,
      ...FRESH,
    });
    const view = model.transactionView(created.id);
    same(`the created transaction ${created.id}`, fields(created, view), view);
  },
);

const editTransaction = operation(
  'editTransaction',
  7,
  fc.record({
    target: rowTargetArb,
    account: maybe(targetArb, 50),
    type: maybe(typeArb, 30),
    amount: maybe(amountArb, 50),
    date: maybe(dateArb, 40),
    title: maybe(titleArb, 30),
    category: maybe(categoryArb, 35),
  }),
  async (world, args) => {
    const { model } = world;
    const id = rowTarget(world, args.target);
    const row = model.rows.get(id);
    const from = row ? model.accounts.get(row.accountId) : undefined;
    const to = args.account ? accountTarget(world, args.account) : undefined;
    const moving = to !== undefined && to.id !== row?.accountId;
    const account = moving ? to.account : from;
    const decimals = account?.decimals ?? 2;
    const type = args.type ?? (row?.type === 'income' ? 'income' : 'expense');
    const category = args.category ? categoryTarget(world, args.category, type) : undefined;
    const amount = args.amount ? amountMinor(args.amount, decimals) : undefined;
    const nothingElse = !to && !args.type && !args.amount && !args.date && !category;
    const title = args.title ?? (nothingElse ? 'Edited' : undefined);
    const payload = {
      ...(to ? { accountId: to.id } : {}),
      ...(args.type ? { type: args.type } : {}),
      ...(args.amount ? { amount: amountText(args.amount, decimals) } : {}),
      ...(args.date ? { date: args.date } : {}),
      ...(category ? { categoryId: category.id } : {}),
      ...(title ? { title } : {}),
    };
    const categoryId = category ? category.id : (row?.categoryId ?? null);
    const expected = ((): Expected => {
      if (!row || !from) return refused(404, `transaction ${id} is not the user's`);
      const owned = refuseOwned(row);
      if (owned) return owned;
      // Sending the account locks even when it is the same one.
      if (row.locked && (to || args.type || args.amount || args.date)) {
        return refused(409, `transaction ${id} is reconciled`, 'reconciled');
      }
      if (moving) {
        const refusal = refuseAccount(to);
        if (refusal) return refusal;
        if (to.account?.currency !== from.currency && !args.amount) {
          return refused(400, `a move to ${to.account?.currency} needs the amount`, 'accountId');
        }
      }
      if (amount === null) {
        return refused(400, `too many decimals for ${account?.currency}`, 'amount');
      }
      if (args.type || category) {
        const refusal = refuseCategory(
          category ?? {
            id: categoryId,
            ...(categoryId ? { category: model.categories.get(categoryId) } : {}),
          },
          type,
        );
        if (refusal) return refusal;
      }
      return moving
        ? { status: 200, why: `moves from ${from.currency} to ${to.account?.currency}` }
        : { status: 200 };
    })();
    const response = await send(
      world,
      { method: 'PATCH', url: `/api/v1/transactions/${id}`, payload },
      expected,
    );
    if (expected.status !== 200 || !row || !account) return;
    row.accountId = account.id;
    row.type = type;
    if (amount) row.amount = amount;
    row.delta = type === 'income' ? row.amount : -row.amount;
    if (args.date) row.date = args.date;
    if (title) row.title = title;
    row.categoryId = categoryId;
    const view = model.transactionView(id);
    same(`the edited transaction ${id}`, fields(response.json<Transaction>(), view), view);
  },
);

const deleteTransaction = operation(
  'deleteTransaction',
  2,
  fc.record({ target: rowTargetArb }),
  async (world, args) => {
    const { model } = world;
    const id = rowTarget(world, args.target);
    const row = model.rows.get(id);
    const expected = !row
      ? refused(404, `transaction ${id} is not the user's`)
      : (refuseOwned(row) ??
        (row.locked ? refused(409, `transaction ${id} is reconciled`) : { status: 204 }));
    await send(world, { method: 'DELETE', url: `/api/v1/transactions/${id}` }, expected);
    if (expected.status === 204) model.removeRow(id);
  },
);

/** A CSV row's category: a name the user has (of either kind), a deleted one, or none known. */
type ImportCategory = { from: 'live' | 'gone'; n: number } | { from: 'unknown' };
const importCategoryArb: fc.Arbitrary<ImportCategory> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ from: fc.constant('live' as const), n: fc.nat(99) }) },
  { weight: 1, arbitrary: fc.record({ from: fc.constant('gone' as const), n: fc.nat(99) }) },
  { weight: 1, arbitrary: fc.constant({ from: 'unknown' as const }) },
);

const importCsv = operation(
  'importCsv',
  3,
  fc.record({
    account: maybe(targetArb, 70),
    rows: fc.array(
      fc.record({
        date: dateArb,
        type: typeArb,
        amount: amountArb,
        title: titleArb,
        category: maybe(importCategoryArb, 50),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  }),
  async (world, args) => {
    const { model } = world;
    const target = args.account
      ? accountTarget(world, args.account)
      : { id: model.defaultAccount().id, account: model.defaultAccount() };
    const decimals = target.account?.decimals ?? 2;
    const live = [...model.categories.values()];
    const rows = args.rows.map((row) => {
      const pool = row.category?.from === 'gone' ? model.gone.categories : live;
      const name =
        row.category === null
          ? ''
          : row.category.from === 'unknown'
            ? 'No such category'
            : (pool[row.category.n % Math.max(1, pool.length)]?.name ?? 'No such category');
      return { ...row, name, minor: amountMinor(row.amount, decimals) };
    });
    const withCategory = rows.some((row) => row.name !== '');
    const csv =
      `date,title,amount${withCategory ? ',category' : ''}\n` +
      rows
        .map(
          (row) =>
            `${row.date},${row.title},${row.type === 'expense' ? '-' : ''}${amountText(row.amount, decimals)}` +
            (withCategory ? `,${row.name}` : ''),
        )
        .join('\n') +
      '\n';
    const expected = refuseAccount(target) ?? { status: 201 };
    const response = await send(
      world,
      {
        method: 'POST',
        url:
          `/api/v1/imports?date=date&title=title&amount=amount` +
          `${withCategory ? '&category=category' : ''}${args.account ? `&accountId=${target.id}` : ''}`,
        headers: { 'content-type': 'text/csv' },
        payload: csv,
      },
      expected,
    );
    if (expected.status !== 201 || !target.account) return;
    const account = target.account;

    // Duplicates are matched one-to-one against the account's rows between the file's dates.
    const valid = rows.filter((row) => row.minor !== null);
    const dates = valid.map((row) => row.date).sort();
    const key = (row: { date: string; type: string; amount: bigint; title: string }) =>
      `${row.date}|${row.type}|${row.amount}|${row.title.toLowerCase()}`;
    const candidates = new Map<string, number>();
    for (const row of model.rowsOf(account.id)) {
      if (row.date < (dates[0] ?? '') || row.date > (dates.at(-1) ?? '')) continue;
      candidates.set(key(row), (candidates.get(key(row)) ?? 0) + 1);
    }
    const fresh: Array<Omit<ModelRow, 'id'>> = [];
    let duplicates = 0;
    for (const row of valid) {
      const amount = row.minor ?? 0n;
      const left = candidates.get(key({ ...row, amount })) ?? 0;
      if (left > 0) {
        candidates.set(key({ ...row, amount }), left - 1);
        duplicates += 1;
        continue;
      }
      const category = row.name ? model.categoryNamed(row.name) : undefined;
      fresh.push({
        accountId: account.id,
        type: row.type,
        amount,
        delta: row.type === 'income' ? amount : -amount,
        date: row.date,
        title: row.title,
        categoryId: category?.kind === row.type ? category.id : null,
        importId: 0,
        ...FRESH,
      });
    }
    const result = response.json<ImportResult>();
    same(`the import's summary`, result.summary, {
      new: fresh.length,
      duplicate: duplicates,
      error: rows.length - valid.length,
    });
    const importId = result.import?.id;
    if (importId === undefined) throw new Error(`a committed import has no id: ${response.body}`);
    model.imports.add(importId);
    const ids = await newIds(world, account.id);
    same(`the number of rows import ${importId} wrote`, ids.length, fresh.length);
    fresh.forEach((row, index) => {
      model.addRow({ ...row, id: ids[index] ?? 0, importId });
    });
  },
);

const undoImport = operation(
  'undoImport',
  2,
  fc.record({ target: lockedTargetArb }),
  async (world, args) => {
    const { model } = world;
    const lockedRows = [...model.rows.values()].filter((row) => row.locked);
    const id = choose(args.target, {
      live: [...model.imports],
      locked: lockedOr(
        [...new Set(lockedRows.flatMap((row) => (row.importId === null ? [] : [row.importId])))],
        [...model.imports],
      ),
      gone: model.gone.imports,
      foreign: world.foreign.imports,
    });
    const rows = [...model.rows.values()].filter((row) => row.importId === id);
    const months = new Set(rows.map((row) => `${row.accountId} ${row.date.slice(0, 7)}`));
    const locked = rows.filter((row) => row.locked).length;
    const expected = !model.imports.has(id)
      ? refused(404, `import ${id} is not the user's`)
      : locked > 0
        ? refused(409, `${locked} of import ${id}'s rows are reconciled`)
        : { status: 204, why: `removes ${rows.length} rows in ${months.size} account months` };
    await send(world, { method: 'DELETE', url: `/api/v1/imports/${id}` }, expected);
    if (expected.status !== 204) return;
    // Its rows go wherever they are now, moved to another account or not.
    for (const row of rows) model.removeRow(row.id);
    model.imports.delete(id);
    model.gone.imports.push(id);
  },
);

const createCategory = operation(
  'createCategory',
  1,
  fc.record({ kind: typeArb }),
  async (world, args) => {
    world.counter += 1;
    const name = `Extra ${world.counter}`;
    const response = await send(
      world,
      { method: 'POST', url: '/api/v1/categories', payload: { name, kind: args.kind } },
      { status: 201 },
    );
    const id = response.json<Category>().id;
    world.model.categories.set(id, { id, name, kind: args.kind });
  },
);

const deleteCategory = operation(
  'deleteCategory',
  2,
  fc.record({
    // Mostly a category some rows are filed under: deleting an unused one moves nothing.
    target: fc.oneof(
      { weight: 3, arbitrary: fc.record({ from: fc.constant('used' as const), n: fc.nat(99) }) },
      { weight: 2, arbitrary: targetArb },
    ),
    moveTo: maybe(categoryArb, 75),
  }),
  async (world, args) => {
    const { model } = world;
    const id = choose(args.target, {
      used: [...new Set([...model.rows.values()].map((row) => row.categoryId ?? 0))]
        .filter((id) => id !== 0)
        .sort((a, b) => a - b),
      live: [...model.categories.keys()],
      gone: model.gone.categories.map((c) => c.id),
      foreign: world.foreign.categories,
    });
    const category = model.categories.get(id);
    const moveTo =
      args.moveTo && args.moveTo.from !== 'none'
        ? categoryTarget(world, args.moveTo, category?.kind)
        : undefined;
    const used = [...model.rows.values()].filter((row) => row.categoryId === id);
    const expected = ((): Expected => {
      if (!category) return refused(404, `category ${id} is not the user's`);
      if (moveTo) {
        if (!moveTo.category)
          return refused(400, `category ${moveTo.id} is not the user's`, 'moveTo');
        if (moveTo.id === id) return refused(400, 'a category cannot move into itself', 'moveTo');
        if (moveTo.category.kind !== category.kind) {
          return refused(400, `category ${moveTo.id} is ${moveTo.category.kind}`, 'moveTo');
        }
      } else if (used.length > 0) {
        return refused(409, `${used.length} transactions use category ${id}`, 'moveTo');
      }
      return { status: 204, why: `moves ${used.length} rows` };
    })();
    await send(
      world,
      {
        method: 'DELETE',
        url: `/api/v1/categories/${id}${moveTo ? `?moveTo=${moveTo.id}` : ''}`,
      },
      expected,
    );
    if (expected.status !== 204 || !category) return;
    for (const row of used) row.categoryId = moveTo?.id ?? null;
    model.categories.delete(id);
    model.gone.categories.push(category);
  },
);

/** Adopts the account's new opening row, if its opening balance is not zero. */
async function adoptOpening(world: World, account: ModelAccount): Promise<void> {
  if (account.openingBalance === 0n) return;
  const ids = await newIds(world, account.id, '&type=opening');
  same(`new opening rows of account ${account.id}`, ids.length, 1);
  world.model.addRow({
    id: ids[0] ?? 0,
    accountId: account.id,
    type: 'opening',
    amount: account.openingBalance < 0n ? -account.openingBalance : account.openingBalance,
    delta: account.openingBalance,
    date: account.openingDate,
    title: 'Opening balance',
    categoryId: null,
    importId: null,
    ...FRESH,
  });
}

const CURRENCIES = ['USD', 'JPY', 'KWD'] as const;

const createAccount = operation(
  'createAccount',
  1,
  fc.record({
    currency: fc.constantFrom(...CURRENCIES),
    opening: maybe(openingArb, 60),
    openingDate: dateArb,
    isDefault: fc.oneof(
      { weight: 4, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
  }),
  async (world, args) => {
    world.counter += 1;
    const name = `${args.currency} ${world.counter}`;
    const decimals = currencyDecimals(args.currency);
    const opening = args.opening ? amountMinor(args.opening, decimals) : 0n;
    const expected =
      opening === null
        ? refused(400, `too many decimals for ${args.currency}`, 'openingBalance')
        : { status: 201 };
    const response = await send(
      world,
      {
        method: 'POST',
        url: '/api/v1/accounts',
        payload: {
          name,
          currency: args.currency,
          ...(args.opening ? { openingBalance: amountText(args.opening, decimals) } : {}),
          openingDate: args.openingDate,
          ...(args.isDefault ? { isDefault: true } : {}),
        },
      },
      expected,
    );
    if (opening === null) return;
    const created = response.json<Account>();
    const account = world.model.addAccount({
      id: created.id,
      name,
      currency: args.currency,
      isDefault: args.isDefault,
      closed: false,
      openingBalance: opening,
      openingDate: args.openingDate,
    });
    await adoptOpening(world, account);
    const view = world.model.accountView(account);
    same(`the created account ${account.id}`, fields(created, view), view);
  },
);

const updateAccount = operation(
  'updateAccount',
  2,
  fc
    .record({
      target: targetArb,
      opening: maybe(openingArb, 35),
      openingDate: maybe(dateArb, 35),
      closed: maybe(fc.boolean(), 40),
      isDefault: maybe(fc.constant(true as const), 25),
    })
    .filter((args) =>
      Object.entries(args).some(([key, value]) => key !== 'target' && value !== null),
    ),
  async (world, args) => {
    const { model } = world;
    const { id, account } = accountTarget(world, args.target);
    const decimals = account?.decimals ?? 2;
    const opening = args.opening ? amountMinor(args.opening, decimals) : undefined;
    const closing = args.closed !== null && args.closed !== account?.closed;
    const expected = ((): Expected => {
      if (!account) return refused(404, `account ${id} is not the user's`);
      if (opening === null) {
        return refused(400, `too many decimals for ${account.currency}`, 'openingBalance');
      }
      const openingChanges =
        (opening !== undefined && opening !== account.openingBalance) ||
        (args.openingDate !== null && args.openingDate !== account.openingDate);
      if (openingChanges && model.openingRow(id)?.locked) {
        return refused(409, `the opening balance of ${id} is reconciled`, 'openingBalance');
      }
      if (closing && args.closed && (account.isDefault || args.isDefault)) {
        return refused(409, `account ${id} is or becomes the default`, 'closed');
      }
      if (args.isDefault && (closing ? args.closed : account.closed)) {
        return refused(400, `account ${id} is closed`, 'isDefault');
      }
      return { status: 200 };
    })();
    const response = await send(
      world,
      {
        method: 'PATCH',
        url: `/api/v1/accounts/${id}`,
        payload: {
          ...(args.opening ? { openingBalance: amountText(args.opening, decimals) } : {}),
          ...(args.openingDate ? { openingDate: args.openingDate } : {}),
          ...(args.closed !== null ? { closed: args.closed } : {}),
          ...(args.isDefault ? { isDefault: true } : {}),
        },
      },
      expected,
    );
    if (expected.status !== 200 || !account) return;
    if (args.closed !== null) account.closed = args.closed;
    if (args.isDefault) model.makeDefault(account);
    const balance = opening ?? account.openingBalance;
    const date = args.openingDate ?? account.openingDate;
    if (balance !== account.openingBalance || date !== account.openingDate) {
      // The opening row is written anew (a new id) whenever the balance or its date changes.
      const old = model.openingRow(account.id);
      if (old) model.removeRow(old.id);
      account.openingBalance = balance;
      account.openingDate = date;
      await adoptOpening(world, account);
    }
    const view = model.accountView(account);
    same(`the updated account ${id}`, fields(response.json<Account>(), view), view);
  },
);

const deleteAccount = operation(
  'deleteAccount',
  3,
  fc.record({
    // Often one that can go: not the default, and nothing but an opening balance in it.
    target: fc.oneof(
      { weight: 2, arbitrary: fc.record({ from: fc.constant('empty' as const), n: fc.nat(99) }) },
      { weight: 3, arbitrary: targetArb },
    ),
  }),
  async (world, args) => {
    const { model } = world;
    const id = choose(args.target, {
      empty: [...model.accounts.values()]
        .filter((a) => !a.isDefault && model.rowsOf(a.id).every((row) => row.type === 'opening'))
        .map((a) => a.id),
      live: [...model.accounts.keys()],
      gone: model.gone.accounts,
      foreign: world.foreign.accounts,
    });
    const account = model.accounts.get(id);
    const rows = model.rowsOf(id).filter((row) => row.type !== 'opening');
    const expected = !account
      ? refused(404, `account ${id} is not the user's`)
      : account.isDefault
        ? refused(409, `account ${id} is the default`)
        : rows.length > 0
          ? refused(409, `account ${id} has ${rows.length} transactions`)
          : { status: 204 };
    await send(world, { method: 'DELETE', url: `/api/v1/accounts/${id}` }, expected);
    if (expected.status === 204) model.removeAccount(id);
  },
);

/** The n-th transfer the user has, one they deleted, or another user's. */
function transferTarget(world: World, target: LockedTarget): number {
  const { model } = world;
  const locked = [...model.rows.values()].filter((row) => row.locked);
  return choose(target, {
    live: model.transferIds(),
    locked: lockedOr(
      [...new Set(locked.flatMap((row) => (row.transferId === null ? [] : [row.transferId])))],
      model.transferIds(),
    ),
    gone: world.model.gone.transfers,
    foreign: world.foreign.transfers,
  });
}

/**
 * What the API checks of a transfer as a whole, in its order: an amount, two different accounts,
 * the amount in the from account's currency, then what arrives: equal to the amount within one
 * currency, required across two. `toAmount` undefined: not sent (and none kept); null: too many
 * decimals.
 */
function refuseLegs(
  from: ModelAccount,
  to: ModelAccount,
  amount: bigint | null | undefined,
  toAmount: bigint | null | undefined,
): Expected | { amount: bigint; toAmount: bigint } {
  // Only an edit leaves the amount out; that it must be sent is checked before the rest.
  if (amount === undefined) {
    return refused(400, `the from side moved to ${from.currency}: amount needed`, 'amount');
  }
  if (from.id === to.id) return refused(400, 'a transfer needs two accounts', 'toAccountId');
  if (amount === null) return refused(400, `too many decimals for ${from.currency}`, 'amount');
  if (toAmount === null) return refused(400, `too many decimals for ${to.currency}`, 'toAmount');
  if (from.currency === to.currency) {
    if (toAmount !== undefined && toAmount !== amount) {
      return refused(
        400,
        `both sides are in ${from.currency}: toAmount must equal amount`,
        'toAmount',
      );
    }
    return { amount, toAmount: amount };
  }
  if (toAmount === undefined) {
    return refused(400, `${from.currency} to ${to.currency} needs toAmount`, 'toAmount');
  }
  return { amount, toAmount };
}

/** Checks the API's answer for a transfer against the model's. */
function sameTransfer(world: World, what: string, response: LightMyRequestResponse): void {
  const transfer = response.json<Transfer>();
  const view = world.model.transferView(transfer.id);
  same(
    what,
    {
      ...fields(transfer, view),
      from: fields(transfer.from, view.from),
      to: fields(transfer.to, view.to),
    },
    view,
  );
}

/** A transfer's side: mostly one of the user's accounts, so that most transfers go through. */
const sideArb: fc.Arbitrary<Target> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ from: fc.constant('live' as const), n: fc.nat(99) }) },
  { weight: 1, arbitrary: targetArb },
);

const toAmountArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('absent' as const) },
  { weight: 2, arbitrary: fc.constant('same' as const) },
  { weight: 4, arbitrary: amountArb },
);

const createTransfer = operation(
  'createTransfer',
  6,
  fc.record({
    from: sideArb,
    // 'other': one of the user's accounts other than from.
    to: fc.oneof(
      { weight: 1, arbitrary: fc.constant('same' as const) },
      { weight: 6, arbitrary: fc.record({ from: fc.constant('other' as const), n: fc.nat(99) }) },
      { weight: 3, arbitrary: sideArb },
    ),
    amount: amountArb,
    // 'same': the amount's text again, as a client sends within one currency.
    toAmount: toAmountArb,
    date: maybe(dateArb, 85),
    title: maybe(titleArb, 30),
  }),
  async (world, args) => {
    const { model } = world;
    const from = accountTarget(world, args.from);
    const to =
      args.to === 'same'
        ? from
        : args.to.from === 'other'
          ? otherAccount(world, from.id, args.to.n)
          : accountTarget(world, args.to);
    const fromDecimals = from.account?.decimals ?? 2;
    const toDecimals = to.account?.decimals ?? 2;
    const toSpec =
      args.toAmount === 'absent'
        ? undefined
        : args.toAmount === 'same'
          ? { minor: args.amount.minor, scale: args.amount.scale ?? fromDecimals }
          : args.toAmount;
    const legs =
      from.account && to.account
        ? refuseLegs(
            from.account,
            to.account,
            amountMinor(args.amount, fromDecimals),
            toSpec && amountMinor(toSpec, toDecimals),
          )
        : undefined;
    const expected = refuseAccount(from, 'fromAccountId') ??
      refuseAccount(to, 'toAccountId') ??
      (legs && 'status' in legs ? legs : undefined) ?? {
        status: 201,
        why: `${from.account?.currency} to ${to.account?.currency}`,
      };
    const response = await send(
      world,
      {
        method: 'POST',
        url: '/api/v1/transfers',
        payload: {
          fromAccountId: from.id,
          toAccountId: to.id,
          amount: amountText(args.amount, fromDecimals),
          ...(toSpec ? { toAmount: amountText(toSpec, toDecimals) } : {}),
          ...(args.date ? { date: args.date } : {}),
          ...(args.title ? { title: args.title } : {}),
        },
      },
      expected,
    );
    if (expected.status !== 201 || !legs || 'status' in legs || !from.account || !to.account) {
      return;
    }
    const created = response.json<Transfer>();
    const leg = (side: 'from' | 'to'): ModelRow => ({
      id: created[side].transactionId,
      accountId: side === 'from' ? from.id : to.id,
      type: 'transfer',
      amount: side === 'from' ? legs.amount : legs.toAmount,
      delta: side === 'from' ? -legs.amount : legs.toAmount,
      date: args.date ?? TODAY,
      title:
        args.title ??
        (side === 'from'
          ? `Transfer to ${to.account?.name}`
          : `Transfer from ${from.account?.name}`),
      categoryId: null,
      importId: null,
      ...FRESH,
      transferId: created.id,
    });
    model.addRow(leg('from'));
    model.addRow(leg('to'));
    sameTransfer(world, `the created transfer ${created.id}`, response);
  },
);

const updateTransfer = operation(
  'updateTransfer',
  7,
  fc
    .record({
      target: lockedTargetArb,
      from: maybe(sideArb, 30),
      to: maybe(sideArb, 30),
      amount: maybe(amountArb, 40),
      toAmount: maybe(amountArb, 30),
      // Often: a new date or account is what leaves the old place to upkeep.
      date: maybe(dateArb, 60),
      title: maybe(titleArb, 20),
    })
    .filter((args) =>
      Object.entries(args).some(([key, value]) => key !== 'target' && value !== null),
    ),
  async (world, args) => {
    const { model } = world;
    const id = transferTarget(world, args.target);
    const legs = model.transferLegs(id);
    const [fromLeg, toLeg] = legs ?? [];
    const before = {
      from: fromLeg && model.accounts.get(fromLeg.accountId),
      to: toLeg && model.accounts.get(toLeg.accountId),
    };
    const fromTarget = args.from ? accountTarget(world, args.from) : undefined;
    const toTarget = args.to ? accountTarget(world, args.to) : undefined;
    // An account sent that is the side's own is taken as it is, closed or not.
    const side = (
      target: { id: number; account?: ModelAccount } | undefined,
      current: ModelAccount | undefined,
      path: string,
    ): Expected | ModelAccount | undefined =>
      !target || target.id === current?.id
        ? current
        : (refuseAccount(target, path) ?? target.account);
    const from = side(fromTarget, before.from, 'fromAccountId');
    const to = side(toTarget, before.to, 'toAccountId');
    const fromAccount = from && !('status' in from) ? from : undefined;
    const toAccount = to && !('status' in to) ? to : undefined;
    const fromDecimals = fromAccount?.decimals ?? 2;
    const toDecimals = toAccount?.decimals ?? 2;
    const outcome = ((): Expected | { amount: bigint; toAmount: bigint } => {
      if (!fromLeg || !toLeg || !before.from || !before.to) {
        return refused(404, `transfer ${id} is not the user's`);
      }
      if (fromLeg.locked || toLeg.locked)
        return refused(409, `transfer ${id} has a reconciled leg`);
      if (!fromAccount || !toAccount) {
        return from && 'status' in from ? from : (to as Expected);
      }
      // An amount not sent stays, unless its side moved to another currency.
      const amount = args.amount
        ? amountMinor(args.amount, fromDecimals)
        : fromAccount.currency === before.from.currency
          ? fromLeg.amount
          : undefined;
      const toAmount = args.toAmount
        ? amountMinor(args.toAmount, toDecimals)
        : fromAccount.currency !== toAccount.currency && toAccount.currency === before.to.currency
          ? toLeg.amount
          : undefined;
      return refuseLegs(fromAccount, toAccount, amount, toAmount);
    })();
    const expected = 'status' in outcome ? outcome : { status: 200 };
    const response = await send(
      world,
      {
        method: 'PATCH',
        url: `/api/v1/transfers/${id}`,
        payload: {
          ...(fromTarget ? { fromAccountId: fromTarget.id } : {}),
          ...(toTarget ? { toAccountId: toTarget.id } : {}),
          ...(args.amount ? { amount: amountText(args.amount, fromDecimals) } : {}),
          ...(args.toAmount ? { toAmount: amountText(args.toAmount, toDecimals) } : {}),
          ...(args.date ? { date: args.date } : {}),
          ...(args.title ? { title: args.title } : {}),
        },
      },
      expected,
    );
    if ('status' in outcome || !fromLeg || !toLeg || !fromAccount || !toAccount) return;
    // A generated title follows the accounts; one the user wrote stays on both sides.
    const generated =
      fromLeg.title.startsWith('Transfer to ') && toLeg.title.startsWith('Transfer from ');
    const title = args.title ?? (generated ? undefined : fromLeg.title);
    const date = args.date ?? fromLeg.date;
    Object.assign(fromLeg, {
      accountId: fromAccount.id,
      amount: outcome.amount,
      delta: -outcome.amount,
      date,
      title: title ?? `Transfer to ${toAccount.name}`,
    });
    Object.assign(toLeg, {
      accountId: toAccount.id,
      amount: outcome.toAmount,
      delta: outcome.toAmount,
      date,
      title: title ?? `Transfer from ${fromAccount.name}`,
    });
    sameTransfer(world, `the updated transfer ${id}`, response);
  },
);

const deleteTransfer = operation(
  'deleteTransfer',
  2,
  fc.record({ target: lockedTargetArb }),
  async (world, args) => {
    const { model } = world;
    const id = transferTarget(world, args.target);
    const legs = model.transferLegs(id);
    const expected = !legs
      ? refused(404, `transfer ${id} is not the user's`)
      : legs.some((leg) => leg.locked)
        ? refused(409, `transfer ${id} has a reconciled leg`)
        : { status: 204 };
    await send(world, { method: 'DELETE', url: `/api/v1/transfers/${id}` }, expected);
    if (expected.status !== 204 || !legs) return;
    for (const leg of legs) model.removeRow(leg.id);
    model.gone.transfers.push(id);
  },
);

/** Marks a row cleared or not, or unlocks it: any row, opening balances and legs included. */
const flagTransaction = operation(
  'flagTransaction',
  4,
  fc
    .record({
      target: rowTargetArb,
      cleared: maybe(
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(true) },
          { weight: 1, arbitrary: fc.constant(false) },
        ),
        85,
      ),
      unlock: maybe(fc.constant(true as const), 20),
    })
    .filter((args) => args.cleared !== null || args.unlock !== null),
  async (world, args) => {
    const { model } = world;
    const id = rowTarget(world, args.target);
    const row = model.rows.get(id);
    const expected = !row
      ? refused(404, `transaction ${id} is not the user's`)
      : row.locked && args.cleared === false && !args.unlock
        ? refused(409, `transaction ${id} is reconciled`, 'reconciled')
        : { status: 200 };
    const response = await send(
      world,
      {
        method: 'PATCH',
        url: `/api/v1/transactions/${id}`,
        payload: {
          ...(args.cleared !== null ? { cleared: args.cleared } : {}),
          ...(args.unlock ? { reconciled: false } : {}),
        },
      },
      expected,
    );
    if (expected.status !== 200 || !row) return;
    if (args.cleared !== null) row.cleared = args.cleared;
    if (args.unlock) row.locked = false;
    const view = model.transactionView(id);
    same(`the flagged transaction ${id}`, fields(response.json<Transaction>(), view), view);
  },
);

/** Agrees with a statement (or one a minor unit off), locking the cleared rows up to its date. */
const reconcile = operation(
  'reconcile',
  3,
  fc.record({
    // Mostly an account with cleared rows that no reconciliation covers yet.
    account: fc.oneof(
      { weight: 3, arbitrary: fc.record({ from: fc.constant('cleared' as const), n: fc.nat(99) }) },
      { weight: 2, arbitrary: targetArb },
    ),
    date: dateArb,
    off: fc.oneof(
      { weight: 5, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.constantFrom(-1, 1) },
    ),
  }),
  async (world, args) => {
    const { model } = world;
    const id = choose(args.account, {
      cleared: lockedOr(
        [
          ...new Set(
            [...model.rows.values()]
              .filter((row) => row.cleared && !row.locked)
              .map((row) => row.accountId),
          ),
        ],
        [...model.accounts.keys()],
      ),
      live: [...model.accounts.keys()],
      gone: model.gone.accounts,
      foreign: world.foreign.accounts,
    });
    const account = model.accounts.get(id);
    const statement = (account ? model.clearedBalance(id, args.date) : 0n) + BigInt(args.off);
    const covered = account
      ? model.rowsOf(id).filter((row) => row.cleared && !row.locked && row.date <= args.date)
      : [];
    const expected = !account
      ? refused(404, `account ${id} is not the user's`)
      : args.off !== 0
        ? refused(409, `the statement is ${args.off} off the cleared balance`, 'statementBalance')
        : { status: 201, why: `locks ${covered.length} rows` };
    const response = await send(
      world,
      {
        method: 'POST',
        url: `/api/v1/accounts/${id}/reconciliations`,
        payload: {
          date: args.date,
          statementBalance: formatMinor(statement, account?.decimals ?? 2),
        },
      },
      expected,
    );
    if (expected.status !== 201) return;
    for (const row of covered) row.locked = true;
    same(
      `the reconciliation's count`,
      response.json<Reconciliation>().reconciledCount,
      covered.length,
    );
  },
);

/** Every kind of write the ledger takes. */
const OPERATIONS = [
  createTransaction,
  editTransaction,
  deleteTransaction,
  flagTransaction,
  createTransfer,
  updateTransfer,
  deleteTransfer,
  reconcile,
  importCsv,
  undoImport,
  createCategory,
  deleteCategory,
  createAccount,
  updateAccount,
  deleteAccount,
];

const byKindThenCategory = (
  a: { kind: string; categoryId: number | null },
  b: { kind: string; categoryId: number | null },
) => a.kind.localeCompare(b.kind) || (a.categoryId ?? 0) - (b.categoryId ?? 0);

/**
 * Everything an account's own views are computed from, per account: its rows, its monthly
 * totals, the account itself, and the names of the user's categories.
 */
function storedState(sqlite: Database.Database, userId: number): Map<number, string> {
  const rows = sqlite
    .prepare(
      `SELECT a.id AS id, json_array(
         (SELECT json_group_array(json_array(id, date, type, amount, delta, balance_after, category_id, title, cleared, reconciliation_id, transfer_id))
          FROM (SELECT * FROM transactions t WHERE t.account_id = a.id ORDER BY date, id)),
         (SELECT json_group_array(json_array(month, type, category_key, total, count))
          FROM (SELECT * FROM monthly_totals m WHERE m.account_id = a.id ORDER BY month, type, category_key)),
         json_array(a.name, a.currency, a.is_default, a.opening_balance, a.opening_date, a.closed_at),
         (SELECT json_group_array(json_array(id, name, kind)) FROM categories c WHERE c.user_id = a.user_id)
       ) AS state
       FROM accounts a WHERE a.user_id = ?`,
    )
    .all(userId) as Array<{ id: number; state: string }>;
  return new Map(rows.map((row) => [row.id, row.state]));
}

/**
 * After every step: the stored running balances and monthly totals of every account against a
 * fresh computation over its rows; GET /accounts and GET /summary (all accounts) against the
 * model; and each account's summary and transaction list against the model, unless both the
 * account's stored state and the model's view of it are the same as when they last agreed (the
 * views are computed from nothing else, so asking again could only repeat the same answer).
 */
async function verify(world: World, sqlite: Database.Database): Promise<void> {
  const { model, user } = world;
  const stored = [
    ...checkBalances(sqlite, user.userId).problems,
    ...checkMonthlyTotals(sqlite, user.userId),
  ];
  if (stored.length > 0) throw new Error(`the stored ledger is off:\n  ${stored.join('\n  ')}`);

  const get = async <T>(url: string) =>
    (await expectStatus(user.request({ method: 'GET', url }), 200)).json<T>();
  const accounts = (await get<{ items: Account[] }>('/api/v1/accounts')).items;
  const views = model.accountViews();
  same(
    'GET /accounts',
    accounts.map((account, i) => fields(account, views[i] ?? views[0] ?? {})),
    views,
  );
  const summaryOf = (summary: Summary, like: ReturnType<LedgerModel['summaryView']>) => ({
    ...fields(summary, like),
    byCategory: summary.byCategory
      .map((group) => fields(group, like.byCategory[0] ?? group))
      .sort(byKindThenCategory),
  });
  const all = model.summaryView(null);
  same('GET /summary', summaryOf(await get<Summary>('/api/v1/summary'), all), all);

  const state = storedState(sqlite, user.userId);
  for (const account of model.accounts.values()) {
    const view = model.summaryView(account.id);
    const rows = model.transactionViews(account.id);
    // Its `accounts` and `netWorth` are the user's, GET /summary's, compared above at every step.
    const own = { ...view, accounts: null, netWorth: null };
    const key = JSON.stringify([own, rows, state.get(account.id) ?? 'no account']);
    if (world.verified.get(account.id) === key) continue;
    same(
      `GET /summary?accountId=${account.id}`,
      summaryOf(await get<Summary>(`/api/v1/summary?accountId=${account.id}`), view),
      view,
    );
    same(
      `GET /transactions?accountId=${account.id}`,
      (await allTransactions(world, account.id)).map((row, i) =>
        fields(row, rows[i] ?? rows[0] ?? {}),
      ),
      rows,
    );
    world.verified.set(account.id, key);
  }
}

describe('the ledger under random sequences of writes', async () => {
  const { app } = await buildTestApp();
  const { sqlite } = app.dbHandle;
  const other = await seedOtherUser(app);
  const users = registrations(app);
  afterAll(async () => {
    await users.settle();
    if (TALLY)
      console.info(
        [...TALLY]
          .sort()
          .map(([key, n]) => `${n}\t${key}`)
          .join('\n'),
      );
  });

  it(
    'answers every write as the model says, and keeps balances, totals and views equal to a fresh computation',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(...OPERATIONS.map((op) => op.steps)), {
            minLength: 1,
            maxLength: MAX_STEPS,
            size: 'max',
          }),
          async (steps) => {
            const world = await startRun(await users.next(), other.foreign);
            let done = 'The setup';
            try {
              await verify(world, sqlite);
              for (const [index, step] of steps.entries()) {
                done = `Step ${index + 1} (${step.name})`;
                world.log.push(`-- ${done}: ${step[fc.toStringMethod]()}`);
                await step.run(world);
                await verify(world, sqlite);
                same("the second user's data", other.snapshot(), other.before);
              }
            } catch (error) {
              const message = error instanceof Error ? error.message : String(error);
              throw new Error(
                `${done}: ${message}\n\nThe run's requests:\n  ${world.log.join('\n  ')}`,
              );
            }
          },
        ),
        {
          numRuns: RUNS,
          // Shrinking a failure reruns whole sequences: past the limit, fast-check stops and
          // reports the smallest failure found so far. A passing run stays far below it.
          interruptAfterTimeLimit: TIME_LIMIT_MS,
          markInterruptAsFailure: true,
        },
      );
    },
    TIME_LIMIT_MS + 60_000,
  );
});

/**
 * Registers users one ahead: hashing the password (argon2, on libuv's threads) overlaps the run
 * before, instead of adding to every run's time.
 */
function registrations(app: FastifyInstance) {
  let pending = registerUser(app);
  return {
    next(): Promise<Session> {
      const user = pending;
      pending = registerUser(app);
      return user;
    },
    /** The last one is still hashing when the runs end: the app must not close under it. */
    settle: () => pending.then(() => undefined),
  };
}

/** The run's user, registered afresh, with accounts in three currencies and a few rows. */
async function startRun(user: Session, foreign: Foreign): Promise<World> {
  const world: World = {
    user,
    model: new LedgerModel('USD'),
    foreign,
    log: [],
    counter: 0,
    verified: new Map(),
  };
  const get = async <T>(url: string) =>
    (await expectStatus(user.request({ method: 'GET', url }), 200)).json<T>();
  const [main] = (await get<{ items: Account[] }>('/api/v1/accounts')).items;
  if (!main) throw new Error('a new user has no account');
  world.model.addAccount({
    id: main.id,
    name: main.name,
    currency: main.currency,
    isDefault: true,
    closed: false,
    openingBalance: 0n,
    openingDate: main.openingDate,
  });
  for (const { id, name, kind } of (await get<{ items: Category[] }>('/api/v1/categories')).items) {
    world.model.categories.set(id, { id, name, kind });
  }
  await createAccount.run(world, {
    currency: 'USD',
    opening: null,
    openingDate: '2026-10-01',
    isDefault: false,
  });
  await createAccount.run(world, {
    currency: 'JPY',
    opening: { minor: 50_000, scale: null },
    openingDate: '2026-10-15',
    isDefault: false,
  });
  await createAccount.run(world, {
    currency: 'KWD',
    opening: { minor: -12_345, scale: null },
    openingDate: '2026-11-30',
    isDefault: false,
  });
  // A few rows, so that the first steps find something to edit, delete or undo.
  const own = (n: number) => ({ from: 'live' as const, n });
  // And a closed account, so that writes meet one from the first step.
  await createAccount.run(world, {
    currency: 'JPY',
    opening: null,
    openingDate: '2026-10-01',
    isDefault: false,
  });
  await updateAccount.run(world, {
    target: own(4),
    opening: null,
    openingDate: null,
    closed: true,
    isDefault: null,
  });
  const dollars = { minor: 1250, scale: null };
  await createTransaction.run(world, {
    account: null,
    type: 'expense',
    amount: dollars,
    date: '2026-11-15',
    title: 'Rent',
    category: { from: 'fit', n: 0 },
  });
  await createTransaction.run(world, {
    account: own(2),
    type: 'income',
    amount: { minor: 3000, scale: null },
    date: '2026-12-02',
    title: 'Refund',
    category: { from: 'none' },
  });
  await createTransfer.run(world, {
    from: own(0),
    to: own(2),
    amount: dollars,
    toAmount: { minor: 2000, scale: null },
    date: '2026-11-01',
    title: null,
  });
  await importCsv.run(world, {
    account: own(3),
    rows: [
      { date: '2026-10-31', type: 'expense', amount: dollars, title: 'Coffee', category: null },
      { date: '2026-12-31', type: 'income', amount: dollars, title: 'Refund', category: own(0) },
    ],
  });
  // Locked from the first step: the rent, the transfer (by its out leg) and the import (by its
  // first row), each cleared and reconciled.
  for (const n of [0, 2, 4]) {
    await flagTransaction.run(world, { target: own(n), cleared: true, unlock: null });
  }
  await reconcile.run(world, { account: own(0), date: '2026-11-30', off: 0 });
  await reconcile.run(world, { account: own(3), date: '2026-11-30', off: 0 });
  // And two transfers that are free to change.
  await createTransfer.run(world, {
    from: own(0),
    to: own(1),
    amount: { minor: 500, scale: null },
    toAmount: 'absent',
    date: '2026-12-02',
    title: 'Rent',
  });
  await createTransfer.run(world, {
    from: own(3),
    to: own(2),
    amount: { minor: 2500, scale: null },
    toAmount: { minor: 1000, scale: null },
    date: '2026-12-01',
    title: null,
  });
  return world;
}

/**
 * A second user with accounts, an opening balance, transactions, a category and an import: their
 * ids are what the first user's writes name as another user's, and their data must never change.
 */
async function seedOtherUser(app: FastifyInstance) {
  const other = await registerUser(app, { currency: 'JPY' });
  const post = async <T>(url: string, payload: object, status = 201) =>
    (await expectStatus(other.request({ method: 'POST', url, payload }), status)).json<T>();
  const categories = (
    await expectStatus(other.request({ method: 'GET', url: '/api/v1/categories' }), 200)
  ).json<{ items: Category[] }>().items;
  const [main] = (
    await expectStatus(other.request({ method: 'GET', url: '/api/v1/accounts' }), 200)
  ).json<{ items: Account[] }>().items;
  const dollars = await post<Account>('/api/v1/accounts', {
    name: 'Dollars',
    currency: 'USD',
    openingBalance: '100.00',
    openingDate: '2026-10-01',
  });
  const empty = await post<Account>('/api/v1/accounts', { name: 'Empty', currency: 'KWD' });
  const spare = await post<Category>('/api/v1/categories', { name: 'Spare', kind: 'expense' });
  const expense = categories.find((c) => c.kind === 'expense');
  const income = categories.find((c) => c.kind === 'income');
  if (!main || !expense || !income) throw new Error('a new user lacks an account or categories');
  const coffee = await post<Transaction>('/api/v1/transactions', {
    type: 'expense',
    amount: '1250',
    title: 'Coffee',
    date: '2026-11-15',
    categoryId: expense.id,
  });
  const refund = await post<Transaction>('/api/v1/transactions', {
    accountId: dollars.id,
    type: 'income',
    amount: '5.00',
    title: 'Refund',
    date: '2026-12-02',
    categoryId: income.id,
  });
  const imported = (
    await expectStatus(
      other.request({
        method: 'POST',
        url: `/api/v1/imports?date=date&title=title&amount=amount&accountId=${dollars.id}`,
        headers: { 'content-type': 'text/csv' },
        payload: 'date,title,amount\n2026-10-15,Rent,-12.50\n2026-11-01,Coffee,-5.00\n',
      }),
      201,
    )
  ).json<ImportResult>().import;
  if (!imported) throw new Error('the import has no id');
  const transfer = await post<Transfer>('/api/v1/transfers', {
    fromAccountId: main.id,
    toAccountId: dollars.id,
    amount: '1000',
    toAmount: '6.50',
    date: '2026-11-15',
  });
  const page = (
    await expectStatus(
      other.request({ method: 'GET', url: `/api/v1/transactions?accountId=${dollars.id}` }),
      200,
    )
  ).json<TransactionPage>();
  const foreign: Foreign = {
    transactions: [coffee.id, refund.id, ...page.items.map((row) => row.id)],
    accounts: [main.id, dollars.id, empty.id],
    categories: [expense.id, income.id, spare.id],
    imports: [imported.id],
    transfers: [transfer.id],
  };
  const { sqlite } = app.dbHandle;
  const snapshot = () =>
    Object.fromEntries(
      [
        'transactions',
        'monthly_totals',
        'accounts',
        'categories',
        'imports',
        'transfers',
        'reconciliations',
      ].map((table) => [
        table,
        sqlite
          .prepare(`SELECT * FROM ${table} WHERE user_id = ? ORDER BY 1, 2, 3`)
          .all(other.userId),
      ]),
    );
  return { foreign, snapshot, before: snapshot() };
}
