import type { Namespace } from 'socket.io';
import {
  ERROR_CODES,
  fail,
  LIMITS,
  normalizeForSearch,
  ok,
  OperatorHandshake,
  operatorClientEvents,
  protocolError,
  type OperatorClientEvents,
  type OperatorProfile,
  type OperatorServerEvents,
} from '../../shared/index.ts';
import { isSameOrigin } from '../auth/same-origin.ts';
import { resumeSession, SESSION_COOKIE } from '../auth/session-cookie.ts';
import type { AppContext } from '../context.ts';
import { RefusalError } from '../errors.ts';
import { toVisitorDetails } from '../visitors/index.ts';
import { bindHandlers } from './bind-handlers.ts';
import type { ConversationUpdates } from './conversation-updates.ts';
import { checkProtocolVersion, handshakeError } from './handshake.ts';
import { createTokenBucket } from './rate-limiter.ts';
import { rooms } from './rooms.ts';
import type { VisitorNamespace } from './visitor-namespace.ts';

export interface OperatorSocketData {
  operator: OperatorProfile;
  siteIds: string[];
  sessionHash: string;
}

export type OperatorNamespace = Namespace<OperatorClientEvents, OperatorServerEvents, Record<string, never>, OperatorSocketData>;

/** Reads one cookie from a Cookie header without pulling a parser into the hot path. */
function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The `/operator` namespace: a signed-in operator's console, scoped to the sites they belong to. */
export function handleOperatorNamespace(
  nsp: OperatorNamespace,
  visitors: VisitorNamespace,
  ctx: AppContext,
  updates: ConversationUpdates,
): void {
  const { store, clock, config, log, presence } = ctx;

  /** Refuses an instant that is not after now: a promise or a reminder in the past can only be a mistake. */
  const requireFuture = (field: string, at: string | null) => {
    if (at !== null && Date.parse(at) <= clock.now().getTime()) {
      throw new RefusalError(protocolError('invalid_payload', `${ERROR_CODES.invalid_payload} ${field}: The time must be in the future.`));
    }
  };

  nsp.use(async (socket, next) => {
    try {
      const versionError = checkProtocolVersion(socket.handshake.auth);
      if (versionError) return next(versionError);
      if (!OperatorHandshake.safeParse(socket.handshake.auth).success) return next(handshakeError('invalid_payload'));
      const { origin, host, cookie } = socket.handshake.headers;
      if (!isSameOrigin(origin, host, config.publicUrl)) return next(handshakeError('forbidden'));
      const session = await resumeSession(store, clock, config.sessionTtlMs, readCookie(cookie, SESSION_COOKIE));
      if (!session) return next(handshakeError('unauthorized'));
      const operator = await store.getOperatorById(session.operatorId);
      // Removal deletes the sessions too; this also covers one resumed in the same instant.
      if (!operator || operator.removedAt !== null) return next(handshakeError('unauthorized'));
      const sites = await store.listSitesOfOperator(operator.id);
      socket.data = {
        operator: { id: operator.id, email: operator.email, name: operator.name },
        siteIds: sites.map((s) => s.id),
        sessionHash: session.tokenHash,
      };
      next();
    } catch (err) {
      log.error({ err }, 'operator handshake failed');
      next(handshakeError('storage_unavailable'));
    }
  });

  nsp.on('connection', (socket) => {
    const { operator, siteIds, sessionHash } = socket.data;
    void socket.join([rooms.session(sessionHash), rooms.operator(operator.id), ...siteIds.map(rooms.site)]);
    presence.connect(operator.id, socket.id, siteIds);
    socket.on('disconnect', () => presence.disconnect(operator.id, socket.id));
    const active = () => presence.activity(operator.id);
    const sendBucket = createTokenBucket(30, 3);
    let lastTypingAt = -Infinity;

    /** The conversation, if it belongs to one of this operator's sites; otherwise it does not exist for them. */
    const accessible = async (conversationId: string) => {
      const summary = await store.getConversationSummary(conversationId);
      if (!summary || !siteIds.includes(summary.siteId)) throw new RefusalError(protocolError('conversation_not_found'));
      return summary;
    };
    /** After a change this socket made: to every other operator socket of the site, and the visitor if theirs to see. */
    const announce = (change: Parameters<ConversationUpdates['announce']>[0]) => updates.announce(change, { operatorSocketId: socket.id });
    /** Reminders before the conversation's open promises pass; the change is stored either way, so a failure is logged. */
    const queueReminders = (conversationId: string) =>
      ctx.operatorMails
        .promisesChanged({ conversationId, now: clock.now() })
        .then(() => ctx.mail.kick())
        .catch((err: unknown) => log.error({ err, conversationId }, 'could not queue the reminders'));

    bindHandlers(
      socket,
      operatorClientEvents,
      {
        'conversation:list': async ({ siteId }) => {
          if (siteId !== undefined && !siteIds.includes(siteId)) return fail(protocolError('forbidden'));
          const conversations = await store.listConversations(siteId ? [siteId] : siteIds, { limit: 200 });
          return ok({ conversations });
        },

        'conversation:sync': async ({ conversationId, afterSeq }) => {
          const conversation = await accessible(conversationId);
          const page = await store.listMessages(conversationId, { afterSeq, limit: LIMITS.syncPageSize });
          return ok({ conversation, ...page });
        },

        'message:send': async ({ conversationId, clientId, body }) => {
          if (!sendBucket.take(clock.now().getTime())) return fail(protocolError('rate_limited'));
          active();
          const before = await accessible(conversationId);
          const { message, created } = await store.appendMessage({
            conversationId,
            clientId,
            author: 'operator',
            operatorId: operator.id,
            body,
            now: clock.now().toISOString(),
          });
          if (created) {
            visitors.to(rooms.visitor(before.visitorId)).emit('message:created', message);
            const conversation = (await store.getConversationSummary(conversationId)) ?? before;
            socket.to(rooms.site(before.siteId)).emit('message:created', { message, conversation });
            // The answer kept the "update by" promise: the widget stops showing it.
            if (before.updateBy !== null && conversation.updateBy === null) await updates.tellVisitor(conversation);
            // Mailed later if the visitor (with an e-mail address) has not read it in the chat by then.
            // The message is stored and delivered either way: a failure here is logged, not the operator's error.
            await ctx.replyMails
              .queue({ siteId: before.siteId, conversationId, visitorId: before.visitorId, message, now: clock.now() })
              .catch((err: unknown) => log.error({ err, conversationId }, 'could not queue the reply mail'));
          }
          return ok({ message });
        },

        'message:seen': async ({ conversationId, upToSeq }) => {
          active();
          const conversation = await accessible(conversationId);
          const mark = await store.markSeen({ conversationId, by: 'operator', upToSeq });
          if (mark > conversation.operatorSeenSeq) {
            const seen = { conversationId, by: 'operator' as const, upToSeq: mark };
            visitors.to(rooms.visitor(conversation.visitorId)).emit('conversation:seen', seen);
            nsp.to(rooms.site(conversation.siteId)).emit('conversation:seen', seen);
          }
          return ok({ upToSeq: mark });
        },

        'typing:update': async ({ conversationId, isTyping }) => {
          const nowMs = clock.now().getTime();
          if (isTyping && nowMs - lastTypingAt < LIMITS.typingIntervalMs) return;
          if (isTyping) lastTypingAt = nowMs;
          active();
          const conversation = await accessible(conversationId);
          visitors.to(rooms.visitor(conversation.visitorId)).emit('typing:updated', { isTyping, name: operator.name });
          socket.to(rooms.site(conversation.siteId)).emit('typing:updated', {
            conversationId,
            by: 'operator',
            operatorId: operator.id,
            name: operator.name,
            isTyping,
          });
        },

        'presence:update': async ({ status }) => {
          const now = presence.choose(operator.id, status);
          return ok({ operatorId: operator.id, name: operator.name, status: now, awayReason: presence.awayReasonOf(operator.id) });
        },

        'conversation:details': async ({ conversationId }) => {
          const conversation = await accessible(conversationId);
          const visitor = await store.getVisitorById(conversation.visitorId);
          if (!visitor) return fail(protocolError('conversation_not_found'));
          const [tabs, events, related] = await Promise.all([
            visitors.in(rooms.visitor(visitor.id)).fetchSockets(),
            store.listConversationEvents(conversationId),
            visitor.email === null
              ? Promise.resolve([])
              : store.listConversationsByEmail({ siteId: conversation.siteId, email: visitor.email, excludeConversationId: conversationId }),
          ]);
          return ok({ conversation, visitor: toVisitorDetails(visitor, tabs.length > 0), events, related });
        },

        'note:add': async ({ conversationId, clientId, body }) => {
          if (!sendBucket.take(clock.now().getTime())) return fail(protocolError('rate_limited'));
          active();
          await accessible(conversationId);
          const change = await store.addNote({ conversationId, operatorId: operator.id, clientId, body, now: clock.now().toISOString() });
          await announce(change);
          return ok(change);
        },

        'conversation:assign': async ({ conversationId, operatorId, note }) => {
          active();
          const conversation = await accessible(conversationId);
          if (operatorId !== null && (await store.getOperatorRole(operatorId, conversation.siteId)) === undefined) {
            return fail(protocolError('operator_not_found'));
          }
          const change = await store.assignConversation({
            conversationId,
            operatorId: operator.id,
            assigneeId: operatorId,
            note: note ?? null,
            now: clock.now().toISOString(),
          });
          await announce(change);
          // The new assignee is reminded of the open promises; the old one's reminders cancel themselves.
          await queueReminders(conversationId);
          return ok(change);
        },

        'conversation:resolve': async ({ conversationId, followUpAt }) => {
          active();
          const conversation = await accessible(conversationId);
          // Resolving again would silently drop the visitor's rating; another tab has already done it.
          if (conversation.status === 'resolved') {
            return fail(protocolError('invalid_payload', 'This conversation is already resolved.'));
          }
          requireFuture('followUpAt', followUpAt);
          const change = await store.resolveConversation({ conversationId, operatorId: operator.id, followUpAt, now: clock.now().toISOString() });
          await announce(change);
          return ok(change);
        },

        'conversation:reopen': async ({ conversationId }) => {
          active();
          const conversation = await accessible(conversationId);
          if (conversation.status === 'open') return fail(protocolError('invalid_payload', 'This conversation is already open.'));
          const change = await store.reopenConversation({ conversationId, operatorId: operator.id, clearAssignee: false, now: clock.now().toISOString() });
          await announce(change);
          return ok(change);
        },

        'conversation:promise': async ({ conversationId, at, note }) => {
          active();
          await accessible(conversationId);
          requireFuture('at', at);
          const change = await store.setUpdatePromise({
            conversationId,
            operatorId: operator.id,
            at,
            note: at === null ? null : note?.trim() || null,
            now: clock.now().toISOString(),
          });
          await announce(change);
          await queueReminders(conversationId);
          return ok(change);
        },

        'conversation:follow-up': async ({ conversationId, at }) => {
          active();
          await accessible(conversationId);
          requireFuture('at', at);
          const change = await store.setFollowUp({ conversationId, operatorId: operator.id, at, now: clock.now().toISOString() });
          await announce(change);
          return ok(change);
        },

        'conversation:search': async ({ query, siteId }) => {
          if (siteId !== undefined && !siteIds.includes(siteId)) return fail(protocolError('forbidden'));
          const normalized = normalizeForSearch(query);
          if (normalized.length < 2) return ok({ hits: [] });
          const hits = await store.searchConversations(siteId ? [siteId] : siteIds, normalized, { limit: LIMITS.searchResults });
          return ok({ hits });
        },

        'presence:list': async () => {
          const operators = await store.listOperatorsOfSites(siteIds);
          return ok({
            operators: operators.map((o) => ({ operatorId: o.id, name: o.name, status: presence.statusOf(o.id), awayReason: presence.awayReasonOf(o.id) })),
          });
        },
      },
      log,
    );
  });
}
