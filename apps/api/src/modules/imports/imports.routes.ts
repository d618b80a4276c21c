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
import { notFound } from '../../errors.js';
import { currentUser } from '../../plugins/auth.js';
import { problemResponses } from '../../lib/responses.js';
import { inspectCsv, runImport } from './imports.service.js';

const MAX_FILE_BYTES = 64 * 1024 * 1024;

const CsvBody = z
  .instanceof(Buffer)
  .describe('The CSV file, sent as the raw request body (text/csv)');

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
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
      schema: {
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
      schema: {
        querystring: ImportMapping,
        body: CsvBody,
        consumes: ['text/csv'],
        response: { 200: ImportResult, 201: ImportResult, ...problemResponses },
      },
    },
    async (request, reply) => {
      const result = runImport(
        app.repos,
        currentUser(request),
        request.body,
        request.query,
        app.now().toISOString(),
      );
      return reply.code(result.dryRun ? 200 : 201).send(result);
    },
  );

  app.get(
    '/imports',
    { schema: { response: { 200: ImportList, ...problemResponses } } },
    async (request) => ({
      items: app.repos.imports.list(currentUser(request).userId),
    }),
  );

  app.delete(
    '/imports/:id',
    { schema: { params: IdParams, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      if (!app.repos.imports.undo(currentUser(request).userId, request.params.id))
        throw notFound('Import');
      return reply.code(204).send(null);
    },
  );
};
