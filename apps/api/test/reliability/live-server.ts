import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../build-test-app.js';

export interface LiveServer {
  app: FastifyInstance;
  baseUrl: string;
  databasePath: string;
  dir: string;
  close(): Promise<void>;
}

/** The real app listening on an ephemeral port of 127.0.0.1, over a fresh database file. */
export async function startServer(): Promise<LiveServer> {
  const dir = mkdtempSync(join(tmpdir(), 'moneta-live-'));
  const config = testConfig(dir);
  const app = await buildApp(config, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    databasePath: config.DATABASE_PATH,
    dir,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Client {
  userId: number;
  cookie: string;
  post(path: string, body: unknown): Promise<{ status: number; json: unknown }>;
  get(path: string): Promise<{ status: number; json: unknown }>;
}

/** Registers a user over HTTP and returns a cookie-carrying client. */
export async function httpClient(baseUrl: string, username: string): Promise<Client> {
  const response = await fetch(`${baseUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'correct horse battery' }),
  });
  if (response.status !== 201)
    throw new Error(`register ${response.status}: ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { id } = (await response.json()) as { id: number };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json };
  };
  return {
    userId: id,
    cookie,
    post: (path, body) => call('POST', path, body),
    get: (path) => call('GET', path),
  };
}

/** Minor units of a decimal string with two places, exactly. */
export function cents(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return negative ? -value : value;
}
