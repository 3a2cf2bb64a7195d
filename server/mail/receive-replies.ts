import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { createConversationUpdates } from '../realtime/conversation-updates.ts';
import { rooms } from '../realtime/rooms.ts';
import { startInboundSmtp, type InboundMail } from './inbound.ts';

/**
 * Runs the inbound SMTP listener (INBOUND_SMTP_PORT) alongside the HTTP server: it starts when the server
 * starts listening and stops when it closes, and a reply mail reaches the visitor's open widgets and the
 * site's consoles like a message typed in the chat.
 */
export function receiveReplies(app: FastifyInstance, ctx: AppContext, port: number): void {
  const { store, clock, log, config } = ctx;
  const updates = createConversationUpdates({ store, operators: app.operators, visitors: app.visitors, log });
  let inbound: InboundMail | undefined;
  app.addHook('onListen', async () => {
    inbound = await startInboundSmtp({
      store,
      clock,
      log,
      host: config.host,
      port,
      replyDomain: config.mail.replyDomain,
      async announce({ siteId, conversationId, visitorId, messages, reopened }) {
        for (const message of messages) app.visitors.to(rooms.visitor(visitorId)).emit('message:created', message);
        const summary = await store.getConversationSummary(conversationId);
        if (!summary) return;
        for (const message of messages) app.operators.to(rooms.site(siteId)).emit('message:created', { message, conversation: summary });
        if (reopened) await updates.announce({ conversation: summary, event: reopened.event });
        // The reply is stored already: a failure to queue the operators' mails is logged, not refused.
        await ctx.operatorMails
          .visitorWrote({ siteId, conversationId, messages, now: clock.now() })
          .then(() => ctx.mail.kick())
          .catch((err: unknown) => log.error({ err, conversationId }, 'could not queue the mails to operators'));
      },
    });
    log.info({ port: inbound.port, replyDomain: config.mail.replyDomain }, 'receiving replies by e-mail');
  });
  app.addHook('onClose', async () => {
    await inbound?.close();
  });
}
