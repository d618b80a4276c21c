import type { InjectOptions } from 'fastify';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from '../build-test-app.js';
import { categoryOf, createTransaction } from '../factories.js';
import { HEAVY } from '../reliability/ledger.js';
import { createToken } from './helpers.js';

/**
 * Fuzzes every route of the OpenAPI document (itself generated from the zod contracts): bodies,
 * query strings, path parameters and headers, valid, nearly valid and hostile. Every answer must
 * be below 500 and free of stack traces, and a refused request must leave the database as it was.
 */

const REQUESTS = HEAVY ? 100_000 : 12_000;
/** What a stack trace or an internal error leaves in a body. */
const LEAK = /\n\s+at |node_modules|\.ts:\d+|\.js:\d+:\d+|SqliteError|ZodError/;
const SEED = Number(process.env.MONETA_FUZZ_SEED ?? Date.now() % 1_000_000);

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

interface Operation {
  method: string;
  path: string;
  query: Array<{ name: string; schema: JsonSchema }>;
  pathParams: string[];
  body: { contentType: string; schema: JsonSchema } | null;
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\uFEFF12.50',
  'e\u0301',
  '\u202Eevil',
  '👩‍👩‍👧‍👦',
  'İ',
  'ß',
  'ﬀ',
  '１２.５０',
  '١٢',
  '-0',
  '1e308',
  '1e-7',
  '0x10',
  'NaN',
  'Infinity',
  ' 12.50 ',
  '12,50',
  '0.30000000000000004',
  '9007199254740993',
  '999999999999999999999999',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '../../../../etc/passwd',
  "' OR 1=1 --",
  '"; DROP TABLE transactions; --',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '%00',
  '%',
  '\\',
  '__proto__',
  'constructor',
  'A'.repeat(201),
  'x'.repeat(10_000),
  'y'.repeat(300_000),
];

const HOSTILE_NUMBERS = [
  1e308,
  -1e308,
  -0,
  0,
  0.1 + 0.2,
  5e-324,
  -1,
  1.005,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 64,
  123456789.12345679,
  1e15,
  999999999999999.9,
];

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  '\u0000',
  'userId',
  'user_id',
  'id',
  'balanceAfter',
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  if (schema.format === 'date-time')
    return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.pattern) {
    const max = schema.maxLength ?? 64;
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= max);
  }
  return fc.string({
    minLength: schema.minLength ?? 0,
    maxLength: Math.min(schema.maxLength ?? 40, 40),
  });
}

const amount = fc.oneof(
  fc
    .bigInt({ min: 1n, max: 10n ** 12n })
    .map((n) => `${n / 100n}.${String(n % 100n).padStart(2, '0')}`),
  fc.integer({ min: 1, max: 1_000_000 }),
  fc.constantFrom(
    '0.01',
    '12.5',
    12.5,
    '9999999999999.99',
    0.1 + 0.2,
    '12.345',
    1e308,
    -0,
    '-5.00',
  ),
);

/** A value the schema accepts (or nearly: refinements such as calendar dates are not in it). */
function fromSchema(schema: JsonSchema, key = ''): fc.Arbitrary<unknown> {
  if (key === 'amount') return amount;
  if (key === 'date' || key === 'from' || key === 'to') {
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((variant) => fromSchema(variant, key)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'any'];
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'string':
          return stringFor(schema);
        case 'integer':
          return fc.integer({ min: Math.max(1, schema.minimum ?? 1), max: 50 });
        case 'number':
          return fc.double({ noNaN: true, noDefaultInfinity: true });
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'object': {
          const properties = schema.properties ?? {};
          const shape = Object.fromEntries(
            Object.entries(properties).map(([name, sub]) => [name, fromSchema(sub, name)]),
          );
          return fc.record(shape, {
            requiredKeys: (schema.required ?? []).filter((name) => name in shape),
          });
        }
        default:
          return hostileValue;
      }
    }),
  );
}

