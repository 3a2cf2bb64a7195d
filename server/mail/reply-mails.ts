import type { Message } from '../../shared/index.ts';
import { toWebOrigin } from '../../shared/index.ts';
import { languageOf } from '../availability/acknowledgement.ts';
import type { AvailabilityHub } from '../availability/availability-hub.ts';
import { createToken, hashToken } from '../auth/tokens.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { replyAddressFor } from './reply-address.ts';
import type { MailRecord, Store, VisitorRecord } from '../storage/index.ts';
import { replyMail, senderOf, unsubscribeUrl } from './compose.ts';

/** An operator's reply waits this long for the visitor to read it in the chat before it is mailed. */
export const REPLY_MAIL_DELAY_MS = 2 * 60_000;
/** A continue link works for this long (and once). */
export const CONTINUE_LINK_TTL_MS = 7 * 24 * 60 * 60_000;
/** The fragment that carries a continue token to the widget: never sent to the host site's server. */
export const CONTINUE_FRAGMENT = 'porchlight-continue';

export interface ReplyMails {
  /**
   * After an operator's message: queues the mail that will carry it, due after the delay. Nothing is decided
   * yet; when it is due, `prepare` looks at what the visitor has read by then.
   */
  queue(input: { siteId: string; conversationId: string; visitorId: string; message: Message; now: Date }): Promise<boolean>;
  /**
   * Composes a due reply mail: every reply the visitor has not read and no earlier mail carried, with a fresh
   * continue link. Null when there is nothing to send (read meanwhile, carried already, or a newer reply is
   * still waiting out its own delay and will carry this one too).
   */
  prepare(mail: MailRecord): Promise<MailRecord | null>;
  /** A fresh continue link for the visitor (also used by "send me a new link"); null without a page to open. */
  continueUrl(visitor: VisitorRecord, siteId: string, now: Date): Promise<string | null>;
}

export function createReplyMails(deps: { store: Store; clock: Clock; availability: AvailabilityHub; config: Config }): ReplyMails {
  const { store, clock, availability } = deps;

  /**
   * The page a continue link opens: the newest page the visitor had the widget on. When the owner has listed
   * allowed origins, only a page on one of them; a page the visitor's browser reported elsewhere is not a
   * link we put in a mail under the shop's name.
   */
  async function pageToOpen(visitor: VisitorRecord, siteId: string): Promise<URL | null> {
    const { allowedOrigins } = await availability.settings(siteId);
    for (const page of visitor.pages) {
      let url: URL;
      try {
        url = new URL(page.url);
      } catch {
        continue;
      }
      const origin = toWebOrigin(url.origin);
      if (origin === undefined) continue;
      if (allowedOrigins.length > 0 && !allowedOrigins.includes(origin)) continue;
      url.hash = '';
      return url;
    }
    return null;
  }

  async function continueUrl(visitor: VisitorRecord, siteId: string, now: Date): Promise<string | null> {
    const page = await pageToOpen(visitor, siteId);
    if (page === null) return null;
    const token = createToken();
    await store.createContinueLink({
      tokenHash: hashToken(token),
      siteId,
      visitorId: visitor.id,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + CONTINUE_LINK_TTL_MS).toISOString(),
    });
    return `${page.href}#${CONTINUE_FRAGMENT}=${token}`;
  }

  return {
    continueUrl,

    async queue({ siteId, conversationId, visitorId, message, now }) {
      const visitor = await store.getVisitorById(visitorId);
      if (!visitor?.email) return false;
      const settings = await availability.settings(siteId);
      const { created } = await store.enqueueMail({
        siteId,
        conversationId,
        kind: 'reply',
        dedupeKey: `reply:${message.id}`,
        ...senderOf(settings),
        recipient: visitor.email,
        subject: '',
        text: '',
        html: '',
        replyTo: await replyAddressFor(store, deps.config, conversationId, now),
        now: now.toISOString(),
        dueAt: new Date(now.getTime() + REPLY_MAIL_DELAY_MS).toISOString(),
      });
      return created;
    },

    async prepare(mail) {
      if (mail.conversationId === null) return null;
      const conversation = await store.getConversationSummary(mail.conversationId);
      if (!conversation) return null;
      const visitor = await store.getVisitorById(conversation.visitorId);
      if (!visitor?.email) return null;
      const covered = await store.lastCoveredSeq({ conversationId: conversation.id, kind: 'reply' });
      const { messages } = await store.listMessages(conversation.id, { afterSeq: Math.max(conversation.visitorSeenSeq, covered), limit: 100 });
      const replies = messages.filter((m) => m.author === 'operator');
      const newest = replies.at(-1);
      if (!newest) {
        await store.cancelMail({ id: mail.id, reason: 'Nothing new to send: the visitor read the replies in the chat, or an earlier mail carried them.' });
        return null;
      }
      const now = clock.now();
      if (now.getTime() - Date.parse(newest.createdAt) < REPLY_MAIL_DELAY_MS) {
        await store.cancelMail({ id: mail.id, reason: 'Sent together with a later reply.' });
        return null;
      }
      const settings = await availability.settings(conversation.siteId);
      const content = replyMail({
        language: languageOf(visitor.locale, settings.defaultLanguage),
        timeZone: visitor.timeZone ?? settings.schedule.timeZone,
        teamName: settings.teamName,
        visitorName: visitor.name,
        replies: replies.map((m) => ({ authorName: m.authorName, body: m.body, createdAt: m.createdAt })),
        continueUrl: await continueUrl(visitor, conversation.siteId, now),
        unsubscribeUrl: unsubscribeUrl(deps.config.publicUrl, mail.id),
      });
      await store.composeMail({ id: mail.id, ...content, coversSeq: newest.seq });
      return { ...mail, ...content, coversSeq: newest.seq };
    },
  };
}
