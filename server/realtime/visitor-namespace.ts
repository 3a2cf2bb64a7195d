import type { Namespace } from 'socket.io';
import { IANAZone } from 'luxon';
import {
  ERROR_CODES,
  fail,
  LIMITS,
  type Message,
  ok,
  protocolError,
  VisitorHandshake,
  visitorClientEvents,
  type VisitorClientEvents,
  type VisitorServerEvents,
} from '../../shared/index.ts';
import { createToken, hashToken } from '../auth/tokens.ts';
import { DEFAULT_ACKNOWLEDGEMENTS, describeReplyBy, languageOf, renderAcknowledgement } from '../availability/acknowledgement.ts';
import type { VisitorRecord } from '../storage/index.ts';
import type { AppContext } from '../context.ts';
import { createVisitorName } from '../visitor-names.ts';
import { bindHandlers } from './bind-handlers.ts';
import { checkProtocolVersion, clientAddress, handshakeError } from './handshake.ts';
import type { OperatorNamespace } from './operator-namespace.ts';
import { createKeyedLimiter, createTokenBucket } from './rate-limiter.ts';
import { rooms } from './rooms.ts';

const isValidZone = (zone: string) => IANAZone.isValidZone(zone);

export interface VisitorSocketData {
  siteId: string;
  visitorId: string;
  visitorName: string;
  /** The token issued to this socket's browser during the handshake, returned by its syncs. */
  issuedToken: string | null;
}

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, Record<string, never>, VisitorSocketData>;

/**
 * The `/visitor` namespace: a visitor's browser, identified by its site key and visitor token. A visitor
 * socket can only ever touch the conversation of the visitor its token belongs to: no event names a
 * conversation id, it is always looked up from the token.
 */
