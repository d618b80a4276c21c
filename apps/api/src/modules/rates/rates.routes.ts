import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ListRatesQuery, PutRateBody, Rate, RateKeyParams, RateList } from '@moneta/schema';
import { z } from 'zod';
import { currentUser } from '../../plugins/auth.js';
import { badRequest, notFound } from '../../errors.js';
import { problemResponses } from '../../lib/responses.js';
import type { RateRow } from './rates.repository.js';

function toRate(row: RateRow): Rate {
  return {
    base: row.base,
    quote: row.quote,
    date: row.date,
    rate: row.rate,
    createdAt: row.createdAt,
  };
}

export const rateRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = app.repos.rates;

  app.get(
    '/rates',
    {
      schema: {
        operationId: 'listRates',
        summary: 'The exchange rates you entered, newest first per pair',
        querystring: ListRatesQuery,
        response: { 200: RateList, ...problemResponses },
      },
    },
    async (request) => ({
      items: (await repo.list(currentUser(request).userId, request.query)).map(toRate),
    }),
  );

  app.put(
    '/rates',
    {
      schema: {
        operationId: 'putRate',
        summary:
          'Set the rate of a currency pair from a date on (the same pair and date replaces it)',
        description:
          'Nothing is fetched from the internet: net worth converts other currencies with the ' +
          'latest rate on or before the day, entered either way round (EUR/USD also converts USD to EUR).',
        body: PutRateBody,
        response: { 200: Rate, ...problemResponses },
      },
    },
    async (request) => {
      const { base, quote, date, rate } = request.body;
      if (base === quote) throw badRequest('quote', 'must be another currency than base');
      return toRate(
        await repo.put(
          currentUser(request).userId,
          { base, quote, date, rate },
          app.now().toISOString(),
        ),
      );
    },
  );

  app.delete(
    '/rates',
    {
      schema: {
        operationId: 'deleteRate',
        summary: 'Delete the rate of a pair on a date',
        querystring: RateKeyParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      if (!(await repo.delete(currentUser(request).userId, request.query))) throw notFound('Rate');
      return reply.code(204).send(null);
    },
  );
};
