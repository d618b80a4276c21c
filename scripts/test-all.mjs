#!/usr/bin/env node
// Runs every check and test (typecheck, lint, vitest projects, Playwright in Chromium), then
// prints one line "N passed, N failed" counted from the reporters' JSON. Exit code 1 on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

// pnpm when installed, else the pinned version through npx (a fresh machine has only npm).
const hasPnpm = spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).status === 0;
const [pnpm, pnpmPrefix] = hasPnpm ? ['pnpm', []] : ['npx', ['--yes', 'pnpm@10.34.9']];

let passed = 0;
let failed = 0;

function run(label, command, args, options = {}) {
  if (command === 'pnpm') [command, args] = [pnpm, [...pnpmPrefix, ...args]];
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status === 0;
}

function check(label, command, args, options) {
  if (run(label, command, args, options)) passed += 1;
  else {
    failed += 1;
    console.log(`FAILED: ${label}`);
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const installed = run('install', 'pnpm', ['install', '--frozen-lockfile']);
if (!installed) failed += 1;
const built = installed && run('build', 'pnpm', ['-r', '--workspace-concurrency=1', 'build']);
if (!built) failed += 1;

check('typecheck', 'pnpm', ['-r', 'typecheck']);
// The first screen's JavaScript budget (<= 100 KB gzipped), on the build just made.
if (built) check('first-screen bundle size', 'pnpm', ['--filter', '@moneta/web', 'size']);
check('lint', 'pnpm', ['exec', 'eslint', '.']);
check('format', 'pnpm', ['exec', 'prettier', '--check', '.']);

const vitestJson = join(reports, 'vitest.json');
const vitestOk = run('unit and integration tests (vitest)', 'pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const vitest = readJson(vitestJson);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  // A file that fails to load has no failed test but still fails the run.
  if (!vitestOk && vitest.numFailedTests === 0) failed += 1;
} else {
  failed += 1;
  console.log('FAILED: vitest wrote no report');
}

// No test may depend on the wall-clock date: the suites run again on a leap day, years ahead,
// when Debian's faketime is installed (.ci/run installs it; elsewhere this check is skipped).
if (spawnSync('faketime', ['--version'], { stdio: 'ignore' }).status === 0) {
  check(
    'vitest with the clock moved to 2028-02-29 (faketime)',
    'faketime',
    [
      '-f',
      '@2028-02-29 10:00:00',
      ...(hasPnpm ? ['pnpm'] : ['npx', '--yes', 'pnpm@10.34.9']),
      'exec',
      'vitest',
      'run',
      '--reporter=dot',
    ],
    // Timers and timeouts keep real time; only the calendar moves.
    { env: { ...process.env, DONT_FAKE_MONOTONIC: '1' } },
  );
} else {
  console.log('\n=== skipped: vitest with a moved clock (install faketime to run it)');
}

if (built) {
  const playwrightJson = join(reports, 'playwright.json');
  const e2eOk = run(
    'end-to-end tests (Playwright, Chromium)',
    'pnpm',
    ['--filter', '@moneta/e2e', 'test'],
    {
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
    },
  );
  const report = existsSync(playwrightJson) ? readJson(playwrightJson) : null;
  if (report?.stats) {
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    if (!e2eOk && report.stats.unexpected === 0) failed += 1;
  } else {
    failed += 1;
    console.log('FAILED: Playwright wrote no report');
  }
}

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(reports, 'summary.txt'), `${summary}\n`);
console.log(`\n${summary}`);
process.exit(failed === 0 ? 0 : 1);
