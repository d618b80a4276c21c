import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { verifyPassword } from '../../apps/api/src/modules/auth/passwords.js';
import {
  MAX_DAILY_POINTS,
  MAX_FILLED_MONTHS,
  convertMinor,
  currencyDecimals,
  datesBetween,
  dayIndex,
  firstDayOfMonth,
  lastDayOfMonth,
  localDate,
  monthIndex,
  monthOf,
  monthsBetween,
  parseRate,
  runtimeTimeZone,
  searchTextOf,
} from '@moneta/schema';
import { splitRange } from '../../apps/api/src/modules/summary/summary.repository.js';

/**
 * The practical limit of the stack: bare Fastify and raw prepared better-sqlite3 statements over
 * the same file, pragmas and SQL as the app, answering the hot endpoints with the same JSON, byte
 * for byte (keys in the app's order).
 *
 * To be fair it does the same essential work per request, in the app's design: the session is
 * the app's signed HS256 JWT in the same cookie, its signature checked and its session row looked
 * up (so a revoked session, or one from before a password change, fails here too); "today" is in
 * the user's time zone; every account keeps its own running balance (`balance_after`, a running
 * sum of `delta`) and its own monthly totals, which a create brings up to date with the app's SQL
 * inside a synchronous=FULL transaction; a summary reads whole months from monthly_totals over the
 * accounts in scope (one account in its currency, else those in the reporting currency) and scans
 * only partial edge months; net worth looks up each other currency's latest rate as the app's rates
 * repository does; amounts are summed and converted with BigInt. What it leaves out is the framework
 * around that: zod validation and serialisation (hand-written checks instead), Drizzle, security
 * headers, compression, the cross-site check, idempotency keys, rate limiting and request logging.
 */

const COOKIE = 'moneta_session';
const TTL_SECONDS = 7 * 24 * 3600;

interface Session {
  sessionId: string;
  userId: number;
  username: string;
  currency: string;
  createdAt: string;
  timeZone: string | null;
}

interface AccountRow {
  id: number;
  name: string;
  kind: string;
  currency: string;
  onBudget: number;
  isDefault: number;
  openingBalance: number;
  openingDate: string;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface TransactionRow {
  id: number;
  accountId: number;
  type: 'income' | 'expense' | 'transfer' | 'opening';
  amount: number;
  delta: number;
  title: string;
  description: string | null;
  categoryId: number | null;
  date: string;
  createdAt: string;
  updatedAt: string;
  balanceAfter: number;
}

interface Group {
  month: string;
  type: 'income' | 'expense' | 'transfer' | 'opening';
  categoryId: number | null;
  total: string;
  count: number;
}

interface CategoryTotal {
  type: 'income' | 'expense';
  categoryId: number | null;
  total: string;
  count: number;
}

interface MonthTotal {
  month: string;
  type: Group['type'];
  total: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function format(minor: bigint | number, decimals: number): string {
  let value = BigInt(minor);
  const negative = value < 0n;
  if (negative) value = -value;
  const digits = value.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : ''}`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value !== 'string' ||
    !DATE.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`))
  ) {
    throw new HttpError(400, `${field} must be a date`);
  }
  return value;
}

/** A positive integer id from a query string or body, else a 400 naming the field. */
function checkId(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  const id = typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1)
    throw new HttpError(400, `${field} must be an id`);
  return id;
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** Income and expense sum their amounts; transfer legs and opening balances their signed changes. */
const TOTAL = "SUM(CASE WHEN type IN ('income', 'expense') THEN amount ELSE delta END)";

/** Rows of these accounts only: a JSON array of ids, so one statement fits any set. */
const IN_ACCOUNTS = 'IN (SELECT value FROM json_each(@accounts))';

