import type { ConversationSummary } from '../../shared/index.ts';

/** The inbox's sections, in the order they are shown. */
export const INBOX_GROUPS = ['followUp', 'waitingForUs', 'waitingForVisitor', 'resolved'] as const;
export type InboxGroup = (typeof INBOX_GROUPS)[number];

/** Whose conversations the inbox shows: the operator's own (assigned to them) or everyone's. */
export type InboxFilter = 'mine' | 'all';

export interface GroupedInbox {
  followUp: ConversationSummary[];
  waitingForUs: ConversationSummary[];
  waitingForVisitor: ConversationSummary[];
  resolved: ConversationSummary[];
}

/** Within this many minutes of a deadline a countdown turns amber. */
export const SOON_MINUTES = 15;

type Times = Pick<ConversationSummary, 'lastVisitorMessageAt' | 'lastOperatorMessageAt'>;

function time(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** The visitor wrote last: there is a visitor message and no operator message after it. */
export function isVisitorWaiting(summary: Times): boolean {
  const visitor = time(summary.lastVisitorMessageAt);
  if (visitor === null) return false;
  const operator = time(summary.lastOperatorMessageAt);
  return operator === null || visitor > operator;
}

/** The follow-up reminder's moment has come (whatever the status). */
export function isFollowUpDue(summary: Pick<ConversationSummary, 'followUpAt'>, now: number): boolean {
  const at = time(summary.followUpAt);
  return at !== null && at <= now;
}

/** What the team must do by when: the reply-by promise while the visitor waits, and the "update by" promise. */
export interface Deadline {
  at: string;
  kind: 'replyBy' | 'updateBy';
}

/**
 * The earliest open promise of an open conversation: `replyBy` counts while the visitor wrote last (an
 * operator's answer keeps it), `updateBy` while it is set (the next operator message keeps it).
 */
export function deadlineOf(
  summary: Pick<ConversationSummary, 'status' | 'replyBy' | 'updateBy' | 'lastVisitorMessageAt' | 'lastOperatorMessageAt'>,
): Deadline | null {
  if (summary.status !== 'open') return null;
  const candidates: Deadline[] = [];
  if (summary.replyBy && time(summary.replyBy) !== null && isVisitorWaiting(summary)) {
    candidates.push({ at: summary.replyBy, kind: 'replyBy' });
  }
  if (summary.updateBy && time(summary.updateBy.at) !== null) candidates.push({ at: summary.updateBy.at, kind: 'updateBy' });
  let earliest: Deadline | null = null;
  for (const candidate of candidates) {
    if (!earliest || (time(candidate.at) ?? 0) < (time(earliest.at) ?? 0)) earliest = candidate;
  }
  return earliest;
}

/** Which section a conversation belongs in at `now`. */
export function groupOf(summary: ConversationSummary, now: number): InboxGroup {
  if (isFollowUpDue(summary, now)) return 'followUp';
  if (summary.status === 'resolved') return 'resolved';
  if (isVisitorWaiting(summary) || summary.updateBy) return 'waitingForUs';
  return 'waitingForVisitor';
}

const ascending = (a: number | null, b: number | null) => (a ?? Infinity) - (b ?? Infinity);
const descending = (a: number | null, b: number | null) => (b ?? -Infinity) - (a ?? -Infinity);

/** Deadline first (overdue, then soonest); without one, longest wait first. */
function byUrgency(a: ConversationSummary, b: ConversationSummary): number {
  const da = deadlineOf(a);
  const db = deadlineOf(b);
  if (da && db) return ascending(time(da.at), time(db.at));
  if (da) return -1;
  if (db) return 1;
  return ascending(time(a.lastVisitorMessageAt) ?? time(a.updatedAt), time(b.lastVisitorMessageAt) ?? time(b.updatedAt));
}

/**
 * The inbox as sections, each in its own order: follow-ups by when they fell due, waiting-for-us by
 * deadline, waiting-for-the-visitor by latest activity, resolved by when they were resolved. Ties keep the
 * id order so rows do not swap places between renders.
 *
 * @example groupConversations(list, Date.now(), { filter: 'mine', operatorId: 'op1' }).waitingForUs[0]
 */
export function groupConversations(
  summaries: readonly ConversationSummary[],
  now: number,
  options: { filter: InboxFilter; operatorId: string } = { filter: 'all', operatorId: '' },
): GroupedInbox {
  const groups: GroupedInbox = { followUp: [], waitingForUs: [], waitingForVisitor: [], resolved: [] };
  for (const summary of summaries) {
    if (options.filter === 'mine' && summary.assigneeId !== options.operatorId) continue;
    groups[groupOf(summary, now)].push(summary);
  }
  const byId = (a: ConversationSummary, b: ConversationSummary) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  groups.followUp.sort((a, b) => ascending(time(a.followUpAt), time(b.followUpAt)) || byId(a, b));
  groups.waitingForUs.sort((a, b) => byUrgency(a, b) || byId(a, b));
  groups.waitingForVisitor.sort((a, b) => descending(time(a.updatedAt), time(b.updatedAt)) || byId(a, b));
  groups.resolved.sort((a, b) => descending(time(a.resolvedAt), time(b.resolvedAt)) || byId(a, b));
  return groups;
}

/** A deadline as the countdown shows it: whole minutes left (or overdue), and its tone. */
export interface Countdown {
  tone: 'ok' | 'soon' | 'overdue';
  /** Whole minutes until the deadline (rounded up) or, when overdue, since it (rounded down, at least 1). */
  minutes: number;
}

/** Overdue strictly after the moment; amber ("soon") within SOON_MINUTES before it. */
export function countdownOf(deadlineIso: string, now: number): Countdown | null {
  const at = time(deadlineIso);
  if (at === null) return null;
  const diff = at - now;
  if (diff < 0) return { tone: 'overdue', minutes: Math.max(1, Math.floor(-diff / 60_000)) };
  const minutes = Math.ceil(diff / 60_000);
  return { tone: minutes <= SOON_MINUTES ? 'soon' : 'ok', minutes };
}
