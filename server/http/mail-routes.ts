import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Id, MailListQuery, type MailDetail, type MailList, type MailSummary } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import { payloadError } from '../errors.ts';
import type { MailCursor, MailRecord } from '../storage/index.ts';
import { sendError } from './send-error.ts';
import { accessSite } from './site-access.ts';

const MailParams = z.object({ mailId: Id });
const ConversationParams = z.object({ conversationId: Id });

/** At most this many mails of one conversation are listed; a conversation gets a handful. */
const CONVERSATION_MAILS = 50;

/** The list's view of a mail: who, what and how it fared; the body stays out of lists. */
export function toMailSummary(mail: MailRecord): MailSummary {
  return {
    id: mail.id,
    kind: mail.kind,
    recipient: mail.recipient,
    subject: mail.subject,
    status: mail.status,
    attempts: mail.attempts,
    lastError: mail.lastError,
    createdAt: mail.createdAt,
    sentAt: mail.sentAt,
    conversationId: mail.conversationId,
  };
}

/** The cursor travels as `<createdAt>~<id>`: neither an ISO time nor a mail id contains a tilde. */
const encodeCursor = (mail: MailRecord) => `${mail.createdAt}~${mail.id}`;
function decodeCursor(value: string): MailCursor {
  const [createdAt = '', id = ''] = value.split('~');
  return { createdAt, id };
}

/**
 * The mail outbox as the console sees it:
 * - `GET /api/v1/sites/:siteId/mails?before=&limit=` — owners: the site's mails, newest first, a page at a time;
 * - `GET /api/v1/sites/:siteId/mails/:mailId` — owners: one mail whole, text and HTML;
 * - `GET /api/v1/sites/:siteId/conversations/:conversationId/mails` — any member: the mails of a conversation,
 *   so the operator sees on it a mail that could not be delivered, and why.
 * A mail or conversation of another site is `404 not_found`, as if it did not exist.
 */
export async function mailRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, config } = ctx;
  const delivery: MailList['delivery'] = config.mail.smtpUrl ? 'smtp' : 'files';

  app.get('/api/v1/sites/:siteId/mails', async (request, reply) => {
    const access = await accessSite(ctx, request, 'owner');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const query = MailListQuery.safeParse(request.query);
    if (!query.success) return sendError(reply, 400, payloadError(query.error));
    const { limit, before } = query.data;
    // One more than asked tells whether an older page exists without a second query.
    const rows = await store.listMails({ siteId: access.site.id, limit: limit + 1, before: before === undefined ? undefined : decodeCursor(before) });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const answer: MailList = {
      mails: page.map(toMailSummary),
      nextBefore: rows.length > limit && last ? encodeCursor(last) : null,
      delivery,
    };
    return reply.send(answer);
  });

  app.get('/api/v1/sites/:siteId/mails/:mailId', async (request, reply) => {
    const access = await accessSite(ctx, request, 'owner');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const params = MailParams.safeParse(request.params);
    const mail = params.success ? await store.getMail(params.data.mailId) : undefined;
    if (!mail || mail.siteId !== access.site.id) return sendError(reply, 404, { code: 'not_found' });
    const answer: MailDetail = { ...toMailSummary(mail), fromName: mail.fromName, text: mail.text, html: mail.html };
    return reply.send(answer);
  });

  app.get('/api/v1/sites/:siteId/conversations/:conversationId/mails', async (request, reply) => {
    const access = await accessSite(ctx, request, 'operator');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const params = ConversationParams.safeParse(request.params);
    const conversation = params.success ? await store.getConversationSummary(params.data.conversationId) : undefined;
    if (!conversation || conversation.siteId !== access.site.id) return sendError(reply, 404, { code: 'not_found' });
    const mails = await store.listMails({ siteId: access.site.id, conversationId: conversation.id, limit: CONVERSATION_MAILS });
    return reply.send({ mails: mails.map(toMailSummary) });
  });
}
