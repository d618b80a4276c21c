import { AsyncLocalStorage } from 'node:async_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;

/** What a write runs its statements on: for SQLite, the write connection inside BEGIN IMMEDIATE. */
export type Tx = Db;

/**
 * The one way the repositories reach the database, so that a second dialect only has to provide
 * another of these. Reads outside a write go to `read`; every write runs in `transaction`.
 */
export interface Database {
  /** For reads outside a transaction: sees committed data only, and cannot write. */
  read: Db;
  /**
   * The transaction open in this async context, else `read`: a check made inside a write sees
   * what the write sees, and no other request's uncommitted rows.
   */
  reader(): Db;
  /**
   * A statement prepared once per connection, run on the one `reader()` picks: the hot reads
   * stay prepared and still see the write they run inside.
   */
  prepared<P>(build: (db: Db) => P): () => P;
  /**
   * Runs `fn` in a transaction, one at a time: committed when it resolves, rolled back when it
   * throws. Called again inside `fn` (the same async context), it runs in the open transaction
   * as a savepoint: an inner failure undoes only the inner writes and reaches the outer `fn`,
   * which decides. Nested calls are awaited one at a time, never run side by side.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

interface OpenTransaction {
  /** False once the transaction ended: a promise started inside it and left running is outside. */
  open: boolean;
  depth: number;
}

/**
 * SQLite behind the seam: a write connection and a second, query-only connection to the same
 * file. Two connections, because while one request's transaction awaits, another request's code
 * runs: on a single connection its reads would see uncommitted rows and its writes would silently
 * join the open transaction. WAL lets the reader see the last commit while a write is open.
 */
export function sqliteDatabase(writer: BetterSqlite3.Database, writeDb: Db, readDb: Db): Database {
  const context = new AsyncLocalStorage<OpenTransaction>();
  /** Settles when the last transaction queued so far has ended: the async mutex. */
  let tail: Promise<void> = Promise.resolve();
  const current = () => {
    const store = context.getStore();
    return store?.open ? store : undefined;
  };

  async function savepoint<T>(open: OpenTransaction, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const name = `nested_${open.depth}`;
    writer.exec(`SAVEPOINT ${name}`);
    open.depth += 1;
    try {
      const result = await fn(writeDb);
      writer.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      writer.exec(`ROLLBACK TO ${name}`);
      writer.exec(`RELEASE ${name}`);
      throw error;
    } finally {
      open.depth -= 1;
    }
  }

  async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const outer = current();
    if (outer) return savepoint(outer, fn);
    const before = tail;
    let release = () => {};
    tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await before;
    const open: OpenTransaction = { open: true, depth: 0 };
    try {
      writer.exec('BEGIN IMMEDIATE');
      try {
        const result = await context.run(open, () => fn(writeDb));
        writer.exec('COMMIT');
        return result;
      } catch (error) {
        // A failed COMMIT may already have ended the transaction.
        if (writer.inTransaction) writer.exec('ROLLBACK');
        throw error;
      }
    } finally {
      open.open = false;
      release();
    }
  }

  return {
    read: readDb,
    reader: () => (current() ? writeDb : readDb),
    prepared<P>(build: (db: Db) => P): () => P {
      let onRead: P | undefined;
      let onWrite: P | undefined;
      return () => (current() ? (onWrite ??= build(writeDb)) : (onRead ??= build(readDb)));
    },
    transaction,
  };
}

/*
 * Raw SQL through one door per shape, answering with a promise as any driver can: SQLite's
 * answer comes at once (a throw becomes a rejection), another dialect's later.
 */

export function sqlAll<T>(db: Pick<Db, 'all'>, query: SQL): Promise<T[]> {
  return new Promise((resolve) => {
    resolve(db.all<T>(query));
  });
}

export function sqlGet<T>(db: Pick<Db, 'get'>, query: SQL): Promise<T | undefined> {
  return new Promise((resolve) => {
    resolve(db.get<T | undefined>(query));
  });
}

export function sqlRun(db: Pick<Db, 'run'>, query: SQL): Promise<void> {
  return new Promise((resolve) => {
    db.run(query);
    resolve();
  });
}
