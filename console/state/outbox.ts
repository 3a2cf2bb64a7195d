import type { Message } from '../../shared/index.ts';

/**
 * A message the operator wrote that the server has not confirmed yet. Its clientId is generated once and
 * reused on every retry, and the server stores each clientId once, so retrying can never duplicate it.
 */
export interface PendingMessage {
  clientId: string;
  conversationId: string;
  body: string;
  createdAt: string;
  /** 'sending' is retried automatically; 'failed' waits for the operator to press Retry. */
  status: 'sending' | 'failed';
  error: string | null;
}

export function enqueue(outbox: readonly PendingMessage[], pending: PendingMessage): PendingMessage[] {
  return [...outbox.filter((p) => p.clientId !== pending.clientId), pending];
}

export function updatePending(
  outbox: readonly PendingMessage[],
  clientId: string,
  change: Pick<PendingMessage, 'status' | 'error'>,
): readonly PendingMessage[] {
  if (!outbox.some((p) => p.clientId === clientId)) return outbox;
  return outbox.map((p) => (p.clientId === clientId ? { ...p, ...change } : p));
}

/** Drops the pending messages that the server has stored (matched by clientId). */
export function settle(outbox: readonly PendingMessage[], stored: readonly Message[]): readonly PendingMessage[] {
  if (outbox.length === 0 || stored.length === 0) return outbox;
  const clientIds = new Set(stored.map((m) => m.clientId));
  const left = outbox.filter((p) => !clientIds.has(p.clientId));
  return left.length === outbox.length ? outbox : left;
}
