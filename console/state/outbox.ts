import { signal, type ReadonlySignal } from '@preact/signals';
import type { Message } from '../../shared/index.ts';
import { createMemoryStorage } from '../../shared/browser/safe-storage.ts';
import { parseStoredQueue, readQueuedMessage } from '../../shared/browser/stored-queue.ts';

/** A reply the operator wrote that the server has not acknowledged yet, as kept in localStorage. */
export interface StoredReply {
  conversationId: string;
  clientId: string;
  body: string;
  createdAt: string;
}

/**
 * A reply as shown in its thread. Its clientId is generated once and reused on every retry, and the server
 * stores each clientId once, so retrying can never duplicate it.
 */
export interface PendingMessage extends StoredReply {
  /** 'sending' is in the stored outbox and retried automatically; 'failed' waits for the operator's Retry. */
  status: 'sending' | 'failed';
  error: string | null;
}

/** The localStorage key of an operator's outbox; per operator, so two people sharing a browser never mix. */
export const outboxKey = (operatorId: string): string => `porchlight:console:${operatorId}:outbox`;

const MAX_ID_LENGTH = 64;

/**
 * Reads a stored outbox (see parseStoredQueue: never throws, drops bad entries, keeps a clientId once). A
 * body over the length limit is kept: the server refuses it with its reason, which the operator then sees.
 */
export function parseOutbox(raw: string | null): StoredReply[] {
  return parseStoredQueue(raw, (item): StoredReply | null => {
    const message = readQueuedMessage(item);
    const conversationId = (item as { conversationId?: unknown } | null)?.conversationId;
    if (message === null || typeof conversationId !== 'string' || conversationId.length === 0 || conversationId.length > MAX_ID_LENGTH) {
      return null;
    }
    return { conversationId, ...message };
  });
}

/**
 * The console's outbox: replies written but not yet acknowledged, kept in localStorage so that neither a
 * dropped connection nor a reload or crash loses them. Storage is the source of truth, because other tabs of
 * the same operator add and remove entries too; `entries` mirrors it for rendering.
 */
export interface Outbox {
  /** Oldest first, across all conversations. */
  readonly entries: ReadonlySignal<readonly StoredReply[]>;
  add(entry: StoredReply): void;
  /** Removes the entry if present (the ack, another tab or a sync may have done it already). */
  remove(clientId: string): void;
  /** The oldest entry of one conversation, read fresh from storage. */
  firstIn(conversationId: string): StoredReply | undefined;
  /** Re-reads storage, e.g. after a `storage` event from another tab. */
  refresh(): void;
  /** Forgets every entry (signing out). */
  clear(): void;
}

/**
 * @example
 * const outbox = createOutbox(openStorage(() => localStorage), outboxKey(operatorId));
 * outbox.add({ conversationId, clientId, body, createdAt }); // before the first send attempt
 */
export function createOutbox(initialStorage: Storage, key: string): Outbox {
  let storage = initialStorage;
  const entries = signal<readonly StoredReply[]>([]);
  // The last raw value read: an unchanged value keeps the same array, so nothing re-renders for a re-read.
  let lastRaw: string | null | undefined;

  const read = (): readonly StoredReply[] => {
    let raw: string | null = null;
    try {
      raw = storage.getItem(key);
    } catch {
      // Unreadable storage reads as empty; the memory fallback below takes over on the next write.
    }
    if (raw !== lastRaw) {
      lastRaw = raw;
      entries.value = parseOutbox(raw);
    }
    return entries.peek();
  };

  const write = (list: readonly StoredReply[]): void => {
    const raw = list.length === 0 ? null : JSON.stringify(list);
    try {
      if (raw === null) storage.removeItem(key);
      else storage.setItem(key, raw);
    } catch {
      // Quota exceeded or storage revoked: keep the outbox in memory for the rest of this page's life rather
      // than drop what the operator wrote.
      storage = createMemoryStorage();
      if (raw !== null) storage.setItem(key, raw);
    }
    lastRaw = raw;
    entries.value = list;
  };

  read();
  return {
    entries,
    add(entry) {
      const list = read();
      if (!list.some((e) => e.clientId === entry.clientId)) write([...list, entry]);
    },
    remove(clientId) {
      const list = read();
      if (list.some((e) => e.clientId === clientId)) write(list.filter((e) => e.clientId !== clientId));
    },
    firstIn: (conversationId) => read().find((e) => e.conversationId === conversationId),
    refresh: () => void read(),
    clear: () => write([]),
  };
}

/** Drops the pending messages that the server has stored (matched by clientId). */
export function settle(outbox: readonly PendingMessage[], stored: readonly Message[]): readonly PendingMessage[] {
  if (outbox.length === 0 || stored.length === 0) return outbox;
  const clientIds = new Set(stored.map((m) => m.clientId));
  const left = outbox.filter((p) => !clientIds.has(p.clientId));
  return left.length === outbox.length ? outbox : left;
}
