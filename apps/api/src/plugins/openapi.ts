import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { FastifyContextConfig, FastifySchema } from 'fastify';
import { API_PREFIX } from '@moneta/schema';
import { SESSION_COOKIE } from './auth.js';
import { idempotencyContract } from './idempotency.js';

/** The tags operations are grouped by: the first path segment after the prefix. */
const TAGS = [
  { name: 'auth', description: 'Accounts, sign-in and sessions' },
  { name: 'transactions', description: 'Income and expenses, with running balances' },
  { name: 'categories', description: 'Income and expense categories' },
  { name: 'summary', description: 'Totals by category and month' },
  { name: 'tokens', description: 'Personal access tokens for scripts' },
  { name: 'imports', description: 'Bank CSV imports: inspect, preview, commit and undo' },
  { name: 'reports', description: 'PDF reports' },
  { name: 'operations', description: 'Health checks for load balancers and monitors' },
];

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', minimum: 1 },
  },
};

interface DocumentedResponse {
  content?: Record<string, unknown>;
  headers?: Record<string, unknown>;
}

/**
 * Responses as they are sent: every error is application/problem+json, whatever the success is
 * (a CSV export, a PDF report), and a 429 or 503 says when to retry in Retry-After.
 */
function responsesAsSent<T>(document: T): T {
  const paths =
    (document as { paths?: Record<string, Record<string, { responses?: unknown }>> }).paths ?? {};
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      const responses = (operation.responses ?? {}) as Record<string, DocumentedResponse>;
      for (const [status, response] of Object.entries(responses)) {
        const media = Object.values(response.content ?? {})[0];
        if (/^[45]/.test(status) && media !== undefined) {
          response.content = { 'application/problem+json': media };
        }
        if (status === '429' || status === '503') response.headers = RETRY_AFTER;
      }
    }
  }
  return document;
}

/** The route's schema with the Idempotency-Key header and its answers, where it is honoured. */
function withIdempotencyKey(schema: FastifySchema): FastifySchema {
  return {
    ...schema,
    headers: idempotencyContract.headers,
    response: { ...idempotencyContract.responses, ...(schema.response as object) },
  };
}

/**
 * The OpenAPI 3.1 document, generated from the zod schemas every route declares, served at
 * /api/v1/openapi.json, with interactive docs at /api/docs. Register before the routes.
 */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Moneta API',
          version: '1.0.0',
          description:
            "Personal finance tracker. Amounts are decimal strings in the user's currency; " +
            'dates are YYYY-MM-DD; errors are RFC 9457 application/problem+json.',
        },
        // Self-hosted: the API answers on the host that serves this document.
        servers: [{ url: '/', description: 'The Moneta instance serving this document' }],
        tags: TAGS,
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', description: 'Personal access token' },
            cookieAuth: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          },
        },
        security: [{ bearerAuth: [] }, { cookieAuth: [] }],
      },
      transform: (input) => {
        const { route, url } = input;
        // Typed as always there, but absent on a route registered without any config.
        const config: FastifyContextConfig | undefined = route.config;
        const result = jsonSchemaTransform(
          config?.idempotency === true
            ? { ...input, schema: withIdempotencyKey(input.schema) }
            : input,
        );
        const resource = url.slice(API_PREFIX.length + 1).split('/')[0];
        const schema = result.schema as Record<string, unknown>;
        schema.tags = [url.startsWith(API_PREFIX) && resource ? resource : 'operations'];
        // Public is where the route was registered: outside the scope that authenticates.
        if (app.routeTable.some((entry) => entry.url === url && entry.public)) schema.security = [];
        return result;
      },
      transformObject: (input) => responsesAsSent(jsonSchemaTransformObject(input)),
    });
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      // No staticCSP: it would replace the app's policy with one that upgrades every request to
      // HTTPS (so over plain HTTP on a LAN name the page loads nothing) and allows any https:
      // style. The page needs no more than the app's own: its scripts and styles are files under
      // /api/docs/static, its images 'self' or data:. The one inline bit, a <style> in the
      // top bar's logo, goes with the top bar (BaseLayout): the operations are all there is.
      staticCSP: false,
      uiConfig: { url: `${API_PREFIX}/openapi.json`, layout: 'BaseLayout' },
    });
    app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
