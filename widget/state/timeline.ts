import type { Message } from '../../shared/protocol/schemas.ts';
import type { RefusedMessage } from './chat.ts';
import type { OutboxEntry } from './outbox.ts';

export type DeliveryStatus = 'sending' | 'sent' | 'seen' | 'refused';

export type TimelineItem =
  | { kind: 'stored'; key: string; message: Message; status: DeliveryStatus | null }
  | { kind: 'pending'; key: string; entry: OutboxEntry; status: 'sending' }
  | { kind: 'refused'; key: string; entry: OutboxEntry; status: 'refused'; code: string };

/**
 * What the message list shows: stored messages by seq, then refused ones, then the outbox in order.
 * An outbox entry the server already stored (acked in another tab, or just now) shows once, as stored.
 * Only the visitor's last stored message carries "Sent"/"Seen", as in most messengers.
 */
export function buildTimeline(
  messages: readonly Message[],
  outbox: readonly OutboxEntry[],
  refused: readonly RefusedMessage[],
  operatorSeenSeq: number,
): TimelineItem[] {
  const storedClientIds = new Set<string>();
  let lastVisitorSeq = 0;
  for (const m of messages) {
    if (m.author !== 'visitor') continue;
    storedClientIds.add(m.clientId);
    lastVisitorSeq = m.seq;
  }
  const items: TimelineItem[] = messages.map((message) => ({
    kind: 'stored',
    // Keyed by clientId so a pending item keeps its element when it becomes stored.
    key: message.clientId,
    message,
    status: message.seq === lastVisitorSeq ? (message.seq <= operatorSeenSeq ? 'seen' : 'sent') : null,
  }));
  for (const r of refused) {
    if (storedClientIds.has(r.entry.clientId)) continue;
    items.push({ kind: 'refused', key: r.entry.clientId, entry: r.entry, status: 'refused', code: r.code });
  }
  for (const entry of outbox) {
    if (storedClientIds.has(entry.clientId)) continue;
    items.push({ kind: 'pending', key: entry.clientId, entry, status: 'sending' });
  }
  return items;
}
