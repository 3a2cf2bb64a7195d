import type { ConversationSeen, ConversationSummary, Message } from '../../shared/index.ts';

/** Most recent activity first, as the server lists them. */
function byRecentActivity(a: ConversationSummary, b: ConversationSummary): number {
  return Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
}

function withSeenSeqs(summary: ConversationSummary, operatorSeenSeq: number, visitorSeenSeq: number): ConversationSummary {
  if (operatorSeenSeq === summary.operatorSeenSeq && visitorSeenSeq === summary.visitorSeenSeq) return summary;
  return {
    ...summary,
    operatorSeenSeq,
    visitorSeenSeq,
    unreadCount: operatorSeenSeq >= summary.lastSeq ? 0 : summary.unreadCount,
  };
}

/**
 * Puts a conversation's latest summary into the list and keeps the list ordered by activity. Events can
 * arrive out of order (a sync answer after a newer broadcast), so a summary older than the one we have
 * (lower lastSeq) only contributes the seen positions, which never go back.
 */
export function upsertConversation(
  list: readonly ConversationSummary[],
  summary: ConversationSummary,
): ConversationSummary[] {
  const existing = list.find((c) => c.id === summary.id);
  let next = summary;
  if (existing) {
    const newer = summary.lastSeq >= existing.lastSeq ? summary : existing;
    next = withSeenSeqs(
      newer,
      Math.max(summary.operatorSeenSeq, existing.operatorSeenSeq),
      Math.max(summary.visitorSeenSeq, existing.visitorSeenSeq),
    );
  }
  return [next, ...list.filter((c) => c.id !== summary.id)].sort(byRecentActivity);
}

/** Applies `message:created`: the event carries the conversation's new summary. */
export function applyMessageCreated(
  list: readonly ConversationSummary[],
  event: { message: Message; conversation: ConversationSummary },
): ConversationSummary[] {
  return upsertConversation(list, event.conversation);
}

/**
 * Applies a message we know of without a new summary (our own, from the send acknowledgement: the server
 * broadcasts `message:created` to the other operators' sockets, not to the one that sent it). Summaries
 * that arrive later with the same lastSeq replace this one. An operator's message does to the summary what
 * the server does (Store.appendMessage): it moves lastOperatorMessageAt and keeps (clears) the reply-by and
 * "update by" promises and a due follow-up, so the inbox moves it to "Waiting for the visitor" at once.
 */
export function applyOwnMessage(list: readonly ConversationSummary[], message: Message): readonly ConversationSummary[] {
  const existing = list.find((c) => c.id === message.conversationId);
  if (!existing || message.seq <= existing.lastSeq) return list;
  const at = message.createdAt;
  const isDue = existing.followUpAt !== null && Date.parse(existing.followUpAt) <= Date.parse(at);
  const next: ConversationSummary = {
    ...existing,
    lastSeq: message.seq,
    lastMessage: { author: message.author, body: message.body, createdAt: at },
    updatedAt: at,
    ...(message.author === 'operator'
      ? { lastOperatorMessageAt: at, replyBy: null, updateBy: null, ...(isDue ? { followUpAt: null } : {}) }
      : message.author === 'visitor'
        ? { lastVisitorMessageAt: at }
        : {}),
  };
  return [next, ...list.filter((c) => c.id !== next.id)].sort(byRecentActivity);
}

/**
 * Applies `conversation:seen`. When operators have seen up to a seq below the last one, the unread count is
 * recounted from the thread if we hold it, and otherwise left for the next summary to correct.
 */
export function applySeen(
  list: readonly ConversationSummary[],
  event: ConversationSeen,
  thread?: readonly Message[],
): readonly ConversationSummary[] {
  const existing = list.find((c) => c.id === event.conversationId);
  if (!existing) return list;
  let next: ConversationSummary;
  if (event.by === 'visitor') {
    next = withSeenSeqs(existing, existing.operatorSeenSeq, Math.max(existing.visitorSeenSeq, event.upToSeq));
  } else {
    next = withSeenSeqs(existing, Math.max(existing.operatorSeenSeq, event.upToSeq), existing.visitorSeenSeq);
    if (thread && next.unreadCount > 0 && next !== existing) {
      const unreadCount = thread.filter((m) => m.author === 'visitor' && m.seq > next.operatorSeenSeq).length;
      next = { ...next, unreadCount };
    }
  }
  return next === existing ? list : list.map((c) => (c.id === next.id ? next : c));
}

/** Unread visitor messages across all conversations, for the tab title. */
export function totalUnread(list: readonly ConversationSummary[]): number {
  return list.reduce((sum, c) => sum + c.unreadCount, 0);
}