export function buildBaseline(options: { databasePath: string; secret: string }): FastifyInstance {
  const sqlite = new Database(options.databasePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');

  const columns = `id, account_id AS accountId, type, amount, delta, title, description, category_id AS categoryId, date,
    created_at AS createdAt, updated_at AS updatedAt, balance_after AS balanceAfter`;
  const accountColumns = `id, name, kind, currency, on_budget AS onBudget, is_default AS isDefault,
    opening_balance AS openingBalance, opening_date AS openingDate, closed_at AS closedAt,
    created_at AS createdAt, updated_at AS updatedAt`;
  const latestBalance = (dated: string) =>
    `(SELECT balance_after FROM transactions WHERE account_id = j.value ${dated}
      ORDER BY date DESC, id DESC LIMIT 1)`;
  const statements = {
    session: sqlite.prepare<[string, string], Session>(
      `SELECT s.id AS sessionId, u.id AS userId, u.username, u.currency, u.created_at AS createdAt,
         u.time_zone AS timeZone
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ? AND s.expires_at > ? AND s.credential_version = u.credential_version`,
    ),
    userByName: sqlite.prepare<
      [string],
      {
        id: number;
        username: string;
        passwordHash: string;
        currency: string;
        createdAt: string;
        credentialVersion: number;
      }
    >(
      `SELECT id, username, password_hash AS passwordHash, currency, created_at AS createdAt,
         credential_version AS credentialVersion FROM users WHERE username = ?`,
    ),
    createSession: sqlite.prepare<[string, number, number, string, string]>(
      'INSERT INTO sessions (id, user_id, credential_version, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    accounts: sqlite.prepare<[number], AccountRow>(
      `SELECT ${accountColumns} FROM accounts WHERE user_id = ? ORDER BY id`,
    ),
    account: sqlite.prepare<[number, number], AccountRow>(
      `SELECT ${accountColumns} FROM accounts WHERE user_id = ? AND id = ?`,
    ),
    defaultAccount: sqlite.prepare<[number], AccountRow>(
      `SELECT ${accountColumns} FROM accounts WHERE user_id = ? AND is_default = 1`,
    ),
    // The account list's figures, as the app's accounts repository reads them.
    accountBalances: sqlite.prepare<
      { userId: number; today: string },
      { accountId: number; balance: number | null; withUpcoming: number | null; count: number }
    >(
      `SELECT a.id AS accountId,
         (SELECT balance_after FROM transactions t WHERE t.account_id = a.id AND t.date <= @today
           ORDER BY t.date DESC, t.id DESC LIMIT 1) AS balance,
         (SELECT balance_after FROM transactions t WHERE t.account_id = a.id
           ORDER BY t.date DESC, t.id DESC LIMIT 1) AS withUpcoming,
         (SELECT COUNT(*) FROM transactions t WHERE t.account_id = a.id AND t.type <> 'opening') AS count
       FROM accounts a WHERE a.user_id = @userId`,
    ),
    // The summary lists every account with its balance today: the balance is all it shows.
    summaryAccounts: sqlite.prepare<
      { userId: number; today: string },
      {
        id: number;
        name: string;
        currency: string;
        closedAt: string | null;
        balance: number | null;
      }
    >(
      `SELECT a.id, a.name, a.currency, a.closed_at AS closedAt,
         (SELECT balance_after FROM transactions WHERE account_id = a.id AND date <= @today
          ORDER BY date DESC, id DESC LIMIT 1) AS balance
       FROM accounts a WHERE a.user_id = @userId ORDER BY a.id`,
    ),
    firstPage: sqlite.prepare<[number, number], TransactionRow>(
      `SELECT ${columns} FROM transactions WHERE user_id = ? ORDER BY date DESC, id DESC LIMIT ?`,
    ),
    nextPage: sqlite.prepare<[number, string, number, number], TransactionRow>(
      `SELECT ${columns} FROM transactions WHERE user_id = ? AND (date, id) < (?, ?)
       ORDER BY date DESC, id DESC LIMIT ?`,
    ),
    accountFirstPage: sqlite.prepare<[number, number, number], TransactionRow>(
      `SELECT ${columns} FROM transactions WHERE user_id = ? AND account_id = ?
       ORDER BY date DESC, id DESC LIMIT ?`,
    ),
    accountNextPage: sqlite.prepare<[number, number, string, number, number], TransactionRow>(
      `SELECT ${columns} FROM transactions WHERE user_id = ? AND account_id = ? AND (date, id) < (?, ?)
       ORDER BY date DESC, id DESC LIMIT ?`,
    ),
    // The sum over the accounts of each one's running balance: one index probe per account.
    balanceThrough: sqlite.prepare<{ accounts: string; date: string }, { total: string }>(
      `SELECT CAST(coalesce(SUM(${latestBalance('AND date <= @date')}), 0) AS TEXT) AS total
       FROM json_each(@accounts) j`,
    ),
    balanceBefore: sqlite.prepare<{ accounts: string; date: string }, { total: string }>(
      `SELECT CAST(coalesce(SUM(${latestBalance('AND date < @date')}), 0) AS TEXT) AS total
       FROM json_each(@accounts) j`,
    ),
    balanceLatest: sqlite.prepare<{ accounts: string }, { total: string }>(
      `SELECT CAST(coalesce(SUM(${latestBalance('')}), 0) AS TEXT) AS total
       FROM json_each(@accounts) j`,
    ),
    later: sqlite.prepare<{ accounts: string; date: string }, { count: number }>(
      `SELECT count(*) AS count FROM transactions WHERE account_id ${IN_ACCOUNTS} AND date > @date`,
    ),
    dateBounds: sqlite.prepare<{ accounts: string }, { first: string | null; last: string | null }>(
      `SELECT MIN((SELECT date FROM transactions WHERE account_id = j.value ORDER BY date ASC LIMIT 1)) AS first,
              MAX((SELECT date FROM transactions WHERE account_id = j.value ORDER BY date DESC LIMIT 1)) AS last
       FROM json_each(@accounts) j`,
    ),
    // Each account's last row of each day in (date, id) order: SQLite takes the bare column from
    // the MAX(id) row.
    dailyBalances: sqlite.prepare<
      { accounts: string; from: string; to: string },
      { accountId: number; date: string; balance: number }
    >(
      `SELECT account_id AS accountId, date, MAX(id) AS lastId, balance_after AS balance
       FROM transactions WHERE account_id ${IN_ACCOUNTS} AND date >= @from AND date <= @to
       GROUP BY account_id, date`,
    ),
    // The rates repository's lookup: the latest rate on or before the day, entered either way
    // round; two rows, so a tie on the date can prefer the pair as asked.
    latestRate: sqlite.prepare<
      { userId: number; from: string; to: string; date: string },
      { base: string; quote: string; date: string; rate: string }
    >(
      `SELECT base, quote, date, rate FROM rates
       WHERE user_id = @userId
         AND ((base = @from AND quote = @to) OR (base = @to AND quote = @from))
         AND date <= @date
       ORDER BY date DESC LIMIT 2`,
    ),
    categoryNames: sqlite.prepare<[number], { id: number; name: string }>(
      'SELECT id, name FROM categories WHERE user_id = ?',
    ),
    category: sqlite.prepare<[number, number], { kind: string }>(
      'SELECT kind FROM categories WHERE user_id = ? AND id = ?',
    ),
    insert: sqlite.prepare<{
      userId: number;
      accountId: number;
      categoryId: number | null;
      type: string;
      amount: number;
      delta: number;
      title: string;
      description: string | null;
      searchText: string;
      date: string;
      now: string;
    }>(
      `INSERT INTO transactions (user_id, account_id, category_id, type, amount, delta, title, description,
         date, balance_after, search_text, created_at, updated_at)
       VALUES (@userId, @accountId, @categoryId, @type, @amount, @delta, @title, @description,
         @date, 0, @searchText, @now, @now)`,
    ),
    // The ledger's recomputation, verbatim: rewrite the account's running balances from the new
    // row onward.
    recompute: sqlite.prepare<{ accountId: number; date: string; id: number }>(`
      WITH start AS (
        SELECT coalesce((
          SELECT balance_after FROM transactions
          WHERE account_id = :accountId AND (date, id) < (:date, :id)
          ORDER BY date DESC, id DESC LIMIT 1
        ), 0) AS base
      ),
      running AS (
        SELECT id, (SELECT base FROM start) + SUM(delta)
          OVER (ORDER BY date, id ROWS UNBOUNDED PRECEDING) AS balance
        FROM transactions
        WHERE account_id = :accountId AND (date, id) >= (:date, :id)
      )
      UPDATE transactions SET balance_after = running.balance
      FROM running
      WHERE transactions.id = running.id AND transactions.balance_after IS NOT running.balance`),
    extreme: sqlite.prepare<
      { accountId: number; date: string; id: number },
      { extreme: number | null }
    >(
      `SELECT MAX(ABS(balance_after)) AS extreme FROM transactions
       WHERE account_id = :accountId AND (date, id) >= (:date, :id)`,
    ),
    byId: sqlite.prepare<[number], TransactionRow>(
      `SELECT ${columns} FROM transactions WHERE id = ?`,
    ),
    // The ledger's monthly totals, per account, verbatim.
    clearMonth: sqlite.prepare<{ userId: number; accountId: number; month: string }>(
      `DELETE FROM monthly_totals
       WHERE user_id = @userId AND month = @month AND account_id = @accountId`,
    ),
    fillMonth: sqlite.prepare<{
      userId: number;
      accountId: number;
      month: string;
      first: string;
      last: string;
    }>(
      `INSERT INTO monthly_totals (user_id, account_id, month, type, category_key, total, count)
       SELECT @userId, account_id, @month, type, coalesce(category_id, 0), ${TOTAL}, COUNT(*)
       FROM transactions
       WHERE account_id = @accountId AND date >= @first AND date <= @last
       GROUP BY type, coalesce(category_id, 0)`,
    ),
  };

  const summaryStatements = new Map<string, Database.Statement>();
  const summaryStatement = (source: string): Database.Statement => {
    let statement = summaryStatements.get(source);
    if (!statement) {
      statement = sqlite.prepare(source);
      summaryStatements.set(source, statement);
    }
    return statement;
  };
  // The app's design, in raw SQL: whole months from monthly_totals summed per category and per
  // month and type, partial edge months scanned, both over the accounts in scope. (The app falls
  // back to row-level reads for a sum past 64 bits; the bench data never has one.)
  const summaryTotals = (
    userId: number,
    accounts: string,
    from: string | undefined,
    to: string | undefined,
  ): { categories: CategoryTotal[]; months: MonthTotal[] } => {
    const { months, edges } = splitRange({ from, to });
    const totals: { categories: CategoryTotal[]; months: MonthTotal[] } = {
      categories: [],
      months: [],
    };
    if (months) {
      const where = [
        'user_id = @userId',
        `account_id ${IN_ACCOUNTS}`,
        ...(months.from ? ['month >= @from'] : []),
        ...(months.to ? ['month <= @to'] : []),
      ].join(' AND ');
      const values = {
        userId,
        accounts,
        ...(months.from ? { from: months.from } : {}),
        ...(months.to ? { to: months.to } : {}),
      };
      totals.categories = summaryStatement(
        `SELECT type, nullif(category_key, 0) AS categoryId, CAST(SUM(total) AS TEXT) AS total,
                SUM(count) AS count
         FROM monthly_totals WHERE ${where} AND type IN ('income', 'expense')
         GROUP BY type, category_key`,
      ).all(values) as CategoryTotal[];
      totals.months = summaryStatement(
        `SELECT month, type, CAST(SUM(total) AS TEXT) AS total
         FROM monthly_totals WHERE ${where} GROUP BY month, type`,
      ).all(values) as MonthTotal[];
    }
    for (const edge of edges) {
      const where = [
        `account_id ${IN_ACCOUNTS}`,
        ...(edge.from ? ['date >= @from'] : []),
        ...(edge.to ? ['date <= @to'] : []),
      ].join(' AND ');
      const rows = summaryStatement(
        `SELECT substr(date, 1, 7) AS month, type, category_id AS categoryId,
                CAST(${TOTAL} AS TEXT) AS total, COUNT(*) AS count
         FROM transactions WHERE ${where} GROUP BY month, type, category_id`,
      ).all({
        accounts,
        ...(edge.from ? { from: edge.from } : {}),
        ...(edge.to ? { to: edge.to } : {}),
      }) as Group[];
      for (const { month, type, categoryId, total, count } of rows) {
        totals.months.push({ month, type, total });
        if (type === 'income' || type === 'expense') {
          totals.categories.push({ type, categoryId, total, count });
        }
      }
    }
    return totals;
  };

  const createTransaction = sqlite.transaction(
    (
      userId: number,
      input: {
        accountId: number;
        type: 'income' | 'expense';
        amount: number;
        title: string;
        description: string | null;
        categoryId: number | null;
        date: string;
      },
      now: string,
    ) => {
      const { accountId, date } = input;
      const id = Number(
        statements.insert.run({
          userId,
          ...input,
          delta: input.type === 'income' ? input.amount : -input.amount,
          searchText: searchTextOf(input.title, input.description),
          now,
        }).lastInsertRowid,
      );
      statements.recompute.run({ accountId, date, id });
      const extreme = statements.extreme.get({ accountId, date, id });
      if (extreme?.extreme != null && extreme.extreme > Number.MAX_SAFE_INTEGER) {
        throw new HttpError(400, 'balance out of range');
      }
      const month = monthOf(date);
      statements.clearMonth.run({ userId, accountId, month });
      statements.fillMonth.run({
        userId,
        accountId,
        month,
        first: firstDayOfMonth(month),
        last: lastDayOfMonth(month),
      });
      const row = statements.byId.get(id);
      if (!row) throw new Error('row vanished');
      return row;
    },
  );

  const sign = (claims: Record<string, unknown>): string => {
    const body = `${base64url('{"alg":"HS256","typ":"JWT"}')}.${base64url(JSON.stringify(claims))}`;
    return `${body}.${createHmac('sha256', options.secret).update(body).digest('base64url')}`;
  };

  const authenticate = (cookieHeader: string | undefined): Session => {
    const token = cookieHeader
      ?.split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${COOKIE}=`))
      ?.slice(COOKIE.length + 1);
    if (!token) throw new HttpError(401, 'no session');
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) throw new HttpError(401, 'bad token');
    const expected = createHmac('sha256', options.secret).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new HttpError(401, 'bad token');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      sid?: unknown;
      sub?: unknown;
      exp?: unknown;
    };
    if (
      typeof claims.sid !== 'string' ||
      typeof claims.exp !== 'number' ||
      claims.exp * 1000 < Date.now()
    ) {
      throw new HttpError(401, 'bad token');
    }
    const session = statements.session.get(claims.sid, new Date().toISOString());
    if (!session || String(session.userId) !== claims.sub) throw new HttpError(401, 'no session');
    return session;
  };

  /** Today in the user's zone, else the server's, as the app's. */
  const todayOf = (session: Session) =>
    localDate(new Date(), session.timeZone ?? runtimeTimeZone());

  /** Key order as the app's response schema writes a Transaction. */
  const toTransaction = (row: TransactionRow, currency: string) => {
    const decimals = currencyDecimals(currency);
    return {
      id: row.id,
      accountId: row.accountId,
      currency,
      type: row.type,
      amount: format(row.amount, decimals),
      change: format(row.delta, decimals),
      title: row.title,
      description: row.description,
      categoryId: row.categoryId,
      date: row.date,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      balanceAfter: format(row.balanceAfter, decimals),
      // Bench rows are never cleared or reconciled, and bench data has no transfers.
      cleared: false,
      reconciled: false,
      transfer: null,
    };
  };

  const app = Fastify({ logger: false });
  app.setErrorHandler((error, _request, reply: FastifyReply) => {
    const status = error instanceof HttpError ? error.status : 500;
    return reply
      .code(status)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: error instanceof Error ? error.message : 'error',
        status,
      });
  });

  app.get('/api/health', async () => ({ status: 'ok' }));

  app.post('/api/v1/auth/login', async (request, reply) => {
    const body = request.body as { username?: unknown; password?: unknown } | null;
    if (typeof body?.username !== 'string' || typeof body.password !== 'string')
      throw new HttpError(400, 'bad body');
    const user = statements.userByName.get(body.username);
    if (!(await verifyPassword(user?.passwordHash, body.password)) || !user)
      throw new HttpError(401, 'Invalid username or password.');
    const sessionId = randomBytes(16).toString('base64url');
    const now = Date.now();
    statements.createSession.run(
      sessionId,
      user.id,
      user.credentialVersion,
      new Date(now).toISOString(),
      new Date(now + TTL_SECONDS * 1000).toISOString(),
    );
    const iat = Math.floor(now / 1000);
    const token = sign({ sid: sessionId, sub: String(user.id), iat, exp: iat + TTL_SECONDS });
    void reply.header(
      'set-cookie',
      `${COOKIE}=${token}; Max-Age=${TTL_SECONDS}; Path=/; HttpOnly; SameSite=Strict`,
    );
    return {
      id: user.id,
      username: user.username,
      currency: user.currency,
      createdAt: user.createdAt,
    };
  });

  app.get('/api/v1/accounts', async (request) => {
    const session = authenticate(request.headers.cookie);
    const balances = new Map(
      statements.accountBalances
        .all({ userId: session.userId, today: todayOf(session) })
        .map((row) => [row.accountId, row]),
    );
    return {
      items: statements.accounts.all(session.userId).map((account) => {
        const decimals = currencyDecimals(account.currency);
        const figures = balances.get(account.id);
        return {
          id: account.id,
          name: account.name,
          kind: account.kind,
          currency: account.currency,
          onBudget: account.onBudget === 1,
          isDefault: account.isDefault === 1,
          openingBalance: format(account.openingBalance, decimals),
          openingDate: account.openingDate,
          closed: account.closedAt !== null,
          closedAt: account.closedAt,
          balance: format(figures?.balance ?? 0, decimals),
          balanceWithUpcoming: format(figures?.withUpcoming ?? 0, decimals),
          transactionCount: figures?.count ?? 0,
          createdAt: account.createdAt,
          updatedAt: account.updatedAt,
        };
      }),
    };
  });

  app.get('/api/v1/transactions', async (request) => {
    const session = authenticate(request.headers.cookie);
    const query = request.query as { limit?: string; cursor?: string; accountId?: string };
    const limit = query.limit === undefined ? 50 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new HttpError(400, 'limit');
    const accountId = checkId(query.accountId, 'accountId');
    // The user's accounts: each row's currency, and whether the one asked for is theirs.
    const currencies = new Map(
      statements.accounts.all(session.userId).map((account) => [account.id, account.currency]),
    );
    if (accountId !== undefined && !currencies.has(accountId))
      throw new HttpError(404, 'Account not found.');
    let after: { date: string; id: number } | undefined;
    if (query.cursor) {
      const match = /^(\d{4}-\d{2}-\d{2})\|([1-9]\d{0,15})$/.exec(
        Buffer.from(query.cursor, 'base64url').toString('utf8'),
      );
      if (!match?.[1] || !match[2]) throw new HttpError(400, 'cursor');
      after = { date: match[1], id: Number(match[2]) };
    }
    const rows =
      accountId === undefined
        ? after
          ? statements.nextPage.all(session.userId, after.date, after.id, limit + 1)
          : statements.firstPage.all(session.userId, limit + 1)
        : after
          ? statements.accountNextPage.all(
              session.userId,
              accountId,
              after.date,
              after.id,
              limit + 1,
            )
          : statements.accountFirstPage.all(session.userId, accountId, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) =>
        toTransaction(row, currencies.get(row.accountId) ?? session.currency),
      ),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(`${last.date}|${last.id}`).toString('base64url')
          : null,
    };
  });

  app.post('/api/v1/transactions', async (request, reply) => {
    const session = authenticate(request.headers.cookie);
    const body = request.body as Record<string, unknown> | null;
    // The account written to: the one named (the user's, open), else the default.
    const accountId = checkId(body?.accountId, 'accountId');
    const account =
      accountId === undefined
        ? statements.defaultAccount.get(session.userId)
        : statements.account.get(session.userId, accountId);
    if (!account) {
      if (accountId === undefined) throw new HttpError(409, 'You have no default account.');
      throw new HttpError(400, 'accountId');
    }
    if (account.closedAt !== null) throw new HttpError(400, 'accountId');
    const type = body?.type;
    if (type !== 'income' && type !== 'expense') throw new HttpError(400, 'type');
    const amountText = typeof body?.amount === 'number' ? String(body.amount) : body?.amount;
    const decimals = currencyDecimals(account.currency);
    const amountMatch =
      typeof amountText === 'string' ? /^(\d+)(?:\.(\d+))?$/.exec(amountText) : null;
    if (!amountMatch?.[1] || (amountMatch[2]?.length ?? 0) > decimals)
      throw new HttpError(400, 'amount');
    const amount = Number(
      BigInt(amountMatch[1]) * 10n ** BigInt(decimals) +
        BigInt((amountMatch[2] ?? '').padEnd(decimals, '0') || '0'),
    );
    if (amount <= 0 || amount > 999_999_999_999_999) throw new HttpError(400, 'amount');
    const title = typeof body?.title === 'string' ? body.title.trim() : '';
    if (title.length < 1 || title.length > 200) throw new HttpError(400, 'title');
    const categoryId = body?.categoryId ?? null;
    if (categoryId !== null) {
      if (typeof categoryId !== 'number' || !Number.isInteger(categoryId))
        throw new HttpError(400, 'categoryId');
      if (statements.category.get(session.userId, categoryId)?.kind !== type)
        throw new HttpError(400, 'categoryId');
    }
    const now = new Date();
    const date = checkDate(body?.date, 'date') ?? todayOf(session);
    const description =
      typeof body?.description === 'string' && body.description.trim()
        ? body.description.trim()
        : null;
    const row = createTransaction(
      session.userId,
      { accountId: account.id, type, amount, title, description, categoryId, date },
      now.toISOString(),
    );
    return reply.code(201).send(toTransaction(row, account.currency));
  });

  app.get('/api/v1/summary', async (request) => {
    const session = authenticate(request.headers.cookie);
    const query = request.query as { from?: unknown; to?: unknown; accountId?: unknown };
    const from = checkDate(query.from, 'from');
    const to = checkDate(query.to, 'to');
    const accountId = checkId(query.accountId, 'accountId');
    const today = todayOf(session);
    const all = statements.summaryAccounts.all({ userId: session.userId, today });
    let scope: number[];
    let currency: string;
    if (accountId !== undefined) {
      const account = all.find((a) => a.id === accountId);
      if (!account) throw new HttpError(404, 'Account not found.');
      scope = [account.id];
      currency = account.currency;
    } else {
      // All accounts means those in the reporting currency: other currencies do not add up.
      currency = session.currency;
      scope = all.filter((a) => a.currency === currency).map((a) => a.id);
    }
    const accounts = JSON.stringify(scope);
    const decimals = currencyDecimals(currency);
    const summed = summaryTotals(session.userId, accounts, from, to);
    const names = new Map(statements.categoryNames.all(session.userId).map((c) => [c.id, c.name]));
    const totals = { income: 0n, expense: 0n };
    const byCategory = new Map<
      string,
      { categoryId: number | null; kind: 'income' | 'expense'; total: bigint; count: number }
    >();
    for (const group of summed.categories) {
      const amount = BigInt(group.total);
      totals[group.type] += amount;
      const key = `${group.categoryId ?? ''}|${group.type}`;
      const category = byCategory.get(key) ?? {
        categoryId: group.categoryId,
        kind: group.type,
        total: 0n,
        count: 0,
      };
      category.total += amount;
      category.count += group.count;
      byCategory.set(key, category);
    }
    const byMonth = new Map<string, { income: bigint; expense: bigint }>();
    // Each month's change to the balance from transfers and opening balances.
    const moves = new Map<string, bigint>();
    for (const group of summed.months) {
      const amount = BigInt(group.total);
      if (group.type === 'transfer' || group.type === 'opening') {
        moves.set(group.month, (moves.get(group.month) ?? 0n) + amount);
        continue;
      }
      const month = byMonth.get(group.month) ?? { income: 0n, expense: 0n };
      month[group.type] += amount;
      byMonth.set(group.month, month);
    }
    // The app's rule: empty months are filled in over spans of at most 600 months.
    const fill = (first: string, last: string, keys: Iterable<string>): string[] =>
      monthIndex(last) - monthIndex(first) + 1 > MAX_FILLED_MONTHS
        ? [...new Set(keys)].sort()
        : monthsBetween(first, last);
    const months = [...byMonth.keys()].sort();
    const firstMonth = months[0];
    const lastMonth = months.at(-1);
    const filled = (firstMonth && lastMonth ? fill(firstMonth, lastMonth, months) : []).map(
      (month) => {
        const values = byMonth.get(month) ?? { income: 0n, expense: 0n };
        return {
          month,
          income: format(values.income, decimals),
          expense: format(values.expense, decimals),
        };
      },
    );
    const total = (row: { total: string } | undefined) => BigInt(row?.total ?? '0');
    // The app's balance line: a point per day up to a quarter, else per month, from the stored
    // running balances (opening, each account's last row of each day) and the monthly nets.
    const balanceOverTime = (() => {
      const bounds = from && to ? undefined : statements.dateBounds.get({ accounts });
      const first = bounds?.first ?? undefined;
      const last = bounds?.last ?? undefined;
      const start = from ?? (first && last ? first : undefined);
      const end = to ?? (first && last && last > today ? last : today);
      if (start === undefined || start > end) {
        return { opening: format(0n, decimals), step: 'day' as const, points: [] };
      }
      const opening = total(statements.balanceBefore.get({ accounts, date: start }));
      let running = opening;
      if (dayIndex(end) - dayIndex(start) + 1 <= MAX_DAILY_POINTS) {
        // Each account's balance carries forward to days it has no rows; a point is their sum.
        const changes = new Map<string, bigint>();
        const lastBalance = new Map<number, bigint>(
          scope.map((id) => [
            id,
            total(statements.balanceBefore.get({ accounts: JSON.stringify([id]), date: start })),
          ]),
        );
        for (const row of statements.dailyBalances.all({ accounts, from: start, to: end })) {
          const balance = BigInt(row.balance);
          const change = balance - (lastBalance.get(row.accountId) ?? 0n);
          lastBalance.set(row.accountId, balance);
          changes.set(row.date, (changes.get(row.date) ?? 0n) + change);
        }
        return {
          opening: format(opening, decimals),
          step: 'day' as const,
          points: datesBetween(start, end).map((date) => {
            running += changes.get(date) ?? 0n;
            return { date, balance: format(running, decimals) };
          }),
        };
      }
      return {
        opening: format(opening, decimals),
        step: 'month' as const,
        points: fill(monthOf(start), monthOf(end), [...byMonth.keys(), ...moves.keys()]).map(
          (month) => {
            const values = byMonth.get(month);
            if (values) running += values.income - values.expense;
            running += moves.get(month) ?? 0n;
            const monthEnd = lastDayOfMonth(month);
            return { date: monthEnd < end ? monthEnd : end, balance: format(running, decimals) };
          },
        ),
      };
    })();
    const balance = total(statements.balanceThrough.get({ accounts, date: today }));
    const later = statements.later.get({ accounts, date: today })?.count ?? 0;
    const final = later === 0 ? balance : total(statements.balanceLatest.get({ accounts }));
    return {
      currency,
      accountId: accountId ?? null,
      from: from ?? null,
      to: to ?? null,
      balance: format(balance, decimals),
      asOf: today,
      upcoming: { count: later, balance: format(final, decimals) },
      income: format(totals.income, decimals),
      expense: format(totals.expense, decimals),
      net: format(totals.income - totals.expense, decimals),
      byCategory: [...byCategory.values()]
        .sort((a, b) => (a.total === b.total ? a.count - b.count : a.total > b.total ? -1 : 1))
        .map((c) => ({
          categoryId: c.categoryId,
          name: c.categoryId === null ? 'Uncategorised' : (names.get(c.categoryId) ?? 'Unknown'),
          kind: c.kind,
          total: format(c.total, decimals),
          count: c.count,
        })),
      byMonth: filled,
      balanceOverTime,
      // The app's net worth: balances summed per currency, each other currency with a balance
      // converted once by its latest rate on or before today (either direction, the pair as
      // asked on a tie), exactly in BigInt; without a rate the amount is null and it is named.
      netWorth: ((): object => {
        const sums = new Map<string, bigint>();
        for (const account of all) {
          sums.set(
            account.currency,
            (sums.get(account.currency) ?? 0n) + BigInt(account.balance ?? 0),
          );
        }
        const reporting = session.currency;
        const to = { decimals: currencyDecimals(reporting) };
        const order = [...sums.keys()].sort((x, y) =>
          x === reporting ? -1 : y === reporting ? 1 : x < y ? -1 : x > y ? 1 : 0,
        );
        let total = 0n;
        const missingRates: Array<{ base: string; quote: string }> = [];
        const byCurrency = order.map((code) => {
          const balance = sums.get(code) ?? 0n;
          const from = { decimals: currencyDecimals(code) };
          let converted: bigint | null = null;
          let rate: string | null = null;
          let rateDate: string | null = null;
          if (code === reporting || balance === 0n) {
            converted = balance;
          } else {
            const [first, second] = statements.latestRate.all({
              userId: session.userId,
              from: code,
              to: reporting,
              date: today,
            });
            const found =
              first && second && first.date === second.date && first.base !== code ? second : first;
            const exact = found ? parseRate(found.rate) : null;
            if (found && exact) {
              const forward = found.base === code;
              converted = convertMinor(balance, from, to, exact, forward ? 'multiply' : 'divide');
              rate = forward ? found.rate : `1/${found.rate}`;
              rateDate = found.date;
            } else {
              missingRates.push({ base: code, quote: reporting });
            }
          }
          if (converted !== null) total += converted;
          return {
            currency: code,
            balance: format(balance, from.decimals),
            converted: converted === null ? null : format(converted, to.decimals),
            rate,
            rateDate,
          };
        });
        return {
          currency: reporting,
          asOf: today,
          amount: missingRates.length > 0 ? null : format(total, to.decimals),
          missingRates,
          byCurrency,
        };
      })(),
      accounts: all.map((account) => ({
        id: account.id,
        name: account.name,
        currency: account.currency,
        closed: account.closedAt !== null,
        balance: format(account.balance ?? 0, currencyDecimals(account.currency)),
      })),
    };
  });

  app.addHook('onClose', async () => {
    sqlite.close();
  });
  return app;
}
