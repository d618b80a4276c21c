import type { RunningServer } from './servers.js';
import { BENCH_PASSWORD } from './generate.js';

/** Moneta's side of the comparison with Actual Budget in issue 15, on the same machine kind. */
export interface ImportTiming {
  rows: number;
  /** Wall seconds of `POST /imports` of a new user's first file over HTTP, parsing to commit. */
  firstSeconds: number;
  firstNew: number;
  /** The same file again: every row found to be a duplicate, nothing written. */
  againSeconds: number;
  againDuplicates: number;
}

/** A bank file of `rows` distinct card payments and refunds, a dozen a day. */
export function bankFile(rows: number): string {
  const lines = ['Date,Description,Amount'];
  for (let i = 0; i < rows; i += 1) {
    const date = new Date(Date.UTC(2023, 0, 1 + Math.floor(i / 12))).toISOString().slice(0, 10);
    const cents = 100 + ((i * 7919) % 90_000);
    const sign = i % 9 === 0 ? '' : '-';
    lines.push(
      `${date},Card payment ${i},${sign}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, value };
}

/** Registers a fresh user on the app and imports the same bank file twice. */
export async function measureImport(server: RunningServer, rows: number): Promise<ImportTiming> {
  const username = `import${Date.now().toString(36)}`;
  const registered = await fetch(`${server.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  const cookie = registered.headers.get('set-cookie')?.split(';')[0];
  if (registered.status !== 201 || !cookie) {
    throw new Error(`import run: register answered ${registered.status}`);
  }
  const file = bankFile(rows);
  const post = async () => {
    const response = await fetch(
      `${server.url}/api/v1/imports?date=Date&amount=Amount&title=Description&filename=bank.csv`,
      { method: 'POST', headers: { cookie, 'content-type': 'text/csv' }, body: file },
    );
    const body = (await response.json()) as { summary?: { new: number; duplicate: number } };
    if (response.status !== 201 || !body.summary) {
      throw new Error(
        `import run: POST /imports answered ${response.status} ${JSON.stringify(body).slice(0, 300)}`,
      );
    }
    return body.summary;
  };
  const first = await timed(post);
  const again = await timed(post);
  return {
    rows,
    firstSeconds: first.seconds,
    firstNew: first.value.new,
    againSeconds: again.seconds,
    againDuplicates: again.value.duplicate,
  };
}
