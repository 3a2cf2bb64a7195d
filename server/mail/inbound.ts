import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { LIMITS, type Message } from '../../shared/index.ts';
import type { Clock } from '../clock.ts';
import type { ConversationChange, Store } from '../storage/index.ts';
import { replyTokenOf } from './reply-address.ts';
import { stripQuotedReply } from './strip-quoted.ts';

/** Larger mails are refused at DATA (552): a reply is text; attachments are not taken. */
const MAX_MAIL_BYTES = 1024 * 1024;

export interface InboundMail {
  port: number;
  close(): Promise<void>;
}

export interface InboundOptions {
  store: Store;
  clock: Clock;
  log: FastifyBaseLogger;
  host: string;
  port: number;
  replyDomain: string;
  /** Tells the thread's visitor and the site's operators about the messages a reply mail added. */
  announce(input: { siteId: string; conversationId: string; visitorId: string; messages: Message[]; reopened: ConversationChange | null }): Promise<void>;
}

/** An SMTP refusal with its code and enhanced status, as the sending server will report it to the visitor. */
function refusal(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/** A body longer than one message, split at line ends (else at the limit), so none of it is lost. */
export function splitBody(text: string, limit: number = LIMITS.messageLength): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = rest.lastIndexOf('\n', limit);
    const at = cut > limit / 2 ? cut : limit;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^\n+/, '');
  }
  if (rest.trim() !== '') parts.push(rest);
  return parts;
}

/**
 * The listener for replies by e-mail (docs/mail.md): accepts mail only for reply+<token>@REPLY_DOMAIN
 * addresses that belong to a conversation and only from that conversation's visitor, strips the quoted
 * history, and appends the new text to the thread as the visitor's message. A mail delivered twice (a sender
 * retrying) is stored once: the message's client id comes from its Message-ID.
 */
export async function startInboundSmtp(options: InboundOptions): Promise<InboundMail> {
  const { store, clock, log } = options;
  const server = new SMTPServer({
    name: options.replyDomain,
    banner: 'Porchlight accepts replies to conversations only',
    authOptional: true,
    disabledCommands: ['AUTH'],
    size: MAX_MAIL_BYTES,
    logger: false,
    async onRcptTo(address, _session, callback) {
      try {
        const token = replyTokenOf(address.address, options.replyDomain);
        const found = token === undefined ? undefined : await store.getReplyToken(token);
        if (!found) return callback(refusal(550, '5.1.1 No such reply address here'));
        return callback();
      } catch (err) {
        log.error({ err }, 'inbound mail: recipient check failed');
        return callback(refusal(451, '4.3.0 Temporary failure, please try again later'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(refusal(552, '5.3.4 This reply is too large; please write a shorter one without attachments'));
        }
        const raw = Buffer.concat(chunks);
        accept(raw, session.envelope.rcptTo.map((r) => r.address))
          .then(() => callback())
          .catch((err: Error & { responseCode?: number }) => {
            if (err.responseCode === undefined) log.error({ err }, 'inbound mail: could not store a reply');
            callback(err.responseCode === undefined ? refusal(451, '4.3.0 Temporary failure, please try again later') : err);
          });
      });
    },
  });

  async function accept(raw: Buffer, recipients: string[]): Promise<void> {
    const parsed = await simpleParser(raw);
    const from = parsed.from?.value[0]?.address?.toLowerCase();
    const text = stripQuotedReply(parsed.text ?? '');
    const key = createHash('sha256').update(parsed.messageId ?? raw).digest('base64url').slice(0, 40);
    for (const recipient of new Set(recipients.map((r) => r.toLowerCase()))) {
      const token = replyTokenOf(recipient, options.replyDomain);
      const found = token === undefined ? undefined : await store.getReplyToken(token);
      if (!found) throw refusal(550, '5.1.1 No such reply address here');
      const conversation = await store.getConversationSummary(found.conversationId);
      const visitor = conversation ? await store.getVisitorById(conversation.visitorId) : undefined;
      if (!conversation || !visitor) throw refusal(550, '5.1.1 No such reply address here');
      // The address reaches the thread only from the visitor it was sent to.
      if (!from || from !== visitor.email) throw refusal(550, '5.7.1 This address takes replies only from the person it was sent to');
      if (text === '') {
        log.info({ conversationId: conversation.id }, 'inbound mail without new text: nothing added');
        continue;
      }
      const now = clock.now().toISOString();
      const messages: Message[] = [];
      let reopened: ConversationChange | null = null;
      for (const [index, part] of splitBody(text).entries()) {
        const appended = await store.appendMessage({ conversationId: conversation.id, clientId: `mail-${key}-${index}`, author: 'visitor', operatorId: null, body: part, now });
        if (appended.created) messages.push(appended.message);
        if (appended.reopened) reopened = { conversation, event: appended.reopened };
      }
      if (messages.length > 0) {
        log.info({ conversationId: conversation.id, messages: messages.length }, 'reply by e-mail added to the thread');
        await options.announce({ siteId: conversation.siteId, conversationId: conversation.id, visitorId: conversation.visitorId, messages, reopened });
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
