import type { ConversationEvent } from '../../shared/index.ts';
import type { ThreadEntry } from './thread.ts';

/** One row of the conversation view: a message (stored or on its way) or an operators' event. */
export type TimelineEntry = ThreadEntry | { kind: 'event'; event: ConversationEvent };

/**
 * Merges a thread with the operators' events (notes, handoffs, resolves, …) by time. Messages keep their
 * seq order; each event goes after the last message written at or before it (so a note written after a
 * message stays below it even when both fall in the same millisecond), events in time order, then id.
 * Messages still on their way stay at the end: they have no place on the server's clock yet.
 */
export function mergeTimeline(thread: readonly ThreadEntry[], events: readonly ConversationEvent[]): TimelineEntry[] {
  const sorted = [...events].sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const result: TimelineEntry[] = [];
  let next = 0;
  for (const entry of thread) {
    if (entry.kind === 'message') {
      const written = Date.parse(entry.message.createdAt);
      while (next < sorted.length && Date.parse(sorted[next]!.createdAt) < written) {
        result.push({ kind: 'event', event: sorted[next]! });
        next++;
      }
    } else {
      // The first pending message: every event left goes before it.
      while (next < sorted.length) result.push({ kind: 'event', event: sorted[next++]! });
    }
    result.push(entry);
  }
  while (next < sorted.length) result.push({ kind: 'event', event: sorted[next++]! });
  return result;
}

/**
 * Adds events to a conversation's list, once per id, oldest first; returns the same array when nothing is
 * new (an event arrives both as our ack and as the broadcast to our other tabs).
 */
export function addEvents(list: readonly ConversationEvent[], incoming: readonly ConversationEvent[]): readonly ConversationEvent[] {
  const known = new Set(list.map((e) => e.id));
  const fresh = incoming.filter((e) => {
    if (known.has(e.id)) return false;
    known.add(e.id);
    return true;
  });
  if (fresh.length === 0) return list;
  return [...list, ...fresh].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}
