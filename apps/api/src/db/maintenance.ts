import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, restrictToOwner } from './client.js';

export interface DatabaseFacts {
  integrity: string;
  users: number;
  transactions: number;
  /** Sum of signed amounts of every user, in minor units, as exact text. */
  netMinor: string;
}

/** Integrity and the headline counts of a Moneta database file (it only reads). */
export function inspectDatabase(path: string): DatabaseFacts {
  // Not `readonly`: a read-only connection to a WAL file would leave -wal and -shm files behind.
  const sqlite = new Database(path, { fileMustExist: true });
  try {
    const tables = new Set(
      sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        .pluck()
        .all() as string[],
    );
    const integrity = sqlite.pragma('integrity_check', { simple: true }) as string;
    if (!tables.has('users') || !tables.has('transactions')) {
      return {
        integrity: `${integrity}; not a Moneta database`,
        users: 0,
        transactions: 0,
        netMinor: '0',
      };
    }
    const users = sqlite.prepare('SELECT COUNT(*) FROM users').pluck().get() as number;
    // Folded in BigInt, row by row: every user's balance fits 64 bits, but the sum over all
    // users, or a SUM in index order across one user's rows, need not.
    let count = 0;
    let net = 0n;
    const rows = sqlite
      .prepare(`SELECT type = 'income', amount FROM transactions`)
      .raw()
      .safeIntegers()
      .iterate() as IterableIterator<[bigint, bigint]>;
    for (const [income, amount] of rows) {
      count += 1;
      net += income === 1n ? amount : -amount;
    }
    return { integrity, users, transactions: count, netMinor: net.toString() };
  } finally {
    sqlite.close();
  }
}

/** Copies every page in one step: the backup is one consistent snapshot even under writes. */
const ALL_PAGES = 0x7fffffff;

/**
 * An online backup of the live database with SQLite's backup API: safe while the server writes,
 * which only waits for the snapshot's read. The copy is written beside `target` and renamed into
 * place once complete and checked, so a crash never leaves a half-written backup under that name.
 */
export async function backupDatabase(livePath: string, target: string): Promise<DatabaseFacts> {
  if (!existsSync(livePath)) throw new Error(`no database at ${livePath}`);
  const partial = `${target}.partial-${process.pid}`;
  // A backups folder that does not exist yet is made, private like the data folder.
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  rmSync(partial, { force: true });
  try {
    // Private before the first page is written into it.
    restrictToOwner(partial);
    const source = new Database(livePath, { fileMustExist: true });
    try {
      source.pragma('busy_timeout = 5000');
      await source.backup(partial, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
    // A backup is one self-contained file: rollback journal instead of WAL, no -wal beside it.
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const facts = inspectDatabase(partial);
    if (facts.integrity !== 'ok')
      throw new Error(`the backup failed its integrity check: ${facts.integrity}`);
    renameSync(partial, target);
    return facts;
  } finally {
    // Whatever failed, no half-written copy is left behind.
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`])
      rmSync(leftover, { force: true });
  }
}

/**
 * Replaces the live database's content with a backup's, through the backup API into the live
 * file: SQLite locks it for the copy, so a running server sees the old data or the new, never a
 * mix, and needs no restart. The current content is kept first in `<db>.before-restore-<time>`.
 * Migrations newer than the backup are applied afterwards.
 */
export async function restoreDatabase(
  backupPath: string,
  livePath: string,
  now: Date = new Date(),
): Promise<{ facts: DatabaseFacts; previous: string | null }> {
  const facts = inspectDatabase(backupPath);
  if (facts.integrity !== 'ok')
    throw new Error(`${backupPath} is not a sound Moneta database: ${facts.integrity}`);

  let previous: string | null = null;
  if (existsSync(livePath)) {
    previous = `${livePath}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    await backupDatabase(livePath, previous);
  }
  // A private copy as the source, so the backup file itself is never opened for writing.
  const staging = `${livePath}.restoring-${process.pid}`;
  copyFileSync(backupPath, staging);
  restrictToOwner(staging);
  const source = new Database(staging, { fileMustExist: true });
  try {
    await source.backup(livePath, { progress: () => ALL_PAGES });
  } finally {
    source.close();
    rmSync(staging, { force: true });
    rmSync(`${staging}-wal`, { force: true });
    rmSync(`${staging}-shm`, { force: true });
  }
  // Same pragmas and migrations as a start: a backup from an older version is brought up to date.
  openDatabase(livePath).close();
  return { facts: inspectDatabase(livePath), previous };
}
