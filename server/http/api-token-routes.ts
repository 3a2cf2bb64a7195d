import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CreateApiTokenRequest, Id } from '../../shared/index.ts';
import { createApiToken } from '../auth/api-tokens.ts';
import { hashToken } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { payloadError } from '../errors.ts';
import { StoreNotFoundError } from '../storage/index.ts';
import { sendError } from './send-error.ts';
import { accessSite } from './site-access.ts';

const TokenParams = z.object({ tokenId: Id });

/**
 * A site's API tokens, managed by its owners with their session (never with a token):
 * - `GET /api/v1/sites/:siteId/api-tokens` — the tokens by name and date, never the secrets;
 * - `POST /api/v1/sites/:siteId/api-tokens` `{ name }` — a new token, returned in clear this once (201);
 * - `DELETE /api/v1/sites/:siteId/api-tokens/:tokenId` — revokes it at once (204).
 * A token authenticates `GET`/`PUT /api/v1/sites/:siteKey/settings` of its own site and nothing else.
 */
export async function apiTokenRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, clock } = ctx;

  app.get('/api/v1/sites/:siteId/api-tokens', async (request, reply) => {
    const access = await accessSite(ctx, request, 'owner');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    return reply.send({ tokens: await store.listApiTokens(access.site.id) });
  });

  app.post('/api/v1/sites/:siteId/api-tokens', async (request, reply) => {
    const access = await accessSite(ctx, request, 'owner');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const parsed = CreateApiTokenRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, payloadError(parsed.error));
    const token = createApiToken();
    const created = await store.createApiToken({
      siteId: access.site.id,
      name: parsed.data.name,
      tokenHash: hashToken(token),
      now: clock.now().toISOString(),
    });
    return reply.code(201).send({ ...created, token });
  });

  app.delete('/api/v1/sites/:siteId/api-tokens/:tokenId', async (request, reply) => {
    const access = await accessSite(ctx, request, 'owner');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const params = TokenParams.safeParse(request.params);
    if (!params.success) return sendError(reply, 404, { code: 'not_found' });
    try {
      await store.deleteApiToken({ id: params.data.tokenId, siteId: access.site.id });
    } catch (err) {
      if (err instanceof StoreNotFoundError) return sendError(reply, 404, { code: 'not_found' });
      throw err;
    }
    return reply.code(204).send();
  });
}
