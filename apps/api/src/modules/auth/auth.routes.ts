import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LoginBody, RegisterBody, User } from '@moneta/schema';
import { z } from 'zod';
import { AppError, conflict } from '../../errors.js';
import { isUniqueViolation } from '../../db/sqlite-errors.js';
import { currentUser } from '../../plugins/auth.js';
import { problemResponses } from '../../lib/responses.js';
import { FailureThrottle } from './failure-throttle.js';
import { hashPassword, verifyPassword } from './passwords.js';

const toUser = (row: { id: number; username: string; currency: string; createdAt: string }): User => ({
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
  const now = () => app.now().getTime();
  // Per account and client: 10 free failures, then one a minute (at most 70 in the first hour).
  const perClient = new FailureThrottle(10, 60_000, now);
  // Per account from anywhere: caps a distributed guess at about 1,000 an hour.
  const perAccount = new FailureThrottle(200, 3_600, now);
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
        throw conflict('That username is taken.', [{ path: 'username', message: 'is already taken' }]);
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
          throw conflict('That username is taken.', [{ path: 'username', message: 'is already taken' }]);
        }
        throw error;
      }
      await app.startSession(reply, user.id);
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
      const clientKey = `${username}\u0000${request.ip}`;
      const wait = Math.max(perClient.retryAfterSeconds(clientKey), perAccount.retryAfterSeconds(username));
      if (wait > 0) {
        throw new AppError(429, 'Too many failed logins. Try again later.', undefined, {
          'retry-after': String(wait),
        });
      }
      const user = app.repos.users.findByUsername(username);
      if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
        perClient.fail(clientKey);
        perAccount.fail(username);
        throw new AppError(401, 'Invalid username or password.');
      }
      perClient.reset(clientKey);
      await app.startSession(reply, user.id);
      return toUser(user);
    },
  );
};

/** Logout and me: routes of the protected scope. */
export const sessionAuthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/logout',
    { schema: { response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      app.endSession(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get('/auth/me', { schema: { response: { 200: User, ...problemResponses } } }, async (request) => {
    const auth = currentUser(request);
    return toUser({ id: auth.userId, username: auth.username, currency: auth.currency, createdAt: auth.createdAt });
  });
};
