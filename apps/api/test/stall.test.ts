import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from './build-test-app.js';

/**
 * No user can stall the server for the others: while one request does work proportional to a
 * user's data, another user's request is answered first. This is an ordering, not a timing:
 * a handler that held the event loop from start to end would always finish first.
 */
async function answeredFirst(
  long: Promise<LightMyRequestResponse>,
  short: () => Promise<LightMyRequestResponse>,
): Promise<{ order: string[]; long: LightMyRequestResponse }> {
  const order: string[] = [];
  const longDone = long.then((response) => {
    order.push('long');
    return response;
  });
  // Let the long request get past routing and into its work.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const shortResponse = await short();
  order.push(`short ${shortResponse.statusCode}`);
  return { order, long: await longDone };
}

const bankFile = (rows: number) =>
  'date,title,amount\n' +
  Array.from(
    { length: rows },
    (_, i) => `2026-${String((i % 12) + 1).padStart(2, '0')}-15,Shop ${i},-${(i % 500) + 1}.25`,
  ).join('\n') +
  '\n';

describe('a large or hostile upload', async () => {
  const { app } = await buildTestApp();
  const alice = await registerUser(app);
  const bob = await registerUser(app);
  const csv = (url: string, body: string | Buffer) =>
    alice.request({ method: 'POST', url, headers: { 'content-type': 'text/csv' }, payload: body });

  it('lets other users through while a long file is read', async () => {
    const { order, long } = await answeredFirst(
      csv('/api/v1/imports/inspect', bankFile(60_000)),
      () => bob.request({ method: 'GET', url: '/api/v1/summary' }),
    );
    expect(long.statusCode).toBe(200);
    expect(long.json()).toMatchObject({ rows: 60_000, columns: ['date', 'title', 'amount'] });
    expect(order).toEqual(['short 200', 'long']);
  });

  it('lets other users through while a long file is previewed', async () => {
    const { order, long } = await answeredFirst(
      csv('/api/v1/imports?dryRun=true&date=date&title=title&amount=amount', bankFile(30_000)),
      () => app.inject({ method: 'GET', url: '/api/health' }),
    );
    expect(long.statusCode).toBe(200);
    expect(long.json()).toMatchObject({ summary: { new: 30_000, error: 0 } });
    expect(order).toEqual(['short 200', 'long']);
  });

  it('refuses a file over the import limit with a 413 that says the limit', async () => {
    const response = await csv('/api/v1/imports/inspect', Buffer.alloc(16 * 1024 * 1024 + 1, 97));
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json<{ detail: string }>().detail).toContain('16 MiB');
  });

  it.each([
    ['more columns than a bank writes', `${'a,'.repeat(300)}a\n`, /more than 200 columns/],
    ['a line longer than any bank line', `"${'x'.repeat(200_000)}"\n`, /longer than 65536/],
    ['more rows than a bank writes', 'a\n'.repeat(250_001), /more than 250000 rows/],
  ])('refuses %s with a 400 naming the file', async (_name, body, message) => {
    for (const url of [
      '/api/v1/imports/inspect',
      '/api/v1/imports?dryRun=true&date=1&title=2&amount=3&header=false',
    ]) {
      const response = await csv(url, body);
      expect(response.statusCode, url).toBe(400);
      const problem = response.json<{ errors: Array<{ path: string; message: string }> }>();
      expect(problem.errors[0]?.path).toBe('file');
      expect(problem.errors[0]?.message).toMatch(message);
    }
  });

  it('keeps a multi-byte character that falls on a slice boundary whole', async () => {
    // The reader parses 64 Ki characters at a time; put "€" and an emoji across the boundaries.
    const header = 'date,title,amount\n';
    const filler = `2026-01-01,${'x'.repeat(65_536 - header.length - 11 - 6)},1.00\n`;
    const body = `${header}${filler}2026-01-02,€ 😀 Café,2.00\n`;
    const response = await csv('/api/v1/imports/inspect', body);
    expect(response.statusCode).toBe(200);
    expect(response.json<{ sample: string[][] }>().sample[1]).toEqual([
      '2026-01-02',
      '€ 😀 Café',
      '2.00',
    ]);
  });
});

describe('a long report', async () => {
  const { app } = await buildTestApp();
  const alice = await registerUser(app);
  const bob = await registerUser(app);
  const file = bankFile(5_000).replaceAll('Shop', 'A title long enough to be cut'.repeat(4));
  const committed = await alice.request({
    method: 'POST',
    url: '/api/v1/imports?date=date&title=title&amount=amount',
    headers: { 'content-type': 'text/csv' },
    payload: file,
  });

  it('is rendered while other users are answered', async () => {
    expect(committed.statusCode).toBe(201);
    const { order, long } = await answeredFirst(
      alice.request({ method: 'GET', url: '/api/v1/reports/summary.pdf' }),
      () => bob.request({ method: 'GET', url: '/api/v1/transactions' }),
    );
    expect(long.statusCode).toBe(200);
    expect(long.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect(order).toEqual(['short 200', 'long']);
  });
});

describe('a client that trickles its request', async () => {
  const { app } = await buildTestApp({ REQUEST_TIMEOUT_SECONDS: '1' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;

  it('is answered 408 and cut off when the request timeout passes', async () => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{',
    );
    // One byte every 300 ms would take 30 s to finish; the server must not wait for it.
    const trickle = setInterval(() => {
      if (!socket.destroyed) socket.write(' ');
    }, 300);
    await closed;
    clearInterval(trickle);
    socket.destroy();
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  }, 15_000);
});
