import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Category,
  CategoryList,
  CreateCategoryBody,
  DeleteCategoryQuery,
  IdParams,
  UpdateCategoryBody,
} from '@moneta/schema';
import { z } from 'zod';
import { badRequest, conflict, notFound } from '../../errors.js';
import { isUniqueViolation } from '../../db/sqlite-errors.js';
import { currentUser } from '../../plugins/auth.js';
import { refuseOverflow } from '../../db/sqlite-errors.js';
import { recordAnswerOf } from '../../plugins/idempotency.js';
import { problemResponses } from '../../lib/responses.js';

const nameTaken = () =>
  conflict('You already have a category with that name.', [
    { path: 'name', message: 'You already have a category with this name.' },
  ]);

export const categoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = app.repos.categories;

  app.get(
    '/categories',
    {
      schema: {
        operationId: 'listCategories',
        summary: 'List categories with their transaction counts',
        response: { 200: CategoryList, ...problemResponses },
      },
    },
    async (request) => ({ items: await repo.list(currentUser(request).userId) }),
  );

  app.post(
    '/categories',
    {
      schema: {
        operationId: 'createCategory',
        summary: 'Create a category',
        body: CreateCategoryBody,
        response: { 201: Category, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { userId } = currentUser(request);
      let created;
      try {
        const record = recordAnswerOf(request);
        created = await repo.create(
          userId,
          request.body,
          app.now().toISOString(),
          async (tx, category) => record?.(tx, 201, category),
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken();
        throw error;
      }
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/categories/:id',
    {
      schema: {
        operationId: 'getCategory',
        summary: 'Get a category',
        params: IdParams,
        response: { 200: Category, ...problemResponses },
      },
    },
    async (request) => {
      const category = await repo.get(currentUser(request).userId, request.params.id);
      if (!category) throw notFound('Category');
      return category;
    },
  );

  app.patch(
    '/categories/:id',
    {
      schema: {
        operationId: 'updateCategory',
        summary: 'Rename a category or change its kind',
        params: IdParams,
        body: UpdateCategoryBody,
        response: { 200: Category, ...problemResponses },
      },
    },
    // The checks and the write in one transaction: no row can take the category's kind meanwhile.
    async (request) =>
      app.repos.database.transaction(async () => {
        const { userId } = currentUser(request);
        const { id } = request.params;
        const existing = await repo.find(userId, id);
        if (!existing) throw notFound('Category');
        const { kind } = request.body;
        if (
          kind !== undefined &&
          kind !== existing.kind &&
          (await repo.countTransactions(userId, id)) > 0
        ) {
          throw conflict('The category has transactions; its kind cannot change.', [
            { path: 'kind', message: `cannot change while transactions use this category` },
          ]);
        }
        try {
          await repo.update(userId, id, request.body);
        } catch (error) {
          if (isUniqueViolation(error)) throw nameTaken();
          throw error;
        }
        const updated = await repo.get(userId, id);
        if (!updated) throw notFound('Category');
        return updated;
      }),
  );

  app.delete(
    '/categories/:id',
    {
      schema: {
        operationId: 'deleteCategory',
        summary: 'Delete a category, moving its transactions to ?moveTo=',
        params: IdParams,
        querystring: DeleteCategoryQuery,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      // The checks and the delete in one transaction: a row filed under it meanwhile is counted.
      const { userId } = currentUser(request);
      const { id } = request.params;
      const { moveTo } = request.query;
      await app.repos.database.transaction(async () => {
        const existing = await repo.find(userId, id);
        if (!existing) throw notFound('Category');
        if (moveTo !== undefined) {
          const target = await repo.find(userId, moveTo);
          if (!target) throw badRequest('moveTo', 'is not one of your categories');
          if (target.id === id) throw badRequest('moveTo', 'must be a different category');
          if (target.kind !== existing.kind) {
            throw badRequest('moveTo', `must be an ${existing.kind} category like the one deleted`);
          }
        } else {
          const count = await repo.countTransactions(userId, id);
          if (count > 0) {
            throw conflict(
              `The category is used by ${count} transaction${count === 1 ? '' : 's'}; ` +
                'name a category to move them to with ?moveTo=<id>.',
              [{ path: 'moveTo', message: 'is required while transactions use this category' }],
            );
          }
        }
        await refuseOverflow(
          'moveTo',
          'moving these transactions there would take a monthly total beyond what can be stored exactly',
          () => repo.delete(userId, id, moveTo, app.now().toISOString()),
        );
      });
      return reply.code(204).send(null);
    },
  );
};
