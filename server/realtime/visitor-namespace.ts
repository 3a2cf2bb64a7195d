import { randomUUID } from 'node:crypto';
import type { Namespace } from 'socket.io';
import { IANAZone } from 'luxon';
import {
  type ConversationEvent,
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
import { isOriginAllowed } from '../auth/allowed-origin.ts';
import { createToken, hashToken } from '../auth/tokens.ts';
import { DEFAULT_ACKNOWLEDGEMENTS, describeReplyBy, languageOf, renderAcknowledgement } from '../availability/acknowledgement.ts';
import { receiptMail, senderOf, unsubscribeUrl } from '../mail/compose.ts';
import { replyAddressFor } from '../mail/reply-address.ts';
import { StoreConflictError, type VisitorRecord } from '../storage/index.ts';
import type { AppContext } from '../context.ts';
import { checkClaim, refusal, resolveIdentity } from '../identity/index.ts';
import { createVisitorName } from '../visitor-names.ts';
import { NEW_VISIT_AFTER_MS, toVisitContext } from '../visitors/index.ts';
import { bindHandlers } from './bind-handlers.ts';
import { toVisitorView, type ConversationUpdates } from './conversation-updates.ts';
import { checkProtocolVersion, clientAddress, handshakeError } from './handshake.ts';
import type { OperatorNamespace } from './operator-namespace.ts';
import { createKeyedLimiter, createTokenBucket } from './rate-limiter.ts';
import { rooms } from './rooms.ts';

const isValidZone = (zone: string) => IANAZone.isValidZone(zone);

export interface VisitorSocketData {
  siteId: string;
  visitorId: string;
  visitorName: string;
  /** The token issued to this socket's browser (handshake or `visitor:identify`), returned by its syncs. */
  issuedToken: string | null;
  /** The verified identity this socket presented, checked again against the site's current secret on each write. */
  identity: { id: string; hash: string } | null;
}

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents, Record<string, never>, VisitorSocketData>;

/**
 * The `/visitor` namespace: a visitor's browser, identified by its site key and visitor token. A visitor
 * socket can only ever touch the conversation of the visitor its token belongs to: no event names a
 * conversation id, it is always looked up from the token.
 */
export function handleVisitorNamespace(
  nsp: VisitorNamespace,
  operators: OperatorNamespace,
  ctx: AppContext,
  updates: ConversationUpdates,
): void {
  const { store, clock, config, log, availability, presence } = ctx;
  // New visitors per address: generous for a busy office behind one NAT, tight enough to stop a flood of rows.
  const newVisitorLimiter = createKeyedLimiter(30, 0.5);
  // The message form, which sends mail: per address (10 at once, then one a minute) and per site (a flood
  // spread over many addresses), and receipts per recipient (5, then one every 10 minutes).
  const formByAddress = createKeyedLimiter(10, 1 / 60);
  const formBySite = createKeyedLimiter(100, 0.5);
  const receiptsByRecipient = createKeyedLimiter(5, 1 / 600);

  /**
   * Records the widget connecting: where the visitor is (page, referrer, browser) for operators, and their
   * zone and language for times the server writes to them. Only http(s) addresses are kept, titles as text.
   */
  async function recordVisit(visitor: VisitorRecord, handshake: VisitorHandshake, userAgent: string | undefined) {
    const { timeZone, locale } = handshake;
    const context = toVisitContext({ page: handshake.page, referrer: handshake.referrer, userAgent });
    await store.recordVisit({
      visitorId: visitor.id,
      now: clock.now().toISOString(),
      newVisitAfterMs: NEW_VISIT_AFTER_MS,
      userAgent: context.userAgent,
      referrer: context.referrer,
      page: context.page,
      timeZone: timeZone !== undefined && isValidZone(timeZone) ? timeZone : undefined,
      locale: locale !== undefined && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(locale) ? locale : undefined,
    });
  }

  /** A new visitor with a fresh token; refused when this address has made too many lately. */
  async function newVisitor(siteId: string, address: string, ids: { verifiedId?: string; claimedId?: string }) {
    if (!newVisitorLimiter.take(address, clock.now().getTime())) {
      return fail(protocolError('rate_limited'));
    }
    const token = createToken();
    const visitor = await store.createVisitor({
      siteId,
      tokenHash: hashToken(token),
      displayName: createVisitorName(Math.random),
      now: clock.now().toISOString(),
      ...ids,
    });
    return ok({ visitor, token });
  }

  nsp.use(async (socket, next) => {
    try {
      const versionError = checkProtocolVersion(socket.handshake.auth);
      if (versionError) return next(versionError);
      const parsed = VisitorHandshake.safeParse(socket.handshake.auth);
      if (!parsed.success) return next(handshakeError('invalid_payload', 'The chat could not start: its handshake was not in the expected form.'));
      const { siteKey, token } = parsed.data;
      const site = await store.getSiteByKey(siteKey);
      if (!site) return next(handshakeError('site_unknown'));
      // Before any visitor row is made or looked up: a refused page learns nothing about the site's visitors.
      const { allowedOrigins } = await availability.settings(site.id);
      if (!isOriginAllowed(allowedOrigins, socket.handshake.headers.origin, {
        allowMissing: false,
        own: { publicUrl: config.publicUrl, host: socket.handshake.headers.host },
      })) {
        return next(handshakeError('origin_not_allowed'));
      }
      let current: VisitorRecord | undefined;
      if (token !== undefined) {
        current = await store.getVisitorByToken(site.id, hashToken(token));
        if (!current) return next(handshakeError('token_invalid'));
      }
      const { identity } = parsed.data;
      const resolved = await resolveIdentity(store, {
        siteId: site.id,
        current,
        claim: identity,
        requireVerification: (await availability.settings(site.id)).requireVerification,
        now: clock.now().toISOString(),
        newVisitor: (ids) => newVisitor(site.id, clientAddress(socket, config.trustProxy), ids),
      });
      if (!resolved.ok) return next(handshakeError(resolved.error.code, resolved.error.message));
      const { visitor, token: issuedToken, verifiedId } = resolved.data;
      socket.data = {
        siteId: site.id,
        visitorId: visitor.id,
        visitorName: visitor.name ?? visitor.displayName,
        issuedToken,
        identity: verifiedId !== null && identity?.hash !== undefined ? { id: verifiedId, hash: identity.hash } : null,
      };
      await recordVisit(visitor, parsed.data, socket.handshake.headers['user-agent']);
      next();
    } catch (err) {
      log.error({ err }, 'visitor handshake failed');
      next(handshakeError('storage_unavailable'));
    }
  });

  nsp.on('connection', (socket) => {
    const { siteId } = socket.data;
    // Changes when `visitor:identify` moves this socket to another visitor; every handler reads it per event.
    let { visitorId } = socket.data;
    void socket.join([rooms.visitor(visitorId), rooms.siteVisitors(siteId)]);
    availability.refresh(siteId).catch((err: unknown) => log.error({ err, siteId }, 'availability refresh failed'));
    const sendBucket = createTokenBucket(20, 2);
    let lastTypingAt = -Infinity;

    /**
     * New messages go to the visitor's other tabs and to the site's operators; a reopen (the visitor wrote
     * to a resolved conversation) to the operators and to every tab of the visitor, this one included.
     */
    async function announce(messages: Message[], conversationId: string, reopened: ConversationEvent | null): Promise<void> {
      for (const message of messages) socket.to(rooms.visitor(visitorId)).emit('message:created', message);
      const summary = await store.getConversationSummary(conversationId);
      if (!summary) return;
      for (const message of messages) operators.to(rooms.site(siteId)).emit('message:created', { message, conversation: summary });
      if (reopened) await updates.announce({ conversation: summary, event: reopened });
    }

    /**
     * Mails for operators who are not in the console (a message to read, a promise to keep), queued after the
     * message is stored. The message is stored and delivered either way: a failure here is logged, not the
     * visitor's error.
     */
    async function queueOperatorMails(conversationId: string, messages: Message[], now: Date): Promise<void> {
      try {
        await ctx.operatorMails.visitorWrote({ siteId, conversationId, messages, now });
        await ctx.operatorMails.promisesChanged({ conversationId, now });
        ctx.mail.kick();
      } catch (err) {
        log.error({ err, conversationId }, 'could not queue the mails to operators');
      }
    }

    /**
     * Stores a message of the visitor in their one conversation. Writing to a resolved conversation reopens
     * it, and it stays with its assignee only while they are online: appendMessage reopens it keeping the
     * assignee; when the assignee is away or offline, it is reopened for the whole team first, so the message
     * does not wait for someone who is not there. Either way one 'reopened' event by the visitor is recorded.
     */
    async function appendVisitorMessage(clientId: string, body: string, now: string) {
      const conversation = await store.ensureVisitorConversation({ siteId, visitorId, now });
      let reopened: ConversationEvent | null = null;
      if (conversation.status === 'resolved') {
        const summary = await store.getConversationSummary(conversation.id);
        if (summary?.assigneeId != null && presence.statusOf(summary.assigneeId) !== 'online') {
          reopened = (await store.reopenConversation({ conversationId: conversation.id, operatorId: null, clearAssignee: true, now })).event;
        }
      }
      const appended = await store.appendMessage({ conversationId: conversation.id, clientId, author: 'visitor', operatorId: null, body, now });
      return { conversation, ...appended, reopened: reopened ?? appended.reopened };
    }

    /**
     * On a site that requires verification, writes need this socket's identity to hold under the site's
     * current secret: one signed with a rotated secret, or a socket connected before the owner turned it on,
     * is refused and nothing is stored.
     */
    async function identityRefusal() {
      if (!(await availability.settings(siteId)).requireVerification) return undefined;
      const { identity } = socket.data;
      return refusal(identity === null ? 'missing' : await checkClaim(store, siteId, identity), true);
    }

    bindHandlers(
      socket,
      visitorClientEvents,
      {
        'conversation:sync': async ({ afterSeq }) => {
          const stored = await store.getVisitorConversation(visitorId);
          const conversation = stored ? toVisitorView(stored) : null;
          const page = conversation
            ? await store.listMessages(conversation.id, { afterSeq, limit: LIMITS.syncPageSize })
            : { messages: [], hasMore: false };
          return ok({ visitorId, token: socket.data.issuedToken, conversation, ...page });
        },

        'message:send': async ({ clientId, body }) => {
          if (!sendBucket.take(clock.now().getTime())) return fail(protocolError('rate_limited'));
          const refused = await identityRefusal();
          if (refused) return fail(refused);
          const now = clock.now();
          const { conversation, message, created, reopened } = await appendVisitorMessage(clientId, body, now.toISOString());
          if (created) {
            const current = await availability.current(siteId, now);
            // Nobody can answer live: the message carries the form's promise. Live: the owner's usual reply
            // time, so the inbox counts live chats down too. An earlier open promise is kept (setReplyBy).
            const replyBy =
              current.mode === 'chat'
                ? current.chatReplyMinutes === null
                  ? null
                  : new Date(now.getTime() + current.chatReplyMinutes * 60_000).toISOString()
                : current.replyBy;
            if (replyBy !== null) await store.setReplyBy({ conversationId: conversation.id, replyBy });
            await queueOperatorMails(conversation.id, [message], now);
          }
          if (created || reopened) await announce(created ? [message] : [], conversation.id, reopened);
          return ok({ message });
        },

        'form:submit': async ({ clientId, body, name, email, website }) => {
          const nowMs = clock.now().getTime();
          if (!sendBucket.take(nowMs)) return fail(protocolError('rate_limited'));
          if (!formByAddress.take(clientAddress(socket, config.trustProxy), nowMs) || !formBySite.take(siteId, nowMs)) {
            return fail(protocolError('rate_limited'));
          }
          // The honeypot: people never see this field, so only a robot fills it. Nothing is stored.
          if (website !== undefined && website.trim() !== '') {
            return fail(protocolError('invalid_payload', 'The form could not be sent.'));
          }
          const refused = await identityRefusal();
          if (refused) return fail(refused);
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
          const { conversation, reopened, ...sent } = await appendVisitorMessage(clientId, body, nowIso);

          const settings = await availability.settings(siteId);
          const current = await availability.current(siteId, now);
          const replyBy = current.replyBy === null ? null : new Date(current.replyBy);
          if (sent.created && replyBy !== null) await store.setReplyBy({ conversationId: conversation.id, replyBy: replyBy.toISOString() });
          if (sent.created) await queueOperatorMails(conversation.id, [sent.message], now);
          const language = languageOf(visitor.locale, settings.defaultLanguage);
          const timeZone = visitor.timeZone ?? settings.schedule.timeZone;
          const replyByText = describeReplyBy(replyBy, { now, language, timeZone, markZone: timeZone !== settings.schedule.timeZone });
          const text = renderAcknowledgement(settings.acknowledgement[language] ?? DEFAULT_ACKNOWLEDGEMENTS[language], {
            name: name?.trim() || visitor.name,
            agent: settings.teamName,
            replyBy: replyByText,
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
          if (fresh.length > 0 || reopened) await announce(fresh, conversation.id, reopened);
          const address = email?.toLowerCase() ?? visitor.email;
          // Over the limit the message is still stored and acknowledged in the thread; only the mail is skipped.
          if (address && sent.created && receiptsByRecipient.take(`${siteId}:${address}`, nowMs)) {
            // Keyed by the message: a retried submission finds the receipt already queued and sends no second.
            const id = randomUUID();
            const content = receiptMail({
              language,
              teamName: settings.teamName,
              visitorName: name?.trim() || visitor.name,
              body,
              replyBy: replyByText,
              unsubscribeUrl: unsubscribeUrl(config.publicUrl, id),
            });
            await store.enqueueMail({
              id,
              replyTo: await replyAddressFor(store, config, conversation.id, now),
              siteId,
              conversationId: conversation.id,
              kind: 'receipt',
              dedupeKey: `receipt:${sent.message.id}`,
              ...senderOf(settings),
              recipient: address,
              ...content,
              now: nowIso,
            });
            ctx.mail.kick();
          }
          return ok({ message: sent.message, acknowledgement: ack.message });
        },

        'conversation:rate': async ({ rating, comment }) => {
          if (!sendBucket.take(clock.now().getTime())) return fail(protocolError('rate_limited'));
          const refused = await identityRefusal();
          if (refused) return fail(refused);
          const conversation = await store.getVisitorConversation(visitorId);
          if (!conversation || conversation.status !== 'resolved') return fail(protocolError('not_resolved'));
          let change;
          try {
            change = await store.rateConversation({
              conversationId: conversation.id,
              rating,
              comment: comment?.trim() || null,
              now: clock.now().toISOString(),
            });
          } catch (err) {
            // Reopened between the read above and the rating (another tab wrote, an operator reopened it).
            if (err instanceof StoreConflictError) return fail(protocolError('not_resolved'));
            throw err;
          }
          // This tab has the answer; operators and the visitor's other tabs are told.
          await updates.announce(change, { visitorSocketId: socket.id });
          const updated = await store.getVisitorConversation(visitorId);
          return ok({ conversation: toVisitorView(updated ?? conversation) });
        },

        'visitor:identify': async (claim) => {
          if (!sendBucket.take(clock.now().getTime())) return fail(protocolError('rate_limited'));
          const current = await store.getVisitorById(visitorId);
          if (!current) return fail(protocolError('token_invalid'));
          const resolved = await resolveIdentity(store, {
            siteId,
            current,
            claim,
            requireVerification: (await availability.settings(siteId)).requireVerification,
            now: clock.now().toISOString(),
            newVisitor: (ids) => newVisitor(siteId, clientAddress(socket, config.trustProxy), ids),
          });
          if (!resolved.ok) return resolved;
          const { visitor, token, verifiedId } = resolved.data;
          if (visitor.id !== visitorId) {
            // Another person's visitor from now on: this socket stops hearing the previous one's thread.
            await socket.leave(rooms.visitor(visitorId));
            await socket.join(rooms.visitor(visitor.id));
            visitorId = visitor.id;
            socket.data.visitorId = visitor.id;
            socket.data.issuedToken = token;
            socket.data.identity = null;
            const handshake = VisitorHandshake.safeParse(socket.handshake.auth);
            if (handshake.success) await recordVisit(visitor, handshake.data, socket.handshake.headers['user-agent']);
          }
          if (verifiedId !== null) socket.data.identity = { id: verifiedId, hash: claim.hash! };
          socket.data.visitorName = visitor.name ?? visitor.displayName;
          return ok({ visitorId, token, verified: socket.data.identity !== null });
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
