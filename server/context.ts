import type { FastifyBaseLogger } from 'fastify';
import type { AvailabilityHub } from './availability/availability-hub.ts';
import type { Presence } from './availability/presence.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { MailWorker } from './mail/mail-worker.ts';
import type { OperatorMails } from './mail/operator-mails.ts';
import type { ReplyMails } from './mail/reply-mails.ts';
import type { Store } from './storage/index.ts';

/** What every part of the server is built from; passed in, never imported as a global. */
export interface AppContext {
  config: Config;
  store: Store;
  clock: Clock;
  log: FastifyBaseLogger;
  presence: Presence;
  availability: AvailabilityHub;
  /** The mail outbox's sender: kick it after queueing a mail. */
  mail: MailWorker;
  /** Mails carrying operators' replies to visitors who have left, and the continue links in them. */
  replyMails: ReplyMails;
  /** Mails to operators: new visitor messages while they are away or offline, and reminders before a promise passes. */
  operatorMails: OperatorMails;
}
