import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureBundle } from './bundle.js';
import { checkFairness, type FairnessCheck } from './fairness.js';
import {
  BENCH_PASSWORD,
  REPORTING_CURRENCY,
  formatSize,
  generateDatabase,
  type GeneratedData,
  type HistorySpan,
} from './generate.js';
import { load, median, type LoadRequest, type LoadResult } from './load.js';
import { renderReport } from './report.js';
import { measureImport, type ImportTiming } from './import-run.js';
import { canPin, peakRssMb, pinSelf, startServer, type RunningServer } from './servers.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BENCH_DIR = join(ROOT, 'bench');

export interface BenchOptions {
  /** Transactions of the measured user, one database per size. */
  sizes: number[];
  otherUsers: number;
  seed: number;
  /** How the history is spread over time: a household's years, or the 342-year stress case. */
  span: HistorySpan;
  /** Rows of the bank file imported twice per size (10k: what Actual Budget was measured with). */
  importRows: number;
  /** Seconds per measured run, per warm-up run, and for the bad-login flood. */
  seconds: number;
  warmupSeconds: number;
  loginSeconds: number;
  rounds: number;
  connections: number;
  /** `dist`: the built server, as in production; `source`: through tsx (smoke mode, no build). */
  appFrom: 'dist' | 'source';
  build: boolean;
  out: string;
  dataDir: string;
  port: number;
  pin: boolean;
  log: (line: string) => void;
}

export type Target = 'app' | 'baseline';

export interface ScenarioResult {
  name: string;
  description: string;
  /** Every measured run, in the order they ran (warm-ups excluded). */
  runs: Record<Target, LoadResult[]>;
  median: Record<Target, { requestsPerSecond: number; p50: number; p99: number }>;
  /** Minimum app/baseline req/s the issue asks for, when it sets one. */
  targetRatio: number | null;
}

export interface FloodResult {
  seconds: number;
  /** Bad logins answered 401 (hashed) before the throttle answered 429. */
  freeFailures: number;
  badLogins: LoadResult;
  listDuringFlood: LoadResult;
}

export interface SizeResult {
  size: number;
  data: GeneratedData;
  scenarios: ScenarioResult[];
  flood: FloodResult;
  /**
   * The baseline answered every checked GET with the app's bytes and its creates left the ledger
   * as the app's would (see fairness.ts).
   */
  sameJson: boolean;
  /** A 10k-row bank file imported over HTTP and imported again (the Actual Budget comparison). */
  imports: ImportTiming;
  /** Peak resident memory of each server over the whole size's run, in MB. */
  peakRss: Record<Target, number | null>;
}

export interface BenchResult {
  startedAt: Date;
  options: BenchOptions;
  pinned: boolean;
  sizes: SizeResult[];
  bundle: ReturnType<typeof measureBundle>;
  /** Asked for but not measurable yet. */
  pending: readonly PendingScenario[];
  /** Runs with errors, timeouts or unexpected statuses; the benchmark fails when not empty. */
  problems: string[];
  reportPath: string;
}

interface Scenario {
  name: string;
  description: string;
  targetRatio: number | null;
  request: (cookie: string) => LoadRequest;
  seconds?: number;
  connections?: number;
}

/**
 * What the issue asks to measure that the app cannot answer yet, named so the report says so
 * rather than leaving a gap.
 */
export interface PendingScenario {
  name: string;
  reason: string;
}

/** Nothing pending now: net worth, the last one, is measured since rates exist. */
export const PENDING_SCENARIOS: readonly PendingScenario[] = [];

