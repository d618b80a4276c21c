import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiTokenList, CreateTokenBody, CreatedApiToken, IdParams } from '@moneta/schema';
import { z } from 'zod';
import { badRequest, notFound } from '../../errors.js';
import { currentUser, passwordChangedMeanwhile } from '../../plugins/auth.js';
import { problemResponses } from '../../lib/responses.js';

/** `mnt_` and 256 random bits: recognisable in logs and secret scanners, unguessable. */
function newTokenSecret(): string {
  return `mnt_${randomBytes(32).toString('base64url')}`;
}

/** Creates a token for the user; an expiry given as a date means the start of that day, UTC. */
export async function issueToken(
  app: FastifyInstance,
  owner: { userId: number; credentialVersion: number },
  input: { name: string; expiresAt?: string | undefined },
): Promise<CreatedApiToken> {
  const now = app.now();
  let expiresAt: string | null = null;
  if (input.expiresAt !== undefined) {
    const instant = new Date(
      input.expiresAt.length === 10 ? `${input.expiresAt}T00:00:00Z` : input.expiresAt,
    );
    if (instant.getTime() <= now.getTime()) throw badRequest('expiresAt', 'must be in the future');
    expiresAt = instant.toISOString();
  }
  const token = newTokenSecret();
  const created = await app.repos.tokens.create({
    ...owner,
    name: input.name,
    token,
    now: now.toISOString(),
    expiresAt,
  });
  if (!created) throw passwordChangedMeanwhile();
  return { ...created, token };
}

export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tokens',
    {
      schema: {
        operationId: 'listTokens',
        summary: 'List personal access tokens',
        response: { 200: ApiTokenList, ...problemResponses },
      },
    },
    async (request) => ({
      items: await app.repos.tokens.list(currentUser(request).userId),
    }),
  );

  app.post(
    '/tokens',
    {
      // The answer holds a new secret: never compressed, so its length tells nothing (BREACH).
      compress: false,
      schema: {
        operationId: 'createToken',
        summary: 'Create a personal access token; its secret is shown only in this answer',
        body: CreateTokenBody,
        response: { 201: CreatedApiToken, ...problemResponses },
      },
    },
    async (request, reply) => {
      const created = await issueToken(app, currentUser(request), request.body);
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        operationId: 'deleteToken',
        summary: 'Revoke a personal access token',
        params: IdParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      if (!(await app.repos.tokens.delete(currentUser(request).userId, request.params.id))) {
        throw notFound('Token');
      }
      return reply.code(204).send(null);
    },
  );
};
