import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench } from '../src/bench.js';
import { freePortPair } from '../src/servers.js';

// The benchmark end to end at a tiny size: proves it still runs. Times nothing.
describe('benchmark smoke run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'moneta-bench-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every scenario against the app and the baseline with zero errors and zero non-2xx', async () => {
    const out = join(dir, 'smoke.md');
    const result = await runBench({
      sizes: [300],
      otherUsers: 1,
      seed: 1,
      span: 'realistic',
      importRows: 200,
      seconds: 1,
      warmupSeconds: 0,
      loginSeconds: 1,
      rounds: 1,
      connections: 2,
      appFrom: 'source',
      build: false,
      out,
      dataDir: dir,
      // Free ports in the upper half of the bench range, apart from a real run's default 3400.
      port: await freePortPair(3450, 3500),
      pin: false,
      log: () => undefined,
    });

    expect(result.problems).toEqual([]);
    const [size] = result.sizes;
    expect(size?.sameJson).toBe(true);
    expect(size?.imports).toMatchObject({ rows: 200, firstNew: 200, againDuplicates: 200 });
    expect(size?.peakRss.app).toBeGreaterThan(10);
    expect(size?.scenarios.map((scenario) => scenario.name)).toEqual([
      'list first page',
      'list deep page',
      'account list first page',
      'account list deep page',
      'per-account balance',
      'summary 12 months',
      'summary all time',
      'net worth',
      'account summary 12 months',
      'create',
      'create in account',
      'login',
    ]);
    // The measured user has ten accounts, EUR and JPY among them, most rows in checking.
    expect(size?.data.accounts).toHaveLength(10);
    expect(new Set(size?.data.accounts.map((account) => account.currency))).toEqual(
      new Set(['USD', 'EUR', 'JPY']),
    );
    const main = size?.data.accounts.find((account) => account.id === size.data.accountId);
    expect(main?.kind).toBe('checking');
    for (const account of size?.data.accounts ?? []) {
      if (account !== main) expect(account.rows).toBeLessThan(main?.rows ?? 0);
    }
    for (const scenario of size?.scenarios ?? []) {
      for (const run of [...scenario.runs.app, ...scenario.runs.baseline]) {
        expect(run.requests).toBeGreaterThan(0);
        expect(run.errors + run.timeouts + run.non2xx).toBe(0);
      }
    }
    expect(size?.flood.badLogins.statusCodes['429']).toBeGreaterThan(0);
    const report = readFileSync(out, 'utf8');
    expect(report).toContain('Every run: zero errors, zero timeouts, zero non-2xx.');
    expect(report).toContain('| list deep page |');
    expect(report).toContain('| per-account balance |');
    expect(report).toContain('| net worth |');
    expect(report).not.toContain('Not measured');
    // Rates in both directions and a future one, so the net worth scenario converts (fairness.ts
    // fails the run when a currency goes unconverted or the baseline's net worth differs).
    expect(size?.data.rates).toBeGreaterThanOrEqual(8);
  });
});
