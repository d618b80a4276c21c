import Database from 'better-sqlite3';
import { badRequest } from '../errors.js';

/** The SQLite error behind an error, which Drizzle may wrap in its own (as `cause`). */
type SqliteError = InstanceType<typeof Database.SqliteError>;

function sqliteError(error: unknown): SqliteError | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof Database.SqliteError) return current;
  }
  return undefined;
}

/** SQLite's SUM refuses to wrap past 64 bits and raises this instead. */
export function isIntegerOverflow(error: unknown): boolean {
  return /integer overflow/i.test(sqliteError(error)?.message ?? '');
}

export function isUniqueViolation(error: unknown): boolean {
  return sqliteError(error)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Thrown inside a write when a balance or total would leave the exactly representable range. */
export class BalanceOverflowError extends Error {
  override name = 'BalanceOverflowError';
}

/** Runs a write; a balance or total leaving the exact range becomes a 400 naming `path`. */
export async function refuseOverflow<T>(
  path: string,
  message: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof BalanceOverflowError) throw badRequest(path, message);
    throw error;
  }
}
