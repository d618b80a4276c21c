import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TransactionPage } from '@moneta/schema';
import { buildApp } from '../../src/app.js';
import { sessionCookie, testConfig } from '../build-test-app.js';

const apiRoot = fileURLToPath(new URL('../..', import.meta.url));
const child = fileURLToPath(new URL('./idempotent-crash-child.ts', import.meta.url));

describe('an idempotent create whose process dies before it answers', () => {
  it('is replayed by the retry, not written a second time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moneta-idem-crash-'));
    const died = await new Promise<{ signal: string | null; output: string }>((resolve) => {
      const process_ = spawn(
        process.execPath,
        ['--conditions=moneta-source', '--import', 'tsx', child, dir],
        { cwd: apiRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      process_.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      process_.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      process_.on('exit', (_code, signal) => resolve({ signal, output }));
    });
    expect(died.output).toContain('registered');
    expect(died.output).not.toContain('answered');
    expect(died.signal).toBe('SIGKILL');

    // A minute later (past the claim's abandonment window), the client retries.
    const app = await buildApp(testConfig(dir), {
      logger: false,
      now: () => new Date(Date.now() + 61_000),
    });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'crashy', password: 'correct horse battery' },
      });
      const cookie = sessionCookie(login);
      const retry = await app.inject({
        method: 'POST',
        url: '/api/v1/transactions',
        headers: { cookie, 'idempotency-key': 'rent-2026-12' },
        payload: { type: 'expense', amount: '950.00', title: 'Rent', date: '2026-12-01' },
      });
      expect(retry.statusCode).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      const page = (
        await app.inject({ method: 'GET', url: '/api/v1/transactions', headers: { cookie } })
      ).json<TransactionPage>();
      expect(page.items).toHaveLength(1);
      expect(retry.json()).toEqual(page.items[0]);
    } finally {
      await app.close();
    }
  }, 60_000);
});
