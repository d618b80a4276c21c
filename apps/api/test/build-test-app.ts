import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp } from '../src/app.js';
import { parseEnv, type Config } from '../src/config.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  /** Moves the app's clock; starts at TEST_NOW, whatever the wall clock says. */
  clock: { now: Date };
}

/**
 * The app's "now" in tests: a fixed instant, so no test depends on the day it runs. Today for a
 * UTC user is 2026-12-01; the examples' November rows are in the past, December's later days
 * in the future.
 */
export const TEST_NOW = '2026-12-01T12:00:00.000Z';

/** Test configuration: a database file in `dir`, no web build, no auth flood limit, no logs. */
export function testConfig(dir: string, env: Record<string, string> = {}): Config {
  return {
    ...parseEnv({
      DATABASE_PATH: join(dir, 'moneta.db'),
      WEB_DIST_DIR: join(dir, 'no-web'),
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'silent',
      // Every answer checked against its contract, and the fast writer against JSON.stringify.
      RESPONSE_CHECK: 'true',
      // Most suites register many users; the registration tests set their own mode.
      REGISTRATION: 'open',
      ...env,
    }),
    SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789',
  };
}

/** A fresh app over a fresh database file with migrations applied; closed after the file. */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'moneta-test-'));
  const config = testConfig(dir, env);
  const clock = { now: new Date(TEST_NOW) };
  const app = await buildApp(config, { now: () => clock.now, logger: false });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, config, clock };
}

let counter = 0;

export function uniqueUsername(prefix = 'user'): string {
  counter += 1;
  return `${prefix}${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

export interface Session {
  username: string;
  password: string;
  cookie: string;
  userId: number;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'moneta_session');
  if (!cookie) throw new Error(`no session cookie in ${response.statusCode} ${response.body}`);
  return `moneta_session=${cookie.value}`;
}

/** Registers a user and returns a helper that sends requests with their session cookie. */
export async function registerUser(
  app: FastifyInstance,
  overrides: { username?: string; password?: string; currency?: string } = {},
): Promise<Session> {
  const username = overrides.username ?? uniqueUsername();
  const password = overrides.password ?? 'correct horse battery';
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: {
      username,
      password,
      ...(overrides.currency ? { currency: overrides.currency } : {}),
    },
  });
  if (response.statusCode !== 201) throw new Error(`register failed: ${response.body}`);
  const cookie = sessionCookie(response);
  return {
    username,
    password,
    cookie,
    userId: response.json<{ id: number }>().id,
    request: (options) => app.inject({ ...options, headers: { ...options.headers, cookie } }),
  };
}
