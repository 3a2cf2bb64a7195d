import type { Message } from '../../shared/index.ts';
import type { ClientError, ClientResult } from '../transport/index.ts';
import type { Outbox, StoredReply } from './outbox.ts';

/**
 * Failures worth retrying by themselves; any other refusal (e.g. `message_too_long`, `conversation_not_found`)
 * is final for that reply. `offline` is not here: the loop stops and the next connect restarts it.
 */
const TRANSIENT_CODES: ReadonlySet<ClientError['code']> = new Set(['timeout', 'rate_limited', 'storage_unavailable', 'internal']);

/** 2 s, 4 s, 8 s … up to 30 s. */
export const retryDelay = (attempt: number): number => Math.min(30_000, 2000 * 2 ** Math.max(0, attempt - 1));

export interface OutboxFlusherDeps {
  outbox: Outbox;
  /** Sends one reply with `message:send`. */
  send(entry: StoredReply): Promise<ClientResult<{ message: Message }>>;
  /** True while connected: only then is the outbox sent. */
  canSend(): boolean;
  /** Called after the entry left the outbox, with the stored message. */
  onDelivered(entry: StoredReply, message: Message): void;
  /** Called after the entry left the outbox because the server refused it for good. */
  onRefused(entry: StoredReply, error: ClientError): void;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface OutboxFlusher {
  /** Starts a loop for every conversation with pending replies that has none running. */
  kick(): void;
  /** Cuts short every retry delay (call on reconnect), then kicks. */
  wake(): void;
  isRunning(conversationId: string): boolean;
}

/**
 * Delivers the outbox: per conversation, one reply at a time, oldest first, each awaited before the next, so
 * the visitor reads them in the order they were written; conversations do not wait for each other. A reply
 * stays in the outbox until the server acknowledges it (it stores each clientId once, so resending after a
 * lost ack, or from another tab, is safe). Each step re-reads storage, so what another tab delivered or
 * removed is skipped.
 */
export function createOutboxFlusher(deps: OutboxFlusherDeps): OutboxFlusher {
  const running = new Set<string>();
  const sleepers = new Set<() => void>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wakeUp = () => {
        sleepers.delete(wakeUp);
        deps.clearTimer(handle);
        resolve();
      };
      const handle = deps.setTimer(wakeUp, ms);
      sleepers.add(wakeUp);
    });

  async function run(conversationId: string): Promise<void> {
    let attempt = 0;
    while (deps.canSend()) {
      const entry = deps.outbox.firstIn(conversationId);
      if (!entry) return;
      const result = await deps.send(entry);
      if (result.ok) {
        attempt = 0;
        deps.outbox.remove(entry.clientId);
        deps.onDelivered(entry, result.data.message);
      } else if (result.error.code === 'offline') {
        return;
      } else if (TRANSIENT_CODES.has(result.error.code)) {
        attempt += 1;
        await sleep(retryDelay(attempt));
      } else {
        attempt = 0;
        deps.outbox.remove(entry.clientId);
        deps.onRefused(entry, result.error);
      }
    }
  }

  function start(conversationId: string): void {
    if (running.has(conversationId)) return;
    running.add(conversationId);
    run(conversationId).finally(() => running.delete(conversationId));
  }

  const kick = () => {
    if (!deps.canSend()) return;
    deps.outbox.refresh();
    for (const entry of deps.outbox.entries.peek()) start(entry.conversationId);
  };

  return {
    kick,
    wake() {
      [...sleepers].forEach((wakeUp) => wakeUp());
      kick();
    },
    isRunning: (conversationId) => running.has(conversationId),
  };
}
