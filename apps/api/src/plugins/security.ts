import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, problem, sendProblem } from '../errors.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers, and the cross-site request defence for cookie sessions: a write whose
 * Origin (or Sec-Fetch-Site) says it comes from another site is refused with 403. Bodies must be
 * JSON (only the JSON parser is registered), which forces a CORS preflight no foreign site passes.
 */
export default fp(
  async (app) => {
    await app.register(helmet, {
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
    });

    app.addHook('onRequest', async (request, reply) => {
      if (request.protocol === 'https') {
        void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
      }
      if (!UNSAFE_METHODS.has(request.method)) return;
      const origin = request.headers.origin;
      const ownOrigin = `${request.protocol}://${request.host}`;
      if (origin !== undefined && origin !== ownOrigin) {
        throw new AppError(403, 'Cross-site requests are not allowed.');
      }
      if (request.headers['sec-fetch-site'] === 'cross-site') {
        throw new AppError(403, 'Cross-site requests are not allowed.');
      }
    });
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
