import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { MailRecord, Store } from '../storage/index.ts';
import { VISITOR_MAIL_KINDS } from './compose.ts';
import type { MailTransport } from './transport.ts';

export interface MailWorker {
  /** Something was queued: send it now rather than at the next poll. */
  kick(): void;
  /** Stops polling and waits for the mails being sent to be marked. */
  stop(): Promise<void>;
}

export interface MailWorkerOptions {
  store: Store;
  clock: Clock;
  transport: MailTransport;
  log: FastifyBaseLogger;
  /** The first retry waits this long; each later one twice as long as the last, up to an hour. */
  retryBaseMs: number;
  /** How often the queue is looked at when nothing kicks the worker. */
  pollMs: number;
  /**
   * Composes a mail queued without content (a mail of replies is written when due, from what the visitor has
   * not read by then); resolves to the mail to send, or null when it was cancelled.
   */
  compose(mail: MailRecord): Promise<MailRecord | null>;
}

/** A claimed mail is someone else's to retry after this long (the process sending it stopped). */
const LEASE_MS = 2 * 60_000;
const BATCH = 10;
/** After this many attempts a mail that keeps failing is given up and shown as failed. */
export const MAX_ATTEMPTS = 12;
const MAX_BACKOFF_MS = 60 * 60_000;

/**
 * An error the SMTP server means for good (5xx: no such user, message refused), as opposed to a server that
 * is down or busy (connection errors, 4xx), which is worth another try.
 */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** What the console shows for a failed attempt: the server's answer, never a stack. */
function describe(error: unknown): string {
  const response = (error as { response?: unknown } | null)?.response;
  const text = typeof response === 'string' ? response : error instanceof Error ? error.message : String(error);
  return text.slice(0, 500);
}

/**
 * Sends the mail outbox: claims due mails for a lease, sends each, and marks it sent, to be retried with
 * growing waits, or failed. Several workers (nodes) may run against one database; the store's claim gives
 * each mail to one of them. Mails are marked one by one, so a stop loses at most a lease of waiting.
 */
export function startMailWorker(options: MailWorkerOptions): MailWorker {
  const { store, clock, transport, log } = options;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function deliver(claimed: MailRecord): Promise<void> {
    let mail: MailRecord | null = claimed;
    try {
      // A visitor who unsubscribed gets nothing more, except a new link they asked for themselves.
      if (claimed.kind !== 'continue' && VISITOR_MAIL_KINDS.has(claimed.kind) && (await store.isOptedOutOfMail({ siteId: claimed.siteId, email: claimed.recipient }))) {
        await store.cancelMail({ id: claimed.id, reason: 'The recipient unsubscribed from mail of this site.' });
        return;
      }
      if (claimed.text === '') mail = await options.compose(claimed);
      if (mail === null) return;
      await transport.send(mail);
    } catch (error) {
      const reason = describe(error);
      if (isPermanentFailure(error) || claimed.attempts >= MAX_ATTEMPTS) {
        log.warn({ mailId: claimed.id, kind: claimed.kind, reason }, 'mail failed for good');
        await store.failMail({ id: claimed.id, error: reason, now: clock.now().toISOString() });
        return;
      }
      const wait = Math.min(options.retryBaseMs * 2 ** (claimed.attempts - 1), MAX_BACKOFF_MS);
      log.info({ mailId: claimed.id, attempt: claimed.attempts, reason, retryInMs: wait }, 'mail not sent; will retry');
      await store.retryMail({ id: claimed.id, nextAttemptAt: new Date(clock.now().getTime() + wait).toISOString(), error: reason });
      return;
    }
    await store.markMailSent({ id: claimed.id, now: clock.now().toISOString() });
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      const now = clock.now();
      const claimed = await store.claimMails({
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
        limit: BATCH,
      });
      for (const mail of claimed) await deliver(mail);
      if (claimed.length === BATCH) again = true;
    } while (again && !stopped);
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((err: unknown) => log.error({ err }, 'mail worker failed; the next poll tries again'))
      .finally(() => {
        running = null;
      });
  }

  const timer = setInterval(kick, options.pollMs);
  timer.unref();
  kick();

  return {
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