export function handleVisitorNamespace(nsp: VisitorNamespace, operators: OperatorNamespace, ctx: AppContext): void {
  const { store, clock, config, log, availability } = ctx;
  // New visitors per address: generous for a busy office behind one NAT, tight enough to stop a flood of rows.
  const newVisitorLimiter = createKeyedLimiter(30, 0.5);

  /** Keeps the visitor's zone and language current, for times the server writes to them. */
  async function rememberWhereTheyAre(visitor: VisitorRecord, timeZone: string | undefined, locale: string | undefined) {
    const zone = timeZone !== undefined && isValidZone(timeZone) ? timeZone : undefined;
    const language = locale !== undefined && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(locale) ? locale : undefined;
    if ((zone === undefined || zone === visitor.timeZone) && (language === undefined || language === visitor.locale)) return;
    await store.updateVisitorProfile({ visitorId: visitor.id, timeZone: zone, locale: language });
  }

  nsp.use(async (socket, next) => {
    try {
      const versionError = checkProtocolVersion(socket.handshake.auth);
      if (versionError) return next(versionError);
      const parsed = VisitorHandshake.safeParse(socket.handshake.auth);
      if (!parsed.success) return next(handshakeError('invalid_payload', 'The chat could not start: its handshake was not in the expected form.'));
      const { siteKey, token, timeZone, locale } = parsed.data;
      const site = await store.getSiteByKey(siteKey);
      if (!site) return next(handshakeError('site_unknown'));
      if (token !== undefined) {
        const visitor = await store.getVisitorByToken(site.id, hashToken(token));
        if (!visitor) return next(handshakeError('token_invalid'));
        socket.data = { siteId: site.id, visitorId: visitor.id, visitorName: visitor.name ?? visitor.displayName, issuedToken: null };
        await rememberWhereTheyAre(visitor, timeZone, locale);
        return next();
      }
      if (!newVisitorLimiter.take(clientAddress(socket, config.trustProxy), clock.now().getTime())) {
        return next(handshakeError('rate_limited'));
      }
      const issuedToken = createToken();
      const visitor = await store.createVisitor({
        siteId: site.id,
        tokenHash: hashToken(issuedToken),
        displayName: createVisitorName(Math.random),
        now: clock.now().toISOString(),
      });
      socket.data = { siteId: site.id, visitorId: visitor.id, visitorName: visitor.displayName, issuedToken };
      await rememberWhereTheyAre(visitor, timeZone, locale);
      next();
    } catch (err) {
      log.error({ err }, 'visitor handshake failed');
      next(handshakeError('storage_unavailable'));
    }
  });

  nsp.on('connection', (socket) => {
    const { siteId, visitorId } = socket.data;
    void socket.join([rooms.visitor(visitorId), rooms.siteVisitors(siteId)]);
    availability.refresh(siteId).catch((err: unknown) => log.error({ err, siteId }, 'availability refresh failed'));
    const sendBucket = createTokenBucket(20, 2);
    let lastTypingAt = -Infinity;

    /** New messages go to the visitor's other tabs and to the site's operators. */
    async function announce(messages: Message[], conversationId: string): Promise<void> {
      for (const message of messages) socket.to(rooms.visitor(visitorId)).emit('message:created', message);
      const summary = await store.getConversationSummary(conversationId);
      if (!summary) return;
      for (const message of messages) operators.to(rooms.site(siteId)).emit('message:created', { message, conversation: summary });
    }

    bindHandlers(
      socket,
      visitorClientEvents,
      {
        'conversation:sync': async ({ afterSeq }) => {
          const conversation = (await store.getVisitorConversation(visitorId)) ?? null;
          const page = conversation
            ? await store.listMessages(conversation.id, { afterSeq, limit: LIMITS.syncPageSize })
            : { messages: [], hasMore: false };
          return ok({ visitorId, token: socket.data.issuedToken, conversation, ...page });
        },

        'message:send': async ({ clientId, body }) => {
          if (!sendBucket.take(clock.now().getTime())) return fail(protocolError('rate_limited'));
          const now = clock.now().toISOString();
          const conversation = await store.ensureVisitorConversation({ siteId, visitorId, now });
          const { message, created } = await store.appendMessage({
            conversationId: conversation.id,
            clientId,
            author: 'visitor',
            operatorId: null,
            body,
            now,
          });
          if (created) {
            const now = clock.now();
            const current = await availability.current(siteId, now);
            // Nobody can answer live: the message carries the form's promise, tracked on the conversation.
            if (current.mode !== 'chat' && current.replyBy !== null) {
              await store.setReplyBy({ conversationId: conversation.id, replyBy: current.replyBy });
            }
            await announce([message], conversation.id);
          }
          return ok({ message });
        },

        'form:submit': async ({ clientId, body, name, email, website }) => {
          if (!sendBucket.take(clock.now().getTime())) return fail(protocolError('rate_limited'));
          // The honeypot: people never see this field, so only a robot fills it. Nothing is stored.
          if (website !== undefined && website.trim() !== '') {
            return fail(protocolError('invalid_payload', 'The form could not be sent.'));
          }
          const visitor = await store.getVisitorById(visitorId);
          if (!visitor) return fail(protocolError('token_invalid'));
          if (email === undefined && visitor.email === null) {
            return fail(protocolError('invalid_payload', `${ERROR_CODES.invalid_payload} email: Please enter your e-mail address, so we can reply.`));
          }
          const now = clock.now();
          const nowIso = now.toISOString();
          if (name !== undefined || email !== undefined) {
            const updated = await store.updateVisitorProfile({ visitorId, name: name?.trim() || undefined, email: email?.toLowerCase() });
            // Operators see the name the visitor gave from now on, in typing indicators too.
            if (updated.name) socket.data.visitorName = updated.name;
          }
          const conversation = await store.ensureVisitorConversation({ siteId, visitorId, now: nowIso });
          const sent = await store.appendMessage({ conversationId: conversation.id, clientId, author: 'visitor', operatorId: null, body, now: nowIso });

          const settings = await availability.settings(siteId);
          const current = await availability.current(siteId, now);
          const replyBy = current.replyBy === null ? null : new Date(current.replyBy);
          if (sent.created && replyBy !== null) await store.setReplyBy({ conversationId: conversation.id, replyBy: replyBy.toISOString() });
          const language = languageOf(visitor.locale, settings.defaultLanguage);
          const timeZone = visitor.timeZone ?? settings.schedule.timeZone;
          const text = renderAcknowledgement(settings.acknowledgement[language] ?? DEFAULT_ACKNOWLEDGEMENTS[language], {
            name: name?.trim() || visitor.name,
            agent: settings.teamName,
            replyBy: describeReplyBy(replyBy, { now, language, timeZone, markZone: timeZone !== settings.schedule.timeZone }),
          });
          // Derived from the message's client id, so a retried submission finds its acknowledgement too.
          const ack = await store.appendMessage({
            conversationId: conversation.id,
            clientId: `ack-${clientId}`.slice(0, 64),
            author: 'system',
            operatorId: null,
            authorName: settings.teamName,
            body: text,
            now: nowIso,
          });
          const fresh = [sent, ack].filter((r) => r.created).map((r) => r.message);
          if (fresh.length > 0) await announce(fresh, conversation.id);
          return ok({ message: sent.message, acknowledgement: ack.message });
        },

        'message:seen': async ({ upToSeq }) => {
          const conversation = await store.getVisitorConversation(visitorId);
          if (!conversation) return ok({ upToSeq: 0 });
          const mark = await store.markSeen({ conversationId: conversation.id, by: 'visitor', upToSeq });
          if (mark > conversation.visitorSeenSeq) {
            const seen = { conversationId: conversation.id, by: 'visitor' as const, upToSeq: mark };
            socket.to(rooms.visitor(visitorId)).emit('conversation:seen', seen);
            operators.to(rooms.site(siteId)).emit('conversation:seen', seen);
          }
          return ok({ upToSeq: mark });
        },

        'typing:update': async ({ isTyping }) => {
          const nowMs = clock.now().getTime();
          // "Stopped typing" always goes through; "typing" at most once per interval.
          if (isTyping && nowMs - lastTypingAt < LIMITS.typingIntervalMs) return;
          if (isTyping) lastTypingAt = nowMs;
          const conversation = await store.getVisitorConversation(visitorId);
          if (!conversation) return;
          operators.to(rooms.site(siteId)).emit('typing:updated', {
            conversationId: conversation.id,
            by: 'visitor',
            operatorId: null,
            name: socket.data.visitorName,
            isTyping,
          });
        },
      },
      log,
    );
  });
}
