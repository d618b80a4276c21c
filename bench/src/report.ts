import { spawnSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import Database from 'better-sqlite3';
import type { BenchResult, SizeResult } from './bench.js';
import { formatSize } from './generate.js';

const fixed = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function git(...args: string[]): string {
  const result = spawnSync('git', args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}

function machine(result: BenchResult): string[] {
  const cpu = cpus();
  const sqlite = new Database(':memory:');
  const { version } = sqlite
    .prepare<[], { version: string }>('SELECT sqlite_version() AS version')
    .get() ?? { version: '?' };
  sqlite.close();
  const dirty =
    git('status', '--porcelain', '--', 'apps/api', 'packages/schema', 'bench') === ''
      ? ''
      : ' (with uncommitted changes)';
  return [
    `- CPU: ${cpu[0]?.model ?? 'unknown'}, ${cpu.length} cores; RAM ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Linux ${release()}`,
    `- Node ${process.version}, SQLite ${version}; commit ${git('rev-parse', '--short', 'HEAD')}${dirty}`,
    `- Load average when the run ended: ${loadavg()
      .map((value) => value.toFixed(2))
      .join(', ')}`,
    result.pinned
      ? '- Pinned with `taskset`: both servers on core 0, autocannon (this runner) on core 1.'
      : '- Not pinned (no `taskset` or fewer than two cores): servers and load generator share the cores.',
  ];
}

/** "20 years, 14 a day" for the measured user. */
function spanOf(data: SizeResult['data']): string {
  const days = (Date.parse(data.lastDate) - Date.parse(data.firstDate)) / 86_400_000 + 1;
  const perDay = (data.users[0]?.transactions ?? 0) / days;
  return `${Math.round(days / 365.25)} years, ${perDay < 10 ? perDay.toFixed(1) : Math.round(perDay)} a day`;
}

function sizeSection(size: SizeResult, result: BenchResult): string[] {
  const { options } = result;
  const { data } = size;
  const lines = [
    `## ${formatSize(size.size)} transactions`,
    '',
    `Database: ${data.totalTransactions.toLocaleString('en-US')} transactions (${data.users.map((u) => `${u.username} ${u.transactions.toLocaleString('en-US')}`).join(', ')}), ` +
      `${data.firstDate} to ${data.lastDate} (${options.span === 'long' ? 'long-span stress history, eight a day' : 'a realistic span'}: ${spanOf(data)}), ${(data.bytes / 1e6).toFixed(0)} MB, generated in ${fixed(data.seconds, 1)} s. ` +
      `Requests as ${data.users[0]?.username ?? '?'}; ${options.connections} connections; median of ${options.rounds} rounds of ${options.seconds} s ` +
      `(login ${options.loginSeconds} s) after a ${options.warmupSeconds} s warm-up per server. Baseline JSON identical to the app's (and its creates kept the ledger as the app's): ${size.sameJson ? 'yes' : '**no**'}.`,
    '',
    `${data.users[0]?.username ?? '?'}'s accounts (rows, opening balances included): ` +
      data.accounts
        .map(
          (account) =>
            `${account.name} (${account.kind}, ${account.currency}${account.closed ? ', closed' : ''}) ${account.rows.toLocaleString('en-US')}`,
        )
        .join(', ') +
      '. Every other user has one account.',
    '',
    '| Scenario | App req/s | App p50 ms | App p99 ms | Baseline req/s | Baseline p50 ms | Baseline p99 ms | App/baseline | Target |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const scenario of size.scenarios) {
    const { app, baseline } = scenario.median;
    const ratio = app.requestsPerSecond / baseline.requestsPerSecond;
    const target =
      scenario.targetRatio === null
        ? '-'
        : `>= ${scenario.targetRatio}x: ${ratio >= scenario.targetRatio ? 'met' : '**short**'}`;
    lines.push(
      `| ${scenario.name} | ${fixed(app.requestsPerSecond)} | ${fixed(app.p50, 1)} | ${fixed(app.p99, 1)} | ` +
        `${fixed(baseline.requestsPerSecond)} | ${fixed(baseline.p50, 1)} | ${fixed(baseline.p99, 1)} | ${fixed(ratio, 2)}x | ${target} |`,
    );
  }
  const byName = new Map(size.scenarios.map((scenario) => [scenario.name, scenario.median.app]));
  const first = byName.get('list first page');
  const deep = byName.get('list deep page');
  const accountFirst = byName.get('account list first page');
  const accountDeep = byName.get('account list deep page');
  const summary = byName.get('summary 12 months');
  lines.push('');
  for (const [label, top, page] of [
    ['Deep page vs first page (app)', first, deep],
    ["One account's deep page vs its first page (app)", accountFirst, accountDeep],
  ] as const) {
    if (top && page) {
      lines.push(
        `- ${label}: ${fixed(page.requestsPerSecond / top.requestsPerSecond, 2)}x the req/s, p99 ${fixed(page.p99, 1)} vs ${fixed(top.p99, 1)} ms.`,
      );
    }
  }
  for (const pending of result.pending) {
    lines.push(`- Not measured: ${pending.name}: ${pending.reason}.`);
  }
  if (summary && size.size >= 100_000) {
    lines.push(
      `- Summary of 12 months, p99 at ${options.connections} clients: ${fixed(summary.p99, 1)} ms (target < 10 ms: ${summary.p99 < 10 ? 'met' : '**short**'}).`,
    );
  }
  const { imports } = size;
  lines.push(
    `- Import of a ${imports.rows.toLocaleString('en-US')}-row bank file over HTTP (\`POST /imports\`, a new user, into this database): ${fixed(imports.firstSeconds, 1)} s for ${imports.firstNew.toLocaleString('en-US')} new rows; the same file again, every row a duplicate: ${fixed(imports.againSeconds, 1)} s. ` +
      'Actual Budget on this machine kind (issue 15): adding 10k transactions through its API 6.2 s, re-importing them 40.6 s.',
  );
  const { app: appRss, baseline: baselineRss } = size.peakRss;
  if (appRss !== null) {
    lines.push(
      `- Peak resident memory of the app server over this size's whole run: ${fixed(appRss)} MB (target < 300 MB: ${appRss < 300 ? 'met' : '**short**'}); the baseline's: ${baselineRss === null ? '?' : `${fixed(baselineRss)} MB`}.`,
    );
  }
  const { badLogins, listDuringFlood } = size.flood;
  lines.push(
    `- Bad-login flood (app, one account): after ${size.flood.freeFailures} hashed failures answered 401, ` +
      `${size.flood.seconds} s of bad logins ran at ${fixed(badLogins.requestsPerSecond)} req/s and got ` +
      `${Object.entries(badLogins.statusCodes)
        .map(([code, count]) => `${count} x ${code}`)
        .join(', ')} (a 429 is answered before any hashing). ` +
      `Meanwhile the list answered ${fixed(listDuringFlood.requestsPerSecond)} req/s, p99 ${fixed(listDuringFlood.p99, 1)} ms, ` +
      `${listDuringFlood.errors} errors, ${listDuringFlood.non2xx} non-2xx.`,
  );
  lines.push('');
  lines.push('<details><summary>Every measured run (req/s; p99 ms)</summary>', '');
  for (const scenario of size.scenarios) {
    const show = (target: 'app' | 'baseline') =>
      scenario.runs[target]
        .map((run) => `${fixed(run.requestsPerSecond)}; ${fixed(run.p99, 1)}`)
        .join(' | ');
    lines.push(
      `- ${scenario.name} (${scenario.description}): app ${show('app')}; baseline ${show('baseline')}`,
    );
  }
  lines.push('', '</details>', '');
  return lines;
}

function crossSize(result: BenchResult): string[] {
  const p99 = (size: number) =>
    result.sizes.find((s) => s.size === size)?.scenarios.find((s) => s.name === 'summary 12 months')
      ?.median.app.p99;
  const at100k = p99(100_000);
  const at1m = p99(1_000_000);
  if (at100k === undefined || at1m === undefined) return [];
  return [
    `Summary of 12 months, p99 at 1M vs 100k: ${fixed(at1m, 1)} vs ${fixed(at100k, 1)} ms = ${fixed(at1m / at100k, 2)}x ` +
      `(target <= 2x: ${at1m <= 2 * at100k ? 'met' : '**short**'}).`,
    '',
  ];
}

function bundleSection(result: BenchResult): string[] {
  const lines = ['## Web bundle', ''];
  const { bundle } = result;
  if (!bundle)
    return [
      ...lines,
      'No production build in `apps/web/dist`; run `pnpm --filter @moneta/web build` first.',
      '',
    ];
  lines.push(
    `Initial JS (entry and modulepreloads), gzipped: **${kb(bundle.initialGzipBytes)}** (target <= 100 KB: ${bundle.initialGzipBytes <= 100 * 1024 ? 'met' : '**short**'}).`,
    '',
    '| File | Loaded | Gzipped |',
    '| --- | --- | ---: |',
    ...bundle.initial.map((entry) => `| ${entry.file} | initial | ${kb(entry.gzipBytes)} |`),
    ...bundle.lazy.map((entry) => `| ${entry.file} | lazy | ${kb(entry.gzipBytes)} |`),
    ...bundle.css.map((entry) => `| ${entry.file} | css | ${kb(entry.gzipBytes)} |`),
    '',
  );
  return lines;
}

export function renderReport(result: BenchResult): string {
  const { options } = result;
  const command = `pnpm --filter @moneta/bench bench -- ${process.argv
    .slice(2)
    .filter((arg) => arg !== '--')
    .join(' ')}`.trim();
  return [
    `# Benchmark ${result.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Command: \`${command}\``,
    '',
    ...machine(result),
    '',
    'App: the built server (`node apps/api/dist/server.js`, LOG_LEVEL=warn so request logs are off, login rate limit raised); ' +
      'baseline: `bench/src/baseline.ts` (bare Fastify, raw prepared statements, same SQL, pragmas, session check and JSON). ' +
      'Both run against the same database file, alternating, so both see the same background load. ' +
      'The machine is shared with other engineers running tests, so absolute numbers are noisy; the ratio is the useful figure.',
    ...(options.appFrom === 'source'
      ? ['', 'Smoke mode: the app ran from source through tsx; numbers mean nothing.']
      : []),
    '',
    ...(result.problems.length > 0
      ? [
          '**Problems (the run failed):**',
          '',
          ...result.problems.map((problem) => `- ${problem}`),
          '',
        ]
      : ['Every run: zero errors, zero timeouts, zero non-2xx.', '']),
    ...result.sizes.flatMap((size) => sizeSection(size, result)),
    ...crossSize(result),
    ...bundleSection(result),
  ].join('\n');
}
