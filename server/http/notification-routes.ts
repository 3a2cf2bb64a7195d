import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotificationSettingRequest } from '../../shared/index.ts';
import { resumeSession, SESSION_COOKIE } from '../auth/session-cookie.ts';
import type { AppContext } from '../context.ts';
import { payloadError } from '../errors.ts';
import { sendError } from './send-error.ts';

/**
 * The signed-in operator's choice of mail about new visitor messages (docs/mail.md):
 * - `GET /api/v1/me/notifications` — `{ mode }`, null while they have not chosen (their role's default applies);
 * - `PUT /api/v1/me/notifications` — `{ mode: 'off' | 'each' | 'digest' }`, answered with the stored choice.
 * Each operator sets their own only; there is no route to set someone else's.
 */
export async function notificationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, clock, config } = ctx;
  const operatorOf = async (request: FastifyRequest) =>
    (await resumeSession(store, clock, config.sessionTtlMs, request.cookies[SESSION_COOKIE]))?.operatorId;

  app.get('/api/v1/me/notifications', async (request, reply) => {
    const operatorId = await operatorOf(request);
    if (operatorId === undefined) return sendError(reply, 401, { code: 'unauthorized' });
    return reply.send({ mode: await store.getNotificationMode(operatorId) });
  });

  app.put('/api/v1/me/notifications', async (request, reply) => {
    const operatorId = await operatorOf(request);
    if (operatorId === undefined) return sendError(reply, 401, { code: 'unauthorized' });
    const parsed = NotificationSettingRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, payloadError(parsed.error));
    await store.setNotificationMode({ operatorId, mode: parsed.data.mode });
    return reply.send({ mode: parsed.data.mode });
  });
}
