import type { FastifyError, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CsvInspection,
  IdParams,
  ImportList,
  ImportMapping,
  ImportResult,
  InspectQuery,
} from '@moneta/schema';
import { z } from 'zod';
import { PassThrough } from 'node:stream';
import {
  AppError,
  badRequest,
  conflict,
  errorHandler,
  notFound,
  problem,
  sendProblem,
} from '../../errors.js';
import { currentUser } from '../../plugins/auth.js';
import { refuseOverflow } from '../../db/sqlite-errors.js';
import { forgetKey, recordAnswerOf } from '../../plugins/idempotency.js';
import { problemResponses } from '../../lib/responses.js';
import { inspectCsv, prepareImport, runImport } from './imports.service.js';
import { ReconciledRowsError } from './imports.repository.js';
import { CSV_LIMITS } from './csv-reader.js';

const NDJSON = 'application/x-ndjson';

const MAX_FILE_BYTES = CSV_LIMITS.bytes;

const CsvBody = z.instanceof(Buffer).meta({
  type: 'string',
  format: 'binary',
  description: 'The CSV file itself as the raw request body (not JSON-encoded)',
});

const CSV_EXPECTED = 'Send the CSV file itself as the request body, with Content-Type: text/csv.';

/** A CSV text that was JSON-encoded: one line in double quotes, its newlines escaped as \n. */
function isJsonEncodedText(body: Buffer): boolean {
  const newline = body.indexOf(0x0a);
  if (body[0] !== 0x22 || (newline !== -1 && body.subarray(newline).some((byte) => byte > 0x20))) {
    return false;
  }
  const text = body.toString('utf8').trimEnd();
  return text.length > 1 && text.endsWith('"') && text.includes('\\n');
}

/**
 * The file itself, not JSON: a JSON string holding the CSV text (what a client's default JSON
 * serializer sends) would otherwise read as one junk column.
 */
async function refuseJsonBody(request: FastifyRequest): Promise<void> {
  const body = request.body;
  if (body === undefined) return;
  if (!Buffer.isBuffer(body)) throw new AppError(415, CSV_EXPECTED);
  if (isJsonEncodedText(body)) {
    throw badRequest('body', `is a JSON string, not a CSV file. ${CSV_EXPECTED}`);
  }
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // Only this scope: an oversized upload is told the import limit, in MiB.
  app.setErrorHandler((error: FastifyError, request, reply) =>
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? sendProblem(
          reply,
          problem(
            413,
            `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, the import limit. Split it into several imports.`,
          ),
        )
      : errorHandler(error, request, reply),
  );
  // Raw CSV bodies, only in this scope; a cross-site form cannot send text/csv without preflight.
  app.addContentTypeParser(
    ['text/csv', 'application/csv', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES },
    (_request, body, done) => {
      done(null, body);
    },
  );

  app.post(
    '/imports/inspect',
    {
      bodyLimit: MAX_FILE_BYTES,
      preValidation: refuseJsonBody,
      schema: {
        operationId: 'inspectImport',
        summary: "Detect a CSV file's delimiter and columns, with a sample of rows",
        querystring: InspectQuery,
        body: CsvBody,
        consumes: ['text/csv'],
        response: { 200: CsvInspection, ...problemResponses },
      },
    },
    async (request) => inspectCsv(request.body, request.query),
  );

  app.post(
    '/imports',
    {
      bodyLimit: MAX_FILE_BYTES,
      preValidation: refuseJsonBody,
      schema: {
        operationId: 'createImport',
        summary: 'Import a bank CSV file, or preview it with dryRun=true',
        description:
          'With `Accept: application/x-ndjson` the answer streams one JSON line per progress ' +
          'step, then `{"result": ...}` or `{"problem": ...}`.',
        querystring: ImportMapping,
        body: CsvBody,
        consumes: ['text/csv'],
        response: { 200: ImportResult, 201: ImportResult, ...problemResponses },
      },
    },
    async (request, reply) => {
      const auth = currentUser(request);
      const mapping = request.query;
      const now = app.now().toISOString();
      // A bad file or mapping answers 400 here, before any streaming starts.
      const prepared = await prepareImport(app.repos, auth, request.body, mapping);
      // A preview changes nothing: its (possibly large) answer is not kept under a key.
      if (mapping.dryRun) await forgetKey(request);
      const record = recordAnswerOf(request);
      if (!request.headers.accept?.includes(NDJSON)) {
        const result = await runImport(app.repos, auth, prepared, mapping, now, { record });
        return reply.code(result.dryRun ? 200 : 201).send(result);
      }
      // Progress for long files: one JSON line per step, then {"result"} or {"problem"}.
      const stream = new PassThrough();
      const line = (value: unknown) => `${JSON.stringify(value)}\n`;
      runImport(app.repos, auth, prepared, mapping, now, {
        record,
        onProgress: (progress) => stream.write(line({ progress })),
      }).then(
        (result) => stream.end(line({ result })),
        (error: unknown) => {
          if (!(error instanceof AppError)) request.log.error({ err: error }, 'import failed');
          const body =
            error instanceof AppError
              ? problem(error.status, error.message, error.errors)
              : problem(500, 'Something went wrong on our side.');
          stream.end(line({ problem: body }));
        },
      );
      // A stream bypasses the serializer; each line is built from the same contracts.
      return reply
        .type(NDJSON)
        .header('cache-control', 'no-store')
        .send(stream as unknown as ImportResult);
    },
  );

  app.get(
    '/imports',
    {
      schema: {
        operationId: 'listImports',
        summary: 'List past imports',
        response: { 200: ImportList, ...problemResponses },
      },
    },
    async (request) => ({
      items: await app.repos.imports.list(currentUser(request).userId),
    }),
  );

  app.delete(
    '/imports/:id',
    {
      schema: {
        operationId: 'deleteImport',
        summary: 'Undo an import with all of its transactions',
        description:
          'Refused with 409 while a reconciliation locks any of its transactions: unlock them first.',
        params: IdParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      let undone: boolean;
      try {
        undone = await refuseOverflow(
          'id',
          'undoing it would take a balance beyond what can be stored exactly',
          () => app.repos.imports.undo(currentUser(request).userId, request.params.id),
        );
      } catch (error) {
        // As DELETE /transactions/:id refuses a reconciled row, an undo refuses to delete one.
        if (error instanceof ReconciledRowsError) {
          throw conflict(
            `${error.count} of this import's transactions are reconciled: unlock them first (PATCH each with "reconciled": false), then undo the import.`,
          );
        }
        throw error;
      }
      if (!undone) throw notFound('Import');
      return reply.code(204).send(null);
    },
  );
};
