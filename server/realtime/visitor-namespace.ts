import type { Namespace } from 'socket.io';
import {
  fail,
  LIMITS,
  ok,
  protocolError,
  VisitorHandshake,
  visitorClientEvents,
  type VisitorClientEvents,
  type VisitorServerEvents,
} from '../../shared/index.ts';
import { createToken, hashToken } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { createVisitorName } from '../visitor-names.ts';
import { bindHandlers } from './bind-handlers.ts';
import { checkProtocolVersion, clientAddress, handshakeError } from './handshake.ts';
import type { OperatorNamespace } from './operator-namespace.ts';
import { createKeyedLimiter, createTokenBucket } from './rate-limiter.ts';
import { rooms } from './rooms.ts';

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
  const { store, clock, config, log } = ctx;
  // New visitors per address: generous for a busy office behind one NAT, tight enough to stop a flood of rows.
  const newVisitorLimiter = createKeyedLimiter(30, 0.5);

  nsp.use(async (socket, next) => {
    try {
      const versionError = checkProtocolVersion(socket.handshake.auth);
      if (versionError) return next(versionError);
      const parsed = VisitorHandshake.safeParse(socket.handshake.auth);
      if (!parsed.success) return next(handshakeError('invalid_payload', 'The chat could not start: its handshake was not in the expected form.'));
      const { siteKey, token } = parsed.data;
      const site = await store.getSiteByKey(siteKey);
      if (!site) return next(handshakeError('site_unknown'));
      if (token !== undefined) {
        const visitor = await store.getVisitorByToken(site.id, hashToken(token));
        if (!visitor) return next(handshakeError('token_invalid'));
        socket.data = { siteId: site.id, visitorId: visitor.id, visitorName: visitor.displayName, issuedToken: null };
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
      next();
    } catch (err) {
      log.error({ err }, 'visitor handshake failed');
      next(handshakeError('storage_unavailable'));
    }
  });

  nsp.on('connection', (socket) => {
    const { siteId, visitorId, visitorName } = socket.data;
    void socket.join(rooms.visitor(visitorId));
    const sendBucket = createTokenBucket(20, 2);
    let lastTypingAt = -Infinity;

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
            socket.to(rooms.visitor(visitorId)).emit('message:created', message);
            const summary = await store.getConversationSummary(conversation.id);
            if (summary) operators.to(rooms.site(siteId)).emit('message:created', { message, conversation: summary });
          }
          return ok({ message });
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
            name: visitorName,
            isTyping,
          });
        },
      },
      log,
    );
  });
}