function scenarios(data: GeneratedData, options: BenchOptions): Scenario[] {
  const get =
    (path: string) =>
    (cookie: string): LoadRequest => ({ method: 'GET', path, headers: { cookie } });
  const json = { 'content-type': 'application/json' };
  const create =
    (accountId?: number) =>
    (cookie: string): LoadRequest => ({
      method: 'POST',
      path: '/api/v1/transactions',
      headers: { cookie, ...json },
      body: JSON.stringify({
        ...(accountId === undefined ? {} : { accountId }),
        type: 'expense',
        amount: '12.34',
        title: 'Bench coffee',
        categoryId: data.expenseCategoryId,
      }),
    });
  const { yearStart, lastMonthStart } = periods(data);
  const firstUser = data.users[0];
  if (!firstUser) throw new Error('no users');
  const account = data.accounts.find((a) => a.id === data.accountId);
  const card = data.accounts.find((a) => a.id === data.cardAccountId);
  if (!account || !card) throw new Error('no measured account');
  const inAccount = `accountId=${account.id}`;
  const foreign = [
    ...new Set(
      data.accounts.map((a) => a.currency).filter((currency) => currency !== REPORTING_CURRENCY),
    ),
  ];
  return [
    {
      name: 'list first page',
      description: 'GET /transactions?limit=50 (all accounts)',
      targetRatio: 0.8,
      request: get('/api/v1/transactions?limit=50'),
    },
    {
      name: 'list deep page',
      description: `GET /transactions?limit=50&cursor=... (row ${data.deep.row} of ${data.deep.of}, all accounts)`,
      targetRatio: 0.8,
      request: get(`/api/v1/transactions?limit=50&cursor=${data.deep.cursor}`),
    },
    {
      name: 'account list first page',
      description: `GET /transactions?${inAccount}&limit=50 (${account.name}, ${account.rows} rows)`,
      targetRatio: 0.8,
      request: get(`/api/v1/transactions?${inAccount}&limit=50`),
    },
    {
      name: 'account list deep page',
      description: `GET /transactions?${inAccount}&limit=50&cursor=... (row ${data.accountDeep.row} of ${data.accountDeep.of})`,
      targetRatio: 0.8,
      request: get(`/api/v1/transactions?${inAccount}&limit=50&cursor=${data.accountDeep.cursor}`),
    },
    {
      name: 'per-account balance',
      description: `GET /accounts (${data.accounts.length} accounts with balance, upcoming and count)`,
      targetRatio: 0.6,
      request: get('/api/v1/accounts'),
    },
    {
      name: 'summary 12 months',
      description: `GET /summary?from=${yearStart}&to=${data.lastDate} (the reporting-currency accounts)`,
      targetRatio: 0.8,
      request: get(`/api/v1/summary?from=${yearStart}&to=${data.lastDate}`),
    },
    {
      name: 'summary all time',
      // Each request reads all history (over a second at 1M rows): with 10 clients the queue alone
      // would outlast a run and nothing would complete.
      description: 'GET /summary, 2 connections',
      targetRatio: 0.8,
      connections: 2,
      request: get('/api/v1/summary'),
    },
    {
      name: 'net worth',
      // What the dashboard asks first: its month over all accounts, with net worth on the side.
      description: `GET /summary?from=${lastMonthStart}&to=${data.lastDate} (all accounts; net worth converts ${foreign.join(' and ')} at the latest of ${data.rates} rates)`,
      targetRatio: 0.8,
      request: get(netWorthPath(data)),
    },
    {
      name: 'account summary 12 months',
      description: `GET /summary?${inAccount}&from=${yearStart}&to=${data.lastDate}`,
      targetRatio: 0.8,
      request: get(`/api/v1/summary?${inAccount}&from=${yearStart}&to=${data.lastDate}`),
    },
    {
      name: 'create',
      description: 'POST /transactions (default account, appended today, synchronous=FULL)',
      targetRatio: 0.8,
      request: create(),
    },
    {
      name: 'create in account',
      description: `POST /transactions with accountId (${card.name}, appended today)`,
      targetRatio: 0.8,
      request: create(card.id),
    },
    {
      name: 'login',
      description: 'POST /auth/login (argon2id m=19456 t=2 p=1)',
      targetRatio: null,
      seconds: options.loginSeconds,
      request: () => ({
        method: 'POST',
        path: '/api/v1/auth/login',
        headers: json,
        body: JSON.stringify({ username: firstUser.username, password: BENCH_PASSWORD }),
      }),
    },
  ];
}

/** The net worth scenario's summary: the last month of history, all accounts. */
function netWorthPath(data: GeneratedData): string {
  const { lastMonthStart } = periods(data);
  return `/api/v1/summary?from=${lastMonthStart}&to=${data.lastDate}`;
}

