import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, {
  type FastifyInstance,
  type FastifySchema,
  type FastifyServerOptions,
} from 'fastify';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import { validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_PREFIX, Problem } from '@moneta/schema';
import type { Config } from './config.js';
import { openDatabase, type DbHandle } from './db/client.js';
import { createSerializerCompiler } from './lib/serializer.js';
import { errorHandler, problem, sendProblem } from './errors.js';
import dbPlugin from './plugins/db.js';
import authPlugin from './plugins/auth.js';
import securityPlugin, { frameworkErrorHandler } from './plugins/security.js';
import compressionPlugin from './plugins/compression.js';
import openapiPlugin from './plugins/openapi.js';
import idempotencyPlugin from './plugins/idempotency.js';
import { publicAuthRoutes, sessionAuthRoutes } from './modules/auth/auth.routes.js';
import { transactionRoutes } from './modules/transactions/transactions.routes.js';
import { categoryRoutes } from './modules/categories/categories.routes.js';
import { accountRoutes } from './modules/accounts/accounts.routes.js';
import { transferRoutes } from './modules/transfers/transfers.routes.js';
import { rateRoutes } from './modules/rates/rates.routes.js';
import { reconciliationRoutes } from './modules/reconciliation/reconciliation.routes.js';
import { summaryRoutes } from './modules/summary/summary.routes.js';
import { tokenRoutes } from './modules/tokens/tokens.routes.js';
import { importRoutes } from './modules/imports/imports.routes.js';
import { reportRoutes } from './modules/reports/reports.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The clock: injectable so tests can move time. */
    now(): Date;
    /** Every route registered, for the OpenAPI and isolation tests that must not miss one. */
    routeTable: Array<{ method: string; url: string; public: boolean; schema?: FastifySchema }>;
  }
}

export interface AppDeps {
  /** An open database; by default the app opens config.DATABASE_PATH. */
  db?: DbHandle;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
}

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        operationId: 'getHealth',
        summary: 'Check that the server and its database answer',
        response: {
          200: z.object({ status: z.literal('ok') }),
          '5xx': Problem.describe('The database does not answer'),
        },
      },
    },
    async () => {
      app.dbHandle.sqlite.prepare('SELECT 1').get();
      return { status: 'ok' as const };
    },
  );
};

export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? {
      level: config.LOG_LEVEL,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
    },
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    // A request (headers and body) must arrive whole within this time: a client that trickles
    // a body byte by byte gets 408 and its connection closed instead of holding a socket open.
    requestTimeout: config.REQUEST_TIMEOUT_SECONDS * 1000,
    http: {
      headersTimeout: Math.min(60_000, config.REQUEST_TIMEOUT_SECONDS * 1000),
      // Node checks the timeouts every 30 s by default; a trickle is cut off close to the limit.
      connectionsCheckingInterval: Math.min(5_000, config.REQUEST_TIMEOUT_SECONDS * 500),
    },
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createSerializerCompiler({ check: config.RESPONSE_CHECK }));
  app.setErrorHandler(errorHandler);
  // JSON only: a form or text/plain body is what a cross-site form would send, so it gets 415.
  app.removeContentTypeParser('text/plain');
  // Fastify's own JSON parser (prototype-poisoning checks included), except that an empty body
  // is no body: `curl -X DELETE -H 'content-type: application/json'` should not be a 400.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, body.toString(), done);
  });

  app.decorate('now', deps.now ?? (() => new Date()));
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') {
        app.routeTable.push({ method, url: route.url, public: true, schema: route.schema });
      }
    }
  });
  await app.register(dbPlugin, { handle: deps.db ?? openDatabase(config.DATABASE_PATH) });
  await app.register(securityPlugin, { corsOrigins: config.CORS_ORIGINS });
  await app.register(compressionPlugin);
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin, {
    secret: config.SESSION_SECRET,
    ttlHours: config.SESSION_TTL_HOURS,
  });

  await app.register(openapiPlugin);
  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      await api.register(publicAuthRoutes, {
        rateLimitPerMinute: config.AUTH_RATE_LIMIT_PER_MINUTE,
        registration: config.REGISTRATION,
      });
      await api.register(async (protectedScope) => {
        protectedScope.addHook('onRequest', (request) => protectedScope.authenticate(request));
        // Runs after the root onRoute hook that recorded the route.
        protectedScope.addHook('onRoute', (route) => {
          for (const entry of app.routeTable) if (entry.url === route.url) entry.public = false;
        });
        await protectedScope.register(idempotencyPlugin);
        await protectedScope.register(sessionAuthRoutes);
        await protectedScope.register(transactionRoutes);
        await protectedScope.register(categoryRoutes);
        await protectedScope.register(accountRoutes);
        await protectedScope.register(transferRoutes);
        await protectedScope.register(rateRoutes);
        await protectedScope.register(reconciliationRoutes);
        await protectedScope.register(summaryRoutes);
        await protectedScope.register(tokenRoutes);
        await protectedScope.register(importRoutes);
        await protectedScope.register(reportRoutes);
      });
    },
    { prefix: API_PREFIX },
  );

  const indexHtml = join(config.WEB_DIST_DIR, 'index.html');
  const serveWeb = existsSync(indexHtml);
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: config.WEB_DIST_DIR,
      wildcard: true,
      index: 'index.html',
      cacheControl: false,
      // The web build writes .br and .gz beside each file (apps/web/scripts/precompress.mjs).
      preCompressed: true,
      setHeaders: (reply, path) => {
        // Vite fingerprints everything under assets/: safe to cache for a year.
        const immutable = path.startsWith(join(config.WEB_DIST_DIR, 'assets'));
        void reply.header(
          'cache-control',
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const isPage =
      serveWeb &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/api/') &&
      request.url !== '/api';
    if (isPage) {
      // History-API fallback: deep links like /alice?category=3 load the app, which routes them.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(
      reply,
      problem(404, `No route for ${request.method} ${request.url.split('?')[0]}.`),
    );
  });

  return app;
}
