import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Account,
  AccountList,
  CreateAccountBody,
  IdParams,
  UpdateAccountBody,
  localDate,
} from '@moneta/schema';
import { z } from 'zod';
import { currentUser } from '../../plugins/auth.js';
import { recordAnswerOf } from '../../plugins/idempotency.js';
import { problemResponses } from '../../lib/responses.js';
import { AccountsService } from './accounts.service.js';

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = new AccountsService(app.repos);
  const today = (timeZone: string) => localDate(app.now(), timeZone);

  app.get(
    '/accounts',
    {
      schema: {
        operationId: 'listAccounts',
        summary: 'List accounts, closed ones included, with their balances',
        response: { 200: AccountList, ...problemResponses },
      },
    },
    async (request) => {
      const auth = currentUser(request);
      return { items: await service.list(auth, today(auth.timeZone)) };
    },
  );

  app.post(
    '/accounts',
    {
      schema: {
        operationId: 'createAccount',
        summary: 'Open an account, with its currency and opening balance',
        body: CreateAccountBody,
        response: { 201: Account, ...problemResponses },
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
    '/accounts/:id',
    {
      schema: {
        operationId: 'getAccount',
        summary: 'Get an account and its balance',
        params: IdParams,
        response: { 200: Account, ...problemResponses },
      },
    },
    async (request) => {
      const auth = currentUser(request);
      return service.get(auth, request.params.id, today(auth.timeZone));
    },
  );

  app.patch(
    '/accounts/:id',
    {
      schema: {
        operationId: 'updateAccount',
        summary: 'Rename, close or reopen an account, or change its opening balance',
        params: IdParams,
        body: UpdateAccountBody,
        response: { 200: Account, ...problemResponses },
      },
    },
    async (request) => {
      const auth = currentUser(request);
      const now = app.now();
      return await service.update(
        auth,
        request.params.id,
        request.body,
        localDate(now, auth.timeZone),
        now.toISOString(),
      );
    },
  );

  app.delete(
    '/accounts/:id',
    {
      schema: {
        // deleteAccount is the user's own (DELETE /auth/account), named before accounts existed.
        operationId: 'deleteAccountById',
        summary: 'Delete an account that has no transactions (close one that has)',
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
