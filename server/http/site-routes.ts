import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LANGUAGES, SiteSettings } from '../../shared/index.ts';
import { describeIssues } from '../../shared/schedule/index.ts';
import { isOriginAllowed } from '../auth/allowed-origin.ts';
import { bearerToken } from '../auth/api-tokens.ts';
import { resumeSession, SESSION_COOKIE } from '../auth/session-cookie.ts';
import { hashToken } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { sendError } from './send-error.ts';

const SiteParams = z.object({ siteKey: z.string().min(1).max(64) });
const FaqQuery = z.object({ lang: z.enum(LANGUAGES).optional() });
const AvailabilityQuery = z.object({ at: z.iso.datetime({ offset: true, error: 'at must be an ISO-8601 instant, e.g. 2026-12-24T09:30:00Z.' }).optional() });

/**
 * Per-site routes:
 * - `GET /api/v1/sites/:siteKey/availability?at=` — what the widget shows (public, CORS-open, cacheable);
 * - `GET /api/v1/sites/:siteKey/faq?lang=` — the owner's frequent questions for the widget's self-help;
 * - `GET` / `PUT /api/v1/sites/:siteKey/settings` — the owner reads and replaces the site's settings, with
 *   the session cookie or with `Authorization: Bearer <API token of this site>` (the only routes that take one).
 *
 * With allowed origins set, availability and faq refuse another page's Origin with 404 `origin_not_allowed`:
 * the widget's loader already hides itself on a 404, and the site does not exist for that page. Requests
 * without an Origin (servers, scripts) are answered.
 */
export async function siteRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, clock, config, availability } = ctx;

  /** This server's own origin as the request sees it: always allowed (the console's preview runs the widget there). */
  const ownOrigin = (request: FastifyRequest) => ({ publicUrl: config.publicUrl, host: request.headers.host });

  /** Whether the request's page may use this site (the refusal keeps CORS open so the widget can read it). */
  async function isAllowedHere(siteId: string, request: FastifyRequest): Promise<boolean> {
    const { allowedOrigins } = await availability.settings(siteId);
    return isOriginAllowed(allowedOrigins, request.headers.origin, { allowMissing: true, own: ownOrigin(request) });
  }

  app.get('/api/v1/sites/:siteKey/availability', async (request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    const params = SiteParams.safeParse(request.params);
    const query = AvailabilityQuery.safeParse(request.query);
    if (!query.success) return sendError(reply, 400, { code: 'invalid_payload', message: query.error.issues[0]!.message });
    const site = params.success ? await store.getSiteByKey(params.data.siteKey) : undefined;
    if (!site) return sendError(reply, 404, { code: 'site_unknown' });
    if (!(await isAllowedHere(site.id, request))) return sendError(reply, 404, { code: 'origin_not_allowed' });
    const at = query.data.at === undefined ? undefined : new Date(query.data.at);
    const value = await availability.current(site.id, at);
    if (at !== undefined) {
      // A preview of another moment: never cached, never shared.
      reply.header('Cache-Control', 'no-store');
      return reply.send(value);
    }
    void availability.refresh(site.id).catch(() => undefined);
    // Idle widgets poll this about once a minute: a short shared cache and a validator make most polls a 304.
    const etag = `"${createHash('sha1').update(JSON.stringify({ ...value, at: undefined })).digest('base64url').slice(0, 22)}"`;
    reply.header('Cache-Control', 'public, max-age=15');
    reply.header('ETag', etag);
    reply.header('Access-Control-Expose-Headers', 'ETag');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(value);
  });

  app.options('/api/v1/sites/:siteKey/availability', async (_request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Access-Control-Allow-Headers', 'If-None-Match');
    reply.header('Access-Control-Max-Age', '86400');
    return reply.code(204).send();
  });

  app.get('/api/v1/sites/:siteKey/faq', async (request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    const params = SiteParams.safeParse(request.params);
    const query = FaqQuery.safeParse(request.query);
    const site = params.success ? await store.getSiteByKey(params.data.siteKey) : undefined;
    if (!site) return sendError(reply, 404, { code: 'site_unknown' });
    const settings = await availability.settings(site.id);
    if (!isOriginAllowed(settings.allowedOrigins, request.headers.origin, { allowMissing: true, own: ownOrigin(request) })) {
      return sendError(reply, 404, { code: 'origin_not_allowed' });
    }
    const lang = query.success ? query.data.lang : undefined;
    const entries = settings.faq
      .filter((entry) => entry.lang === undefined || lang === undefined || entry.lang === lang)
      .map(({ question, answer }) => ({ question, answer }));
    reply.header('Cache-Control', 'public, max-age=300');
    return reply.send({ entries });
  });

  /**
   * The site, when the request's session belongs to one of its owners or it carries an API token of this
   * site; otherwise the error to send. A request with an Authorization header is judged by it alone, never by
   * its cookie: app.ts lets such requests skip the Origin check on these routes.
   */
  async function ownedSite(request: FastifyRequest) {
    if (request.headers.authorization !== undefined) return tokenSite(request);
    const session = await resumeSession(store, clock, config.sessionTtlMs, request.cookies[SESSION_COOKIE]);
    if (!session) return { ok: false as const, status: 401, code: 'unauthorized' as const };
    const params = SiteParams.safeParse(request.params);
    const site = params.success ? await store.getSiteByKey(params.data.siteKey) : undefined;
    const role = site ? await store.getOperatorRole(session.operatorId, site.id) : undefined;
    // A site the operator does not belong to does not exist for them.
    if (!site || !role) return { ok: false as const, status: 404, code: 'not_found' as const };
    if (role !== 'owner') return { ok: false as const, status: 403, code: 'forbidden' as const };
    return { ok: true as const, site };
  }

  /** The site named in the route, when the bearer token belongs to it; a token of another site finds nothing. */
  async function tokenSite(request: FastifyRequest) {
    const token = bearerToken(request.headers.authorization);
    const record = token === undefined ? undefined : await store.getApiTokenByHash(hashToken(token));
    if (!record) return { ok: false as const, status: 401, code: 'unauthorized' as const };
    const params = SiteParams.safeParse(request.params);
    const site = params.success ? await store.getSiteByKey(params.data.siteKey) : undefined;
    if (!site || site.id !== record.siteId) return { ok: false as const, status: 404, code: 'not_found' as const };
    await store.markApiTokenUsed({ id: record.id, now: clock.now().toISOString() });
    return { ok: true as const, site };
  }

  const acceptsApiToken = { config: { acceptsApiToken: true } };

  app.get('/api/v1/sites/:siteKey/settings', acceptsApiToken, async (request, reply) => {
    const owned = await ownedSite(request);
    if (!owned.ok) return sendError(reply, owned.status, { code: owned.code });
    return reply.send(await availability.settings(owned.site.id));
  });

  app.put('/api/v1/sites/:siteKey/settings', acceptsApiToken, async (request, reply) => {
    const owned = await ownedSite(request);
    if (!owned.ok) return sendError(reply, owned.status, { code: owned.code });
    const parsed = SiteSettings.safeParse(request.body);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      return reply.code(400).send({
        error: {
          code: 'invalid_payload',
          message: `The settings were not saved: ${issues.length === 1 ? 'one field needs' : `${issues.length} fields need`} attention.`,
          issues,
        },
      });
    }
    await store.putSiteSettings({ siteId: owned.site.id, settings: parsed.data, now: clock.now().toISOString() });
    await availability.settingsChanged(owned.site.id);
    return reply.send(parsed.data);
  });
}
