import { randomBytes } from 'node:crypto';
import { runtimeTimeZone } from '@moneta/schema';
import fp from 'fastify-plugin';
import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, unauthorized } from '../errors.js';
import { CredentialChecker } from '../modules/auth/credentials.js';

export const SESSION_COOKIE = 'moneta_session';

export interface AuthContext {
  userId: number;
  username: string;
  currency: string;
  createdAt: string;
  /** The IANA zone whose date is this user's "today" (theirs, else the server's). */
  timeZone: string;
  /** The password change count the session or token was issued against. */
  credentialVersion: number;
  /** The cookie session of the request, or null for a personal access token. */
  sessionId: string | null;
  tokenId: number | null;
}

interface SessionClaims {
  sid: string;
  sub: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /** onRequest hook of the protected scope: a valid bearer token or session, else 401. */
    authenticate(request: FastifyRequest): Promise<void>;
    /**
     * Starts a cookie session tied to the credential version a password check read; 401 when
     * the password changed since.
     */
    startSession(reply: FastifyReply, userId: number, credentialVersion: number): Promise<void>;
    endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** Throttled password checks shared by every route that takes a password. */
    credentials: CredentialChecker;
  }
}

export interface AuthOptions {
  secret: string;
  ttlHours: number;
}

/** The signed-in user as a token or session lookup found them. */
function authContext(
  found: {
    userId: number;
    username: string;
    currency: string;
    createdAt: string;
    timeZone: string | null;
    credentialVersion: number;
  },
  credential: Pick<AuthContext, 'sessionId' | 'tokenId'>,
): AuthContext {
  return {
    userId: found.userId,
    username: found.username,
    currency: found.currency,
    createdAt: found.createdAt,
    timeZone: found.timeZone ?? runtimeTimeZone(),
    credentialVersion: found.credentialVersion,
    ...credential,
  };
}

/** A login or token request whose password check was overtaken by a password change. */
export const passwordChangedMeanwhile = () =>
  new AppError(401, 'The password was changed while signing in. Sign in with the new password.');

/** The signed-in user of a protected route. */
export function currentUser(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

export default fp<AuthOptions>(
  async (app, options) => {
    const ttlSeconds = options.ttlHours * 3600;
    await app.register(fastifyCookie);
    await app.register(fastifyJwt, {
      secret: options.secret,
      // Pinned: a token signed with any other algorithm, or none, is refused.
      sign: { algorithm: 'HS256', expiresIn: `${options.ttlHours}h` },
      verify: { algorithms: ['HS256'] },
    });
    app.decorateRequest('auth', null);
    app.decorate('credentials', new CredentialChecker(app.repos.users, () => app.now().getTime()));

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const authorization = request.headers.authorization;
      if (authorization !== undefined) {
        const bearer = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(authorization)?.[1];
        if (!bearer) throw unauthorized();
        const now = app.now().toISOString();
        const found = await app.repos.tokens.findActive(bearer, now);
        if (!found) throw unauthorized();
        // Record use at most once a minute, so a script's reads stay reads.
        if (!found.lastUsedAt || Date.parse(now) - Date.parse(found.lastUsedAt) > 60_000) {
          await app.repos.tokens.touch(found.tokenId, now);
        }
        request.auth = authContext(found, { sessionId: null, tokenId: found.tokenId });
        return;
      }
      const token = request.cookies[SESSION_COOKIE];
      if (!token) throw unauthorized();
      let claims: SessionClaims;
      try {
        claims = app.jwt.verify<SessionClaims>(token);
      } catch {
        throw unauthorized();
      }
      if (typeof claims.sid !== 'string') throw unauthorized();
      const session = await app.repos.sessions.findActive(claims.sid, app.now().toISOString());
      if (!session || String(session.userId) !== claims.sub) throw unauthorized();
      request.auth = authContext(session, { sessionId: session.sessionId, tokenId: null });
    });

    let lastPrune = 0;
    app.decorate(
      'startSession',
      async (reply: FastifyReply, userId: number, credentialVersion: number) => {
        const now = app.now();
        // Expired sessions are pruned now and then, so the table does not only grow.
        if (now.getTime() - lastPrune > 3_600_000) {
          lastPrune = now.getTime();
          await app.repos.sessions.deleteExpired(now.toISOString());
        }
        const sessionId = randomBytes(16).toString('base64url');
        const created = await app.repos.sessions.create({
          id: sessionId,
          userId,
          credentialVersion,
          now: now.toISOString(),
          expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
        });
        if (!created) throw passwordChangedMeanwhile();
        const token = await reply.jwtSign({ sid: sessionId }, { sub: String(userId) });
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: 'auto',
          maxAge: ttlSeconds,
        });
      },
    );

    app.decorate('endSession', async (request: FastifyRequest, reply: FastifyReply) => {
      // Logging out with a token revokes that token; with a cookie, that session.
      const auth = request.auth;
      if (auth?.sessionId) await app.repos.sessions.delete(auth.sessionId);
      if (auth?.tokenId) await app.repos.tokens.delete(auth.userId, auth.tokenId);
      reply.clearCookie(SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
      });
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
