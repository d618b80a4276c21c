import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Problem } from '@moneta/schema';
import type { Tx } from '../db/database.js';
import { AppError, badRequest } from '../errors.js';
import { currentUser } from './auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
  interface FastifyContextConfig {
    /**
     * false: the route ignores Idempotency-Key (its body holds secrets that must not be kept).
     * The plugin sets true on the routes that honour it.
     */
    idempotency?: boolean;
  }
}

/** Writes the answer to the request's Idempotency-Key inside the write's own transaction. */
export type RecordAnswer = (
  tx: Pick<Tx, 'update'>,
  statusCode: number,
  body: unknown,
) => Promise<void>;

/** Largest answer kept for a replay; a bigger one is not remembered (the key is released). */
export const MAX_REMEMBERED_BYTES = 256 * 1024;

/**
 * The recorder for a write answered under an Idempotency-Key, or undefined without a key. Call
 * it last inside the write's transaction with the status and the object the route will send.
 */
export function recordAnswerOf(request: FastifyRequest): RecordAnswer | undefined {
  const key = request.idempotencyKey;
  const auth = request.auth;
  if (key === null || !auth) return undefined;
  return async (tx, statusCode, body) => {
    const json = JSON.stringify(body);
    if (Buffer.byteLength(json) > MAX_REMEMBERED_BYTES) return;
    await request.server.repos.idempotency.complete(auth.userId, key, statusCode, json, tx);
    recorded.add(request);
  };
}

/** Gives up the request's claim: for requests that change nothing (an import preview). */
export async function forgetKey(request: FastifyRequest): Promise<void> {
  const key = request.idempotencyKey;
  if (key === null || !request.auth) return;
  request.idempotencyKey = null;
  await request.server.repos.idempotency.release(request.auth.userId, key);
}

/** Requests whose answer was recorded with their write; onSend leaves their key alone. */
const recorded = new WeakSet<FastifyRequest>();

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The header and the answers it brings, as the OpenAPI document shows them where it is honoured. */
export const idempotencyContract = {
  headers: z.object({
    'Idempotency-Key': z
      .string()
      .min(1)
      .max(255)
      .regex(KEY)
      .optional()
      .describe(
        'Makes the create safe to retry: the same request with the same key within 24 hours ' +
          'gets the first answer again (marked `Idempotent-Replayed: true`) instead of a second ' +
          'write. Answers that change nothing (a preview), are large or hold a secret (a new ' +
          'token) are not kept. 1-255 visible ASCII characters, such as a UUID.',
      ),
  }),
  responses: {
    409: Problem.describe(
      'Conflict; among others, a request with this Idempotency-Key is still being processed',
    ),
    422: Problem.describe('This Idempotency-Key was already used with a different request'),
  },
};

/**
 * Safe retries for creates: a POST with an Idempotency-Key returns the first response when the
 * same user repeats the same request within 24 hours, and 422 when the key comes back with a
 * different request. Register inside the protected scope, after authentication.
 */
export default fp(
  async (app) => {
    app.decorateRequest('idempotencyKey', null);
    let lastPrune = 0;

    // Marks the routes the hook below honours a key on, for the OpenAPI document.
    app.addHook('onRoute', (route) => {
      if (route.method === 'POST' && route.schema?.body && route.config?.idempotency !== false) {
        route.config = { ...route.config, idempotency: true };
      }
    });

    app.addHook('preHandler', async (request, reply) => {
      const header = request.headers['idempotency-key'];
      if (request.method !== 'POST' || header === undefined || request.body === undefined) return;
      if (request.routeOptions.config.idempotency === false) return;
      if (typeof header !== 'string' || !KEY.test(header)) {
        throw badRequest('Idempotency-Key', 'must be 1-255 visible ASCII characters');
      }
      const { userId } = currentUser(request);
      const now = app.now();
      if (now.getTime() - lastPrune > 3_600_000) {
        lastPrune = now.getTime();
        await app.repos.idempotency.deleteOlderThan(new Date(now.getTime() - 24 * 3_600_000));
      }
      const body = Buffer.isBuffer(request.body) ? request.body : JSON.stringify(request.body);
      const requestHash = createHash('sha256')
        .update(`${request.method} ${request.url}\n`)
        .update(body)
        .digest('hex');
      const claim = await app.repos.idempotency.claim(userId, header, requestHash, now);
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
          void reply.code(claim.statusCode).header('idempotent-replayed', 'true');
          // A success goes through the route's serializer again, which writes the same bytes
          // as the first time; a problem document is sent as it was kept.
          if (claim.statusCode < 300) return reply.send(JSON.parse(claim.body));
          return reply
            .type('application/problem+json')
            .serializer((payload: unknown) => payload as string)
            .send(claim.body);
      }
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const key = request.idempotencyKey;
      if (key === null || !request.auth) return payload;
      request.idempotencyKey = null;
      // Kept with the write, in the same database transaction: whatever happens to this
      // response now, a retry replays the answer of the write that happened.
      if (recorded.has(request)) return payload;
      // Not remembered: server errors and 429s (a retry later must be tried afresh), and any
      // response marked no-store, such as a new token's secret, which must never rest in the
      // database in plain text.
      const remember =
        reply.statusCode < 500 &&
        (typeof payload !== 'string' || Buffer.byteLength(payload) <= MAX_REMEMBERED_BYTES) &&
        reply.statusCode !== 429 &&
        !/\bno-store\b/.test(String(reply.getHeader('cache-control') ?? ''));
      if (remember && typeof payload === 'string') {
        await app.repos.idempotency.complete(request.auth.userId, key, reply.statusCode, payload);
      } else if (payload instanceof Readable) {
        // A streamed answer (an import with progress) is still being produced: the claim stays
        // in progress, so a concurrent retry gets 409 instead of running the import twice; it
        // lapses after a minute, when the first run has committed and a retry finds duplicates.
      } else {
        await app.repos.idempotency.release(request.auth.userId, key);
      }
      return payload;
    });
  },
  { name: 'idempotency', dependencies: ['auth'] },
);
