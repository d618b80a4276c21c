import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';
import { backfillSearchText } from './backfill.js';
import { sqliteDatabase, type Database as MonetaDatabase } from './database.js';

export type { Db, Tx } from './database.js';

export interface DbHandle {
  /** What the repositories use: reads on the read connection, writes in `transaction`. */
  database: MonetaDatabase;
  /** The write connection, for the SQLite-only places: health, backup, maintenance, raw SQL. */
  sqlite: Database.Database;
  /** The query-only connection behind `database.read` (the query-plan tests watch it too). */
  readSqlite: Database.Database;
  close(): void;
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Creates `path` if needed and makes it readable by its owner only: it holds everyone's finances.
 * SQLite gives the -wal, -shm and journal files the mode of the database file they belong to.
 */
export function restrictToOwner(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

/** Opens (creating if needed) the database file, sets the durability pragmas and migrates. */
export function openDatabase(path: string): DbHandle {
  if (path !== ':memory:') {
    // A folder Moneta creates is private; one the owner chose keeps the mode they gave it.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    restrictToOwner(path);
  }
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL syncs the WAL on every commit: an acknowledged write survives power loss.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  backfillSearchText(sqlite);
  // An in-memory database exists for one connection only: there, reads share the writer.
  const reader = path === ':memory:' ? sqlite : new Database(path, { fileMustExist: true });
  if (reader !== sqlite) {
    reader.pragma('busy_timeout = 5000');
    reader.pragma('query_only = ON');
  }
  return {
    database: sqliteDatabase(sqlite, db, reader === sqlite ? db : drizzle(reader, { schema })),
    sqlite,
    readSqlite: reader,
    close: () => {
      if (reader.open) reader.close();
      if (sqlite.open) sqlite.close();
    },
  };
}
