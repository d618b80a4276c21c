import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { verifyPassword } from '../../apps/api/src/modules/auth/passwords.js';
import {
  MAX_DAILY_POINTS,
  MAX_FILLED_MONTHS,
  datesBetween,
  dayIndex,
  lastDayOfMonth,
  localDate,
  monthIndex,
  monthOf,
  monthsBetween,
} from '@moneta/schema';
import { splitRange } from '../../apps/api/src/modules/summary/summary.repository.js';

/**
 * The practical limit of the stack: bare Fastify and raw prepared better-sqlite3 statements over
 * the same file, pragmas and SQL as the app, answering the hot endpoints with the same JSON.
 *
 * To be fair it does the same essential work per request: the session is the app's signed
 * HS256 JWT in the same cookie, its signature checked and its session row looked up (so a revoked
 * session would fail here too); amounts are summed with BigInt; a create recomputes running
 * balances with the app's SQL inside a synchronous=FULL transaction. What it leaves out is the
 * framework around that: zod validation and serialisation (hand-written checks instead), Drizzle,
 * security headers, the cross-site check, rate limiting and request logging.
 */

const COOKIE = 'moneta_session';
const TTL_SECONDS = 7 * 24 * 3600;
const DECIMALS: Record<string, number> = { USD: 2, EUR: 2, JPY: 0, KWD: 3 };

interface Session {
  sessionId: string;
  userId: number;
  username: string;
  currency: string;
  createdAt: string;
}

