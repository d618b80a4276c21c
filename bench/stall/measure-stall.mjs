#!/usr/bin/env node
// Measures how long other requests wait while one user uploads a large or hostile CSV or renders
// a long PDF report: /api/health is polled every 20 ms during each scenario and the worst wait
// is reported, with the scenario's own status and time and the server's peak RSS.
// Usage: node bench/stall/measure-stall.mjs [path/to/apps/api/dist/server.js]
/* global fetch, AbortSignal, setTimeout, performance, Buffer */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const server =
  process.argv[2] ?? new URL('../../apps/api/dist/server.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'moneta-stall-'));
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, [server], {
  env: {
    ...process.env,
    PORT: String(port),
    DATABASE_PATH: join(dir, 'moneta.db'),
    LOG_LEVEL: 'warn',
    REGISTRATION: 'open',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
});
const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
};
process.on('exit', stop);

const rssMb = () => {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return NaN;
  }
};

async function waitUp() {
  for (let i = 0; i < 200; i += 1) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function user(name) {
  const response = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: name, password: 'correct horse battery' }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`register ${name}: ${response.status}`);
  return { cookie, origin: base };
}

async function measure(label, work) {
  let worst = 0;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const start = performance.now();
      try {
        await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(600_000) });
      } catch {
        // A refused poll still counts its wait.
      }
      worst = Math.max(worst, performance.now() - start);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const start = performance.now();
  let status;
  try {
    status = await work();
  } catch (error) {
    status = `failed: ${error.message}`;
  }
  const took = performance.now() - start;
  polling = false;
  await poller;
  console.log(
    `| ${label} | ${status} | ${(took / 1000).toFixed(1)} s | ${(worst / 1000).toFixed(2)} s | ${rssMb().toFixed(0)} MB |`,
  );
}

const upload = (who, url, body) =>
  fetch(`${base}${url}`, {
    method: 'POST',
    headers: { cookie: who.cookie, origin: who.origin, 'content-type': 'text/csv' },
    body,
    signal: AbortSignal.timeout(600_000),
  }).then(async (r) => {
    await r.arrayBuffer();
    return r.status;
  });

const rows = (count, title = 'Shop') =>
  'date,title,amount\n' +
  Array.from(
    { length: count },
    (_, i) => `2026-${String((i % 12) + 1).padStart(2, '0')}-15,${title} ${i},-${(i % 500) + 1}.25`,
  ).join('\n') +
  '\n';

await waitUp();
const alice = await user(`stall${Date.now().toString(36)}`);
console.log('| Scenario | Status | Request took | Worst /api/health wait | Server peak RSS |');
console.log('| --- | --- | --- | --- | --- |');
await measure('2 MB CSV, one line of 1M columns (inspect)', () =>
  upload(alice, '/api/v1/imports/inspect', 'a,'.repeat(1_000_000)),
);
await measure('2 MB CSV, 60k ordinary rows (inspect)', () =>
  upload(alice, '/api/v1/imports/inspect', rows(60_000)),
);
await measure('2 MB CSV, 60k rows (preview)', () =>
  upload(alice, '/api/v1/imports?dryRun=true&date=date&title=title&amount=amount', rows(60_000)),
);
// Before the fix these took minutes or killed the server: STALL_SKIP_LARGE=1 leaves them out.
if (!process.env.STALL_SKIP_LARGE) {
  await measure('16 MB CSV, 8M one-letter lines (inspect)', () =>
    upload(alice, '/api/v1/imports/inspect', 'a\n'.repeat(8 * 1024 * 1024)),
  );
  await measure('16 MB CSV, 400k ordinary rows (inspect)', () =>
    upload(alice, '/api/v1/imports/inspect', rows(400_000).slice(0, 16 * 1024 * 1024 - 1)),
  );
  await measure('40 MB CSV (inspect)', () =>
    upload(alice, '/api/v1/imports/inspect', Buffer.alloc(40 * 1024 * 1024, 97)),
  );
}
const long = rows(5_000, 'A title long enough to be cut '.repeat(6));
await measure('import 5,000 rows with long titles (commit)', () =>
  upload(alice, '/api/v1/imports?date=date&title=title&amount=amount', long),
);
await measure('PDF report of those 5,000 rows', () =>
  fetch(`${base}/api/v1/reports/summary.pdf`, {
    headers: { cookie: alice.cookie },
    signal: AbortSignal.timeout(600_000),
  }).then(async (r) => {
    await r.arrayBuffer();
    return r.status;
  }),
);
stop();
process.exit(0);
