import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { ConversationSummary } from '../../shared/index.ts';
import { isVisitorWaiting } from './inbox-groups.ts';

/** How long before a deadline the operator is reminded. */
export const REMINDER_LEAD_MS = 10 * 60_000;

/** A promise to a visitor that is about to fall due (or has), for the operator it concerns. */
export interface Reminder {
  /** Conversation, kind and moment: a promise moved to a new time is a new reminder. */
  key: string;
  conversationId: string;
  visitorName: string;
  kind: 'replyBy' | 'updateBy';
  at: string;
  isOverdue: boolean;
}

/**
 * The reminders due at `now`: every open promise (reply-by while the visitor waits, update-by while set) of
 * an open conversation that is the operator's or nobody's, falling due within `leadMs` or already past.
 * Soonest first.
 */
export function dueReminders(
  summaries: readonly ConversationSummary[],
  now: number,
  operatorId: string,
  leadMs: number = REMINDER_LEAD_MS,
): Reminder[] {
  const due: Reminder[] = [];
  for (const summary of summaries) {
    if (summary.status !== 'open') continue;
    if (summary.assigneeId !== null && summary.assigneeId !== operatorId) continue;
    const promises: { kind: Reminder['kind']; at: string }[] = [];
    if (summary.replyBy && isVisitorWaiting(summary)) promises.push({ kind: 'replyBy', at: summary.replyBy });
    if (summary.updateBy) promises.push({ kind: 'updateBy', at: summary.updateBy.at });
    for (const { kind, at } of promises) {
      const ms = Date.parse(at);
      if (Number.isNaN(ms) || ms - now > leadMs) continue;
      due.push({
        key: `${summary.id}:${kind}:${at}`,
        conversationId: summary.id,
        visitorName: summary.visitorName,
        kind,
        at,
        isOverdue: now > ms,
      });
    }
  }
  return due.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export interface RemindersDeps {
  conversations: ReadonlySignal<readonly ConversationSummary[]>;
  now: ReadonlySignal<number>;
  operatorId: string;
  /** Called once per reminder when it first falls due (not again for the same promise). */
  onDue(reminders: readonly Reminder[]): void;
}

export interface Reminders {
  /** Due and not dismissed, soonest first. */
  active: ReadonlySignal<readonly Reminder[]>;
  dismiss(key: string): void;
  dispose(): void;
}

/** Keeps the due reminders current as conversations change and the clock ticks, and reports new ones once. */
export function createReminders(deps: RemindersDeps): Reminders {
  const dismissed = signal<ReadonlySet<string>>(new Set());
  const due = computed(() => dueReminders(deps.conversations.value, deps.now.value, deps.operatorId));
  const announced = new Set<string>();
  const dispose = effect(() => {
    const fresh = due.value.filter((r) => !announced.has(r.key));
    if (fresh.length === 0) return;
    fresh.forEach((r) => announced.add(r.key));
    deps.onDue(fresh);
  });
  return {
    active: computed(() => due.value.filter((r) => !dismissed.value.has(r.key))),
    dismiss(key) {
      dismissed.value = new Set([...dismissed.value, key]);
    },
    dispose,
  };
}
