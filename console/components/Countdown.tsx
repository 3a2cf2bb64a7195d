import { t } from '../i18n/index.ts';
import { countdownOf, type Deadline } from '../state/index.ts';
import { useUi } from './ui-context.ts';

/**
 * A promise's deadline as a live countdown: "Reply: 12 min left", amber within 15 minutes, and
 * "Reply: 5 min overdue" in red once passed; the words say it, the colour only repeats it. Re-rendered by
 * the clock signal (main.tsx ticks every 30 s), so nothing is fetched to keep it current.
 */
export function Countdown({ deadline }: { deadline: Deadline }) {
  const { time, now } = useUi();
  const countdown = countdownOf(deadline.at, now.value);
  if (!countdown) return null;
  const duration = t.duration(countdown.minutes);
  const label = deadline.kind === 'replyBy' ? t.deadlineReplyBy : t.deadlineUpdateBy;
  const text = countdown.tone === 'overdue' ? t.timeOverdue(duration) : t.timeLeft(duration);
  return (
    <time class={`countdown countdown--${countdown.tone}`} dateTime={deadline.at} title={time.full(deadline.at)}>
      {countdown.tone === 'overdue' && <span aria-hidden="true">! </span>}
      {label}: {text}
    </time>
  );
}
