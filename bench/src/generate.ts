import { rmSync, statSync } from 'node:fs';
import { formatMinor, searchTextOf, type AccountKind } from '@moneta/schema';
import { openDatabase } from '../../apps/api/src/db/client.js';
import { rebuildMonthlyTotals } from '../../apps/api/src/modules/ledger/monthly-totals.js';
import { AccountsRepository } from '../../apps/api/src/modules/accounts/accounts.repository.js';
import { UsersRepository } from '../../apps/api/src/modules/auth/users.repository.js';
import { RatesRepository } from '../../apps/api/src/modules/rates/rates.repository.js';
import { hashPassword } from '../../apps/api/src/modules/auth/passwords.js';
import { createRandom, type Random } from './prng.js';

/** Every generated user has this password, so the runner can log in. */
export const BENCH_PASSWORD = 'correct horse battery staple';

/** Every generated user's currency, so the one net worth reports in. */
export const REPORTING_CURRENCY = 'USD';

/** The last day of generated history; fixed so that a seed always gives the same data. */
export const HISTORY_END = '2026-06-30';

/**
 * How a history is spread over time. `realistic`: a household's 10 to 30 years, busier as it
 * grows (10k over 10 years, 100k over 20, 1M over 30: about 3, 14 and 91 a day). `long`: the
 * stress case, eight a day whatever the size, so 1M rows span 342 years.
 */
export type HistorySpan = 'realistic' | 'long';

const LONG_SPAN_PER_DAY = 8;

/** Days of history for `count` transactions. */
export function historyDays(count: number, span: HistorySpan): number {
  if (span === 'long') return Math.max(1, Math.ceil(count / LONG_SPAN_PER_DAY));
  const years = Math.min(30, Math.max(10, 10 + 10 * Math.log10(Math.max(1, count) / 10_000)));
  return Math.round(years * 365.25);
}

export interface GenerateOptions {
  path: string;
  /** Transactions of the measured user (the first one), over their ten accounts. */
  transactions: number;
  /** Further users, each with a tenth of the transactions, so queries must filter by user. */
  otherUsers: number;
  seed: number;
  /** Default `realistic`. */
  span?: HistorySpan;
}

export interface GeneratedUser {
  id: number;
  username: string;
  /** Incomes and expenses generated for the user (opening balances not counted). */
  transactions: number;
}

export interface GeneratedAccount {
  id: number;
  name: string;
  kind: AccountKind;
  currency: string;
  closed: boolean;
  /** Rows in its ledger, its opening balance included. */
  rows: number;
}

/** The keyset cursor at the middle of a history: the page after row N/2 of N, newest first. */
export interface DeepCursor {
  cursor: string;
  row: number;
  of: number;
}

export interface GeneratedData {
  path: string;
  users: GeneratedUser[];
  /** The measured user's accounts, in id order. */
  accounts: GeneratedAccount[];
  /** Rows in the transactions table. */
  totalTransactions: number;
  firstDate: string;
  lastDate: string;
  /** The middle of the measured user's whole history, all accounts. */
  deep: DeepCursor;
  /** The measured user's default checking account: the one-account scenarios read it. */
  accountId: number;
  /** The middle of that account's history. */
  accountDeep: DeepCursor;
  /** Accounts of the measured user in other currencies and a credit card, for the JSON checks. */
  eurAccountId: number;
  jpyAccountId: number;
  cardAccountId: number;
  /** Another user's account (null without other users): the measured user gets 404 for it. */
  foreignAccountId: number | null;
  /** A category of the measured user that takes expenses, for the create scenarios. */
  expenseCategoryId: number;
  /** Exchange rates the measured user entered (both directions, a future one among them). */
  rates: number;
  seconds: number;
  bytes: number;
}

interface CategoryPlan {
  kind: 'income' | 'expense';
  weight: number;
  /** Amount range in cents. */
  min: number;
  max: number;
  titles: readonly string[];
}

