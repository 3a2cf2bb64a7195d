// Types only and no imports with side effects: the framework-free loader imports this file directly.
import type { Availability, ChannelStatus, WidgetMode } from '../../shared/protocol/availability.ts';
import type { Message } from '../../shared/protocol/schemas.ts';

const MODES: readonly unknown[] = ['chat', 'form', 'hidden'] satisfies WidgetMode[];
const isString = (v: unknown): v is string => typeof v === 'string';
const isTime = (v: unknown): boolean => v === null || (isString(v) && !Number.isNaN(Date.parse(v)));

function isChannel(value: unknown): value is ChannelStatus {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    isString(c.kind) &&
    isString(c.label) &&
    isString(c.value) &&
    typeof c.open === 'boolean' &&
    isTime(c.nextOpenAt) &&
    isTime(c.closesAt) &&
    (c.replyTarget === null || isString(c.replyTarget))
  );
}

/**
 * A cheap shape check of an availability from the server or from localStorage (instead of zod, which the
 * widget must not carry). Times must parse, because they are formatted for the visitor. `look` and `language`
 * are not required: a cache written by a widget from before issue 5 has neither, and must still show. They
 * are read field by field where used (readLook in look.ts, chooseLanguage), missing or broken as defaults.
 */
export function isAvailability(value: unknown): value is Availability {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Record<string, unknown>;
  return (
    MODES.includes(a.mode) &&
    typeof a.open === 'boolean' &&
    typeof a.operatorsOnline === 'number' &&
    isTime(a.nextOpenAt) &&
    isTime(a.replyBy) &&
    (a.chatReplyMinutes === null || typeof a.chatReplyMinutes === 'number') &&
    isString(a.teamName) &&
    Array.isArray(a.channels) &&
    a.channels.every(isChannel) &&
    isTime(a.changesAt) &&
    isString(a.at) &&
    isTime(a.at)
  );
}

/**
 * What an answer we cannot refresh (cached, or the server unreachable) is still worth at `now`: trusted until
 * its `changesAt`, when the schedule alone changes what to show; after that nobody can promise a live chat,
 * and hiding could hide the only way to write to the team, so it reads as the form.
 */
export function trustCached(availability: Availability | null, now: number): Availability | null {
  if (availability === null) return null;
  const { changesAt } = availability;
  return changesAt !== null && Date.parse(changesAt) <= now ? { ...availability, mode: 'form' } : availability;
}

/**
 * The loader's cheap check (it has 3 KB for everything): an object with a known mode. The app, which renders
 * the rest, checks the whole shape with isAvailability before use.
 */
export function hasKnownMode(value: unknown): value is Availability {
  return typeof value === 'object' && value !== null && MODES.includes((value as { mode?: unknown }).mode);
}

/** Reads the cached availability (localStorage JSON); anything unreadable is no cache. Never throws. */
export function parseCachedAvailability(raw: string | null, now: number): Availability | null {
  try {
    const value: unknown = JSON.parse(raw ?? 'null');
    return hasKnownMode(value) ? trustCached(value, now) : null;
  } catch {
    return null;
  }
}

/**
 * Whether a visitor has an answer to wait for, so the launcher shows even when the owner hides the chat
 * (answers are never hidden from the person waiting for them): a team message they have not seen, or their
 * own message is the last one a person wrote (the automatic acknowledgement does not answer it), or
 * something they wrote is still on its way.
 */
export function hasPendingAnswer(messages: readonly Message[], visitorSeenSeq: number, outboxSize: number): boolean {
  if (outboxSize > 0) return true;
  if (messages.some((m) => m.author !== 'visitor' && m.seq > visitorSeenSeq)) return true;
  const lastByPerson = messages.findLast((m) => m.author !== 'system');
  return lastByPerson?.author === 'visitor';
}
