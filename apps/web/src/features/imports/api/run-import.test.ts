import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { progressLabel } from '../components/import-flow';
import { commitImport, type ImportProgress } from './run-import';

const result = {
  dryRun: false,
  summary: { new: 2, duplicate: 0, error: 0 },
  rows: [],
  import: {
    id: 7,
    filename: 'bank.csv',
    accountId: 1,
    inserted: 2,
    duplicates: 0,
    errors: 0,
    createdAt: '2026-11-21T10:00:00.000Z',
  },
};

/** A response whose body arrives in the given pieces, split mid-line on purpose. */
function ndjson(pieces: string[]): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(new TextEncoder().encode(piece));
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'application/x-ndjson' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('commitImport with progress', () => {
  it('reports each progress line and returns the final result', async () => {
    const text = [
      JSON.stringify({ progress: { phase: 'checking', done: 5000, total: 10000 } }),
      JSON.stringify({ progress: { phase: 'checking', done: 10000, total: 10000 } }),
      JSON.stringify({ progress: { phase: 'writing', done: 0, total: 2 } }),
      JSON.stringify({ result }),
    ].join('\n');
    const fetchMock = vi.fn(() =>
      Promise.resolve(ndjson([text.slice(0, 30), text.slice(30, 95), `${text.slice(95)}\n`])),
    );
    vi.stubGlobal('fetch', fetchMock);
    const seen: ImportProgress[] = [];
    const answer = await commitImport({
      file: new Blob(['x']),
      mapping: { date: 'date' },
      onProgress: (p) => seen.push(p),
    });
    expect(answer.import?.id).toBe(7);
    expect(seen.map(progressLabel)).toEqual([
      'Checking rows… 50%',
      'Checking rows… 100%',
      'Writing 2 rows…',
    ]);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/imports?date=date');
    expect((init.headers as Record<string, string>).accept).toContain('application/x-ndjson');
  });

  it('turns a problem line into an ApiError naming the failure', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The import would take the balance beyond what can be stored exactly.',
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(ndjson([`${JSON.stringify({ problem })}\n`]))),
    );
    const failure = commitImport({ file: new Blob(['x']), mapping: {} });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 400, message: problem.detail });
  });

  it('accepts a plain JSON answer from a server that does not stream', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(Response.json(result, { status: 201 }))),
    );
    const answer = await commitImport({ file: new Blob(['x']), mapping: {} });
    expect(answer.summary.new).toBe(2);
  });
});