const PLANS: Record<string, CategoryPlan> = {
  Salary: {
    kind: 'income',
    weight: 3,
    min: 250_000,
    max: 650_000,
    titles: ['Salary', 'Payroll ACME Corp', 'Monthly pay'],
  },
  Freelance: {
    kind: 'income',
    weight: 3,
    min: 10_000,
    max: 150_000,
    titles: ['Invoice 1042', 'Consulting', 'Design gig', 'Upwork payout'],
  },
  Interest: {
    kind: 'income',
    weight: 2,
    min: 10,
    max: 5_000,
    titles: ['Savings interest', 'Bond coupon'],
  },
  'Gifts received': {
    kind: 'income',
    weight: 1,
    min: 2_000,
    max: 30_000,
    titles: ['Birthday gift', 'From grandma'],
  },
  'Other income': {
    kind: 'income',
    weight: 1,
    min: 500,
    max: 50_000,
    titles: ['Refund', 'Sold bike', 'Cashback'],
  },
  Groceries: {
    kind: 'expense',
    weight: 30,
    min: 300,
    max: 18_000,
    titles: ['Whole Foods', 'Aldi', "Trader Joe's", 'Farmers market', 'Corner shop', 'Lidl'],
  },
  Rent: {
    kind: 'expense',
    weight: 1,
    min: 90_000,
    max: 180_000,
    titles: ['Rent', 'Landlord transfer'],
  },
  Utilities: {
    kind: 'expense',
    weight: 4,
    min: 2_000,
    max: 25_000,
    titles: ['Electricity', 'Water bill', 'Internet', 'Phone plan', 'Gas'],
  },
  Transport: {
    kind: 'expense',
    weight: 12,
    min: 150,
    max: 9_000,
    titles: ['Metro card', 'Uber', 'Fuel', 'Parking', 'Train ticket'],
  },
  'Dining out': {
    kind: 'expense',
    weight: 15,
    min: 400,
    max: 12_000,
    titles: ['Pizza place', 'Sushi bar', 'Coffee', 'Lunch with team', 'Burger joint'],
  },
  Health: {
    kind: 'expense',
    weight: 3,
    min: 500,
    max: 40_000,
    titles: ['Pharmacy', 'Dentist', 'Gym membership'],
  },
  Entertainment: {
    kind: 'expense',
    weight: 6,
    min: 300,
    max: 15_000,
    titles: ['Cinema', 'Streaming', 'Concert tickets', 'Books'],
  },
  Shopping: {
    kind: 'expense',
    weight: 8,
    min: 500,
    max: 60_000,
    titles: ['Amazon', 'Clothes', 'Hardware store', 'Electronics'],
  },
  Travel: {
    kind: 'expense',
    weight: 2,
    min: 5_000,
    max: 150_000,
    titles: ['Flight', 'Hotel', 'Car rental'],
  },
  'Other expenses': {
    kind: 'expense',
    weight: 4,
    min: 100,
    max: 20_000,
    titles: ['Misc', 'Cash withdrawal', 'Post office'],
  },
};

interface AccountPlan {
  name: string;
  kind: AccountKind;
  currency: string;
  onBudget: boolean;
  /** Minor units of the account's currency; 0 gives no opening row. */
  openingBalance: number;
  /** Closed at the end of history, its rows kept. */
  closed: boolean;
  /** Shares of the user's incomes and of their expenses that land in the account. */
  income: number;
  expense: number;
  /** Minor units of the account's currency per US cent (the category plans are in cents). */
  rate: number;
}

/**
 * The measured user's ten accounts. The first is the default 'Main account' registration opens;
 * it takes about half of all rows. Every other user keeps that one account only.
 */
