import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseEnv } from '../src/config.js';

const apiRoot = new URL('..', import.meta.url).pathname;

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = parseEnv({});
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.DATABASE_PATH).toBe(join(process.cwd(), 'data', 'moneta.db'));
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['SESSION_SECRET', 'too-short'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'yes'],
  ])('stops on a bad %s, naming it', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`${name}: `));
  });

  it('generates the session secret once and keeps it next to the database, private', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moneta-config-'));
    const env = { DATABASE_PATH: join(dir, 'nested', 'moneta.db') };
    const first = loadConfig(env).SESSION_SECRET;
    const second = loadConfig(env).SESSION_SECRET;
    expect(first).toHaveLength(43);
    expect(second).toBe(first);
    const file = join(dir, 'nested', 'session.secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ ...env, SESSION_SECRET: 'x'.repeat(32) }).SESSION_SECRET).toBe(
      'x'.repeat(32),
    );
  });
});

/** Runs src/server.ts as `pnpm start` runs the built one, with its own environment. */
function startServer(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=moneta-source', 'src/server.ts'],
    {
      cwd: apiRoot,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, output: () => output };
}

describe('the server process', () => {
  it('refuses to start on a bad variable, saying which', async () => {
    const server = startServer({ PORT: 'not-a-port' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('PORT: must be a port number');
  }, 30_000);

  it('creates its database on first start, answers, and shuts down gracefully on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moneta-server-'));
    const port = 3700 + Math.floor(Math.random() * 200);
    const server = startServer({
      PORT: String(port),
      DATABASE_PATH: join(dir, 'data', 'moneta.db'),
    });
    let health: Response | undefined;
    for (let attempt = 0; attempt < 100 && !health; attempt += 1) {
      health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
      if (!health) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(health?.status).toBe(200);
    expect(existsSync(join(dir, 'data', 'moneta.db'))).toBe(true);
    expect(existsSync(join(dir, 'data', 'session.secret'))).toBe(true);

    const register = await fetch(`http://127.0.0.1:${port}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'erin', password: 'correct horse battery' }),
    });
    expect(register.status).toBe(201);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
    // Request logs carry no passwords or cookies.
    expect(server.output()).not.toContain('correct horse battery');
    expect(server.output()).not.toMatch(/moneta_session=[A-Za-z0-9]/);
    // Closed cleanly: the WAL was checkpointed into the database file.
    expect(existsSync(join(dir, 'data', 'moneta.db-wal'))).toBe(false);
    expect(
      readFileSync(join(dir, 'data', 'moneta.db'))
        .subarray(0, 15)
        .toString(),
    ).toBe('SQLite format 3');
  }, 30_000);
});
