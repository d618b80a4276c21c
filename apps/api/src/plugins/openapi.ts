import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { API_PREFIX } from '@moneta/schema';
import { SESSION_COOKIE } from './auth.js';

/** Routes a session or token is not needed for. */
const PUBLIC_ROUTES = new Set([
  `${API_PREFIX}/auth/register`,
  `${API_PREFIX}/auth/login`,
  `${API_PREFIX}/auth/token`,
  '/api/health',
]);

/** Error responses are documented as application/problem+json, the type they are sent with. */
function problemContentTypes<T>(document: T): T {
  const paths =
    (
      document as {
        paths?: Record<
          string,
          Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
        >;
      }
    ).paths ?? {};
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const json = response.content?.['application/json'];
        if (/^[45]/.test(status) && json && response.content) {
          response.content = { 'application/problem+json': json };
        }
      }
    }
  }
  return document;
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
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', description: 'Personal access token' },
            cookieAuth: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          },
        },
        security: [{ bearerAuth: [] }, { cookieAuth: [] }],
      },
      transform: (input) => {
        const result = jsonSchemaTransform(input);
        const resource = input.url.slice(API_PREFIX.length + 1).split('/')[0];
        const schema = result.schema as Record<string, unknown>;
        schema.tags = [input.url.startsWith(API_PREFIX) && resource ? resource : 'operations'];
        if (PUBLIC_ROUTES.has(input.url)) schema.security = [];
        return result;
      },
      transformObject: (input) => problemContentTypes(jsonSchemaTransformObject(input)),
    });
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      // The docs page loads Swagger UI's own scripts and styles from /api/docs/static.
      staticCSP: true,
      uiConfig: { url: `${API_PREFIX}/openapi.json` },
    });
    app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
