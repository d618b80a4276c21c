import type Database from 'better-sqlite3';
import { searchTextOf } from '@moneta/schema';

/**
 * Fills search_text for rows that lack it: rows from before the column existed, or written by
 * raw SQL (bulk loads). Runs at every start; with nothing to do it is one index probe.
 */
export function backfillSearchText(sqlite: Database.Database): number {
  const pending = sqlite.prepare<[], { id: number; title: string; description: string | null }>(
    'SELECT id, title, description FROM transactions WHERE search_text IS NULL LIMIT 5000',
  );
  const update = sqlite.prepare('UPDATE transactions SET search_text = ? WHERE id = ?');
  let filled = 0;
  const batch = sqlite.transaction(
    (rows: Array<{ id: number; title: string; description: string | null }>) => {
      for (const row of rows) {
        update.run(searchTextOf(row.title, row.description), row.id);
      }
    },
  );
  for (;;) {
    const rows = pending.all();
    if (rows.length === 0) return filled;
    batch(rows);
    filled += rows.length;
  }
}
