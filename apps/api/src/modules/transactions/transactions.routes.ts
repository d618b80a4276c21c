import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateTransactionBody,
  IdParams,
  ListTransactionsQuery,
  Transaction,
  TransactionPage,
  UpdateTransactionBody,
} from '@moneta/schema';
import { z } from 'zod';
import { currentUser } from '../../plugins/auth.js';
import { localDate } from '../../lib/dates.js';
import { problemResponses } from '../../lib/responses.js';
import { TransactionsService } from './transactions.service.js';

export const transactionRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = new TransactionsService(app.repos);

  app.get(
    '/transactions',
    { schema: { querystring: ListTransactionsQuery, response: { 200: TransactionPage, ...problemResponses } } },
    async (request) => service.list(currentUser(request), request.query),
  );

  app.post(
    '/transactions',
    { schema: { body: CreateTransactionBody, response: { 201: Transaction, ...problemResponses } } },
    async (request, reply) => {
      const now = app.now();
      const created = service.create(currentUser(request), request.body, localDate(now), now.toISOString());
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/transactions/:id',
    { schema: { params: IdParams, response: { 200: Transaction, ...problemResponses } } },
    async (request) => service.get(currentUser(request), request.params.id),
  );

  app.patch(
    '/transactions/:id',
    {
      schema: {
        params: IdParams,
        body: UpdateTransactionBody,
        response: { 200: Transaction, ...problemResponses },
      },
    },
    async (request) =>
      service.update(currentUser(request), request.params.id, request.body, app.now().toISOString()),
  );

  app.delete(
    '/transactions/:id',
    { schema: { params: IdParams, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      service.delete(currentUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
