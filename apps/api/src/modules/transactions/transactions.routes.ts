import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateTransactionBody,
  ExportTransactionsQuery,
  IdParams,
  ListTransactionsQuery,
  Transaction,
  TransactionPage,
  UpdateTransactionBody,
} from '@moneta/schema';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { localDate } from '@moneta/schema';
import { notFound } from '../../errors.js';
import { accountLookup } from '../accounts/accounts.service.js';
import { recordAnswerOf } from '../../plugins/idempotency.js';
import { currentUser } from '../../plugins/auth.js';
import { chunked, csvLines } from './csv-export.js';
import { problemResponses } from '../../lib/responses.js';
import { TransactionsService } from './transactions.service.js';

export const transactionRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = new TransactionsService(app.repos);

  app.get(
    '/transactions',
    {
      schema: {
        operationId: 'listTransactions',
        summary: 'List transactions, newest first, a page at a time',
        querystring: ListTransactionsQuery,
        response: { 200: TransactionPage, ...problemResponses },
      },
    },
    async (request) => service.list(currentUser(request), request.query),
  );

  app.get(
    '/transactions/export.csv',
    {
      schema: {
        operationId: 'exportTransactionsCsv',
        summary: "Export the list's matching transactions as CSV, oldest first",
        querystring: ExportTransactionsQuery,
        response: {
          200: {
            description: 'RFC 4180 CSV with a header row',
            content: { 'text/csv': { schema: z.string() } },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const auth = currentUser(request);
      const names = new Map(
        (await app.repos.categories.list(auth.userId)).map((c) => [c.id, c.name]),
      );
      const accounts = accountLookup(await app.repos.accounts.list(auth.userId));
      if (request.query.accountId !== undefined && !accounts.has(request.query.accountId)) {
        throw notFound('Account');
      }
      const rows = app.repos.transactions.iterate(auth.userId, request.query);
      const lines = csvLines(rows, {
        account: accounts.get,
        categoryName: (id) => (id === null ? '' : (names.get(id) ?? '')),
        otherLegs: (batch) => app.repos.transfers.counterparts(auth.userId, batch),
      });
      const filename = `moneta-${auth.username}-${localDate(app.now(), auth.timeZone)}.csv`;
      return (
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'no-store')
          // A stream bypasses the serializer; the 200 schema above only documents the CSV.
          .send(Readable.from(chunked(lines), { objectMode: false }) as unknown as string)
      );
    },
  );

  app.post(
    '/transactions',
    {
      schema: {
        operationId: 'createTransaction',
        summary: 'Record an income or expense',
        body: CreateTransactionBody,
        response: { 201: Transaction, ...problemResponses },
      },
    },
    async (request, reply) => {
      const now = app.now();
      const created = await service.create(
        currentUser(request),
        request.body,
        localDate(now, currentUser(request).timeZone),
        now.toISOString(),
        recordAnswerOf(request),
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/transactions/:id',
    {
      schema: {
        operationId: 'getTransaction',
        summary: 'Get a transaction',
        params: IdParams,
        response: { 200: Transaction, ...problemResponses },
      },
    },
    async (request) => service.get(currentUser(request), request.params.id),
  );

  app.patch(
    '/transactions/:id',
    {
      schema: {
        operationId: 'updateTransaction',
        summary: 'Change any field of a transaction',
        params: IdParams,
        body: UpdateTransactionBody,
        response: { 200: Transaction, ...problemResponses },
      },
    },
    async (request) =>
      await service.update(
        currentUser(request),
        request.params.id,
        request.body,
        app.now().toISOString(),
      ),
  );

  app.delete(
    '/transactions/:id',
    {
      schema: {
        operationId: 'deleteTransaction',
        summary: 'Delete a transaction',
        params: IdParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await service.delete(currentUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
