import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { createAvailabilityHub } from './availability/availability-hub.ts';
import { announcePresence } from './availability/announce-presence.ts';
import { createPresence } from './availability/presence.ts';
import { createMailTransport } from './mail/transport.ts';
import { startMailWorker } from './mail/mail-worker.ts';
import { createOperatorMails } from './mail/operator-mails.ts';
import { createReplyMails } from './mail/reply-mails.ts';
import { receiveReplies } from './mail/receive-replies.ts';
import { isSameOrigin } from './auth/same-origin.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { apiTokenRoutes } from './http/api-token-routes.ts';
import { continueRoutes } from './http/continue-routes.ts';
import { unsubscribeRoutes } from './http/unsubscribe-routes.ts';
import { authRoutes } from './http/auth-routes.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { sendError } from './http/send-error.ts';
import { healthRoutes } from './http/health-routes.ts';
import { holidayRoutes } from './http/holiday-routes.ts';
import { openApiRoutes, recordRoutes } from './http/openapi.ts';
import { previewRoute } from './http/preview-route.ts';
import { identityRoutes } from './http/identity-routes.ts';
import { mailRoutes } from './http/mail-routes.ts';
import { notificationRoutes } from './http/notification-routes.ts';
import { savedReplyRoutes } from './http/saved-reply-routes.ts';
import { siteAdminRoutes } from './http/site-admin-routes.ts';
import { siteRoutes } from './http/site-routes.ts';
import { staticRoutes, type StaticOptions } from './http/static-routes.ts';
import { teamRoutes } from './http/team-routes.ts';
import { rooms } from './realtime/rooms.ts';
import { socketPlugin } from './realtime/socket-plugin.ts';
import type { Store } from './storage/index.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes `Authorization: Bearer <API token>` instead of the session cookie (settings only). */
    acceptsApiToken?: boolean;
    /**
     * Called by the widget from the host site's page (another origin); reads no cookie and is authorised only
     * by what the body carries (a continue token), so another page gains nothing by calling it.
     */
    crossOriginVisitor?: boolean;
  }
}

export interface ServerParts {
  config: Config;
  store: Store;
  clock: Clock;
  /** Where the browser bundles and the demo site are; omitted in tests that need no pages. */
  static?: StaticOptions;
}

/** The console's pages may load only our own code and talk only to our own server. */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Builds the whole server from its parts. It never listens: server/main.ts does, and tests call
 * `listen({ port: 0 })` themselves.
 */
export async function buildServer(parts: ServerParts): Promise<FastifyInstance> {
  const { config, store, clock } = parts;
  const app = Fastify({
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    // Socket.IO answers on /socket.io/; everything else is ours.
    return503OnClosing: true,
  });
  const presence = createPresence({
    graceMs: config.presenceGraceMs,
    idleMs: config.awayAfterMs,
    onChange: (operatorId, status, siteIds, awayReason) => {
      void announcePresence(app, store, operatorId, status, siteIds, awayReason).catch((err: unknown) => app.log.error({ err }, 'presence broadcast failed'));
      for (const siteId of siteIds) {
        availability.refresh(siteId).catch((err: unknown) => app.log.error({ err, siteId }, 'availability refresh failed'));
      }
    },
  });
  const availability = createAvailabilityHub({
    store,
    clock,
    presence,
    log: app.log,
    // Late-bound: the Socket.IO namespaces exist once socketPlugin has run, before anything can change.
    onChange: (siteId, value) => app.visitors.to(rooms.siteVisitors(siteId)).emit('availability:changed', value),
  });
  const replyMails = createReplyMails({ store, clock, availability, config });
  const operatorMails = createOperatorMails({ store, clock, presence, availability, config });
  const mail = startMailWorker({
    store,
    clock,
    log: app.log,
    compose: (queued) =>
      queued.kind === 'reply' ? replyMails.prepare(queued) : operatorMails.isOperatorMail(queued) ? operatorMails.prepare(queued) : Promise.resolve(queued),
    transport: createMailTransport({ smtpUrl: config.mail.smtpUrl, fromAddress: config.mail.from, mailDir: config.mail.dir, publicUrl: config.publicUrl }),
    retryBaseMs: config.mail.retryBaseMs,
    pollMs: config.mail.pollMs,
  });
  app.addHook('onClose', async () => {
    presence.close();
    availability.close();
    // Before the store closes: the mails being sent are marked first.
    await mail.stop();
  });
  const ctx: AppContext = { config, store, clock, log: app.log, presence, availability, mail, replyMails, operatorMails };

  installErrorHandler(app);
  await app.register(fastifyHelmet, {
    // Set per page below: the demo site shows what a customer's own page does, which is not ours to lock.
    contentSecurityPolicy: false,
    // The widget's files are meant to be loaded by other sites; static-routes.ts marks them so.
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/console')) reply.header('Content-Security-Policy', CONSOLE_CSP);
  });
  // CSRF: a state-changing API request from another website's page is refused, whatever cookie it carries.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS' || !request.url.startsWith('/api/')) return;
    // A bearer request is authenticated by its token, which another page cannot attach for someone, and the
    // routes that accept tokens ignore cookies when a token is sent. Every other route still checks the Origin.
    if (request.headers.authorization !== undefined && request.routeOptions.config.acceptsApiToken === true) return;
    if (request.routeOptions.config.crossOriginVisitor === true) return;
    const origin = request.headers.origin;
    if (!isSameOrigin(origin, request.headers.host, config.publicUrl)) {
      return sendError(reply, 403, { code: 'forbidden', message: 'This request came from another website and was refused.' });
    }
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: true, max: 600, timeWindow: '1 minute' });

  recordRoutes(app);
  await socketPlugin(app, ctx);
  if (config.mail.inboundPort !== undefined) receiveReplies(app, ctx, config.mail.inboundPort);
  await app.register(async (scope) => healthRoutes(scope, ctx));
  await app.register(async (scope) => authRoutes(scope, ctx));
  await app.register(async (scope) => siteRoutes(scope, ctx));
  await app.register(async (scope) => siteAdminRoutes(scope, ctx));
  await app.register(async (scope) => teamRoutes(scope, ctx));
  await app.register(async (scope) => notificationRoutes(scope, ctx));
  await app.register(async (scope) => savedReplyRoutes(scope, ctx));
  await app.register(async (scope) => identityRoutes(scope, ctx));
  await app.register(async (scope) => apiTokenRoutes(scope, ctx));
  await app.register(async (scope) => mailRoutes(scope, ctx));
  await app.register(async (scope) => continueRoutes(scope, ctx));
  await app.register(async (scope) => unsubscribeRoutes(scope, ctx));
  await app.register(async (scope) => holidayRoutes(scope, ctx));
  await app.register(async (scope) => previewRoute(scope, ctx));
  await app.register(async (scope) => openApiRoutes(scope));
  if (parts.static) {
    const options = parts.static;
    await app.register(async (scope) => staticRoutes(scope, options));
  }
  return app;
}
