import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Id, type ErrorCode, type Role, type Site } from '../../shared/index.ts';
import { resumeSession, SESSION_COOKIE } from '../auth/session-cookie.ts';
import type { AppContext } from '../context.ts';

const SiteIdParams = z.object({ siteId: Id });

export type SiteAccess =
  | { ok: true; site: Site; operatorId: string; role: Role }
  | { ok: false; status: 401 | 403 | 404; code: ErrorCode };

/**
 * Who may use a `/api/v1/sites/:siteId/…` route: 401 without a valid session; 404 when the site does not
 * exist or the operator does not belong to it (a site of others does not exist for them); 403 when the
 * route needs an owner and they are an operator there.
 */
export async function accessSite(ctx: AppContext, request: FastifyRequest, need: Role): Promise<SiteAccess> {
  const { store, clock, config } = ctx;
  const session = await resumeSession(store, clock, config.sessionTtlMs, request.cookies[SESSION_COOKIE]);
  if (!session) return { ok: false, status: 401, code: 'unauthorized' };
  const params = SiteIdParams.safeParse(request.params);
  const site = params.success ? await store.getSiteById(params.data.siteId) : undefined;
  const role = site ? await store.getOperatorRole(session.operatorId, site.id) : undefined;
  if (!site || !role) return { ok: false, status: 404, code: 'not_found' };
  if (need === 'owner' && role !== 'owner') return { ok: false, status: 403, code: 'forbidden' };
  return { ok: true, site, operatorId: session.operatorId, role };
}
