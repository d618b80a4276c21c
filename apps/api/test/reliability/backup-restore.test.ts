import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, inspectDatabase, restoreDatabase } from '../../src/db/maintenance.js';
import { auditLedger, HEAVY } from './ledger.js';
import { runAdmin } from '../processes.js';
import { cents, httpClient, startServer, type Client } from './live-server.js';

const apiRoot = fileURLToPath(new URL('../..', import.meta.url));
const BACKUPS = HEAVY ? 20 : 5;

/** Runs the admin command as its own process, without blocking the server in this one. */
const admin = (databasePath: string, ...args: string[]) => runAdmin(databasePath, args);

describe('backup and restore under write load', async () => {
  const server = await startServer();
  afterAll(() => server.close());

  it(`takes ${BACKUPS} online backups while 10 writers write; each restores whole and consistent`, async () => {
    const clients: Client[] = [];
    for (let i = 0; i < 5; i += 1)
      clients.push(await httpClient(server.baseUrl, `backup_${i}_${Date.now().toString(36)}`));
    const acknowledged: number[] = [];
    let writing = true;
    const writer = async (client: Client, seed: number) => {
      let n = seed;
      while (writing) {
        n = (n * 1103515245 + 12345) % 2 ** 31;
        const date = new Date(Date.UTC(2026, 0, 1) + (n % 200) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        const response = await client.post('/transactions', {
          type: n % 2 ? 'income' : 'expense',
          amount: `${(n % 5000) + 1}.${String(n % 100).padStart(2, '0')}`,
          title: 'under backup',
          date,
        });
        expect(response.status).toBe(201);
        acknowledged.push((response.json as { id: number }).id);
      }
    };
    const writers = Array.from({ length: 10 }, (_, i) =>
      writer(clients[i % clients.length] as Client, i + 7),
    );

    const backups: Array<{ file: string; ackedBefore: number[] }> = [];
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < BACKUPS; i += 1) {
      const file = join(server.dir, `backup-${i}.db`);
      const ackedBefore = [...acknowledged];
      if (i === 0) {
        // Once through the documented command, as a separate process beside the running server.
        const result = await admin(server.databasePath, 'backup', file);
        expect(result.stderr).toBe('');
        expect(result.stdout).toContain('integrity ok');
      } else {
        await backupDatabase(server.databasePath, file);
      }
      backups.push({ file, ackedBefore });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    writing = false;
    await Promise.all(writers);

    let restoredRows = 0;
    for (const [index, backup] of backups.entries()) {
      expect(existsSync(`${backup.file}-wal`), 'a backup is one self-contained file').toBe(false);
      const audit = auditLedger(backup.file);
      expect(audit.integrity).toBe('ok');
      expect(audit.problems, `backup ${index}`).toEqual([]);
      const missing = backup.ackedBefore.filter((id) => !audit.ids.has(id));
      expect(missing, `backup ${index} lacks writes acknowledged before it began`).toEqual([]);

      const target = join(server.dir, `restored-${index}.db`);
      const { facts } = await restoreDatabase(backup.file, target);
      expect(facts.integrity).toBe('ok');
      expect(facts.transactions).toBe(audit.transactions);
      const restored = auditLedger(target);
      expect(restored.problems).toEqual([]);
      expect([...restored.ids].sort()).toEqual([...audit.ids].sort());
      expect(restored.sums).toEqual(audit.sums);
      restoredRows += restored.transactions;
    }
    const final = inspectDatabase(server.databasePath);
    expect(final.transactions).toBe(acknowledged.length);
    console.info(
      `[backup] ${BACKUPS} online backups under 10 writers (${acknowledged.length} writes), each restored: ` +
        `${restoredRows} rows checked, integrity ok, 0 acknowledged writes missing`,
    );
  }, 180_000);

  it('restores into the live database while the server runs, which then serves the restored data', async () => {
    const alice = await httpClient(server.baseUrl, `restore_${Date.now().toString(36)}`);
    await alice.post('/transactions', {
      type: 'income',
      amount: '100.00',
      title: 'before backup',
      date: '2026-03-01',
    });
    const file = join(server.dir, 'point-in-time.db');
    await backupDatabase(server.databasePath, file);
    await alice.post('/transactions', {
      type: 'expense',
      amount: '30.00',
      title: 'after backup',
      date: '2026-03-02',
    });
    expect(cents(((await alice.get('/summary')).json as { balance: string }).balance)).toBe(7000n);

    const result = await admin(server.databasePath, 'restore', file);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('previous content is kept');
    // Same session (sessions are in the database too), and the balance of the backup's moment.
    const summary = await alice.get('/summary');
    expect(summary.status).toBe(200);
    expect(cents((summary.json as { balance: string }).balance)).toBe(10000n);
    const audit = auditLedger(server.databasePath);
    expect(audit.integrity).toBe('ok');
    expect(audit.problems).toEqual([]);
    // The server keeps writing to the restored database.
    expect(
      (
        await alice.post('/transactions', {
          type: 'expense',
          amount: '1.00',
          title: 'after restore',
        })
      ).status,
    ).toBe(201);
  }, 60_000);

  it('refuses to restore a file that is not a sound Moneta database, leaving the live one alone', async () => {
    const before = inspectDatabase(server.databasePath);
    await expect(
      restoreDatabase(join(apiRoot, 'package.json'), server.databasePath),
    ).rejects.toThrow();
    expect(inspectDatabase(server.databasePath)).toEqual(before);
  });
});
