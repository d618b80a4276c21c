import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SummaryQuery, localDate } from '@moneta/schema';
import { accountLookup } from '../accounts/accounts.service.js';
import { z } from 'zod';
import { currentUser } from '../../plugins/auth.js';
import { problemResponses } from '../../lib/responses.js';
import { buildSummary } from '../summary/summary.service.js';
import { renderReport } from './report-pdf.js';

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reports/summary.pdf',
    {
      schema: {
        operationId: 'getSummaryReport',
        summary: 'A PDF report of a date range: totals, by category, transactions',
        querystring: SummaryQuery,
        response: {
          200: {
            description: 'A PDF report: totals, by category, transactions',
            content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const auth = currentUser(request);
      const { from, to, accountId } = request.query;
      const names = new Map(
        (await app.repos.categories.names(auth.userId)).map((c) => [c.id, c.name]),
      );
      const accounts = accountLookup(await app.repos.accounts.list(auth.userId));
      const summary = await buildSummary(
        app.repos,
        auth,
        { from, to, accountId },
        localDate(app.now(), auth.timeZone),
      );
      const doc = renderReport({
        username: auth.username,
        summary,
        rows: app.repos.transactions.iterate(auth.userId, { from, to, accountId }),
        account: accounts.get,
        categoryName: (id) => (id === null ? '' : (names.get(id) ?? '')),
        generatedAt: app.now().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      });
      const filename = `moneta-report-${from ?? 'all-time'}-to-${to ?? localDate(app.now(), auth.timeZone)}.pdf`;
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'no-store')
          // A stream bypasses the serializer; the 200 schema above only documents the PDF.
          .send(doc as unknown as string)
      );
    },
  );
};
