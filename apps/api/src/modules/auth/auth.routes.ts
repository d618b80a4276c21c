import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChangePasswordBody,
  CreatedApiToken,
  DeleteAccountBody,
  HeadlessTokenBody,
  LoginBody,
  RegisterBody,
  RegistrationInfo,
  UpdateMeBody,
  User,
  runtimeTimeZone,
} from '@moneta/schema';
import { z } from 'zod';
import { AppError, badRequest, conflict, unauthorized } from '../../errors.js';
import {
  RegistrationRefusedError,
  registrationRule,
  type RegistrationMode,
} from './invites.repository.js';
import { isUniqueViolation } from '../../db/sqlite-errors.js';
import { currentUser } from '../../plugins/auth.js';
import { problemResponses, throttledResponses } from '../../lib/responses.js';
import { hashPassword } from './passwords.js';
import { issueToken } from '../tokens/tokens.routes.js';

const toUser = (row: {
  id: number;
  username: string;
  currency: string;
  timeZone: string | null;
  createdAt: string;
}): User => ({
  id: row.id,
  username: row.username,
  currency: row.currency,
  timeZone: row.timeZone ?? runtimeTimeZone(),
  createdAt: row.createdAt,
});

export interface PublicAuthOptions {
  /** Requests per minute and IP to register and login, checked before any hashing. */
  rateLimitPerMinute: number;
  registration: RegistrationMode;
}

const REFUSALS: Record<RegistrationRefusedError['reason'], { detail: string; field: string }> = {
  closed: {
    detail: 'Registration is closed on this server. Ask its owner to create your account.',
    field: 'registration is closed',
  },
  'invite-required': {
    detail: 'Registration on this server is by invitation: an invite code is required.',
    field: 'is required',
  },
  'invite-invalid': {
    detail: 'That invite code is not valid: it may have been used or have expired.',
    field: 'is not valid, used or expired',
  },
};

function refused(reason: RegistrationRefusedError['reason']): AppError {
  const { detail, field } = REFUSALS[reason];
  return new AppError(403, detail, [{ path: 'inviteCode', message: field }]);
}

/** Register and login: the routes that need no session. */
export const publicAuthRoutes: FastifyPluginAsyncZod<PublicAuthOptions> = async (app, options) => {
  const rateLimit = { max: options.rateLimitPerMinute, timeWindow: 60_000 };

  app.get(
    '/auth/registration',
    {
      schema: {
        operationId: 'getRegistration',
        summary: 'Who may register on this server: open, by invitation or closed',
        response: { 200: RegistrationInfo, ...problemResponses },
      },
    },
    async () => ({
      mode: options.registration,
      firstAccount: !(await app.repos.users.any()),
    }),
  );

  app.post(
    '/auth/register',
    {
      config: { rateLimit },
      schema: {
        operationId: 'register',
        summary: 'Create an account and sign in',
        body: RegisterBody,
        response: { 201: User, ...throttledResponses, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { username, password, currency = 'USD', inviteCode, timeZone } = request.body;
      // Refused before anything else, so a visitor without a valid invite learns nothing about
      // which usernames exist. The transaction that creates the account checks again.
      const rule = registrationRule(options.registration, inviteCode, await app.repos.users.any());
      if (rule.decided === 'refused') throw refused(rule.reason);
      if (
        rule.decided === 'by-code' &&
        !(await app.repos.invites.isUsable(rule.inviteCode, app.now().toISOString()))
      )
        throw refused('invite-invalid');
      if (await app.repos.users.findByUsername(username)) {
        throw conflict('That username is taken.', [
          { path: 'username', message: 'is already taken' },
        ]);
      }
      const passwordHash = await hashPassword(password);
      let user;
      try {
        user = await app.repos.users.create({
          username,
          passwordHash,
          currency,
          timeZone,
          now: app.now().toISOString(),
          registration: { mode: options.registration, inviteCode },
        });
      } catch (error) {
        if (error instanceof RegistrationRefusedError) throw refused(error.reason);
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
      schema: {
        operationId: 'login',
        summary: 'Sign in with a username and password (sets the session cookie)',
        body: LoginBody,
        response: { 200: User, ...throttledResponses, ...problemResponses },
      },
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
      schema: {
        operationId: 'createTokenWithPassword',
        summary: 'Create a personal access token with a username and password, for a first script',
        body: HeadlessTokenBody,
        response: { 201: CreatedApiToken, ...throttledResponses, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { username, password, name, expiresAt } = request.body;
      const user = await app.credentials.verify(username, password, request.ip);
      const created = await issueToken(
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
    app.credentials.verify(username, password, ip, () => badRequest(field, 'is wrong'));

  app.post(
    '/auth/password',
    {
      // The body holds passwords: never fingerprinted or kept under an Idempotency-Key.
      config: { idempotency: false },
      schema: {
        operationId: 'changePassword',
        summary: 'Change the password; every other session and every token ends',
        body: ChangePasswordBody,
        response: { 204: z.null(), ...throttledResponses, ...problemResponses },
      },
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
      const changed = await app.repos.users.changePassword(auth.userId, passwordHash, {
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
    {
      schema: {
        operationId: 'deleteAccount',
        summary: 'Delete the account and all of its data',
        body: DeleteAccountBody,
        response: { 204: z.null(), ...throttledResponses, ...problemResponses },
      },
    },
    async (request, reply) => {
      const auth = currentUser(request);
      await confirmPassword(auth.username, request.body.password, request.ip, 'password');
      await app.repos.users.delete(auth.userId);
      await app.endSession(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        operationId: 'logout',
        summary: 'Sign out: the session, or the bearer token used, stops working',
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await app.endSession(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        operationId: 'getCurrentUser',
        summary: 'Get the signed-in user',
        response: { 200: User, ...problemResponses },
      },
    },
    async (request) => {
      const auth = currentUser(request);
      return toUser({
        id: auth.userId,
        username: auth.username,
        currency: auth.currency,
        timeZone: auth.timeZone,
        createdAt: auth.createdAt,
      });
    },
  );

  app.patch(
    '/auth/me',
    {
      schema: {
        operationId: 'updateCurrentUser',
        summary: "Change the signed-in user's settings (time zone, reporting currency)",
        body: UpdateMeBody,
        response: { 200: User, ...problemResponses },
      },
    },
    async (request) => {
      const auth = currentUser(request);
      const updated = await app.repos.users.updateSettings(auth.userId, {
        timeZone: request.body.timeZone,
        currency: request.body.currency,
      });
      if (!updated) throw unauthorized();
      return toUser(updated);
    },
  );
};
