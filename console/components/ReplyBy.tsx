import type { ConversationSummary } from '../../shared/index.ts';
import { t } from '../i18n/index.ts';
import { openPromise } from '../state/index.ts';
import { useUi } from './ui-context.ts';

/**
 * The reply-time promise of a conversation while it is open: "Reply by Mon 09:30" in the operator's zone,
 * or "Overdue: reply by …" once the moment has passed (in words, the colour only repeats it).
 */
export function ReplyBy({ summary }: { summary: Pick<ConversationSummary, 'replyBy' | 'lastMessage'> }) {
  const { time, now } = useUi();
  const promise = openPromise(summary, now.value);
  if (!promise) return null;
  const when = time.deadline(promise.at, new Date(now.value));
  return (
    <span class={`reply-by${promise.isOverdue ? ' reply-by--overdue' : ''}`}>
      <time dateTime={promise.at} title={time.full(promise.at)}>
        {promise.isOverdue ? t.replyOverdue(when) : t.replyBy(when)}
      </time>
    </span>
  );
}