const ACCOUNTS: readonly AccountPlan[] = [
  {
    name: 'Main account',
    kind: 'checking',
    currency: 'USD',
    onBudget: true,
    openingBalance: 0,
    closed: false,
    income: 70,
    expense: 50,
    rate: 1,
  },
  {
    name: 'Savings',
    kind: 'savings',
    currency: 'USD',
    onBudget: true,
    openingBalance: 1_500_000,
    closed: false,
    income: 8,
    expense: 1,
    rate: 1,
  },
  {
    name: 'Credit card',
    kind: 'credit_card',
    currency: 'USD',
    onBudget: true,
    openingBalance: -31_025,
    closed: false,
    income: 0,
    expense: 18,
    rate: 1,
  },
  {
    name: 'Cash',
    kind: 'cash',
    currency: 'USD',
    onBudget: true,
    openingBalance: 20_000,
    closed: false,
    income: 0,
    expense: 10,
    rate: 1,
  },
  {
    name: 'Joint account',
    kind: 'checking',
    currency: 'USD',
    onBudget: true,
    openingBalance: 250_000,
    closed: false,
    income: 10,
    expense: 6,
    rate: 1,
  },
  {
    name: 'Euro account',
    kind: 'checking',
    currency: 'EUR',
    onBudget: true,
    openingBalance: 120_000,
    closed: false,
    income: 5,
    expense: 5,
    rate: 0.9,
  },
  {
    name: 'Yen account',
    kind: 'checking',
    currency: 'JPY',
    onBudget: true,
    openingBalance: 50_000,
    closed: false,
    income: 3,
    expense: 3,
    rate: 1.5,
  },
  {
    name: 'Emergency fund',
    kind: 'savings',
    currency: 'USD',
    onBudget: false,
    openingBalance: 1_000_000,
    closed: false,
    income: 2,
    expense: 0,
    rate: 1,
  },
  {
    name: 'Brokerage',
    kind: 'other',
    currency: 'USD',
    onBudget: false,
    openingBalance: 5_000_000,
    closed: false,
    income: 2,
    expense: 1,
    rate: 1,
  },
  {
    name: 'Old card',
    kind: 'credit_card',
    currency: 'USD',
    onBudget: true,
    openingBalance: 0,
    closed: true,
    income: 0,
    expense: 6,
    rate: 1,
  },
];

/**
 * The measured user's rates for the foreign currencies against USD, as integers at a scale (so
 * the text never passes a float): `forward` is USD per unit of the currency, `reverse` is the
 * currency per USD, the pair entered the other way round. Around the account plans' rates.
 */
interface RatePlan {
  currency: string;
  forward: { min: number; max: number; scale: number };
  reverse: { min: number; max: number; scale: number };
  /** Whether a date (its index among RATE_DATES) is entered the other way round, USD as base. */
  reversed: (index: number, last: boolean) => boolean;
  /** The last date has the pair as asked too: the lookup's tie-break must pick that one. */
  tieOnLast: boolean;
}

const RATE_DATES = 8;

const RATES: readonly RatePlan[] = [
  {
    // EUR/USD 1.05 to 1.15; the last date entered as USD/EUR, so net worth divides.
    currency: 'EUR',
    forward: { min: 10_500, max: 11_500, scale: 4 },
    reverse: { min: 869_000, max: 952_000, scale: 6 },
    reversed: (index, last) => last || index % 3 === 1,
    tieOnLast: false,
  },
  {
    // Mostly USD/JPY 140 to 160, some JPY/USD; on the last date both, and JPY/USD must win.
    currency: 'JPY',
    forward: { min: 625_000, max: 714_000, scale: 8 },
    reverse: { min: 14_000, max: 16_000, scale: 2 },
    reversed: (index, last) => last || index % 3 !== 1,
    tieOnLast: true,
  },
];

/** Far past any run's today: the lookup "on or before today" must skip it. */
const FUTURE_RATE_DATE = '2999-01-01';

const NOTES = ['split with Sam', 'reimbursable', 'paid by card', 'monthly', 'see receipt', 'gift'];

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Counts like 10k, 100k, 1M, 2500. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!match?.[1]) throw new Error(`not a size: ${text}`);
  const factor = match[2]?.toLowerCase() === 'k' ? 1e3 : match[2]?.toLowerCase() === 'm' ? 1e6 : 1;
  return Math.round(Number(match[1]) * factor);
}

