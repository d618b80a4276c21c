import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';

const migrations = fileURLToPath(new URL('../drizzle', import.meta.url));

/** A database as the release before accounts left it: migrations up to 0008, with history. */
function databaseBeforeAccounts(dir: string): string {
  const folder = join(dir, 'drizzle');
  cpSync(migrations, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: Array<{ idx: number }>;
  };
  journal.entries = journal.entries.filter((entry) => entry.idx <= 8);
  writeFileSync(journalPath, JSON.stringify(journal));
  const path = join(dir, 'old.db');
  const sqlite = new Database(path);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  sqlite.exec(`
    INSERT INTO users (id, username, password_hash, currency, created_at)
      VALUES (1, 'ana', 'x', 'EUR', '2025-05-01T10:00:00.000Z'), (2, 'ben', 'x', 'JPY', '2025-06-01T10:00:00.000Z');
    INSERT INTO categories (id, user_id, name, name_key, kind) VALUES (1, 1, 'Food', 'food', 'expense');
    INSERT INTO imports (id, user_id, filename, inserted, duplicates, errors) VALUES (1, 1, 'bank.csv', 1, 0, 0);
    INSERT INTO transactions (id, user_id, category_id, type, amount, title, date, balance_after, import_id, created_at, updated_at, search_text) VALUES
      (1, 1, NULL, 'income', 100000, 'Salary', '2025-05-02', 100000, NULL, 'x', 'x', 'salary'),
      (2, 1, 1, 'expense', 2550, 'Market', '2025-05-03', 97450, 1, 'x', 'x', 'market'),
      (3, 2, NULL, 'expense', 900, 'Ramen', '2025-06-02', -900, NULL, 'x', 'x', 'ramen');
    INSERT INTO monthly_totals (user_id, month, type, category_key, total, count) VALUES
      (1, '2025-05', 'income', 0, 100000, 1), (1, '2025-05', 'expense', 1, 2550, 1), (2, '2025-06', 'expense', 0, 900, 1);
  `);
  sqlite.close();
  return path;
}

describe('the accounts migration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'moneta-migrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every existing user one default account in their currency, holding all their history', () => {
    const path = databaseBeforeAccounts(dir);
    const handle = openDatabase(path);
    try {
      const { sqlite } = handle;
      expect(
        sqlite
          .prepare(
            'SELECT user_id, name, currency, is_default, opening_balance FROM accounts ORDER BY user_id',
          )
          .all(),
      ).toEqual([
        { user_id: 1, name: 'Main account', currency: 'EUR', is_default: 1, opening_balance: 0 },
        { user_id: 2, name: 'Main account', currency: 'JPY', is_default: 1, opening_balance: 0 },
      ]);
      expect(
        sqlite
          .prepare(
            `SELECT t.id, a.user_id = t.user_id AS own, t.delta, t.balance_after, t.import_id
             FROM transactions t JOIN accounts a ON a.id = t.account_id ORDER BY t.id`,
          )
          .all(),
      ).toEqual([
        { id: 1, own: 1, delta: 100000, balance_after: 100000, import_id: null },
        { id: 2, own: 1, delta: -2550, balance_after: 97450, import_id: 1 },
        { id: 3, own: 1, delta: -900, balance_after: -900, import_id: null },
      ]);
      expect(
        sqlite
          .prepare(
            `SELECT m.user_id, m.month, m.type, m.category_key, m.total, m.count
             FROM monthly_totals m JOIN accounts a ON a.id = m.account_id AND a.user_id = m.user_id
             ORDER BY 1, 3`,
          )
          .all(),
      ).toEqual([
        { user_id: 1, month: '2025-05', type: 'expense', category_key: 1, total: 2550, count: 1 },
        { user_id: 1, month: '2025-05', type: 'income', category_key: 0, total: 100000, count: 1 },
        { user_id: 2, month: '2025-06', type: 'expense', category_key: 0, total: 900, count: 1 },
      ]);
      expect(
        sqlite.prepare('SELECT account_id IS NOT NULL AS set_ FROM imports').pluck().get(),
      ).toBe(1);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      handle.close();
    }
  });
});