/** Twelve months ending on the last day of history (2025-07-01 to 2026-06-30), and its last month. */
function periods(data: GeneratedData): { yearStart: string; lastMonthStart: string } {
  const end = new Date(`${data.lastDate}T00:00:00Z`);
  end.setUTCFullYear(end.getUTCFullYear() - 1);
  end.setUTCDate(end.getUTCDate() + 1);
  return {
    yearStart: end.toISOString().slice(0, 10),
    lastMonthStart: `${data.lastDate.slice(0, 8)}01`,
  };
}

/**
 * Besides the measured GETs: one-month summaries (a point per day, each account's balance carried
 * over days without rows), the other currencies' accounts (EUR and JPY decimals), a card's whole
 * history (its opening balance moves the line but counts in no total), and another user's account.
 */
function fairnessCheck(data: GeneratedData, list: Scenario[]): FairnessCheck {
  const { yearStart, lastMonthStart } = periods(data);
  const lastMonth = `from=${lastMonthStart}&to=${data.lastDate}`;
  const measured = list.filter((s) => s.request('').method === 'GET');
  const creates = list.filter(
    (s) => s.request('').path === '/api/v1/transactions' && s.request('').method === 'POST',
  );
  return {
    reads: [
      ...measured.map((s) => ({ name: s.name, path: s.request('').path })),
      { name: 'summary one month', path: `/api/v1/summary?${lastMonth}` },
      {
        name: 'account summary one month',
        path: `/api/v1/summary?accountId=${data.accountId}&${lastMonth}`,
      },
      { name: 'card summary all time', path: `/api/v1/summary?accountId=${data.cardAccountId}` },
      {
        name: 'EUR summary 12 months',
        path: `/api/v1/summary?accountId=${data.eurAccountId}&from=${yearStart}&to=${data.lastDate}`,
      },
      {
        name: 'JPY summary one month',
        path: `/api/v1/summary?accountId=${data.jpyAccountId}&${lastMonth}`,
      },
      { name: 'JPY list first page', path: `/api/v1/transactions?accountId=${data.jpyAccountId}` },
    ],
    netWorth: [
      { name: 'net worth', path: netWorthPath(data) },
      { name: 'summary all time', path: '/api/v1/summary' },
    ],
    refusals:
      data.foreignAccountId === null
        ? []
        : [
            {
              name: "another user's account list",
              path: `/api/v1/transactions?accountId=${data.foreignAccountId}`,
              status: 404,
            },
            {
              name: "another user's account summary",
              path: `/api/v1/summary?accountId=${data.foreignAccountId}`,
              status: 404,
            },
          ],
    creates: creates.map((s) => ({ name: s.name, request: s.request })),
  };
}

async function login(server: RunningServer, username: string): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 200 || !cookie)
    throw new Error(`${server.name}: login answered ${response.status}`);
  return cookie;
}

function checkRun(
  problems: string[],
  label: string,
  result: LoadResult,
  server?: RunningServer,
): void {
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0 || result.requests === 0) {
    // A 5xx is logged by the server (at warn and above): its last lines say what failed.
    const failed = Object.keys(result.statusCodes).some((code) => code.startsWith('5'));
    const said = failed && server ? `; ${server.name} logged: ${server.output().slice(-1500)}` : '';
    problems.push(
      `${label}: ${result.requests} requests, ${result.errors} errors, ${result.timeouts} timeouts, ` +
        `${result.non2xx} non-2xx (${JSON.stringify(result.statusCodes)})${said}`,
    );
  }
}