export function formatSize(count: number): string {
  if (count >= 1e6 && count % 1e6 === 0) return `${count / 1e6}M`;
  if (count >= 1e3 && count % 1e3 === 0) return `${count / 1e3}k`;
  return String(count);
}

function weightedPicker<T>(random: Random, entries: readonly T[], weight: (entry: T) => number) {
  const total = entries.reduce((sum, entry) => sum + weight(entry), 0);
  return () => {
    let roll = random.next() * total;
    for (const entry of entries) {
      roll -= weight(entry);
      if (roll < 0) return entry;
    }
    const last = entries.at(-1);
    if (last === undefined) throw new Error('nothing to pick from');
    return last;
  };
}

/**
 * The measured user's rates through the app's repository: RATE_DATES dates per pair spread over
 * the history, entered in either direction (RatePlan.reversed), and one dated in the future.
 * Returns how many rows it stored.
 */
async function storeRates(
  rates: RatesRepository,
  random: Random,
  userId: number,
  start: string,
  now: string,
): Promise<number> {
  const span = dayIndexOf(HISTORY_END) - dayIndexOf(start);
  // A short history gives fewer distinct dates; the same pair and date would replace a rate.
  const dates = [
    ...new Set(
      Array.from({ length: RATE_DATES }, (_, i) =>
        addDays(start, Math.round((i * span) / (RATE_DATES - 1))),
      ),
    ),
  ];
  const keys = new Set<string>();
  const put = async (base: string, quote: string, date: string, rate: string) => {
    await rates.put(userId, { base, quote, date, rate }, now);
    keys.add(`${base}|${quote}|${date}`);
  };
  for (const plan of RATES) {
    const value = (range: RatePlan['forward']) =>
      formatMinor(random.int(range.min, range.max), range.scale);
    for (const [index, date] of dates.entries()) {
      const last = index === dates.length - 1;
      const reversed = plan.reversed(index, last);
      if (reversed) await put('USD', plan.currency, date, value(plan.reverse));
      if (!reversed || (last && plan.tieOnLast))
        await put(plan.currency, 'USD', date, value(plan.forward));
    }
    await put(plan.currency, 'USD', FUTURE_RATE_DATE, value(plan.forward));
  }
  return keys.size;
}

function dayIndexOf(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;
}

/**
 * Writes a fresh database through the app's own migrations and repositories (users get the
 * default categories and account exactly as registration gives them; the measured user's other
 * accounts, their opening balances and the closing of one are the accounts repository's, their
 * exchange rates the rates repository's), then
 * bulk-inserts each user's transactions in (date, id) order so that every account's
 * `balance_after` is a running sum computed on the way, and rebuilds the monthly totals with the
 * app's own rebuild.
 */
