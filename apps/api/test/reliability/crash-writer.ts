/**
 * Child process of the crash-safety suite: writes transactions through the app's own
 * openDatabase and repository until it is killed. Each line on stdout is written only after the
 * write committed: `C <id>` created, `d <id>` about to delete, `D <id>` deleted.
 * Usage: crash-writer <database> <seed>
 */
import { openDatabase } from '../../src/db/client.js';
import { createRepositories } from '../../src/db/repositories.js';

const [databasePath, seedText] = process.argv.slice(2);
if (!databasePath) throw new Error('usage: crash-writer <database> <seed>');

let seed = Number(seedText ?? '1') >>> 0 || 1;
function random(): number {
  // xorshift32: reproducible from the seed the test prints on failure.
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 0x1_0000_0000;
}

const handle = openDatabase(databasePath);
const repos = createRepositories(handle.database);
const userIds = handle.sqlite.prepare('SELECT id FROM users ORDER BY id').pluck().all() as number[];
const created: Array<{ userId: number; id: number }> = [];
process.stdout.write('ready\n');

// Runs until killed; bundled as CommonJS, so no top-level await.
void (async () => {
  for (;;) {
    const userId = userIds[Math.floor(random() * userIds.length)] ?? 1;
    if (created.length > 0 && random() < 0.1) {
      const index = Math.floor(random() * created.length);
      const victim = created[index];
      if (victim) {
        created.splice(index, 1);
        process.stdout.write(`d ${victim.id}\n`);
        await repos.transactions.delete(victim.userId, victim.id);
        process.stdout.write(`D ${victim.id}\n`);
      }
      continue;
    }
    // Dates across two years, so most inserts land before later rows and rewrite their balances.
    const day = Math.floor(random() * 730);
    const date = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const row = await repos.transactions.create(
      userId,
      {
        accountId: (await repos.accounts.defaultAccount(userId))?.id ?? 0,
        type: random() < 0.4 ? 'income' : 'expense',
        amount: 1 + Math.floor(random() * 10_000_000),
        title: `crash ${day}`,
        description: null,
        categoryId: null,
        date,
      },
      new Date().toISOString(),
    );
    created.push({ userId, id: row.id });
    process.stdout.write(`C ${row.id}\n`);
  }
})();
