import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  brotliCompressSync,
  brotliDecompressSync,
  constants,
  gunzipSync,
  gzipSync,
} from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from './build-test-app.js';
import { bearer, createToken } from './security/helpers.js';

/** The body as the client gets it after undoing Content-Encoding. */
function decoded(response: LightMyRequestResponse): string {
  const raw = response.rawPayload;
  switch (response.headers['content-encoding']) {
    case 'br':
      return brotliDecompressSync(raw).toString('utf8');
    case 'gzip':
      return gunzipSync(raw).toString('utf8');
    case undefined:
      return raw.toString('utf8');
    default:
      throw new Error(`unexpected content-encoding ${response.headers['content-encoding']}`);
  }
}

const varies = (response: LightMyRequestResponse) =>
  String(response.headers.vary).toLowerCase().split(/,\s*/).includes('accept-encoding');

// A built web app as apps/web's build leaves it: hashed assets with .br and .gz beside them.
const web = mkdtempSync(join(tmpdir(), 'moneta-web-'));
mkdirSync(join(web, 'assets'));
const entry = `const moneta = ${JSON.stringify('x'.repeat(4000))};\nconsole.log(moneta);\n`;
writeFileSync(join(web, 'index.html'), '<!doctype html><script src="/assets/index-abc123.js">');
writeFileSync(join(web, 'assets', 'index-abc123.js'), entry);
// Settings no per-request compressor uses, so the test can tell the build's files from those.
const onDisk = {
  br: brotliCompressSync(entry, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }),
  gzip: gzipSync(entry, { strategy: constants.Z_HUFFMAN_ONLY }),
};
writeFileSync(join(web, 'assets', 'index-abc123.js.br'), onDisk.br);
writeFileSync(join(web, 'assets', 'index-abc123.js.gz'), onDisk.gzip);
afterAll(() => rmSync(web, { recursive: true, force: true }));

describe('compressed answers', async () => {
  const { app } = await buildTestApp({ WEB_DIST_DIR: web });
  const alice = await registerUser(app);
  const insert = app.dbHandle.sqlite.prepare(
    `INSERT INTO transactions (user_id, account_id, type, amount, delta, title, date, balance_after, created_at, updated_at)
     VALUES (?, (SELECT id FROM accounts WHERE user_id = ?), 'income', 100, 100, ?, '2026-03-01', ?, '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`,
  );
  app.dbHandle.sqlite.transaction(() => {
    for (let i = 1; i <= 200; i += 1)
      insert.run(alice.userId, alice.userId, `Salary part ${i}`, i * 100);
  })();
  const list = { method: 'GET', url: '/api/v1/transactions?limit=200' } as const;
  const plain = await alice.request(list);

  it('sends a large JSON list uncompressed to a client that asks for nothing', () => {
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(20_000);
  });

  it.each(['br', 'gzip'])(
    'sends it %s-encoded when asked, decoding to the same JSON, with Vary',
    async (encoding) => {
      const response = await alice.request({ ...list, headers: { 'accept-encoding': encoding } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(varies(response)).toBe(true);
      expect(response.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
      expect(JSON.parse(decoded(response))).toEqual(plain.json());
    },
  );

  it('prefers brotli when a browser offers both', async () => {
    const response = await alice.request({
      ...list,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.headers['content-encoding']).toBe('br');
  });

  it('leaves small answers alone (under 1 KiB)', async () => {
    const response = await alice.request({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
  });

  it('compresses a streamed CSV export, decoding to the same CSV', async () => {
    const csv = await alice.request({ method: 'GET', url: '/api/v1/transactions/export.csv' });
    const compressed = await alice.request({
      method: 'GET',
      url: '/api/v1/transactions/export.csv',
      headers: { 'accept-encoding': 'br' },
    });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(decoded(compressed)).toBe(csv.body);
  });

  it('does not compress import progress lines, so they still stream', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `2026-04-01,Shop ${i},-${i + 1}.00`);
    const response = await alice.request({
      method: 'POST',
      url: '/api/v1/imports?date=date&amount=amount&title=title',
      headers: {
        'content-type': 'text/csv',
        accept: 'application/x-ndjson',
        'accept-encoding': 'br, gzip',
      },
      payload: `date,title,amount\n${rows.join('\n')}\n`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    expect(response.headers['content-encoding']).toBeUndefined();
    const last = JSON.parse(response.body.trim().split('\n').at(-1) ?? '{}') as {
      result?: { summary: { new: number } };
    };
    expect(last.result?.summary.new).toBe(300);
  });

  it('never compresses an answer that holds a new token (BREACH)', async () => {
    // Small today, under the threshold anyway; the routes opt out so a longer answer stays safe.
    const viaSession = await alice.request({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { 'accept-encoding': 'br, gzip' },
      payload: { name: 'n'.repeat(40) },
    });
    expect(viaSession.statusCode).toBe(201);
    expect(viaSession.headers['content-encoding']).toBeUndefined();
    const headless = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      headers: { 'accept-encoding': 'br, gzip' },
      payload: { username: alice.username, password: alice.password },
    });
    expect(headless.statusCode).toBe(201);
    expect(headless.headers['content-encoding']).toBeUndefined();
  });

  it('compresses for bearer clients too (scripts send Accept-Encoding)', async () => {
    const token = await createToken(alice);
    const response = await app.inject({
      ...list,
      headers: { ...bearer(token), 'accept-encoding': 'gzip' },
    });
    const identity = await app.inject({ ...list, headers: bearer(token) });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(response))).toEqual(identity.json());
  });

  it('compresses the OpenAPI document', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/openapi.json',
      headers: { 'accept-encoding': 'br' },
    });
    expect(response.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decoded(response))).toMatchObject({ openapi: '3.1.0' });
  });

  describe('static files', () => {
    const asset = '/assets/index-abc123.js';

    it.each([
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'],
    ] as const)(
      'serves the precompressed asset for Accept-Encoding %s, immutable',
      async (accept, expected) => {
        const response = await app.inject({
          method: 'GET',
          url: asset,
          headers: { 'accept-encoding': accept },
        });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-encoding']).toBe(expected);
        expect(response.headers['content-type']).toMatch(/^application\/javascript/);
        expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(varies(response)).toBe(true);
        // The file written at build time, byte for byte: nothing compressed per request.
        expect(response.rawPayload.equals(onDisk[expected])).toBe(true);
        expect(decoded(response)).toBe(entry);
      },
    );

    it('serves the plain file to a client that accepts no encoding, still immutable and Vary', async () => {
      const response = await app.inject({ method: 'GET', url: asset });
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.body).toBe(entry);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(varies(response)).toBe(true);
    });

    it('keeps pages revalidated', async () => {
      for (const url of ['/', '/alice/transactions']) {
        const response = await app.inject({
          method: 'GET',
          url,
          headers: { 'accept-encoding': 'br' },
        });
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['cache-control'], url).toBe('no-cache');
      }
    });
  });
});
