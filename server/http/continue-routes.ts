import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isOriginAllowed } from '../auth/allowed-origin.ts';
import { createToken, hashToken } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { languageOf } from '../availability/acknowledgement.ts';
import { continueLinkMail, senderOf, unsubscribeUrl } from '../mail/compose.ts';
import { sendError } from './send-error.ts';

const SiteParams = z.object({ siteKey: z.string().min(1).max(64) });
export const ContinueRequest = z.strictObject({
  token: z.string().trim().min(1, { error: 'The link carries no token.' }).max(200, { error: 'This link is not valid.' }),
});
/** "Send me a new link" at most this often per old link. */
const RENEW_WINDOW_MS = 10 * 60_000;
const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

/**
 * The continue link from a mail (docs/mail.md), called by the widget on the host site's page:
 * - `POST /api/v1/sites/:siteKey/continue` {token} — a valid link (this site's, unexpired, unused) is used up
 *   and gives this browser a visitor token of the thread's visitor: the widget opens on the same thread;
 * - `POST /api/v1/sites/:siteKey/continue/renew` {token} — for a link that expired or was used: a new link is
 *   mailed to the visitor's own address (never to one given here).
 * Both answer CORS-open like the other widget routes, and refuse origins outside the site's allowed origins.
 */
export async function continueRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, clock, availability, replyMails, mail } = ctx;

  /** The site and the link, or the reply already sent. */
  async function resolve(request: FastifyRequest, reply: FastifyReply) {
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Cache-Control', 'no-store');
    const params = SiteParams.safeParse(request.params);
    const site = params.success ? await store.getSiteByKey(params.data.siteKey) : undefined;
    if (!site) return void sendError(reply, 404, { code: 'site_unknown' });
    const { allowedOrigins } = await availability.settings(site.id);
    if (!isOriginAllowed(allowedOrigins, request.headers.origin, { allowMissing: true })) {
      return void sendError(reply, 404, { code: 'origin_not_allowed' });
    }
    const body = ContinueRequest.safeParse(request.body);
    if (!body.success) return void sendError(reply, 400, { code: 'link_invalid' });
    const tokenHash = hashToken(body.data.token);
    const link = await store.getContinueLink(tokenHash);
    // Another site's link does not exist here.
    if (!link || link.siteId !== site.id) return void sendError(reply, 404, { code: 'link_invalid' });
    return { site, link, tokenHash };
  }

  app.post('/api/v1/sites/:siteKey/continue', { config: { crossOriginVisitor: true, ...perMinute(20) } }, async (request, reply) => {
    const found = await resolve(request, reply);
    if (!found) return reply;
    const now = clock.now();
    if (Date.parse(found.link.expiresAt) <= now.getTime()) return sendError(reply, 410, { code: 'link_expired' });
    if (!(await store.useContinueLink({ tokenHash: found.tokenHash, now: now.toISOString() }))) {
      return sendError(reply, 409, { code: 'link_used' });
    }
    // This browser now holds the thread: a token of its own for the same visitor.
    const token = createToken();
    await store.addVisitorToken({ visitorId: found.link.visitorId, tokenHash: hashToken(token), now: now.toISOString() });
    request.log.info({ siteId: found.site.id, visitorId: found.link.visitorId }, 'continue link used');
    return reply.send({ token });
  });

  app.post('/api/v1/sites/:siteKey/continue/renew', { config: { crossOriginVisitor: true, ...perMinute(5) } }, async (request, reply) => {
    const found = await resolve(request, reply);
    if (!found) return reply;
    const visitor = await store.getVisitorById(found.link.visitorId);
    const now = clock.now();
    const url = visitor?.email ? await replyMails.continueUrl(visitor, found.site.id, now) : null;
    if (!visitor?.email || url === null) return sendError(reply, 404, { code: 'link_invalid' });
    const settings = await availability.settings(found.site.id);
    const id = randomUUID();
    const content = continueLinkMail({
      language: languageOf(visitor.locale, settings.defaultLanguage),
      teamName: settings.teamName,
      visitorName: visitor.name,
      continueUrl: url,
      unsubscribeUrl: unsubscribeUrl(ctx.config.publicUrl, id),
    });
    await store.enqueueMail({
      id,
      siteId: found.site.id,
      conversationId: null,
      kind: 'continue',
      // One new link per old link and window: pressing the button again sends nothing more.
      dedupeKey: `continue:${found.tokenHash}:${Math.floor(now.getTime() / RENEW_WINDOW_MS)}`,
      ...senderOf(settings),
      recipient: visitor.email,
      ...content,
      now: now.toISOString(),
    });
    mail.kick();
    return reply.code(202).send({ sent: true });
  });

  for (const path of ['/api/v1/sites/:siteKey/continue', '/api/v1/sites/:siteKey/continue/renew']) {
    app.options(path, async (_request, reply) => {
      reply.header('Access-Control-Allow-Origin', '*');
      reply.header('Access-Control-Allow-Methods', 'POST');
      reply.header('Access-Control-Allow-Headers', 'Content-Type');
      reply.header('Access-Control-Max-Age', '86400');
      return reply.code(204).send();
    });
  }
}
