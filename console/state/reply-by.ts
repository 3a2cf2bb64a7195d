import type { ConversationSummary } from '../../shared/index.ts';

/** A reply-time promise that is still open: due at `at`, and `isOverdue` once that moment has passed. */
export interface OpenPromise {
  at: string;
  isOverdue: boolean;
}

/**
 * The promise made to the visitor ("we'll reply by Monday 9:30"), while it is open: the conversation has a
 * `replyBy` and its last message is the visitor's or the automatic acknowledgement. An operator's answer
 * keeps it. Overdue strictly after the promised moment.
 */
export function openPromise(summary: Pick<ConversationSummary, 'replyBy' | 'lastMessage'>, now: number): OpenPromise | null {
  const { replyBy, lastMessage } = summary;
  if (!replyBy || !lastMessage || lastMessage.author === 'operator') return null;
  const due = Date.parse(replyBy);
  if (Number.isNaN(due)) return null;
  return { at: replyBy, isOverdue: now > due };
}
