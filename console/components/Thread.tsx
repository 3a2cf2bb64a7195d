import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import type { ConversationEvent } from '../../shared/index.ts';
import type { TimelineEntry } from '../state/index.ts';
import { eventSentence } from './event-text.ts';
import { useUi } from './ui-context.ts';

interface Props {
  conversationId: string;
  visitorName: string;
  /** Messages and operators' events (notes, handoffs, …), merged by time. */
  entries: readonly TimelineEntry[];
  operatorId: string;
  seenSeq: number | null;
  isLoading: boolean;
  onRetry: (clientId: string) => void;
}

/** Distance from the bottom within which the thread follows new messages. */
const STICK_TO_BOTTOM_PX = 80;

/**
 * The whole history of a conversation, oldest first, as a live log: messages, and between them what the
 * operators did (internal notes, visibly marked as such, handoffs, resolves, promises, ratings). Bodies,
 * names and comments are rendered as text nodes only: they come from visitors and operators.
 */
export function Thread({ conversationId, visitorName, entries, operatorId, seenSeq, isLoading, onRetry }: Props) {
  const { time, now } = useUi();
  const logRef = useRef<HTMLDivElement>(null);
  const isAtBottom = useRef(true);
  const shownConversation = useRef<string | null>(null);

  // Follow new messages when the operator is at the bottom, and always start a conversation at its end.
  useLayoutEffect(() => {
    const log = logRef.current;
    if (!log) return;
    const last = entries[entries.length - 1];
    if (shownConversation.current !== conversationId || isAtBottom.current || last?.kind === 'pending') {
      log.scrollTop = log.scrollHeight;
      isAtBottom.current = true;
    }
    shownConversation.current = conversationId;
  }, [conversationId, entries]);

  const onScroll = () => {
    const log = logRef.current;
    if (log) isAtBottom.current = log.scrollHeight - log.scrollTop - log.clientHeight < STICK_TO_BOTTOM_PX;
  };

  return (
    <div
      ref={logRef}
      class="thread"
      role="log"
      aria-live="polite"
      aria-label={t.threadLabel(visitorName)}
      aria-busy={isLoading ? 'true' : 'false'}
      tabIndex={0}
      onScroll={onScroll}
    >
      {isLoading && entries.length === 0 && <p class="thread__note">{t.loadingMessages}</p>}
      {!isLoading && entries.length === 0 && <p class="thread__note">{t.conversationEmpty}</p>}
      <ol class="thread__list">
        {entries.map((entry) => {
          if (entry.kind === 'event') {
            return <EventRow key={`event-${entry.event.id}`} event={entry.event} operatorId={operatorId} />;
          }
          if (entry.kind === 'pending') {
            const { pending } = entry;
            return (
              <li key={pending.clientId} class="message message--operator message--pending">
                <p class="message__meta">
                  <span class="message__author">{t.you}</span>
                </p>
                <p class="message__body">{pending.body}</p>
                <p class="message__status">
                  {pending.status === 'sending' ? t.sending : t.notSent(pending.error ?? '')}
                  {pending.status === 'failed' && (
                    <button type="button" class="button button--small" onClick={() => onRetry(pending.clientId)}>
                      {t.retryButton}
                    </button>
                  )}
                </p>
              </li>
            );
          }
          const { message } = entry;
          // System messages are the server's automatic replies: labelled as such, never as "You".
          const author =
            message.author === 'system'
              ? t.automaticReply
              : message.author === 'visitor'
                ? visitorName
                : message.operatorId === operatorId
                  ? t.you
                  : message.authorName ?? t.operatorFallbackName;
          return (
            <li key={message.id} class={`message message--${message.author}`}>
              <p class="message__meta">
                <span class="message__author">{author}</span>{' '}
                <time class="message__time" dateTime={message.createdAt} title={time.full(message.createdAt)}>
                  {time.short(message.createdAt, new Date(now.value))}
                </time>
              </p>
              <p class="message__body">{message.body}</p>
              {message.seq === seenSeq && <p class="message__status">{t.seen}</p>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function EventRow({ event, operatorId }: { event: ConversationEvent; operatorId: string }) {
  const { time, now } = useUi();
  const sentence = eventSentence(event, operatorId, (iso) => time.deadline(iso, new Date(now.value)));
  const stamp = (
    <time class="message__time" dateTime={event.createdAt} title={time.full(event.createdAt)}>
      {time.short(event.createdAt, new Date(now.value))}
    </time>
  );
  if (event.kind === 'note') {
    const author = event.operatorId === operatorId ? t.you : (event.operatorName ?? t.someone);
    return (
      <li class="message message--note">
        <p class="message__meta">
          <span class="note-tag">{t.internalNote}</span> <span class="message__author">{author}</span> {stamp}
        </p>
        <p class="message__body">{event.body}</p>
        <p class="note-only">{t.internalOnly}</p>
      </li>
    );
  }
  return (
    <li class={`timeline-event timeline-event--${event.kind}${event.kind === 'rated' ? ` timeline-event--${event.rating ?? 'good'}` : ''}`}>
      <p class="timeline-event__text">
        {event.kind === 'rated' && <span aria-hidden="true">{event.rating === 'bad' ? '👎 ' : '👍 '}</span>}
        {sentence} {stamp}
      </p>
      {event.body && (
        <p class={event.kind === 'assigned' ? 'timeline-event__note' : 'timeline-event__body'}>
          {event.kind === 'rated' ? t.ratingComment(event.body) : event.body}
        </p>
      )}
      {event.body && event.kind === 'assigned' && <p class="note-only">{t.internalOnly}</p>}
    </li>
  );
}
