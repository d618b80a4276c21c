import { randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';
import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { unauthorized } from '../errors.js';

export const SESSION_COOKIE = 'moneta_session';

export interface AuthContext {
  userId: number;
  username: string;
  currency: string;
  createdAt: string;
  sessionId: string;
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
    /** onRequest hook of the protected scope: a valid, unrevoked session or 401. */
    authenticate(request: FastifyRequest): Promise<void>;
    startSession(reply: FastifyReply, userId: number): Promise<void>;
    endSession(request: FastifyRequest, reply: FastifyReply): void;
  }
}

export interface AuthOptions {
  secret: string;
  ttlHours: number;
}

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

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) throw unauthorized();
      let claims: SessionClaims;
      try {
        claims = app.jwt.verify<SessionClaims>(token);
      } catch {
        throw unauthorized();
      }
      if (typeof claims.sid !== 'string') throw unauthorized();
      const session = app.repos.sessions.findActive(claims.sid, app.now().toISOString());
      if (!session || String(session.userId) !== claims.sub) throw unauthorized();
      request.auth = { ...session };
    });

    app.decorate('startSession', async (reply: FastifyReply, userId: number) => {
      const now = app.now();
      const sessionId = randomBytes(16).toString('base64url');
      app.repos.sessions.create({
        id: sessionId,
        userId,
        now: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
      });
      const token = await reply.jwtSign({ sid: sessionId }, { sub: String(userId) });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
        maxAge: ttlSeconds,
      });
    });

    app.decorate('endSession', (request: FastifyRequest, reply: FastifyReply) => {
      if (request.auth) app.repos.sessions.delete(request.auth.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' });
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
