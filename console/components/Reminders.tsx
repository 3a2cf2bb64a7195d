import { t } from '../i18n/index.ts';
import { conversationHref, countdownOf, type Reminder, type Reminders as RemindersState } from '../state/index.ts';
import { useUi } from './ui-context.ts';

/** What a reminder says, in the console and in the notification. */
export function reminderSentence(reminder: Reminder, now: number): string {
  const countdown = countdownOf(reminder.at, now);
  const duration = t.duration(countdown?.minutes ?? 0);
  if (reminder.kind === 'replyBy') {
    return reminder.isOverdue ? t.reminderReplyOverdue(reminder.visitorName, duration) : t.reminderReplySoon(reminder.visitorName, duration);
  }
  return reminder.isOverdue ? t.reminderUpdateOverdue(reminder.visitorName, duration) : t.reminderUpdateSoon(reminder.visitorName, duration);
}

/**
 * Promises about to fall due (about 10 minutes before) and overdue ones, for the operator's own and the
 * unassigned conversations: upcoming ones in a status region, overdue ones in an alert region, each with a
 * link to the conversation and a way to dismiss it. Both regions stay in the page when empty so that the
 * next reminder is announced.
 */
export function Reminders({ reminders }: { reminders: RemindersState }) {
  const { now } = useUi();
  const active = reminders.active.value;
  const upcoming = active.filter((r) => !r.isOverdue);
  const overdue = active.filter((r) => r.isOverdue);
  const list = (items: Reminder[]) =>
    items.length > 0 && (
      <ul class="reminders__list">
        {items.map((r) => (
          <li key={r.key} class={`reminder${r.isOverdue ? ' reminder--overdue' : ''}`}>
            <span class="reminder__text">{reminderSentence(r, now.value)}</span>{' '}
            <a class="reminder__open" href={conversationHref(r.conversationId)}>
              {t.openConversationLink}
            </a>
            <button type="button" class="reminder__dismiss" aria-label={t.dismissReminder(r.visitorName)} onClick={() => reminders.dismiss(r.key)}>
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
    );
  return (
    <div class="reminders" aria-label={t.remindersLabel} role="group">
      <div role="alert" class="reminders__region">
        {list(overdue)}
      </div>
      <div role="status" class="reminders__region">
        {list(upcoming)}
      </div>
    </div>
  );
}
