import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, registerUser } from './build-test-app.js';

const require = createRequire(import.meta.url);
const openapiFetchDir = dirname(require.resolve('openapi-fetch/package.json'));
const redocly = join(import.meta.dirname, '../node_modules/.bin/redocly');

/**
 * A script as its author would write it against the generated types: numbers for ids and
 * limits, booleans for flags, the Idempotency-Key as a typed header, problems as typed errors.
 */
const SCRIPT = `
import createClient from 'openapi-fetch';
import type { paths } from './api.js';

export async function run(token: string, fetch: (request: Request) => Promise<Response>) {
  const client = createClient<paths>({
    baseUrl: 'http://moneta.test',
    fetch,
    headers: { Authorization: \`Bearer \${token}\` },
  });

  const market = await client.POST('/api/v1/categories', {
    body: { name: 'Market stall', kind: 'expense' },
  });
  const bakery = await client.POST('/api/v1/categories', { body: { name: 'Bakery', kind: 'expense' } });
  if (market.error) throw new Error(market.error.detail);
  if (bakery.error) throw new Error(bakery.error.detail);

  const created = await client.POST('/api/v1/transactions', {
    params: { header: { 'Idempotency-Key': 'script-rent-2026-12' } },
    body: { type: 'expense', amount: '12.50', title: 'Rent', categoryId: market.data.id },
  });
  if (created.error) throw new Error(created.error.detail);
  const id: number = created.data.id;
  const retried = await client.POST('/api/v1/transactions', {
    params: { header: { 'Idempotency-Key': 'script-rent-2026-12' } },
    body: { type: 'expense', amount: '12.50', title: 'Rent', categoryId: market.data.id },
  });

  const one = await client.GET('/api/v1/transactions/{id}', { params: { path: { id } } });
  const page = await client.GET('/api/v1/transactions', {
    params: { query: { limit: 50, type: 'expense', categoryId: market.data.id } },
  });

  const csv = await client.GET('/api/v1/transactions/export.csv', {
    params: { query: { from: '2026-13-01' } },
    parseAs: 'text',
  });
  const csvStatus: number | undefined = csv.error?.status;

  const preview = await client.POST('/api/v1/imports', {
    params: { query: { date: 'date', title: 'title', amount: 'amount', header: true, dryRun: true } },
    body: 'date,title,amount\\n2026-01-05,Coffee,-3.20\\n',
    bodySerializer: (body) => body,
    headers: { 'Content-Type': 'text/csv' },
  });
  // What a client's default (JSON) serializer does with a CSV text.
  const quoted = await client.POST('/api/v1/imports/inspect', {
    body: 'date,title,amount\\n2026-01-05,Coffee,-3.20\\n',
  });

  const tooMany = await client.GET('/api/v1/transactions', { params: { query: { limit: 500 } } });
  const limitStatus: number | undefined = tooMany.error?.status;
  const fields: string[] = tooMany.error?.errors?.map((error) => error.path) ?? [];

  const moved = await client.DELETE('/api/v1/categories/{id}', {
    params: { path: { id: market.data.id }, query: { moveTo: bakery.data.id } },
  });

  return {
    id,
    replayed: retried.data?.id === id,
    title: one.data?.title,
    listed: page.data?.items.map((item) => item.id) ?? [],
    csvStatus,
    previewNew: preview.data?.summary.new,
    quotedStatus: quoted.response.status,
    quotedType: quoted.response.headers.get('content-type'),
    limitStatus,
    fields,
    moved: moved.response.status,
  };
}
`;

const compilerOptions: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  paths: { 'openapi-fetch': [join(openapiFetchDir, 'dist/index.d.mts')] },
};

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const source = diagnostic.file.text.split('\n')[line]?.trim() ?? '';
    return `${diagnostic.file.fileName.split('/').pop() ?? ''}:${line + 1}: ${message}\n  ${source}`;
  });
}

interface RedoclyReport {
  totals: { errors: number; warnings: number };
  problems: Array<{ ruleId: string; severity: string; message: string }>;
}

