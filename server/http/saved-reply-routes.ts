import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id, SavedReplyInput } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import { payloadError } from '../errors.ts';
import { StoreConflictError, StoreNotFoundError } from '../storage/index.ts';
import { sendError } from './send-error.ts';
import { accessSite } from './site-access.ts';

const ReplyParams = z.object({ replyId: Id });

/** The one place these routes turn the store's refusals into answers. */
function storeRefusal(err: unknown): { status: 404 | 409; code: 'not_found' | 'shortcut_taken' } {
  if (err instanceof StoreConflictError) return { status: 409, code: 'shortcut_taken' };
  if (err instanceof StoreNotFoundError) return { status: 404, code: 'not_found' };
  throw err;
}

/**
 * A site's saved replies, shared by its whole team (any member may read and change them):
 * `GET` / `POST /api/v1/sites/:siteId/saved-replies`, `PUT` / `DELETE …/saved-replies/:replyId`.
 */
export async function savedReplyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, clock } = ctx;

  app.get('/api/v1/sites/:siteId/saved-replies', async (request, reply) => {
    const access = await accessSite(ctx, request, 'operator');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    return reply.send({ replies: await store.listSavedReplies(access.site.id) });
  });

  app.post('/api/v1/sites/:siteId/saved-replies', async (request, reply) => {
    const access = await accessSite(ctx, request, 'operator');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const parsed = SavedReplyInput.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, payloadError(parsed.error));
    try {
      const saved = await store.createSavedReply({ siteId: access.site.id, ...parsed.data, now: clock.now().toISOString() });
      return reply.code(201).send({ reply: saved });
    } catch (err) {
      const refusal = storeRefusal(err);
      return sendError(reply, refusal.status, { code: refusal.code });
    }
  });

  app.put('/api/v1/sites/:siteId/saved-replies/:replyId', async (request, reply) => {
    const access = await accessSite(ctx, request, 'operator');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const params = ReplyParams.safeParse(request.params);
    if (!params.success) return sendError(reply, 404, { code: 'not_found' });
    const parsed = SavedReplyInput.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, payloadError(parsed.error));
    try {
      const saved = await store.updateSavedReply({
        id: params.data.replyId,
        siteId: access.site.id,
        ...parsed.data,
        now: clock.now().toISOString(),
      });
      return reply.send({ reply: saved });
    } catch (err) {
      const refusal = storeRefusal(err);
      return sendError(reply, refusal.status, { code: refusal.code });
    }
  });

  app.delete('/api/v1/sites/:siteId/saved-replies/:replyId', async (request, reply) => {
    const access = await accessSite(ctx, request, 'operator');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const params = ReplyParams.safeParse(request.params);
    if (!params.success) return sendError(reply, 404, { code: 'not_found' });
    try {
      await store.deleteSavedReply({ id: params.data.replyId, siteId: access.site.id });
      return reply.code(204).send();
    } catch (err) {
      const refusal = storeRefusal(err);
      return sendError(reply, refusal.status, { code: refusal.code });
    }
  });
}
