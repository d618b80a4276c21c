import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { createRepositories } from '../../src/db/repositories.js';
import { auditLedger, HEAVY } from './ledger.js';

const ROUNDS = HEAVY ? 500 : 50;
const writerSource = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const apiRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles the writer with the app's code into one CommonJS file: it starts in a tenth of the
 * time tsx needs, so the rounds are spent writing, not compiling. better-sqlite3 stays native.
 */
function bundleWriter(outfile: string): void {
  const clientUrl = pathToFileURL(join(apiRoot, 'src/db/client.ts')).href;
  const result = spawnSync(
    join(apiRoot, 'node_modules/.bin/esbuild'),
    [
      writerSource,
      '--bundle',
      '--platform=node',
      '--format=cjs',
      '--conditions=moneta-source',
      '--external:better-sqlite3',
      // Only db/client.ts reads import.meta.url (to find the migrations); point it at itself.
      `--define:import.meta.url=${JSON.stringify(clientUrl)}`,
      `--outfile=${outfile}`,
      '--log-level=error',
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(`esbuild failed: ${result.error?.message ?? result.stderr}`);
}

interface RoundResult {
  created: number[];
  /** Ids whose delete may or may not have committed before the kill. */
  deleting: number[];
  deleted: number[];
}

/** Runs the writer until a random moment, then SIGKILLs it; returns what it acknowledged. */
function crashRound(
  writer: string,
  databasePath: string,
  seed: number,
  killAfterMs: number,
): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, databasePath, String(seed)], {
      cwd: apiRoot,
      env: { ...process.env, NODE_PATH: join(apiRoot, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result: RoundResult = { created: [], deleting: [], deleted: [] };
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, id] = line.split(' ');
        if (kind === 'ready') timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else if (kind === 'C') result.created.push(Number(id));
        else if (kind === 'd') result.deleting.push(Number(id));
        else if (kind === 'D') result.deleted.push(Number(id));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(result);
      else reject(new Error(`writer exited by itself (${code}): ${stderr}`));
    });
  });
}

describe('crash safety: SIGKILL at random moments loses no acknowledged write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'moneta-crash-'));
  const databasePath = join(dir, 'moneta.db');
  const writer = join(dir, 'writer.cjs');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    `survives ${ROUNDS} kills with every acknowledged write present and balances equal to the rows`,
    async () => {
      bundleWriter(writer);
      const setup = openDatabase(databasePath);
      const repos = createRepositories(setup.database);
      for (const username of ['crash_a', 'crash_b']) {
        await repos.users.create({
          username,
          passwordHash: 'not-a-hash',
          currency: 'USD',
          now: new Date().toISOString(),
          registration: { mode: 'open' },
        });
      }
      setup.close();

      const present = new Set<number>();
      const gone = new Set<number>();
      let acknowledged = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        const seed = 1 + Math.floor(Math.random() * 0x7fffffff);
        // Mostly mid-stream; sometimes right after start, while the first write is in flight.
        const killAfterMs =
          Math.random() < 0.15 ? Math.floor(Math.random() * 5) : Math.floor(Math.random() * 250);
        const result = await crashRound(writer, databasePath, seed, killAfterMs);
        const context = `round ${round}, seed ${seed}, killed after ${killAfterMs} ms`;
        for (const id of result.created) present.add(id);
        for (const id of result.deleting) present.delete(id);
        for (const id of result.deleted) gone.add(id);
        acknowledged += result.created.length + result.deleted.length;

        const audit = auditLedger(databasePath);
        expect(audit.integrity, context).toBe('ok');
        expect(audit.problems, context).toEqual([]);
        const missing = [...present].filter((id) => !audit.ids.has(id));
        expect(missing, `${context}: acknowledged creates missing`).toEqual([]);
        const resurrected = [...gone].filter((id) => audit.ids.has(id));
        expect(resurrected, `${context}: acknowledged deletes back`).toEqual([]);
      }
      const final = auditLedger(databasePath);
      console.info(
        `[crash-safety] ${ROUNDS} SIGKILL rounds survived, ${acknowledged} acknowledged writes, ` +
          `${final.transactions} rows, 0 lost, integrity ${final.integrity}`,
      );
      expect(acknowledged).toBeGreaterThan(ROUNDS);
    },
    HEAVY ? 3_600_000 : 300_000,
  );
});
