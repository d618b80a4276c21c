import Database from 'better-sqlite3';

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Thrown inside a write when a balance or total would leave the exactly representable range. */
export class BalanceOverflowError extends Error {
  override name = 'BalanceOverflowError';
}
