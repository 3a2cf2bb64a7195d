import type { FastifyInstance } from 'fastify';
import { CreateSiteRequest, DEFAULT_SITE_SETTINGS, RenameSiteRequest, type SiteMembership, type SiteSettings } from '../../shared/index.ts';
import { resumeSession, SESSION_COOKIE } from '../auth/session-cookie.ts';
import { createSiteKey } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { payloadError } from '../errors.ts';
import { rooms } from '../realtime/rooms.ts';
import { StoreConflictError } from '../storage/index.ts';
import { sendError } from './send-error.ts';
import { accessSite } from './site-access.ts';

/** New sites per address and minute: plenty for a person, too few to fill the database by script. */
export const SITES_CREATED_PER_MINUTE = 20;

/**
 * Sites themselves:
 * - `POST /api/v1/sites` `{ name }`: any signed-in operator makes a new site and becomes its owner (201 with the
 *   site). It gets a random key and the default settings, with the creator's name as the team name visitors see.
 * - `PUT /api/v1/sites/:siteId` `{ name }`: its owners rename it (the key never changes: it is in script tags).
 * Cross-site pages are refused by app.ts's CSRF hook like every other state-changing request.
 */
export async function siteAdminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, clock, config } = ctx;

  app.post('/api/v1/sites', { config: { rateLimit: { max: SITES_CREATED_PER_MINUTE, timeWindow: '1 minute' } } }, async (request, reply) => {
    const session = await resumeSession(store, clock, config.sessionTtlMs, request.cookies[SESSION_COOKIE]);
    const operator = session ? await store.getOperatorById(session.operatorId) : undefined;
    if (!operator || operator.removedAt !== null) return sendError(reply, 401, { code: 'unauthorized' });
    const parsed = CreateSiteRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, payloadError(parsed.error));
    const settings: SiteSettings = { ...DEFAULT_SITE_SETTINGS, teamName: operator.name };
    // 128 random bits do not collide in practice; a retry keeps even that case from reaching the owner.
    for (let attempt = 1; ; attempt += 1) {
      try {
        const site = await store.createSite({ key: createSiteKey(), name: parsed.data.name, ownerId: operator.id, settings, now: clock.now().toISOString() });
        request.log.info({ siteId: site.id, operatorId: operator.id }, 'site created');
        // Their open consoles hear about the new site's conversations without reconnecting.
        app.operators.in(rooms.operator(operator.id)).socketsJoin(rooms.site(site.id));
        const created: SiteMembership = { ...site, role: 'owner' };
        return reply.code(201).send({ site: created });
      } catch (error) {
        if (!(error instanceof StoreConflictError) || attempt >= 3) throw error;
      }
    }
  });

  app.put('/api/v1/sites/:siteId', async (request, reply) => {
    const access = await accessSite(ctx, request, 'owner');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const parsed = RenameSiteRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, payloadError(parsed.error));
    const site = await store.renameSite({ id: access.site.id, name: parsed.data.name });
    const renamed: SiteMembership = { ...site, role: access.role };
    return reply.send({ site: renamed });
  });
}