/** Valid with one thing wrong: a field replaced, an unknown key added, or a field dropped. */
function nearlyValid(schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc
    .tuple(fromSchema(schema), fc.nat(), hostileValue, fc.constantFrom(...HOSTILE_KEYS), fc.nat(2))
    .map(([valid, pick, value, extraKey, how]) => {
      if (typeof valid !== 'object' || valid === null) return value;
      const copy: Record<string, unknown> = { ...(valid as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const key = keys[pick % Math.max(1, keys.length)];
      if (how === 0 && key !== undefined) copy[key] = value;
      else if (how === 1 && key !== undefined)
        return Object.fromEntries(Object.entries(copy).filter(([name]) => name !== key));
      else
        Object.defineProperty(copy, extraKey, {
          value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      return copy;
    });
}

const deep = (depth: number, open: string, close: string) =>
  open.repeat(depth) + close.repeat(depth);
const RAW_BODIES = [
  deep(10_000, '[', ']'),
  deep(5_000, '{"a":', '}').replace(/}$/, '1}'),
  '{"a":1,"a":2}',
  '{"__proto__":{"admin":true},"type":"income","amount":"1.00","title":"x"}',
  '{"constructor":{"prototype":{"admin":true}},"type":"income","amount":"1.00","title":"x"}',
  '{"type":"income","amount":1e308,"title":"x"}',
  '{"type":"income","amount":-0,"title":"x"}',
  '{"type":"income","amount":0.30000000000000004,"title":"x"}',
  '{"type":"income","amount":1.0e2,"title":"x"}',
  '{"type":"income","amount":"1.00","title":"\\u0000"}',
  '{"type":"income","amount":"1.00","title":"\\ud800"}',
  '{"type":"income","amount":"1.00","title":"x"',
  '{"type":"income",}',
  'null',
  'true',
  '"string"',
  '12',
  '[]',
  '',
  '\u0000',
  '\uFEFF{}',
  `{"title":"${'z'.repeat(900_000)}"}`,
  'NaN',
  '{"amount": Infinity}',
];

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/JSON',
  'application/json; charset=utf-16',
  'application/json;;;',
  'application/problem+json',
  'text/plain',
  'text/csv',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '*/*',
  'garbage',
];

const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

function encodeQuery(pairs: Array<[string, string]>): string {
  return pairs
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}

function toWellFormed(text: string): string {
  // encodeURIComponent throws on lone surrogates; a client would have sent replacement characters.
  return text.replace(/[\uD800-\uDFFF]/g, (char, index: number, whole: string) => {
    const code = char.charCodeAt(0);
    const next = whole.charCodeAt(index + 1);
    const previous = whole.charCodeAt(index - 1);
    if (code < 0xdc00 && next >= 0xdc00 && next <= 0xdfff) return char;
    if (code >= 0xdc00 && previous >= 0xd800 && previous < 0xdc00) return char;
    return '\uFFFD';
  });
}

describe('fuzzing every route from its contract', async () => {
  const { app } = await buildTestApp({ TRUST_PROXY: 'true' });
  const alice = await registerUser(app, {
    password: `fuzz-${Math.random().toString(36)}-${Date.now()}`,
  });
  const bob = await registerUser(app);
  const token = await createToken(alice, 'fuzz');
  const expense = await categoryOf(alice, 'expense');
  const own = await createTransaction(alice, { categoryId: expense.id });
  await createTransaction(bob);
  const sqlite = app.dbHandle.sqlite;

  const document = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Array<{ in: string; name: string; schema: JsonSchema }>;
          requestBody?: { content: Record<string, { schema: JsonSchema }> };
        }
      >
    >;
  }>();
  const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const [contentType, content] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
      return {
        method: method.toUpperCase(),
        path,
        query: (operation.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema })),
        pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        body: contentType && content ? { contentType, schema: content.schema } : null,
      };
    }),
  );

  /**
   * Everything in the database but bookkeeping: a token's last use moves on reads, and
   * idempotency_keys remembers a handler's refusal on purpose, so a retry gets the same answer.
   */
  const dump = () => {
    const tables = sqlite
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%migrations%'
         AND name NOT LIKE 'sqlite_%' AND name <> 'idempotency_keys' ORDER BY name`,
      )
      .pluck()
      .all() as string[];
    return JSON.stringify(
      tables.map((table) => [
        table,
        sqlite
          .prepare(`SELECT * FROM "${table}" ORDER BY rowid`)
          .all()
          .map((row) => ({ ...(row as object), last_used_at: null })),
      ]),
    );
  };
  /** A genuine extra session of Alice's, made without a password check (no argon2 per request). */
  const freshSession = async () => {
    const sid = `fuzz${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    const now = new Date();
    await app.repos.sessions.create({
      id: sid,
      userId: alice.userId,
      credentialVersion:
        (await app.repos.users.findByUsername(alice.username))?.credentialVersion ?? 0,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
    });
    return `moneta_session=${app.jwt.sign({ sid }, { sub: String(alice.userId) })}`;
  };
  const totalChanges = () => sqlite.prepare('SELECT total_changes()').pluck().get() as number;

  function requestFor(operation: Operation): fc.Arbitrary<InjectOptions & { mode: string }> {
    const idValue = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom(String(own.id), String(expense.id), '1', '2', '999999'),
      },
      { weight: 2, arbitrary: fc.stringMatching(/^[1-9]\d{0,15}$/) },
      { weight: 3, arbitrary: hostileString },
    );
    const query = fc.tuple(
      fc.subarray(operation.query),
      fc.array(
        fc.tuple(
          fc.constantFrom(...HOSTILE_KEYS, ...operation.query.map((q) => q.name), 'extra'),
          hostileString,
        ),
        { maxLength: 2 },
      ),
      fc.nat(9),
    );
    const queryText = query.chain(([chosen, extra, hostility]) =>
      fc
        .tuple(
          ...chosen.map((q) =>
            (hostility < 6 ? fromSchema(q.schema, q.name) : hostileString).map(
              (v) => [q.name, String(v)] as [string, string],
            ),
          ),
        )
        .map((pairs) => {
          const all = hostility >= 8 ? [...pairs, ...extra] : pairs;
          const text = encodeQuery(all.map(([k, v]) => [toWellFormed(k), toWellFormed(v)]));
          // Sometimes malformed percent-encoding, as a broken client sends it.
          return hostility === 9 ? `${text}&q=%E0%A4%A&limit=%` : text;
        }),
    );
    const body: fc.Arbitrary<{ mode: string; payload?: string; contentType?: string }> =
      operation.body
        ? operation.body.contentType === 'text/csv'
          ? fc.oneof(
              fc
                .constantFrom(
                  'date,amount,title\n2026-01-01,-1.00,Coffee\n',
                  'date,amount,title\n2026-13-45,abc,\u0000\n"unterminated',
                  'date;amount;title\n01/02/2026;1.234,56;x\n',
                  `date,amount,title\n${'2026-01-01,1.00,x\n'.repeat(200)}`,
                  '\uFEFFdate,amount,title\r\n2026-01-01,1e308,x\r\n',
                  '',
                  '"a""b",c\n',
                )
                .map((payload) => ({ mode: 'csv', payload, contentType: 'text/csv' })),
              fc
                .string({ unit: 'binary', maxLength: 300 })
                .map((payload) => ({ mode: 'csv-random', payload, contentType: 'text/csv' })),
            )
          : fc.oneof(
              {
                weight: 2,
                arbitrary: fromSchema(operation.body.schema).map((v) => ({
                  mode: 'valid',
                  payload: JSON.stringify(v),
                })),
              },
              {
                weight: 4,
                arbitrary: nearlyValid(operation.body.schema).map((v) => ({
                  mode: 'nearly',
                  payload: JSON.stringify(v),
                })),
              },
              {
                weight: 2,
                arbitrary: hostileValue.map((v) => ({
                  mode: 'hostile',
                  payload: JSON.stringify(v),
                })),
              },
              {
                weight: 1,
                arbitrary: fc
                  .constantFrom(...RAW_BODIES)
                  .map((payload) => ({ mode: 'raw', payload })),
              },
            )
        : fc.oneof(
            { weight: 4, arbitrary: fc.constant({ mode: 'no-body' }) },
            {
              weight: 1,
              arbitrary: hostileValue.map((v) => ({
                mode: 'unexpected-body',
                payload: JSON.stringify(v),
              })),
            },
          );
    const credentials = fc.oneof(
      { weight: 12, arbitrary: fc.constant<Record<string, string>>({ cookie: alice.cookie }) },
      {
        weight: 3,
        arbitrary: fc.constant<Record<string, string>>({ authorization: `Bearer ${token}` }),
      },
      { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
      { weight: 1, arbitrary: headerText.map((v) => ({ cookie: `moneta_session=${v}` })) },
      { weight: 1, arbitrary: headerText.map((v) => ({ authorization: v })) },
    );
    // Mostly what a real client sends, so requests get past the gates to the handlers.
    const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight = 1, absent = 3) =>
      fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight, arbitrary });
    const extraHeaders = fc
      .record({
        'content-type': fc.oneof(
          { weight: 8, arbitrary: fc.constant('application/json') },
          { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
          { weight: 1, arbitrary: headerText },
        ),
        accept: sometimes(
          fc.constantFrom('application/json', '*/*', 'text/html', 'application/xml', ''),
        ),
        'x-forwarded-for': sometimes(fc.oneof(fc.ipV4(), fc.ipV6(), headerText)),
        'x-forwarded-proto': sometimes(fc.constantFrom('https', 'http', 'gopher')),
        'idempotency-key': sometimes(headerText),
        origin: sometimes(
          fc.constantFrom('https://evil.example', 'null', 'http://localhost:80'),
          1,
          20,
        ),
        'accept-encoding': sometimes(fc.constantFrom('gzip', 'br', 'identity', '*')),
      })
      .map(
        (headers) =>
          Object.fromEntries(
            Object.entries(headers).filter(([, value]) => value !== undefined),
          ) as Record<string, string>,
      );
    return fc
      .tuple(
        fc.array(idValue, {
          minLength: operation.pathParams.length,
          maxLength: operation.pathParams.length,
        }),
        queryText,
        body,
        credentials,
        extraHeaders,
      )
      .map(([ids, queryString, { mode, payload, contentType }, auth, headers]) => {
        let url = operation.path;
        operation.pathParams.forEach((name, index) => {
          url = url.replace(`{${name}}`, encodeURIComponent(toWellFormed(ids[index] ?? '1')));
        });
        const allHeaders: Record<string, string> = { ...headers, ...auth };
        if (payload !== undefined)
          allHeaders['content-type'] = contentType ?? headers['content-type'] ?? 'application/json';
        else delete allHeaders['content-type'];
        return {
          mode,
          method: operation.method as 'GET',
          url: queryString ? `${url}?${queryString}` : url,
          headers: allHeaders,
          ...(payload !== undefined ? { payload } : {}),
        };
      });
  }

  it(
    `answers ${REQUESTS} generated requests across every route with no 5xx, no stack trace and no change from a refused one`,
    async () => {
      expect(operations.length).toBeGreaterThanOrEqual(20);
      const arbitraries = operations.map((operation) => ({
        operation,
        arbitrary: requestFor(operation),
      }));
      const perRoute = Math.ceil(REQUESTS / arbitraries.length);
      const counts = { sent: 0, refused: 0, accepted: 0, byStatus: new Map<number, number>() };
      let snapshot = dump();
      let snapshotChanges = totalChanges();

      const timings: string[] = [];
      for (const [index, { operation, arbitrary }] of arbitraries.entries()) {
        const routeStarted = Date.now();
        const samples = fc.sample(arbitrary, { numRuns: perRoute, seed: SEED + index });
        for (const sample of samples) {
          const { mode, ...request } = sample;
          const label = () =>
            `seed ${SEED}, ${operation.method} ${operation.path} (${mode}): ${JSON.stringify(request).slice(0, 600)}`;
          const key = `${operation.method} ${operation.path}`;
          if (
            key === 'POST /api/v1/auth/logout' &&
            (request.headers?.cookie === alice.cookie ||
              request.headers?.authorization === `Bearer ${token}`)
          ) {
            // Logging out works: it gets a session of its own to end, not the fuzzer's.
            const headers = Object.entries(request.headers as Record<string, string>).filter(
              ([name]) => name !== 'authorization',
            );
            request.headers = { ...Object.fromEntries(headers), cookie: await freshSession() };
          }
          if (totalChanges() !== snapshotChanges) {
            snapshot = dump();
            snapshotChanges = totalChanges();
          }
          const response = await app.inject(request);
          counts.sent += 1;
          counts.byStatus.set(
            response.statusCode,
            (counts.byStatus.get(response.statusCode) ?? 0) + 1,
          );
          // Checked cheaply first; the message (a stringified request) is built only on failure.
          if (response.statusCode >= 500)
            expect.fail(`${response.statusCode} ${response.body} for ${label()}`);
          if (LEAK.test(response.body))
            expect.fail(`internals in ${response.body.slice(0, 500)} for ${label()}`);
          if (response.statusCode >= 400) {
            counts.refused += 1;
            if (!/^application\/problem\+json/.test(String(response.headers['content-type']))) {
              expect.fail(
                `${response.statusCode} answered as ${String(response.headers['content-type'])} for ${label()}`,
              );
            }
            if (totalChanges() !== snapshotChanges)
              expect(dump(), `refused but changed: ${label()}`).toBe(snapshot);
          } else {
            counts.accepted += 1;
          }
          // The fuzzer never knows Alice's password, so these can only be refused.
          if (
            response.statusCode < 300 &&
            ['DELETE /api/v1/auth/account', 'POST /api/v1/auth/password'].includes(key)
          ) {
            throw new Error(`the fuzzer ended its own account: ${label()}`);
          }
        }
        timings.push(`${operation.method} ${operation.path} ${Date.now() - routeStarted}ms`);
      }
      if (process.env.MONETA_FUZZ_TIMINGS) console.info(timings.join('\n'));
      const statuses = [...counts.byStatus.entries()]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}:${n}`)
        .join(' ');
      console.info(
        `[fuzz] seed ${SEED}: ${counts.sent} requests over ${operations.length} routes, ${counts.refused} refused, ` +
          `${counts.accepted} accepted, 0 server errors, 0 stack traces, 0 changes from refused requests (${statuses})`,
      );
      expect(counts.sent).toBeGreaterThanOrEqual(REQUESTS);
      // Alice's account still works: the fuzzing never broke it.
      expect((await alice.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    },
    HEAVY ? 3_600_000 : 600_000,
  );
});
