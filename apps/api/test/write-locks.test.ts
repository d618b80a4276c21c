import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from './build-test-app.js';

/** How each transaction begun while `action` runs takes its lock: deferred, immediate, exclusive. */
async function transactionModesDuring(
  sqlite: Database.Database,
  action: () => Promise<unknown>,
): Promise<string[]> {
  const modes: string[] = [];
  const original = sqlite.transaction.bind(sqlite);
  // better-sqlite3's own transaction functions: `.deferred()`, `.immediate()`...
  const spy = (fn: (...args: unknown[]) => unknown) =>
    new Proxy(original(fn), {
      get(target, property, receiver) {
        if (property === 'deferred' || property === 'immediate' || property === 'exclusive') {
          modes.push(property);
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
  // ...and the BEGIN statements the database seam runs itself (a bare BEGIN is deferred).
  const exec = sqlite.exec.bind(sqlite);
  const execSpy = (source: string) => {
    const begin = /^\s*BEGIN\b\s*(DEFERRED|IMMEDIATE|EXCLUSIVE)?/i.exec(source);
    if (begin) modes.push((begin[1] ?? 'deferred').toLowerCase());
    return exec(source);
  };
  Object.defineProperty(sqlite, 'transaction', { value: spy, configurable: true, writable: true });
  Object.defineProperty(sqlite, 'exec', { value: execSpy, configurable: true, writable: true });
  try {
    await action();
  } finally {
    Reflect.deleteProperty(sqlite, 'transaction');
    Reflect.deleteProperty(sqlite, 'exec');
  }
  return modes;
}

/*
 * A deferred transaction that reads and then writes fails with SQLITE_BUSY_SNAPSHOT, whatever
 * busy_timeout says, when another connection (the admin CLI, a second process on the file)
 * committed in between: a login answered 500 "database is locked" that way in a bench run. Taking
 * the write lock at BEGIN makes the other writer wait instead.
 */
describe('read-then-write transactions take the write lock when they begin', () => {
  it('login, a transaction, a transfer, a token, an idempotent create and a reconciliation', async () => {
    const { app } = await buildTestApp();
    const user = await registerUser(app);
    const json = { 'content-type': 'application/json' };
    const modes = await transactionModesDuring(app.dbHandle.sqlite, async () => {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: user.username, password: user.password },
      });
      expect(login.statusCode).toBe(200);
      const created = await user.request({
        method: 'POST',
        url: '/api/v1/transactions',
        headers: { ...json, 'idempotency-key': 'write-locks-1' },
        payload: { type: 'income', amount: '10.00', title: 'Gift', date: '2026-03-01' },
      });
      expect(created.statusCode).toBe(201);
      const savings = await user.request({
        method: 'POST',
        url: '/api/v1/accounts',
        headers: json,
        payload: { name: 'Savings' },
      });
      expect(savings.statusCode).toBe(201);
      const accounts = await user.request({ method: 'GET', url: '/api/v1/accounts' });
      const main = accounts
        .json<{ items: Array<{ id: number; isDefault: boolean }> }>()
        .items.find((account) => account.isDefault);
      const transfer = await user.request({
        method: 'POST',
        url: '/api/v1/transfers',
        headers: json,
        payload: {
          fromAccountId: main?.id,
          toAccountId: savings.json<{ id: number }>().id,
          amount: '4.00',
          date: '2026-03-02',
        },
      });
      expect(transfer.statusCode).toBe(201);
      const token = await user.request({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: json,
        payload: { name: 'script' },
      });
      expect(token.statusCode).toBe(201);
      const reconciled = await user.request({
        method: 'POST',
        url: `/api/v1/accounts/${String(main?.id)}/reconciliations`,
        headers: json,
        payload: { date: '2026-03-31', statementBalance: '0' },
      });
      expect(reconciled.statusCode).toBe(201);
    });
    expect(modes.length).toBeGreaterThanOrEqual(6);
    expect(modes.filter((mode) => mode !== 'immediate')).toEqual([]);
    await app.close();
  });
});
