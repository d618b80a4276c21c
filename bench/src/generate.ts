import { rmSync, statSync } from 'node:fs';
import { openDatabase } from '../../apps/api/src/db/client.js';
import { rebuildMonthlyTotals } from '../../apps/api/src/modules/ledger/monthly-totals.js';
import { UsersRepository } from '../../apps/api/src/modules/auth/users.repository.js';
import { hashPassword } from '../../apps/api/src/modules/auth/passwords.js';
import { createRandom, type Random } from './prng.js';

/** Every generated user has this password, so the runner can log in. */
export const BENCH_PASSWORD = 'correct horse battery staple';

/** The last day of generated history; fixed so that a seed always gives the same data. */
export const HISTORY_END = '2026-06-30';

/** A busy household: about eight transactions a day, so history grows with the size. */
const TRANSACTIONS_PER_DAY = 8;

export interface GenerateOptions {
  path: string;
  /** Transactions of the measured user (the first one). */
  transactions: number;
  /** Further users, each with a tenth of the transactions, so queries must filter by user. */
  otherUsers: number;
  seed: number;
}

export interface GeneratedUser {
  id: number;
  username: string;
  transactions: number;
}

export interface GeneratedData {
  path: string;
  users: GeneratedUser[];
  /** Rows in the transactions table. */
  totalTransactions: number;
  firstDate: string;
  lastDate: string;
  /** The keyset cursor at the middle of the measured user's history: page N/2 of N. */
  deepCursor: string;
  deepCursorRow: number;
  /** A category of the measured user that takes expenses, for the create scenario. */
  expenseCategoryId: number;
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

function weightedPicker(random: Random, entries: Array<{ id: number; plan: CategoryPlan }>) {
  const total = entries.reduce((sum, entry) => sum + entry.plan.weight, 0);
  return () => {
    let roll = random.next() * total;
    for (const entry of entries) {
      roll -= entry.plan.weight;
      if (roll < 0) return entry;
    }
    const last = entries.at(-1);
    if (!last) throw new Error('no categories');
    return last;
  };
}

/**
 * Writes a fresh database through the app's own migrations and repositories (users get the
 * default categories exactly as registration gives them), then bulk-inserts each user's
 * transactions in date order so that `balance_after` is a running sum computed on the way.
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
  const usersRepository = new UsersRepository(handle.db);

  const insert = sqlite.prepare(
    `INSERT INTO transactions
       (user_id, account_id, category_id, type, amount, delta, title, description, date, balance_after, created_at, updated_at)
     VALUES (?, (SELECT id FROM accounts WHERE user_id = ? AND is_default = 1), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
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
  let deep: { date: string; id: number } | undefined;
  const deepCursorRow = Math.floor(options.transactions / 2);
  let expenseCategoryId = 0;

  for (const [index, count] of plan.entries()) {
    const username = `bench${index + 1}`;
    const user = usersRepository.create({
      username,
      passwordHash,
      currency: 'USD',
      now: '2000-01-01T00:00:00.000Z',
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
    const pickCategory = weightedPicker(random, categories);
    const days = Math.max(1, Math.ceil(count / TRANSACTIONS_PER_DAY));
    const start = addDays(HISTORY_END, -(days - 1));
    if (start < firstDate) firstDate = start;

    let balance = 0;
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
          const amount = random.int(category.plan.min, category.plan.max);
          balance += category.plan.kind === 'income' ? amount : -amount;
          const description = random.next() < 0.2 ? random.pick(NOTES) : null;
          const instant = `${date}T12:00:00.000Z`;
          const result = insert.run(
            user.id,
            user.id,
            uncategorised ? null : category.id,
            category.plan.kind,
            amount,
            category.plan.kind === 'income' ? amount : -amount,
            random.pick(category.plan.titles),
            description,
            date,
            balance,
            instant,
            instant,
          );
          // Newest first, row k (0-based) is the one at position count - 1 - k in date order.
          if (index === 0 && i === count - 1 - deepCursorRow)
            deep = { date, id: Number(result.lastInsertRowid) };
        }
      })();
    }
  }

  // The bulk insert bypassed the repositories: derive the monthly totals they would have kept.
  rebuildMonthlyTotals(sqlite);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  handle.close();
  if (!deep) throw new Error('no deep cursor row');
  const firstUser = users[0];
  if (!firstUser) throw new Error('no users');
  return {
    path: options.path,
    users,
    totalTransactions: plan.reduce((sum, count) => sum + count, 0),
    firstDate,
    lastDate: HISTORY_END,
    deepCursor: Buffer.from(`${deep.date}|${deep.id}`).toString('base64url'),
    deepCursorRow,
    expenseCategoryId,
    seconds: (performance.now() - started) / 1000,
    bytes: statSync(options.path).size,
  };
}
