import Database from 'better-sqlite3';

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
