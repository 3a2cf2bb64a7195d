import type { FastifyBaseLogger } from 'fastify';
import type { ConversationEventKind, ConversationSummary, VisitorConversation } from '../../shared/index.ts';
import type { Store } from '../storage/index.ts';
import type { ConversationChange } from '../storage/store.ts';
import type { OperatorNamespace } from './operator-namespace.ts';
import { rooms } from './rooms.ts';
import type { VisitorNamespace } from './visitor-namespace.ts';

/**
 * Which changes the visitor is told about. A Record, so a new kind cannot be added without deciding here:
 * notes, handoffs and follow-ups are the operators' business and never reach a visitor's socket.
 */
export const VISITOR_SEES: Record<ConversationEventKind, boolean> = {
  note: false,
  assigned: false,
  follow_up_set: false,
  resolved: true,
  reopened: true,
  update_promised: true,
  rated: true,
};

export interface ConversationUpdates {
  /**
   * Never rejects (a failed broadcast is logged: the change itself is stored and acknowledged).
   * `conversation:updated` with the change to every operator socket of the conversation's site, except
   * `exceptSocketId` (the acting console tab, which has the ack); then, when the visitor must see this kind
   * of change, the visitor's view of their conversation to their tabs.
   */
  announce(change: ConversationChange, except?: { operatorSocketId?: string; visitorSocketId?: string }): Promise<void>;
  /** The visitor's view of their conversation to their tabs (except one), e.g. after a message kept a promise. */
  tellVisitor(conversation: ConversationSummary, exceptSocketId?: string): Promise<void>;
}

export function createConversationUpdates(deps: {
  store: Store;
  operators: OperatorNamespace;
  visitors: VisitorNamespace;
  log: FastifyBaseLogger;
}): ConversationUpdates {
  const { store, operators, visitors, log } = deps;

  async function tellVisitor(conversation: ConversationSummary, exceptSocketId?: string): Promise<void> {
    try {
      const own = await store.getVisitorConversation(conversation.visitorId);
      // A visitor only ever sees their current conversation.
      if (!own || own.id !== conversation.id) return;
      const room = visitors.to(rooms.visitor(conversation.visitorId));
      (exceptSocketId ? room.except(exceptSocketId) : room).emit('conversation:updated', toVisitorView(own));
    } catch (err) {
      log.error({ err, conversationId: conversation.id }, 'telling the visitor about a conversation change failed');
    }
  }

  return {
    async announce(change, except = {}) {
      const room = operators.to(rooms.site(change.conversation.siteId));
      (except.operatorSocketId ? room.except(except.operatorSocketId) : room).emit('conversation:updated', change);
      if (VISITOR_SEES[change.event.kind]) await tellVisitor(change.conversation, except.visitorSocketId);
    },
    tellVisitor,
  };
}

/** Field by field, so nothing else an object from the store might carry can ever reach a visitor. */
export function toVisitorView(conversation: VisitorConversation): VisitorConversation {
  const { id, lastSeq, visitorSeenSeq, operatorSeenSeq, status, updateBy, rating } = conversation;
  return {
    id,
    lastSeq,
    visitorSeenSeq,
    operatorSeenSeq,
    status,
    updateBy: updateBy === null ? null : { at: updateBy.at, operatorName: updateBy.operatorName, note: updateBy.note },
    rating,
  };
}
