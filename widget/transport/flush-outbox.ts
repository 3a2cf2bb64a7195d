import type { Message } from '../../shared/protocol/schemas.ts';
import type { Outbox, OutboxEntry } from '../state/index.ts';
import type { Result } from '../../shared/protocol/result.ts';

/** Refusals worth retrying later; any other refusal is final for that message. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['rate_limited', 'storage_unavailable', 'internal']);

export interface FlusherDeps {
  outbox: Outbox;
  /** Delivers one entry: `message:send`, or `form:submit` for an entry written in the form. */
  deliver(entry: OutboxEntry): Promise<Result<{ message: Message; acknowledgement?: Message }>>;
  /** True while connected and synced: only then may the outbox be sent. */
  canSend(): boolean;
  /** Whether this tab already holds the stored message for a clientId (then there is nothing to send). */
  isStored(clientId: string): boolean;
  /** The stored message, then the team's acknowledgement when the form was answered with one. */
  onDelivered(messages: Message[]): void;
  onRefused(entry: OutboxEntry, code: string, message: string): void;
  wait(ms: number): Promise<void>;
}

export interface OutboxFlusher {
  /** Starts the loop unless it is already running; call after a sync and after each new message. */
  kick(): void;
  isRunning(): boolean;
}

/** 1 s, 2 s, 4 s … up to 30 s. */
export const retryDelay = (attempt: number): number => Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));

/**
 * The single loop that delivers the outbox: one message at a time, oldest first, each awaited before the
 * next, so the team reads them in the order they were written. A message stays in the outbox until the
 * server acknowledges it (it stores each clientId once, so resending after a lost ack is safe).
 */
export function createOutboxFlusher(deps: FlusherDeps): OutboxFlusher {
  let running = false;

  async function run(): Promise<void> {
    let attempt = 0;
    while (deps.canSend()) {
      const entry = deps.outbox.first();
      if (!entry) return;
      if (deps.isStored(entry.clientId)) {
        // Another tab's write can bring back an entry already delivered; the server has it, drop it.
        deps.outbox.remove(entry.clientId);
        continue;
      }
      let result;
      try {
        result = await deps.deliver(entry);
      } catch {
        // Timeout or dropped connection: retry the same entry while connected; the reconnect restarts us.
        attempt += 1;
        if (deps.canSend()) await deps.wait(retryDelay(attempt));
        continue;
      }
      if (result.ok) {
        attempt = 0;
        deps.outbox.remove(entry.clientId);
        const { message, acknowledgement } = result.data;
        deps.onDelivered(acknowledgement ? [message, acknowledgement] : [message]);
      } else if (TRANSIENT_CODES.has(result.error.code)) {
        attempt += 1;
        await deps.wait(retryDelay(attempt));
      } else {
        attempt = 0;
        deps.outbox.remove(entry.clientId);
        deps.onRefused(entry, result.error.code, result.error.message);
      }
    }
  }

  return {
    kick() {
      if (running) return;
      running = true;
      run().finally(() => {
        running = false;
      });
    },
    isRunning: () => running,
  };
}