function buildApp(log: (line: string) => void): void {
  for (const pkg of ['@moneta/schema', '@moneta/api']) {
    log(`building ${pkg}`);
    const result = spawnSync('pnpm', ['--filter', pkg, 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`pnpm --filter ${pkg} build failed`);
  }
}

async function benchSize(
  size: number,
  options: BenchOptions,
  cores: { server: number | null },
  problems: string[],
): Promise<SizeResult> {
  const { log } = options;
  const path = join(options.dataDir, `moneta-${formatSize(size)}.db`);
  log(
    `generating ${formatSize(size)} transactions (+${options.otherUsers} users with a tenth each) into ${path}`,
  );
  const data = await generateDatabase({
    path,
    transactions: size,
    otherUsers: options.otherUsers,
    seed: options.seed,
    span: options.span,
  });
  log(
    `generated ${data.totalTransactions} rows in ${data.seconds.toFixed(1)} s (${(data.bytes / 1e6).toFixed(0)} MB)`,
  );

  const secret = randomBytes(32).toString('base64url');
  const env = { DATABASE_PATH: path, SESSION_SECRET: secret };
  const tsx = import.meta.resolve('tsx');
  const appCommand =
    options.appFrom === 'dist'
      ? ['apps/api/dist/server.js']
      : ['--conditions=moneta-source', '--import', tsx, 'apps/api/src/server.ts'];
  const servers: Record<Target, RunningServer | undefined> = {
    app: undefined,
    baseline: undefined,
  };
  try {
    servers.app = await startServer({
      name: 'app',
      command: process.execPath,
      args: appCommand,
      cwd: ROOT,
      port: options.port,
      // Request logs off (warn): at info every request is a JSON line, which measures the log sink.
      // The login rate limit is raised so the login scenario measures hashing, not the limiter.
      env: {
        ...env,
        LOG_LEVEL: 'warn',
        AUTH_RATE_LIMIT_PER_MINUTE: '100000000',
        REGISTRATION: 'open',
        WEB_DIST_DIR: join(options.dataDir, 'no-web'),
      },
      core: cores.server,
    });
    servers.baseline = await startServer({
      name: 'baseline',
      command: process.execPath,
      args: [
        '--conditions=moneta-source',
        '--import',
        tsx,
        join(BENCH_DIR, 'src/baseline-server.ts'),
      ],
      cwd: BENCH_DIR,
      port: options.port + 1,
      env,
      core: cores.server,
    });
    const running = { app: servers.app, baseline: servers.baseline };
    const firstUser = data.users[0];
    const floodUser = data.users[1] ?? firstUser;
    if (!firstUser || !floodUser) throw new Error('no users');
    const cookies = {
      app: await login(running.app, firstUser.username),
      baseline: await login(running.baseline, firstUser.username),
    };

    // Fairness check: the baseline must answer with exactly the app's bytes and write as it does.
    const list = scenarios(data, options);
    const unfair = await checkFairness(running, cookies, data, fairnessCheck(data, list));
    problems.push(...unfair.map((problem) => `${formatSize(size)} ${problem}`));
    const sameJson = unfair.length === 0;

    const results: ScenarioResult[] = [];
    for (const scenario of list) {
      const seconds = scenario.seconds ?? options.seconds;
      const runs: Record<Target, LoadResult[]> = { app: [], baseline: [] };
      const once = async (target: Target, runSeconds: number) => {
        const result = await load(running[target].url, scenario.request(cookies[target]), {
          connections: scenario.connections ?? options.connections,
          seconds: runSeconds,
        });
        // SQLite calls are synchronous: the health check answers once the server has worked off
        // requests still queued from this run, so they cannot slow the next run down.
        await fetch(`${running[target].url}/api/health`);
        return result;
      };
      for (const target of ['app', 'baseline'] as const) {
        if (options.warmupSeconds > 0)
          checkRun(
            problems,
            `${formatSize(size)} ${scenario.name} ${target} warm-up`,
            await once(target, options.warmupSeconds),
            running[target],
          );
      }
      for (let round = 0; round < options.rounds; round += 1) {
        // Alternate who goes first, so drift in the machine's load hits both alike.
        const order: Target[] = round % 2 === 0 ? ['app', 'baseline'] : ['baseline', 'app'];
        for (const target of order) {
          const result = await once(target, seconds);
          checkRun(
            problems,
            `${formatSize(size)} ${scenario.name} ${target} round ${round + 1}`,
            result,
            running[target],
          );
          runs[target].push(result);
        }
      }
      const summarise = (target: Target) => ({
        requestsPerSecond: median(runs[target].map((r) => r.requestsPerSecond)),
        p50: median(runs[target].map((r) => r.p50)),
        p99: median(runs[target].map((r) => r.p99)),
      });
      const result = {
        name: scenario.name,
        description: scenario.description,
        runs,
        median: { app: summarise('app'), baseline: summarise('baseline') },
        targetRatio: scenario.targetRatio,
      };
      results.push(result);
      log(
        `${formatSize(size)} ${scenario.name}: app ${result.median.app.requestsPerSecond.toFixed(0)} req/s p99 ${result.median.app.p99} ms, ` +
          `baseline ${result.median.baseline.requestsPerSecond.toFixed(0)} req/s p99 ${result.median.baseline.p99} ms`,
      );
    }

    // A flood of bad logins for one account while the same app keeps serving the list. First the
    // account's free failures are used up (each one hashed), so the flood itself meets the throttle.
    const badLogin = {
      method: 'POST' as const,
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: floodUser.username, password: 'wrong password, again' }),
    };
    const drained: number[] = [];
    for (let attempt = 0; attempt < 20 && drained.at(-1) !== 429; attempt += 1) {
      const response = await fetch(`${running.app.url}${badLogin.path}`, {
        method: 'POST',
        headers: badLogin.headers,
        body: badLogin.body,
      });
      drained.push(response.status);
    }
    log(
      `${formatSize(size)} bad-login flood for ${options.seconds} s with concurrent list requests`,
    );
    const [badLogins, listDuringFlood] = await Promise.all([
      load(running.app.url, badLogin, {
        connections: options.connections,
        seconds: options.seconds,
      }),
      load(running.app.url, list[0]?.request(cookies.app) ?? { method: 'GET', path: '/' }, {
        connections: options.connections,
        seconds: options.seconds,
      }),
    ]);
    checkRun(
      problems,
      `${formatSize(size)} list during the bad-login flood`,
      listDuringFlood,
      running.app,
    );
    // Past the free failures the throttle allows one a minute: any other 401 would have been hashed.
    const hashed = badLogins.statusCodes['401'] ?? 0;
    const onlyThrottled = Object.keys(badLogins.statusCodes).every(
      (code) => code === '401' || code === '429',
    );
    if (
      drained.at(-1) !== 429 ||
      badLogins.errors > 0 ||
      !onlyThrottled ||
      hashed > Math.ceil(options.seconds / 60)
    ) {
      problems.push(
        `${formatSize(size)} bad-login flood: before ${JSON.stringify(drained)}, during ${JSON.stringify(badLogins.statusCodes)}, ${badLogins.errors} errors`,
      );
    }
    log(`${formatSize(size)} importing a ${options.importRows}-row bank file twice`);
    const imports = await measureImport(running.app, options.importRows);
    if (imports.firstNew !== options.importRows || imports.againDuplicates !== options.importRows) {
      problems.push(
        `${formatSize(size)} import: ${imports.firstNew} new, then ${imports.againDuplicates} duplicates of ${options.importRows}`,
      );
    }
    return {
      size,
      data,
      scenarios: results,
      flood: {
        seconds: options.seconds,
        freeFailures: drained.filter((status) => status === 401).length,
        badLogins,
        listDuringFlood,
      },
      sameJson,
      imports,
      peakRss: { app: peakRssMb(running.app), baseline: peakRssMb(running.baseline) },
    };
  } finally {
    await servers.baseline?.stop();
    await servers.app?.stop();
  }
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const startedAt = new Date();
  const problems: string[] = [];
  mkdirSync(options.dataDir, { recursive: true });
  if (options.build && options.appFrom === 'dist') buildApp(options.log);
  const pinned = options.pin && canPin(availableParallelism());
  // Servers on core 0, this process (autocannon) on core 1.
  if (pinned) pinSelf(1);
  const sizes: SizeResult[] = [];
  for (const size of options.sizes)
    sizes.push(await benchSize(size, options, { server: pinned ? 0 : null }, problems));
  const result: BenchResult = {
    startedAt,
    options,
    pinned,
    sizes,
    bundle: measureBundle(join(ROOT, 'apps/web/dist')),
    pending: PENDING_SCENARIOS,
    problems,
    reportPath: options.out,
  };
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, renderReport(result));
  options.log(`report written to ${options.out}`);
  return result;
}
