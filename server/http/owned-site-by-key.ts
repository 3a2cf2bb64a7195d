import type { FastifyRequest } from 'fastify';
import type { ErrorCode, Site } from '../../shared/index.ts';
import { resumeSession, SESSION_COOKIE } from '../auth/session-cookie.ts';
import type { AppContext } from '../context.ts';

export type OwnedSite = { ok: true; site: Site } | { ok: false; status: 401 | 403 | 404; code: ErrorCode };

/**
 * The site with this key when the request's session belongs to one of its owners (cookie only; no API token).
 * 401 without a session; 404 when the site does not exist or the operator is not a member (a site of others
 * does not exist for them); `notOwner` decides what an operator who is a member but not an owner gets.
 */
export async function ownedSiteByKey(
  ctx: AppContext,
  request: FastifyRequest,
  siteKey: string,
  notOwner: 403 | 404 = 403,
): Promise<OwnedSite> {
  const { store, clock, config } = ctx;
  const session = await resumeSession(store, clock, config.sessionTtlMs, request.cookies[SESSION_COOKIE]);
  if (!session) return { ok: false, status: 401, code: 'unauthorized' };
  const site = await store.getSiteByKey(siteKey);
  const role = site ? await store.getOperatorRole(session.operatorId, site.id) : undefined;
  if (!site || !role) return { ok: false, status: 404, code: 'not_found' };
  if (role !== 'owner') return notOwner === 404 ? { ok: false, status: 404, code: 'not_found' } : { ok: false, status: 403, code: 'forbidden' };
  return { ok: true, site };
}
