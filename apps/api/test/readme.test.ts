import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './build-test-app.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The sh blocks between the readme-test markers, in order. */
function scriptingBlocks(): string[] {
  const start = readme.indexOf('<!-- readme-test:start -->');
  const end = readme.indexOf('<!-- readme-test:end -->');
  const section = readme.slice(start, end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

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
    // Asynchronously: a synchronous child would block the event loop this server answers on.
    const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        const child = spawn('bash', ['-c', script], {
          cwd,
          env: { ...process.env, API: `http://127.0.0.1:${port}/api/v1` },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (status) => {
          resolve({ status, stdout, stderr });
        });
      },
    );
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
