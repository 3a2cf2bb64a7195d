import { batch, computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type {
  ConversationStatus,
  Message,
  RatingValue,
  VisitorConversation,
  VisitorUpdatePromise,
} from '../../shared/protocol/schemas.ts';
import type { OutboxEntry } from './outbox.ts';
import { isUpdatePromise } from './wire-guards.ts';

export interface ConversationView {
  id: string;
  /** Highest seq the visitor has seen: team messages above it are unread. */
  visitorSeenSeq: number;
  /** Highest seq the team has seen: the visitor's messages up to it show "Seen". */
  operatorSeenSeq: number;
  /** 'resolved' only asks for a rating: the thread stays open, and writing again reopens it. */
  status: ConversationStatus;
  /** The team's open "we'll update you by" promise, shown above the composer. */
  updateBy: VisitorUpdatePromise | null;
  /** The visitor's rating since the last resolve. */
  rating: RatingValue | null;
}

/** A message the server refused for good (e.g. too long): shown with its reason, never retried. */
export interface RefusedMessage {
  entry: OutboxEntry;
  code: string;
}

export interface OperatorTyping {
  name: string | null;
}

export interface ChatState {
  /** Stored messages, ordered by seq, each once. */
  readonly messages: ReadonlySignal<readonly Message[]>;
  readonly conversation: ReadonlySignal<ConversationView | null>;
  /** Team messages the visitor has not seen yet. */
  readonly unread: ReadonlySignal<number>;
  readonly refused: ReadonlySignal<readonly RefusedMessage[]>;
  /** Set while an operator types; null otherwise. */
  readonly operatorTyping: Signal<OperatorTyping | null>;
  /** The highest seq up to which this tab holds every message: the next sync asks for what comes after. */
  syncedSeq(): number;
  /** The highest seq held at all (may be above syncedSeq when a live message arrived across a gap). */
  lastSeq(): number;
  /** Adds messages not held yet; returns the ones that were new. */
  merge(incoming: readonly Message[]): Message[];
  /** Takes the server's view of the conversation (a sync answer, `conversation:updated`, a rating's answer). */
  setConversation(conversation: VisitorConversation): void;
  /** The visitor wrote again: the server reopens a resolved conversation, so stop offering a rating at once. */
  reopen(): void;
  markSeen(by: 'visitor' | 'operator', upToSeq: number): void;
  addRefused(refused: RefusedMessage): void;
  /**
   * Forgets everything: the conversation belonged to a token the server no longer accepts, or to the user
   * the host page just signed out. In one batch, so nothing renders half of it.
   */
  reset(): void;
}

export function createChatState(): ChatState {
  const messages = signal<readonly Message[]>([]);
  const conversation = signal<ConversationView | null>(null);
  const refused = signal<readonly RefusedMessage[]>([]);
  const operatorTyping = signal<OperatorTyping | null>(null);
  const held = new Set<number>();
  const ids = new Set<string>();
  let syncedSeq = 0;

  const unread = computed(() => {
    const seenUpTo = conversation.value?.visitorSeenSeq ?? 0;
    // The team's automatic messages (author 'system') count too: they are written to the visitor.
    return messages.value.filter((m) => m.author !== 'visitor' && m.seq > seenUpTo).length;
  });

  return {
    messages,
    conversation,
    unread,
    refused,
    operatorTyping,
    syncedSeq: () => syncedSeq,
    lastSeq: () => messages.value.at(-1)?.seq ?? 0,
    merge(incoming) {
      const added = incoming.filter((m) => {
        if (ids.has(m.id) || held.has(m.seq)) return false;
        ids.add(m.id);
        held.add(m.seq);
        return true;
      });
      if (added.length === 0) return added;
      // Advanced before the signal changes: effects run synchronously on that assignment, and one that
      // marks messages seen reads syncedSeq (it used to see the old value and never mark the new message).
      while (held.has(syncedSeq + 1)) syncedSeq += 1;
      messages.value = [...messages.value, ...added].sort((a, b) => a.seq - b.seq);
      const first = added[0];
      if (conversation.value === null && first) {
        conversation.value = {
          id: first.conversationId,
          visitorSeenSeq: 0,
          operatorSeenSeq: 0,
          status: 'open',
          updateBy: null,
          rating: null,
        };
      }
      return added;
    },
    setConversation(next) {
      const current = conversation.value;
      // Seen marks only move forward: a slow sync answer must not undo a newer conversation:seen event.
      // The state fields are the server's latest word; read leniently, so that a server from before they
      // existed (a half-finished deploy) still syncs: it reads as open, no promise, not rated.
      conversation.value = {
        id: next.id,
        visitorSeenSeq: Math.max(next.visitorSeenSeq, current?.id === next.id ? current.visitorSeenSeq : 0),
        operatorSeenSeq: Math.max(next.operatorSeenSeq, current?.id === next.id ? current.operatorSeenSeq : 0),
        status: next.status === 'resolved' ? 'resolved' : 'open',
        updateBy: isUpdatePromise(next.updateBy) ? next.updateBy : null,
        rating: next.rating === 'good' || next.rating === 'bad' ? next.rating : null,
      };
    },
    reopen() {
      const current = conversation.value;
      if (current?.status === 'resolved') conversation.value = { ...current, status: 'open', rating: null };
    },
    markSeen(by, upToSeq) {
      const current = conversation.value;
      if (!current) return;
      const field = by === 'visitor' ? 'visitorSeenSeq' : 'operatorSeenSeq';
      if (upToSeq > current[field]) conversation.value = { ...current, [field]: upToSeq };
    },
    addRefused(item) {
      if (!refused.value.some((r) => r.entry.clientId === item.entry.clientId)) {
        refused.value = [...refused.value, item];
      }
    },
    reset() {
      held.clear();
      ids.clear();
      syncedSeq = 0;
      batch(() => {
        messages.value = [];
        conversation.value = null;
        refused.value = [];
        operatorTyping.value = null;
      });
    },
  };
}
