import type { FastifyInstance } from 'fastify';
import type { IdentitySecretCreated, IdentitySecretStatus } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import { createIdentitySecret } from '../identity/index.ts';
import { sendError } from './send-error.ts';
import { accessSite } from './site-access.ts';

/**
 * A site's identity-verification secret (docs/identity.md), for its owners:
 * - `GET /api/v1/sites/:siteId/identity-secret` — whether one exists and when it was made, never the secret;
 * - `POST /api/v1/sites/:siteId/identity-secret` — makes a new one and shows it once; the previous one stops
 *   verifying at once (the next handshake, identify or message of a visitor signed with it is checked anew).
 */
export async function identityRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, clock } = ctx;

  app.get('/api/v1/sites/:siteId/identity-secret', async (request, reply) => {
    const access = await accessSite(ctx, request, 'owner');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const stored = await store.getIdentitySecret(access.site.id);
    const status: IdentitySecretStatus = { exists: stored !== undefined, createdAt: stored?.createdAt ?? null };
    return reply.header('Cache-Control', 'no-store').send(status);
  });

  app.post('/api/v1/sites/:siteId/identity-secret', async (request, reply) => {
    const access = await accessSite(ctx, request, 'owner');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const stored = await store.setIdentitySecret({ siteId: access.site.id, secret: createIdentitySecret(), now: clock.now().toISOString() });
    request.log.info({ siteId: access.site.id, operatorId: access.operatorId }, 'identity secret rotated');
    const created: IdentitySecretCreated = { secret: stored.secret, createdAt: stored.createdAt };
    // Shown once: no cache may keep it.
    return reply.code(201).header('Cache-Control', 'no-store').send(created);
  });
}
