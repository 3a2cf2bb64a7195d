import type { ConversationEvent, ConversationSummary, Message } from '../../shared/index.ts';
import type { PendingMessage } from './outbox.ts';

/** Builders for tests; times are fixed instants. */
export function aMessage(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    clientId: `client-${seq}-xyz`,
    author: 'visitor',
    operatorId: null,
    authorName: null,
    body: `message ${seq}`,
    createdAt: `2026-03-12T10:00:${String(seq).padStart(2, '0')}.000Z`,
    ...overrides,
  };
}

export function aSummary(id: string, overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    siteId: 's1',
    visitorId: `v-${id}`,
    visitorName: `Visitor ${id}`,
    lastSeq: 1,
    visitorSeenSeq: 0,
    operatorSeenSeq: 0,
    unreadCount: 1,
    lastMessage: { author: 'visitor', body: 'hello', createdAt: '2026-03-12T10:00:00.000Z' },
    replyBy: null,
    visitorEmail: null,
    status: 'open',
    resolvedAt: null,
    assigneeId: null,
    assigneeName: null,
    updateBy: null,
    followUpAt: null,
    rating: null,
    lastVisitorMessageAt: '2026-03-12T10:00:00.000Z',
    lastOperatorMessageAt: null,
    createdAt: '2026-03-12T09:00:00.000Z',
    updatedAt: '2026-03-12T10:00:00.000Z',
    ...overrides,
  };
}

export function aPending(clientId: string, overrides: Partial<PendingMessage> = {}): PendingMessage {
  return {
    clientId,
    conversationId: 'c1',
    body: 'on its way',
    createdAt: '2026-03-12T10:05:00.000Z',
    status: 'sending',
    error: null,
    ...overrides,
  };
}

export function anEvent(id: string, overrides: Partial<ConversationEvent> = {}): ConversationEvent {
  return {
    id,
    conversationId: 'c1',
    kind: 'note',
    clientId: `note-${id}-xyz`,
    operatorId: 'op1',
    operatorName: 'Jana',
    targetOperatorId: null,
    targetOperatorName: null,
    body: 'internal',
    at: null,
    rating: null,
    createdAt: '2026-03-12T10:00:30.000Z',
    ...overrides,
  };
}
