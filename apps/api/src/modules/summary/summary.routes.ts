import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Summary, SummaryQuery } from '@moneta/schema';
import { currentUser } from '../../plugins/auth.js';
import { problemResponses } from '../../lib/responses.js';
import { buildSummary } from './summary.service.js';

export const summaryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/summary',
    { schema: { querystring: SummaryQuery, response: { 200: Summary, ...problemResponses } } },
    async (request) => buildSummary(app.repos, currentUser(request), request.query),
  );
};
