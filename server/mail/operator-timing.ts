import type { NotificationMode, PresenceStatus, Role } from '../../shared/index.ts';

/** New visitor messages wait this long before they are mailed, so a burst of them becomes one mail. */
export const OPERATOR_MAIL_DELAY_MS = 2 * 60_000;
/** A digest lists what came in during one such period, and is sent at its end: at most one an hour. */
export const DIGEST_PERIOD_MS = 60 * 60_000;
/** A reminder goes out this long before a promise to the visitor would be missed. */
export const REMINDER_LEAD_MS = 15 * 60_000;

/**
 * What an operator gets who never chose: owners are the ones on the hook for a small shop's chat, so they are
 * told about every burst of messages; other operators of a team opt in, so a team of five does not get five
 * mails for every message.
 */
export function defaultNotificationMode(role: Role): NotificationMode {
  return role === 'owner' ? 'each' : 'off';
}

/**
 * Whether new visitor messages may need a mail to this operator. Only an operator who is online (a console open
 * and not away) is reading; away (chosen, or idle for a while) means the tab is open but nobody looks at it.
 */
export function isReading(status: PresenceStatus): boolean {
  return status === 'online';
}

/** The digest period `at` falls in: from the full hour (UTC) to the next. */
export function digestPeriod(at: Date): { start: Date; end: Date } {
  const start = Math.floor(at.getTime() / DIGEST_PERIOD_MS) * DIGEST_PERIOD_MS;
  return { start: new Date(start), end: new Date(start + DIGEST_PERIOD_MS) };
}

/**
 * When the reminder for a promise is due: REMINDER_LEAD_MS before it. A promise made with less time than that
 * (a live chat's few minutes) is reminded of halfway to it, not at once: a colleague in the console usually
 * answers in that time and the reminder cancels itself. A promise already passed is reminded of now.
 */
export function reminderDueAt(promise: Date, now: Date): Date {
  const lead = promise.getTime() - REMINDER_LEAD_MS;
  if (lead >= now.getTime()) return new Date(lead);
  return new Date(Math.max(now.getTime(), now.getTime() + (promise.getTime() - now.getTime()) / 2));
}

/** Which promise a reminder is about: the reply promised to the visitor, or an operator's "update by". */
export type PromiseKind = 'reply' | 'update';

/**
 * The key of a reminder: one per promise (its time included, so a new promise gets its own reminder) and per
 * recipient. A retried event or a promise stored again finds it queued already.
 */
export function reminderKey(input: { kind: PromiseKind; conversationId: string; operatorId: string; promise: string }): string {
  return `reminder:${input.kind}:${input.conversationId}:${input.operatorId}:${input.promise}`;
}

/** The parts of a reminder's key; undefined for any other key. */
export function parseReminderKey(key: string): { kind: PromiseKind; conversationId: string; operatorId: string; promise: string } | undefined {
  const match = /^reminder:(reply|update):([^:]+):([^:]+):(.+)$/.exec(key);
  if (!match) return undefined;
  return { kind: match[1] as PromiseKind, conversationId: match[2]!, operatorId: match[3]!, promise: match[4]! };
}
