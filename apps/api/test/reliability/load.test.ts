import { afterAll, describe, expect, it } from 'vitest';
import { auditLedger, HEAVY } from './ledger.js';
import { cents, httpClient, startServer, type Client } from './live-server.js';

const WRITERS = 20;
const SECONDS = HEAVY ? 30 : 5;

describe('load without loss: concurrent writers against the running server', async () => {
  const server = await startServer();
  afterAll(() => server.close());

  it(
    `keeps every 201 from ${WRITERS} writers over ${SECONDS} s, with no 5xx and totals that add up`,
    async () => {
      // Ten users, two writers each: concurrent writes to one ledger and to different ones.
      const users: Client[] = [];
      for (let i = 0; i < WRITERS / 2; i += 1)
        users.push(await httpClient(server.baseUrl, `load_${i}_${Date.now().toString(36)}`));
      const acknowledged = new Map<number, { userId: number; signed: bigint }>();
      const statuses = new Map<number, number>();
      const deadline = Date.now() + SECONDS * 1000;

      const writer = async (client: Client, seed: number) => {
        let n = seed;
        while (Date.now() < deadline) {
          n = (n * 1103515245 + 12345) % 2 ** 31;
          const type = n % 3 === 0 ? 'income' : 'expense';
          const amount = `${(n % 100_000) + 1}.${String(n % 100).padStart(2, '0')}`;
          // Dates across a year: many writes land before existing rows and rewrite their balances.
          const date = new Date(Date.UTC(2026, 0, 1) + (n % 365) * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const response = await client.post('/transactions', {
            type,
            amount,
            title: `load ${seed}`,
            date,
          });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 201) {
            const { id } = response.json as { id: number };
            acknowledged.set(id, {
              userId: client.userId,
              signed: type === 'income' ? cents(amount) : -cents(amount),
            });
          }
        }
      };
      await Promise.all(
        Array.from({ length: WRITERS }, (_, i) => writer(users[i % users.length] as Client, i + 1)),
      );

      const serverErrors = [...statuses.entries()].filter(([status]) => status >= 500);
      expect(serverErrors).toEqual([]);
      expect([...statuses.keys()]).toEqual([201]);

      const audit = auditLedger(server.databasePath);
      expect(audit.integrity).toBe('ok');
      expect(audit.problems).toEqual([]);
      const missing = [...acknowledged.keys()].filter((id) => !audit.ids.has(id));
      expect(missing).toEqual([]);
      expect(audit.transactions).toBe(acknowledged.size);

      for (const user of users) {
        const expected = [...acknowledged.values()]
          .filter((a) => a.userId === user.userId)
          .reduce((sum, a) => sum + a.signed, 0n);
        expect(audit.sums.get(user.userId) ?? 0n).toBe(expected);
        const summary = await user.get('/summary');
        // Writers date rows up to two years ahead: the balance after them all is the sum.
        expect(cents((summary.json as { upcoming: { balance: string } }).upcoming.balance)).toBe(
          expected,
        );
      }
      console.info(
        `[load] ${WRITERS} writers for ${SECONDS} s: ${acknowledged.size} writes acknowledged (${(acknowledged.size / SECONDS).toFixed(0)}/s), ` +
          `all in the database, 0 server errors, every balance equal to its rows`,
      );
    },
    (SECONDS + 60) * 1000,
  );
});
