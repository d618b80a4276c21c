import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateTransferBody,
  IdParams,
  Transfer,
  UpdateTransferBody,
  localDate,
} from '@moneta/schema';
import { z } from 'zod';
import { currentUser } from '../../plugins/auth.js';
import { recordAnswerOf } from '../../plugins/idempotency.js';
import { problemResponses } from '../../lib/responses.js';
import { TransfersService } from './transfers.service.js';

export const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = new TransfersService(app.repos);

  app.post(
    '/transfers',
    {
      schema: {
        operationId: 'createTransfer',
        summary: 'Move money between two of your accounts: neither income nor expense',
        description:
          'Writes both sides at once: a `transfer` row leaving the from account and one arriving ' +
          'in the to account. Between currencies, send both amounts (the rate the bank used).',
        body: CreateTransferBody,
        response: { 201: Transfer, ...problemResponses },
      },
    },
    async (request, reply) => {
      const auth = currentUser(request);
      const now = app.now();
      const created = await service.create(
        auth,
        request.body,
        localDate(now, auth.timeZone),
        now.toISOString(),
        recordAnswerOf(request),
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/transfers/:id',
    {
      schema: {
        operationId: 'getTransfer',
        summary: 'Get a transfer with both its sides',
        params: IdParams,
        response: { 200: Transfer, ...problemResponses },
      },
    },
    async (request) => service.get(currentUser(request), request.params.id),
  );

  app.patch(
    '/transfers/:id',
    {
      schema: {
        operationId: 'updateTransfer',
        summary: 'Change a transfer: both sides change together',
        params: IdParams,
        body: UpdateTransferBody,
        response: { 200: Transfer, ...problemResponses },
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
    '/transfers/:id',
    {
      schema: {
        operationId: 'deleteTransfer',
        summary: 'Delete a transfer: both sides go',
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