export async function generateDatabase(options: GenerateOptions): Promise<GeneratedData> {
  const started = performance.now();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${options.path}${suffix}`, { force: true });
  const handle = openDatabase(options.path);
  const { sqlite } = handle;
  // Only for the bulk load: the servers open the file with the app's synchronous=FULL.
  sqlite.pragma('synchronous = OFF');
  const random = createRandom(options.seed);
  // One argon2id hash at the app's parameters, shared by every user.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const usersRepository = new UsersRepository(handle.database);
  const accountsRepository = new AccountsRepository(handle.database);
  const ratesRepository = new RatesRepository(handle.database);
  const created = '2000-01-01T00:00:00.000Z';

  // search_text as the app's writes store it, so the app's start has nothing to backfill.
  const insert = sqlite.prepare(
    `INSERT INTO transactions
       (user_id, account_id, category_id, type, amount, delta, title, description, date, balance_after, search_text, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const searchTexts = new Map<string, string>();
  const searchText = (title: string, description: string | null) => {
    const key = `${title}\n${description ?? ''}`;
    let text = searchTexts.get(key);
    if (text === undefined) {
      text = searchTextOf(title, description);
      searchTexts.set(key, text);
    }
    return text;
  };
  const categoriesOf = sqlite.prepare<
    [number],
    { id: number; name: string; kind: 'income' | 'expense' }
  >('SELECT id, name, kind FROM categories WHERE user_id = ? ORDER BY id');

  const plan = [
    options.transactions,
    ...Array.from({ length: options.otherUsers }, () =>
      Math.max(1, Math.round(options.transactions / 10)),
    ),
  ];
  const users: GeneratedUser[] = [];
  let firstDate = HISTORY_END;
  let expenseCategoryId = 0;
  let measured: Array<{ id: number; plan: AccountPlan }> = [];
  let foreignAccountId: number | null = null;
  let rateCount = 0;

  for (const [index, count] of plan.entries()) {
    const username = `bench${index + 1}`;
    const user = await usersRepository.create({
      username,
      passwordHash,
      currency: REPORTING_CURRENCY,
      now: created,
      registration: { mode: 'open' },
    });
    users.push({ id: user.id, username, transactions: count });
    const categories = categoriesOf.all(user.id).flatMap((category) => {
      const categoryPlan = PLANS[category.name];
      return categoryPlan ? [{ id: category.id, plan: categoryPlan }] : [];
    });
    if (index === 0) {
      const groceries = categories.find((category) => category.plan.titles.includes('Aldi'));
      if (!groceries) throw new Error('default categories changed: no Groceries');
      expenseCategoryId = groceries.id;
    }
    const pickCategory = weightedPicker(random, categories, (entry) => entry.plan.weight);
    const days = historyDays(count, options.span ?? 'realistic');
    const start = addDays(HISTORY_END, -(days - 1));
    if (start < firstDate) firstDate = start;

    const defaultAccount = await accountsRepository.defaultAccount(user.id);
    if (!defaultAccount) throw new Error(`${username} has no default account`);
    const [mainPlan, ...otherPlans] = index === 0 ? ACCOUNTS : ACCOUNTS.slice(0, 1);
    if (!mainPlan) throw new Error('no account plan');
    // Opened on the first day of history: the opening rows come first in (date, id) order.
    const accounts = [{ id: defaultAccount.id, plan: mainPlan }];
    for (const accountPlan of otherPlans) {
      accounts.push({
        id: (
          await accountsRepository.create(
            user.id,
            {
              name: accountPlan.name,
              kind: accountPlan.kind,
              currency: accountPlan.currency,
              onBudget: accountPlan.onBudget,
              openingBalance: accountPlan.openingBalance,
              openingDate: start,
              isDefault: false,
            },
            created,
          )
        ).id,
        plan: accountPlan,
      });
    }
    if (index === 0) measured = accounts;
    if (index === 1) foreignAccountId = defaultAccount.id;
    const balances = new Map(accounts.map((account) => [account.id, account.plan.openingBalance]));
    const pickAccount = {
      income: weightedPicker(random, accounts, (account) => account.plan.income),
      expense: weightedPicker(random, accounts, (account) => account.plan.expense),
    };

    let dayOffset = -1;
    let date = start;
    const batch = 50_000;
    for (let from = 0; from < count; from += batch) {
      sqlite.transaction(() => {
        for (let i = from; i < Math.min(count, from + batch); i += 1) {
          // Spread rows evenly over the days, in date order, so ids follow (date, id) order.
          const offset = Math.floor((i * days) / count);
          if (offset !== dayOffset) {
            dayOffset = offset;
            date = addDays(start, offset);
          }
          const uncategorised = random.next() < 0.03;
          const category = pickCategory();
          const { kind } = category.plan;
          const account = pickAccount[kind]();
          const amount = Math.max(
            1,
            Math.round(random.int(category.plan.min, category.plan.max) * account.plan.rate),
          );
          const delta = kind === 'income' ? amount : -amount;
          const balance = (balances.get(account.id) ?? 0) + delta;
          balances.set(account.id, balance);
          const title = random.pick(category.plan.titles);
          const description = random.next() < 0.2 ? random.pick(NOTES) : null;
          const instant = `${date}T12:00:00.000Z`;
          insert.run(
            user.id,
            account.id,
            uncategorised ? null : category.id,
            kind,
            amount,
            delta,
            title,
            description,
            date,
            balance,
            searchText(title, description),
            instant,
            instant,
          );
        }
      })();
    }
    if (index === 0) {
      // A stream of its own, so the same seed still gives the same transactions as before rates.
      rateCount = await storeRates(
        ratesRepository,
        createRandom(options.seed + 1),
        user.id,
        start,
        created,
      );
    } else {
      // Other users' rates come a day later and are far off: a lookup not filtered by user shows.
      for (const [base, quote] of [
        ['EUR', 'USD'],
        ['USD', 'JPY'],
      ] as const) {
        await ratesRepository.put(
          user.id,
          { base, quote, date: addDays(HISTORY_END, 1), rate: '99.5' },
          created,
        );
      }
    }
    for (const account of accounts) {
      if (account.plan.closed) {
        await accountsRepository.update(
          user.id,
          account.id,
          { closedAt: `${HISTORY_END}T12:00:00.000Z` },
          created,
        );
      }
    }
  }

  // The bulk insert bypassed the ledger: derive the monthly totals it would have kept.
  rebuildMonthlyTotals(sqlite);
  // What the ledger guarantees, checked on every row: the balance is the account's running sum.
  const wrong = sqlite
    .prepare<[], { count: number }>(
      `SELECT COUNT(*) AS count FROM (
         SELECT balance_after, SUM(delta) OVER (PARTITION BY account_id ORDER BY date, id) AS running
         FROM transactions) WHERE balance_after IS NOT running`,
    )
    .get();
  if (wrong?.count !== 0) throw new Error(`${wrong?.count} rows break their account's running sum`);

  const firstUser = users[0];
  if (!firstUser) throw new Error('no users');
  const rowsOf = sqlite.prepare<[number], { accountId: number; rows: number }>(
    'SELECT account_id AS accountId, COUNT(*) AS rows FROM transactions WHERE user_id = ? GROUP BY account_id',
  );
  const rows = new Map(rowsOf.all(firstUser.id).map((row) => [row.accountId, row.rows]));
  const deepCursor = (column: 'user_id' | 'account_id', id: number, of: number): DeepCursor => {
    const row = Math.floor(of / 2);
    const found = sqlite
      .prepare<[number, number], { date: string; id: number }>(
        `SELECT date, id FROM transactions WHERE ${column} = ? ORDER BY date DESC, id DESC LIMIT 1 OFFSET ?`,
      )
      .get(id, row);
    if (!found) throw new Error(`no row ${row} of ${of} for ${column} ${id}`);
    return { cursor: Buffer.from(`${found.date}|${found.id}`).toString('base64url'), row, of };
  };
  const accountIdOf = (name: string) => {
    const found = measured.find((account) => account.plan.name === name);
    if (!found) throw new Error(`no account ${name}`);
    return found.id;
  };
  const main = measured[0];
  if (!main) throw new Error('no main account');
  const userRows = [...rows.values()].reduce((sum, count) => sum + count, 0);
  const result: Omit<GeneratedData, 'seconds' | 'bytes'> = {
    path: options.path,
    users,
    accounts: measured.map((account) => ({
      id: account.id,
      name: account.plan.name,
      kind: account.plan.kind,
      currency: account.plan.currency,
      closed: account.plan.closed,
      rows: rows.get(account.id) ?? 0,
    })),
    totalTransactions:
      sqlite.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM transactions').get()
        ?.count ?? 0,
    firstDate,
    lastDate: HISTORY_END,
    deep: deepCursor('user_id', firstUser.id, userRows),
    accountId: main.id,
    accountDeep: deepCursor('account_id', main.id, rows.get(main.id) ?? 0),
    eurAccountId: accountIdOf('Euro account'),
    jpyAccountId: accountIdOf('Yen account'),
    cardAccountId: accountIdOf('Credit card'),
    foreignAccountId,
    expenseCategoryId,
    rates: rateCount,
  };
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  handle.close();
  return {
    ...result,
    seconds: (performance.now() - started) / 1000,
    bytes: statSync(options.path).size,
  };
}
