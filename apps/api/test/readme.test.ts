import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './build-test-app.js';
import { runToEnd } from './processes.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The sh blocks between the `<!-- <marker>:start -->` and `:end` comments, in order. */
function blocksBetween(marker: string): string[] {
  const start = readme.indexOf(`<!-- ${marker}:start -->`);
  const end = readme.indexOf(`<!-- ${marker}:end -->`);
  if (start === -1 || end === -1) return [];
  const section = readme.slice(start, end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

const scriptingBlocks = () => blocksBetween('readme-test');

describe("the README's curl examples", async () => {
  const { app } = await buildTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;

  it('are all found', () => {
    expect(scriptingBlocks().length).toBeGreaterThanOrEqual(5);
  });

  it('run against a started server without a single failed request', async () => {
    const script = `set -euo pipefail\n${scriptingBlocks().join('\n')}`;
    const cwd = mkdtempSync(join(tmpdir(), 'moneta-readme-'));
    const result = await runToEnd('bash', ['-c', script], {
      cwd,
      env: { ...process.env, API: `http://127.0.0.1:${port}/api/v1` },
    });
    expect(result.stderr).toBe('');
    expect(result.status, result.stdout).toBe(0);
    // The idempotent retry printed the same transaction twice and created one.
    expect(result.stdout.match(/"title":"Rent"/g)).toHaveLength(2);
    expect(result.stdout).toMatch(/^1$/m);
    expect(result.stdout).toContain('"balanceAfter":"2500.00"');
  }, 60_000);

  it('need bash, curl and jq', () => {
    for (const tool of ['bash', 'curl', 'jq']) {
      expect(spawnSync('sh', ['-c', `command -v ${tool}`]).status, tool).toBe(0);
    }
  });
});

describe("the README's admin commands", () => {
  const apiRoot = fileURLToPath(new URL('..', import.meta.url));

  it('run, in order, on a fresh database', async () => {
    const [block] = blocksBetween('readme-admin-test');
    expect(block).toBeDefined();
    const cwd = mkdtempSync(join(tmpdir(), 'moneta-readme-admin-'));
    // `npm run admin -- <args>` runs the built admin.js; here the same code from source, so
    // the test needs no build. Everything else in the block runs as written.
    const npm = `npm() { shift 3; (cd ${apiRoot} && node --conditions=moneta-source --import tsx src/admin.ts "$@"); }`;
    const result = await runToEnd('bash', ['-c', `set -euo pipefail\n${npm}\n${block ?? ''}`], {
      cwd,
      env: {
        ...process.env,
        DATABASE_PATH: join(cwd, 'data', 'moneta.db'),
        // Relative paths mean the folder the command was typed in, as with npm.
        INIT_CWD: cwd,
      },
    });
    expect(result.stderr).toBe('');
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toContain('Created bob (EUR, Europe/Berlin).');
    expect(result.stdout).toMatch(/Invite 1: \S+ \(single use/);
    expect(result.stdout).toContain('Invite 1 revoked.');
    expect(result.stdout).toContain('The password of bob is reset');
    expect(result.stdout).toMatch(/integrity ok, 1 users, 0 transactions/);
  }, 120_000);
});
