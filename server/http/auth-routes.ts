import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LoginRequest, type SessionInfo } from '../../shared/index.ts';
import { UNMATCHABLE_HASH, verifyPassword } from '../auth/password.ts';
import { resumeSession, SESSION_COOKIE } from '../auth/session-cookie.ts';
import { createToken, hashToken } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { payloadError } from '../errors.ts';
import { rooms } from '../realtime/rooms.ts';
import { sendError } from './send-error.ts';

/** Sign-in attempts per address and minute: enough for a small office behind one address, too few to guess. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 20;

/**
 * Operator sign-in and sign-out: `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`,
 * `GET /api/v1/auth/me`. The session is an httpOnly, SameSite=Lax cookie holding a random token; only its
 * hash is stored.
 */
export async function authRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, clock, config } = ctx;
  const secure = config.publicUrl.startsWith('https://');

  const sessionInfo = async (operatorId: string): Promise<SessionInfo | undefined> => {
    const operator = await store.getOperatorById(operatorId);
    if (!operator || operator.removedAt !== null) return undefined;
    const sites = await store.listSitesOfOperator(operator.id);
    return { operator: { id: operator.id, email: operator.email, name: operator.name }, sites };
  };

  const clearCookie = (reply: FastifyReply) =>
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });

  app.post(
    '/api/v1/auth/login',
    { config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const parsed = LoginRequest.safeParse(request.body);
      if (!parsed.success) return sendError(reply, 400, payloadError(parsed.error));
      const operator = await store.getOperatorByEmail(parsed.data.email.toLowerCase());
      // Hash even for an unknown e-mail, so response time does not tell which addresses have accounts. A
      // removed operator gets the same answer as a wrong password: the page does not tell who was removed.
      const valid = await verifyPassword(parsed.data.password, operator?.passwordHash ?? UNMATCHABLE_HASH);
      if (!operator || !valid || operator.removedAt !== null) return sendError(reply, 401, { code: 'invalid_credentials' });
      const token = createToken();
      const now = clock.now();
      await store.createSession({
        tokenHash: hashToken(token),
        operatorId: operator.id,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + config.sessionTtlMs).toISOString(),
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: Math.floor(config.sessionTtlMs / 1000),
      });
      return reply.code(200).send(await sessionInfo(operator.id));
    },
  );

  const currentSession = (request: FastifyRequest) =>
    resumeSession(store, clock, config.sessionTtlMs, request.cookies[SESSION_COOKIE]);

  app.get('/api/v1/auth/me', async (request, reply) => {
    const session = await currentSession(request);
    const info = session ? await sessionInfo(session.operatorId) : undefined;
    if (!info) {
      clearCookie(reply);
      return sendError(reply, 401, { code: 'unauthorized' });
    }
    return reply.code(200).send(info);
  });

  app.post('/api/v1/auth/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const tokenHash = hashToken(token);
      await store.deleteSession(tokenHash);
      // Sockets opened with this session stop working at once, not at their next reconnect.
      app.operators.in(rooms.session(tokenHash)).disconnectSockets(true);
    }
    clearCookie(reply);
    return reply.code(204).send();
  });
}