describe('a client generated from the OpenAPI document', async () => {
  const { app } = await buildTestApp();
  const dir = mkdtempSync(join(tmpdir(), 'moneta-client-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const documentPath = join(dir, 'openapi.json');
  writeFileSync(documentPath, (await app.inject({ url: '/api/v1/openapi.json' })).body);

  it('type-checks a script written the natural way, and the script works', async () => {
    const ast = await openapiTS(pathToFileURL(documentPath), { silent: true });
    writeFileSync(join(dir, 'api.d.ts'), astToString(ast));
    const scriptPath = join(dir, 'script.ts');
    writeFileSync(scriptPath, SCRIPT);

    const program = ts.createProgram([scriptPath], compilerOptions);
    expect(formatDiagnostics(ts.getPreEmitDiagnostics(program))).toEqual([]);

    // Run it over app.inject: the types promise what the server does.
    const js = ts
      .transpileModule(SCRIPT, { compilerOptions: { module: ts.ModuleKind.ESNext } })
      .outputText.replace(
        `from 'openapi-fetch'`,
        `from '${pathToFileURL(join(openapiFetchDir, 'dist/index.mjs')).href}'`,
      );
    const modulePath = join(dir, 'script.mjs');
    writeFileSync(modulePath, js);
    const script = (await import(pathToFileURL(modulePath).href)) as {
      run(token: string, fetch: (request: Request) => Promise<Response>): Promise<unknown>;
    };
    const alice = await registerUser(app);
    const token = await alice.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'script' },
    });
    expect(token.statusCode, token.body).toBe(201);
    const viaInject = async (request: Request): Promise<Response> => {
      const url = new URL(request.url);
      const payload = Buffer.from(await request.arrayBuffer());
      const response = await app.inject({
        method: request.method as 'GET',
        url: url.pathname + url.search,
        headers: Object.fromEntries(request.headers),
        ...(payload.length > 0 ? { payload } : {}),
      });
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        for (const each of [value ?? []].flat()) headers.append(name, String(each));
      }
      const empty = response.statusCode === 204 || response.statusCode === 304;
      return new Response(empty ? null : response.rawPayload, {
        status: response.statusCode,
        headers,
      });
    };
    const result = await script.run(token.json<{ token: string }>().token, viaInject);
    expect(result).toMatchObject({
      replayed: true,
      title: 'Rent',
      csvStatus: 400,
      previewNew: 1,
      quotedStatus: 415,
      quotedType: expect.stringMatching(/^application\/problem\+json/) as unknown,
      limitStatus: 400,
      fields: ['limit'],
      moved: 204,
    });
    expect((result as { listed: number[]; id: number }).listed).toEqual([
      (result as { id: number }).id,
    ]);
    // Generating and type-checking take a few seconds on a slow machine.
  }, 30_000);

  it('refuses a CSV text that was JSON-encoded, whatever Content-Type it came with', async () => {
    const alice = await registerUser(app);
    const csv = 'date,title,amount\n2026-01-05,Coffee,-3.20\n';
    for (const [type, status] of [
      ['application/json', 415],
      ['text/csv', 400],
    ] as const) {
      const response = await alice.request({
        method: 'POST',
        url: '/api/v1/imports/inspect',
        headers: { 'content-type': type },
        payload: JSON.stringify(csv),
      });
      expect({ type, status: response.statusCode }).toEqual({ type, status });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json<{ detail: string }>().detail).toBeDefined();
    }
    const file = await alice.request({
      method: 'POST',
      url: '/api/v1/imports/inspect',
      headers: { 'content-type': 'text/csv' },
      payload: '"date","title","amount"\n"2026-01-05","Coffee","-3.20"\n',
    });
    expect(file.json<{ columns: string[] }>().columns).toEqual(['date', 'title', 'amount']);
  });

  it("passes redocly's recommended rules with no errors", async () => {
    const { stdout } = await promisify(execFile)(
      redocly,
      ['lint', '--extends=recommended', '--format=json', documentPath],
      { encoding: 'utf8' },
    ).catch((error: unknown) => error as { stdout: string });
    const report = JSON.parse(stdout) as RedoclyReport;
    const errors = report.problems
      .filter((problem) => problem.severity === 'error')
      .map((problem) => `${problem.ruleId}: ${problem.message}`);
    expect(errors).toEqual([]);
  });
});
