import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChangePasswordBody,
  CreatedApiToken,
  DeleteAccountBody,
  HeadlessTokenBody,
  LoginBody,
  RegisterBody,
  User,
} from '@moneta/schema';
import { z } from 'zod';
import { badRequest, conflict } from '../../errors.js';
import { isUniqueViolation } from '../../db/sqlite-errors.js';
import { currentUser } from '../../plugins/auth.js';
import { problemResponses } from '../../lib/responses.js';
import { hashPassword } from './passwords.js';
import { issueToken } from '../tokens/tokens.routes.js';

const toUser = (row: {
  id: number;
  username: string;
  currency: string;
  createdAt: string;
}): User => ({
  id: row.id,
  username: row.username,
  currency: row.currency,
  createdAt: row.createdAt,
});

export interface PublicAuthOptions {
  /** Requests per minute and IP to register and login, checked before any hashing. */
  rateLimitPerMinute: number;
}

/** Register and login: the routes that need no session. */
export const publicAuthRoutes: FastifyPluginAsyncZod<PublicAuthOptions> = async (app, options) => {
  const rateLimit = { max: options.rateLimitPerMinute, timeWindow: 60_000 };

  app.post(
    '/auth/register',
    {
      config: { rateLimit },
      schema: { body: RegisterBody, response: { 201: User, ...problemResponses } },
    },
    async (request, reply) => {
      const { username, password, currency = 'USD' } = request.body;
      if (app.repos.users.findByUsername(username)) {
        throw conflict('That username is taken.', [
          { path: 'username', message: 'is already taken' },
        ]);
      }
      const passwordHash = await hashPassword(password);
      let user;
      try {
        user = app.repos.users.create({
          username,
          passwordHash,
          currency,
          now: app.now().toISOString(),
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw conflict('That username is taken.', [
            { path: 'username', message: 'is already taken' },
          ]);
        }
        throw error;
      }
      await app.startSession(reply, user.id, user.credentialVersion);
      return reply.code(201).send(toUser(user));
    },
  );

  app.post(
    '/auth/login',
    {
      config: { rateLimit },
      schema: { body: LoginBody, response: { 200: User, ...problemResponses } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const user = await app.credentials.verify(username, password, request.ip);
      await app.startSession(reply, user.id, user.credentialVersion);
      return toUser(user);
    },
  );

  app.post(
    '/auth/token',
    {
      config: { rateLimit },
      // The answer holds a new secret: never compressed, so its length tells nothing (BREACH).
      compress: false,
      schema: { body: HeadlessTokenBody, response: { 201: CreatedApiToken, ...problemResponses } },
    },
    async (request, reply) => {
      const { username, password, name, expiresAt } = request.body;
      const user = await app.credentials.verify(username, password, request.ip);
      const created = issueToken(
        app,
        { userId: user.id, credentialVersion: user.credentialVersion },
        { name, expiresAt },
      );
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );
};

/** Logout, me and account care: routes of the protected scope. */
export const sessionAuthRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Re-checks the signed-in user's password on the login throttle; a wrong one names `field`. */
  const confirmPassword = (username: string, password: string, ip: string, field: string) =>
    app.credentials.verify(username, password, ip, () =>
      badRequest(field, 'is not your current password'),
    );

  app.post(
    '/auth/password',
    {
      // The body holds passwords: never fingerprinted or kept under an Idempotency-Key.
      config: { idempotency: false },
      schema: { body: ChangePasswordBody, response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      const auth = currentUser(request);
      const user = await confirmPassword(
        auth.username,
        request.body.currentPassword,
        request.ip,
        'currentPassword',
      );
      const passwordHash = await hashPassword(request.body.newPassword);
      // Every other session and every token ends; the cookie session that made the change stays.
      const changed = app.repos.users.changePassword(auth.userId, passwordHash, {
        keepSessionId: auth.sessionId ?? undefined,
        expectedVersion: user.credentialVersion,
      });
      if (!changed) {
        throw conflict('The password was changed by another request meanwhile; nothing changed.');
      }
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/auth/account',
    { schema: { body: DeleteAccountBody, response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      const auth = currentUser(request);
      await confirmPassword(auth.username, request.body.password, request.ip, 'password');
      app.repos.users.delete(auth.userId);
      app.endSession(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      app.endSession(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { schema: { response: { 200: User, ...problemResponses } } },
    async (request) => {
      const auth = currentUser(request);
      return toUser({
        id: auth.userId,
        username: auth.username,
        currency: auth.currency,
        createdAt: auth.createdAt,
      });
    },
  );
};
