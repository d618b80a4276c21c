import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, problem, sendProblem } from '../errors.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface SecurityOptions {
  /** Exact origins whose pages may call the API with a bearer token (CORS_ORIGINS). */
  corsOrigins: readonly string[];
}

/**
 * Security headers, and the cross-site request defence for cookie sessions: a write whose
 * Origin (or Sec-Fetch-Site) says it comes from another site is refused with 403. Bodies must be
 * JSON (only the JSON parser is registered), which forces a CORS preflight no foreign site passes.
 * A request with an Authorization header is authenticated by that header alone (never by the
 * cookie), and a browser only sends one cross-origin after a preflight that CORS_ORIGINS allowed,
 * so it is not subject to the Origin check: a dashboard on another origin may use a token.
 */
/** The security headers, from helmet: the same on every answer. */
const HELMET_OPTIONS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  // HSTS is only meaningful over HTTPS; it is added below when the request came that way.
  strictTransportSecurity: false,
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginEmbedderPolicy: false,
};

/**
 * What helmet's middleware sets, worked out once: the headers are static (no nonces), and
 * @fastify/helmet rebuilt the middleware, CSP parsing included, on every request (a tenth of
 * the server's time on a small answer).
 */
export function securityHeaders(): Record<string, string> {
  const response = new ServerResponse(new IncomingMessage(new Socket()));
  helmet(HELMET_OPTIONS)(response.req, response, (error?: unknown) => {
    if (error instanceof Error) throw error;
  });
  return Object.fromEntries(
    Object.entries(response.getHeaders()).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : String(value),
    ]),
  );
}

export default fp<SecurityOptions>(
  async (app, options) => {
    const headers = securityHeaders();
    app.addHook('onRequest', async (request, reply) => {
      void reply.headers(headers);
      if (request.protocol === 'https') {
        void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
      }
      if (!UNSAFE_METHODS.has(request.method)) return;
      if (request.headers.authorization !== undefined) return;
      const origin = request.headers.origin;
      const ownOrigin = `${request.protocol}://${request.host}`;
      if (origin !== undefined && origin !== ownOrigin) {
        throw new AppError(403, 'Cross-site requests are not allowed.');
      }
      if (request.headers['sec-fetch-site'] === 'cross-site') {
        throw new AppError(403, 'Cross-site requests are not allowed.');
      }
    });

    // Last, so a preflight answered by @fastify/cors still carries the security headers and HSTS.
    if (options.corsOrigins.length > 0) {
      const allowed = new Set(options.corsOrigins);
      await app.register(cors, {
        // A function, not the list: for an origin not listed, @fastify/cors sends no CORS header at
        // all (with a list it would still answer preflights with the allowed methods and headers).
        origin: (origin, callback) => {
          callback(null, origin !== undefined && allowed.has(origin) ? origin : false);
        },
        // Never: the session cookie is not for cross-origin use, only bearer tokens are.
        credentials: false,
        methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
        allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
        exposedHeaders: ['Retry-After', 'Content-Disposition', 'Idempotent-Replayed'],
        maxAge: 600,
      });
    }
  },
  { name: 'security' },
);

/**
 * Errors Fastify raises before routing (a malformed percent-encoding in the path, a path
 * parameter over the length limit) skip every hook, helmet's included, and by default answer
 * plain JSON echoing the whole URL. They get the one problem shape and the strictest headers.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  void reply.headers({
    'content-security-policy': "default-src 'none'; object-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  });
  void sendProblem(
    reply,
    problem(status, status === 414 ? 'A path segment is too long.' : 'The URL is not valid.'),
  );
}
