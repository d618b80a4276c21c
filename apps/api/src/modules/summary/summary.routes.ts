import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Summary, SummaryQuery, localDate } from '@moneta/schema';
import { currentUser } from '../../plugins/auth.js';
import { problemResponses } from '../../lib/responses.js';
import { buildSummary } from './summary.service.js';

export const summaryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/summary',
    {
      schema: {
        operationId: 'getSummary',
        summary: 'Totals by category and by month for a date range, and the balance',
        querystring: SummaryQuery,
        response: { 200: Summary, ...problemResponses },
      },
    },
    async (request) => {
      const auth = currentUser(request);
      return buildSummary(app.repos, auth, request.query, localDate(app.now(), auth.timeZone));
    },
  );
};
