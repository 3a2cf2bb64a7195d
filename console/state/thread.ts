import type { Message } from '../../shared/index.ts';
import type { PendingMessage } from './outbox.ts';

/** One row of a conversation's thread as shown: a stored message, or one of ours still on its way. */
export type ThreadEntry =
  | { kind: 'message'; message: Message }
  | { kind: 'pending'; pending: PendingMessage };

/**
 * Merges messages into a thread: one entry per message id, ordered by seq. Returns the same array when
 * nothing is new, so a signal holding the thread does not notify for duplicates.
 */
export function mergeMessages(thread: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  const known = new Set(thread.map((m) => m.id));
  const fresh = incoming.filter((m) => {
    if (known.has(m.id)) return false;
    known.add(m.id);
    return true;
  });
  if (fresh.length === 0) return thread;
  return [...thread, ...fresh].sort((a, b) => a.seq - b.seq);
}

/**
 * The highest seq up to which the thread has every message (seqs are gap-free from 1). Syncing from here
 * fills any gap left by a missed event, not only what came after the newest message we happen to have.
 */
export function contiguousSeq(thread: readonly Message[]): number {
  let seq = 0;
  for (const message of thread) {
    if (message.seq === seq + 1) seq = message.seq;
    else if (message.seq > seq + 1) break;
  }
  return seq;
}

/**
 * The rows to show for a conversation: its stored messages, then our pending ones that the server has not
 * confirmed yet. A pending message whose clientId is already stored is the same message, so it is dropped;
 * this is how a "Sending…" row is replaced by its acknowledged (or broadcast) message.
 */
export function threadEntries(
  thread: readonly Message[],
  outbox: readonly PendingMessage[],
  conversationId: string,
): ThreadEntry[] {
  const stored = new Set(thread.map((m) => m.clientId));
  const entries: ThreadEntry[] = thread.map((message) => ({ kind: 'message', message }));
  for (const pending of outbox) {
    if (pending.conversationId === conversationId && !stored.has(pending.clientId)) {
      entries.push({ kind: 'pending', pending });
    }
  }
  return entries;
}

/** The seq of the latest operator message the visitor has seen, if any: the one that shows "Seen". */
export function lastSeenOperatorSeq(thread: readonly Message[], visitorSeenSeq: number): number | null {
  for (let i = thread.length - 1; i >= 0; i--) {
    const message = thread[i];
    if (message && message.author === 'operator' && message.seq <= visitorSeenSeq) return message.seq;
  }
  return null;
}

/** Whether the thread holds a visitor message the operators have not marked as seen. */
export function hasUnseenVisitorMessage(thread: readonly Message[], operatorSeenSeq: number): boolean {
  return thread.some((m) => m.author === 'visitor' && m.seq > operatorSeenSeq);
}
