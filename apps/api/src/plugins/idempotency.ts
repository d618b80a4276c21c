import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import fp from 'fastify-plugin';
import { AppError, badRequest } from '../errors.js';
import { currentUser } from './auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Safe retries for creates: a POST with an Idempotency-Key returns the first response when the
 * same user repeats the same request within 24 hours, and 422 when the key comes back with a
 * different request. Register inside the protected scope, after authentication.
 */
export default fp(
  async (app) => {
    app.decorateRequest('idempotencyKey', null);
    let lastPrune = 0;

    app.addHook('preHandler', async (request, reply) => {
      const header = request.headers['idempotency-key'];
      if (request.method !== 'POST' || header === undefined || request.body === undefined) return;
      if (typeof header !== 'string' || !KEY.test(header)) {
        throw badRequest('Idempotency-Key', 'must be 1-255 visible ASCII characters');
      }
      const { userId } = currentUser(request);
      const now = app.now();
      if (now.getTime() - lastPrune > 3_600_000) {
        lastPrune = now.getTime();
        app.repos.idempotency.deleteOlderThan(new Date(now.getTime() - 24 * 3_600_000));
      }
      const body = Buffer.isBuffer(request.body) ? request.body : JSON.stringify(request.body);
      const requestHash = createHash('sha256')
        .update(`${request.method} ${request.url}\n`)
        .update(body)
        .digest('hex');
      const claim = app.repos.idempotency.claim(userId, header, requestHash, now);
      switch (claim.kind) {
        case 'new':
          request.idempotencyKey = header;
          return;
        case 'mismatch':
          throw new AppError(
            422,
            'This Idempotency-Key was already used with a different request.',
            [{ path: 'Idempotency-Key', message: 'was used for a different request' }],
          );
        case 'in-progress':
          throw new AppError(409, 'A request with this Idempotency-Key is still being processed.');
        case 'replay':
          return reply
            .code(claim.statusCode)
            .header('idempotent-replayed', 'true')
            .type(claim.statusCode >= 400 ? 'application/problem+json' : 'application/json')
            .serializer((payload: unknown) => payload as string)
            .send(claim.body);
      }
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const key = request.idempotencyKey;
      if (key === null || !request.auth) return payload;
      request.idempotencyKey = null;
      // Not remembered: server errors and 429s (a retry later must be tried afresh), and any
      // response marked no-store, such as a new token's secret, which must never rest in the
      // database in plain text.
      const remember =
        reply.statusCode < 500 &&
        reply.statusCode !== 429 &&
        !/\bno-store\b/.test(String(reply.getHeader('cache-control') ?? ''));
      if (remember && typeof payload === 'string') {
        app.repos.idempotency.complete(request.auth.userId, key, reply.statusCode, payload);
      } else if (payload instanceof Readable) {
        // A streamed answer (an import with progress) is still being produced: the claim stays
        // in progress, so a concurrent retry gets 409 instead of running the import twice; it
        // lapses after a minute, when the first run has committed and a retry finds duplicates.
      } else {
        app.repos.idempotency.release(request.auth.userId, key);
      }
      return payload;
    });
  },
  { name: 'idempotency', dependencies: ['auth'] },
);