interface TransactionRow {
  id: number;
  accountId: number;
  type: 'income' | 'expense';
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

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

export function buildBaseline(options: { databasePath: string; secret: string }): FastifyInstance {
  const sqlite = new Database(options.databasePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');

  const columns = `id, account_id AS accountId, type, amount, delta, title, description, category_id AS categoryId, date,
    created_at AS createdAt, updated_at AS updatedAt, balance_after AS balanceAfter`;
  const statements = {
    session: sqlite.prepare<[string, string], Session>(
      `SELECT s.id AS sessionId, u.id AS userId, u.username, u.currency, u.created_at AS createdAt
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.expires_at > ?`,
    ),
    userByName: sqlite.prepare<
      [string],
      { id: number; username: string; passwordHash: string; currency: string; createdAt: string }
    >(
      'SELECT id, username, password_hash AS passwordHash, currency, created_at AS createdAt FROM users WHERE username = ?',
    ),
    createSession: sqlite.prepare<[string, number, string, string]>(
      'INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    firstPage: sqlite.prepare<[number, number], TransactionRow>(
      `SELECT ${columns} FROM transactions WHERE user_id = ? ORDER BY date DESC, id DESC LIMIT ?`,
    ),
    nextPage: sqlite.prepare<[number, string, number, number], TransactionRow>(
      `SELECT ${columns} FROM transactions WHERE user_id = ? AND (date, id) < (?, ?)
       ORDER BY date DESC, id DESC LIMIT ?`,
    ),
    balance: sqlite.prepare<[number], { balance: number }>(
      'SELECT balance_after AS balance FROM transactions WHERE user_id = ? ORDER BY date DESC, id DESC LIMIT 1',
    ),
    balanceOn: sqlite.prepare<[number, string], { balance: number }>(
      'SELECT balance_after AS balance FROM transactions WHERE user_id = ? AND date <= ? ORDER BY date DESC, id DESC LIMIT 1',
    ),
    balanceBefore: sqlite.prepare<[number, string], { balance: number }>(
      'SELECT balance_after AS balance FROM transactions WHERE user_id = ? AND date < ? ORDER BY date DESC, id DESC LIMIT 1',
    ),
    dateBounds: sqlite.prepare<[number, number], { first: string | null; last: string | null }>(
      `SELECT (SELECT date FROM transactions WHERE user_id = ? ORDER BY date ASC LIMIT 1) AS first,
              (SELECT date FROM transactions WHERE user_id = ? ORDER BY date DESC LIMIT 1) AS last`,
    ),
    // Each day's last row in (date, id) order: SQLite takes the bare column from the MAX(id) row.
    dailyBalances: sqlite.prepare<[number, string, string], { date: string; balance: number }>(
      `SELECT date, MAX(id) AS lastId, balance_after AS balance FROM transactions
       WHERE user_id = ? AND date >= ? AND date <= ? GROUP BY date`,
    ),
    later: sqlite.prepare<[number, string], { count: number }>(
      'SELECT count(*) AS count FROM transactions WHERE user_id = ? AND date > ?',
    ),
    accounts: sqlite.prepare<
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
    categoryNames: sqlite.prepare<[number], { id: number; name: string }>(
      'SELECT id, name FROM categories WHERE user_id = ?',
    ),
    category: sqlite.prepare<[number, number], { kind: string }>(
      'SELECT kind FROM categories WHERE user_id = ? AND id = ?',
    ),
    insert: sqlite.prepare<{
      userId: number;
      categoryId: number | null;
      type: string;
      amount: number;
      title: string;
      description: string | null;
      date: string;
      now: string;
    }>(
      `INSERT INTO transactions (user_id, account_id, category_id, type, amount, delta, title, description, date, balance_after, created_at, updated_at)
       VALUES (@userId, (SELECT id FROM accounts WHERE user_id = @userId AND is_default = 1),
         @categoryId, @type, @amount, CASE WHEN @type = 'income' THEN @amount ELSE -@amount END,
         @title, @description, @date, 0, @now, @now)`,
    ),
    // The app's recomputation, verbatim: rewrite running balances from the new row onward.
    recompute: sqlite.prepare<{ userId: number; date: string; id: number }>(`
      WITH start AS (
        SELECT coalesce((
          SELECT balance_after FROM transactions
          WHERE user_id = :userId AND (date, id) < (:date, :id)
          ORDER BY date DESC, id DESC LIMIT 1
        ), 0) AS base
      ),
      running AS (
        SELECT id, (SELECT base FROM start) + SUM(CASE WHEN type = 'income' THEN amount ELSE -amount END)
          OVER (ORDER BY date, id ROWS UNBOUNDED PRECEDING) AS balance
        FROM transactions
        WHERE user_id = :userId AND (date, id) >= (:date, :id)
      )
      UPDATE transactions SET balance_after = running.balance
      FROM running
      WHERE transactions.id = running.id AND transactions.balance_after IS NOT running.balance`),
    extreme: sqlite.prepare<
      { userId: number; date: string; id: number },
      { extreme: number | null }
    >(
      `SELECT MAX(ABS(balance_after)) AS extreme FROM transactions
       WHERE user_id = :userId AND (date, id) >= (:date, :id)`,
    ),
    byId: sqlite.prepare<[number], TransactionRow>(
      `SELECT ${columns} FROM transactions WHERE id = ?`,
    ),
    clearMonth: sqlite.prepare('DELETE FROM monthly_totals WHERE user_id = ? AND month = ?'),
    fillMonth: sqlite.prepare(
      `INSERT INTO monthly_totals (user_id, account_id, month, type, category_key, total, count)
       SELECT user_id, account_id, ?, type, coalesce(category_id, 0), SUM(amount), COUNT(*) FROM transactions
       WHERE user_id = ? AND date >= ? AND date <= ? GROUP BY account_id, type, coalesce(category_id, 0)`,
    ),
  };
  type Group = {
    month: string;
    type: 'income' | 'expense';
    categoryId: number | null;
    total: string;
    count: number;
  };
  // The app's design, in raw SQL: whole months from monthly_totals, partial edge months scanned.
  const summaryGroups = (
    userId: number,
    from: string | undefined,
    to: string | undefined,
  ): Group[] => {
    const { months, edges } = splitRange({ from, to });
    const groups: Group[] = [];
    if (months) {
      const where = [
        'user_id = ?',
        ...(months.from ? ['month >= ?'] : []),
        ...(months.to ? ['month <= ?'] : []),
      ].join(' AND ');
      groups.push(
        ...(summaryStatement(
          `SELECT month, type, nullif(category_key, 0) AS categoryId, CAST(total AS TEXT) AS total, count
           FROM monthly_totals WHERE ${where}`,
        ).all(
          userId,
          ...(months.from ? [months.from] : []),
          ...(months.to ? [months.to] : []),
        ) as Group[]),
      );
    }
    for (const edge of edges) {
      const where = [
        'user_id = ?',
        ...(edge.from ? ['date >= ?'] : []),
        ...(edge.to ? ['date <= ?'] : []),
      ].join(' AND ');
      groups.push(
        ...(summaryStatement(
          `SELECT substr(date, 1, 7) AS month, type, category_id AS categoryId,
                  CAST(SUM(amount) AS TEXT) AS total, COUNT(*) AS count
           FROM transactions WHERE ${where} GROUP BY month, type, category_id`,
        ).all(userId, ...(edge.from ? [edge.from] : []), ...(edge.to ? [edge.to] : [])) as Group[]),
      );
    }
    return groups;
  };
  const summaryStatement = (source: string): Database.Statement => {
    let statement = summaryStatements.get(source);
    if (!statement) {
      statement = sqlite.prepare(source);
      summaryStatements.set(source, statement);
    }
    return statement;
  };
  const summaryStatements = new Map<string, Database.Statement>();

  const createTransaction = sqlite.transaction(
    (
      userId: number,
      input: {
        type: string;
        amount: number;
        title: string;
        description: string | null;
        categoryId: number | null;
        date: string;
      },
      now: string,
    ) => {
      const id = Number(
        statements.insert.run({
          userId,
          categoryId: input.categoryId,
          type: input.type,
          amount: input.amount,
          title: input.title,
          description: input.description,
          date: input.date,
          now,
        }).lastInsertRowid,
      );
      statements.recompute.run({ userId, date: input.date, id });
      const month = input.date.slice(0, 7);
      statements.clearMonth.run(userId, month);
      statements.fillMonth.run(month, userId, `${month}-01`, `${month}-31`);
      const extreme = statements.extreme.get({ userId, date: input.date, id });
      if (extreme?.extreme != null && extreme.extreme > Number.MAX_SAFE_INTEGER) {
        throw new HttpError(400, 'balance out of range');
      }
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

  const toTransaction = (row: TransactionRow, decimals: number, currency: string) => ({
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
  });

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

  app.get('/api/v1/transactions', async (request) => {
    const session = authenticate(request.headers.cookie);
    const query = request.query as { limit?: string; cursor?: string };
    const limit = query.limit === undefined ? 50 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new HttpError(400, 'limit');
    let rows: TransactionRow[];
    if (query.cursor) {
      const match = /^(\d{4}-\d{2}-\d{2})\|([1-9]\d{0,15})$/.exec(
        Buffer.from(query.cursor, 'base64url').toString('utf8'),
      );
      if (!match?.[1] || !match[2]) throw new HttpError(400, 'cursor');
      rows = statements.nextPage.all(session.userId, match[1], Number(match[2]), limit + 1);
    } else {
      rows = statements.firstPage.all(session.userId, limit + 1);
    }
    const decimals = DECIMALS[session.currency] ?? 2;
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => toTransaction(row, decimals, session.currency)),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(`${last.date}|${last.id}`).toString('base64url')
          : null,
    };
  });

  app.post('/api/v1/transactions', async (request, reply) => {
    const session = authenticate(request.headers.cookie);
    const body = request.body as Record<string, unknown> | null;
    const type = body?.type;
    if (type !== 'income' && type !== 'expense') throw new HttpError(400, 'type');
    const amountText = typeof body?.amount === 'number' ? String(body.amount) : body?.amount;
    const decimals = DECIMALS[session.currency] ?? 2;
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
    const date = checkDate(body?.date, 'date') ?? now.toISOString().slice(0, 10);
    const description =
      typeof body?.description === 'string' && body.description.trim()
        ? body.description.trim()
        : null;
    const row = createTransaction(
      session.userId,
      { type, amount, title, description, categoryId, date },
      now.toISOString(),
    );
    return reply.code(201).send(toTransaction(row, decimals, session.currency));
  });

  app.get('/api/v1/summary', async (request) => {
    const session = authenticate(request.headers.cookie);
    const query = request.query as { from?: unknown; to?: unknown };
    const from = checkDate(query.from, 'from');
    const to = checkDate(query.to, 'to');
    const decimals = DECIMALS[session.currency] ?? 2;
    const groups = summaryGroups(session.userId, from, to);
    const names = new Map(statements.categoryNames.all(session.userId).map((c) => [c.id, c.name]));
    const totals = { income: 0n, expense: 0n };
    const byCategory = new Map<
      string,
      { categoryId: number | null; kind: 'income' | 'expense'; total: bigint; count: number }
    >();
    const byMonth = new Map<string, { income: bigint; expense: bigint }>();
    for (const group of groups) {
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
      const month = byMonth.get(group.month) ?? { income: 0n, expense: 0n };
      month[group.type] += amount;
      byMonth.set(group.month, month);
    }
    // The app's rule: empty months are filled in over spans of at most 600 months.
    const fill = (first: string, last: string): string[] =>
      monthIndex(last) - monthIndex(first) + 1 > MAX_FILLED_MONTHS
        ? [...byMonth.keys()].sort()
        : monthsBetween(first, last);
    const months = [...byMonth.keys()].sort();
    const firstMonth = months[0];
    const lastMonth = months.at(-1);
    const filled = (firstMonth && lastMonth ? fill(firstMonth, lastMonth) : []).map((month) => {
      const values = byMonth.get(month) ?? { income: 0n, expense: 0n };
      return {
        month,
        income: format(values.income, decimals),
        expense: format(values.expense, decimals),
      };
    });
    // Today in the server's zone, as the app's for a user who chose none.
    const today = localDate(new Date());
    // The app's balance line: a point per day up to a quarter, else per month, from the stored
    // running balances (opening, each day's last row) and the monthly nets in BigInt.
    const balanceOverTime = (() => {
      const bounds =
        from && to ? undefined : statements.dateBounds.get(session.userId, session.userId);
      const start = from ?? bounds?.first ?? undefined;
      const last = bounds?.last ?? undefined;
      const end = to ?? (last !== undefined && last > today ? last : today);
      if (start === undefined || start > end) {
        return { opening: format(0n, decimals), step: 'day' as const, points: [] };
      }
      const opening = BigInt(statements.balanceBefore.get(session.userId, start)?.balance ?? 0);
      let running = opening;
      if (dayIndex(end) - dayIndex(start) + 1 <= MAX_DAILY_POINTS) {
        const closing = new Map(
          statements.dailyBalances
            .all(session.userId, start, end)
            .map((row) => [row.date, row.balance]),
        );
        return {
          opening: format(opening, decimals),
          step: 'day' as const,
          points: datesBetween(start, end).map((date) => {
            const balance = closing.get(date);
            if (balance !== undefined) running = BigInt(balance);
            return { date, balance: format(running, decimals) };
          }),
        };
      }
      return {
        opening: format(opening, decimals),
        step: 'month' as const,
        points: fill(monthOf(start), monthOf(end)).map((month) => {
          const values = byMonth.get(month);
          if (values) running += values.income - values.expense;
          const monthEnd = lastDayOfMonth(month);
          return { date: monthEnd < end ? monthEnd : end, balance: format(running, decimals) };
        }),
      };
    })();
    return {
      currency: session.currency,
      accountId: null,
      from: from ?? null,
      to: to ?? null,
      ...((): { balance: string; asOf: string; upcoming: { count: number; balance: string } } => {
        const balance = statements.balanceOn.get(session.userId, today)?.balance ?? 0;
        const later = statements.later.get(session.userId, today)?.count ?? 0;
        const final =
          later === 0 ? balance : (statements.balance.get(session.userId)?.balance ?? 0);
        return {
          balance: format(balance, decimals),
          asOf: today,
          upcoming: { count: later, balance: format(final, decimals) },
        };
      })(),
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
      // Bench users keep every account in their own currency: net worth is the plain sum.
      netWorth: ((): object => {
        const total = statements.accounts
          .all({ userId: session.userId, today })
          .reduce((sum, account) => sum + BigInt(account.balance ?? 0), 0n);
        const amount = format(total, decimals);
        return {
          currency: session.currency,
          asOf: today,
          amount,
          missingRates: [],
          byCurrency: [
            {
              currency: session.currency,
              balance: amount,
              converted: amount,
              rate: null,
              rateDate: null,
            },
          ],
        };
      })(),
      accounts: statements.accounts.all({ userId: session.userId, today }).map((account) => ({
        id: account.id,
        name: account.name,
        currency: account.currency,
        closed: account.closedAt !== null,
        balance: format(account.balance ?? 0, decimals),
      })),
    };
  });

  app.addHook('onClose', async () => {
    sqlite.close();
  });
  return app;
}
