// Zod-free protocol file, imported directly rather than through the protocol index (which pulls in zod).
import { LIMITS } from '../../shared/protocol/limits.ts';
import type { Translator } from '../i18n/index.ts';
import type { TimelineItem } from '../state/index.ts';

interface Props {
  item: TimelineItem;
  t: Translator;
  now: Date;
  /** Whether to show the team member's name (first of a run of their messages). */
  showName: boolean;
}

function refusalText(t: Translator, code: string): string {
  if (code === 'message_too_long') return t.text('errorTooLong', { limit: LIMITS.messageLength });
  if (code === 'message_empty') return t.text('errorEmpty');
  return t.text('errorGeneric');
}

/** One message. Bodies are Preact text nodes only: whatever anyone typed is never parsed as HTML. */
export function MessageItem({ item, t, now, showName }: Props) {
  const isTeam = item.kind === 'stored' && item.message.author !== 'visitor';
  const isAutomatic = item.kind === 'stored' && item.message.author === 'system';
  const body = item.kind === 'stored' ? item.message.body : item.entry.body;
  const createdAt = item.kind === 'stored' ? item.message.createdAt : item.entry.createdAt;
  const name = isTeam && item.kind === 'stored' ? (item.message.authorName ?? t.text('team')) : t.text('you');

  let status: string | null = null;
  if (item.status === 'sending') status = t.text('sending');
  else if (item.status === 'sent') status = t.text('sent');
  else if (item.status === 'seen') status = t.text('seen');
  // The team's automatic messages (the form's acknowledgement) say so, instead of passing for a person's.
  else if (isAutomatic) status = t.text('automatic');

  return (
    <li class={isTeam ? (isAutomatic ? 'msg team auto' : 'msg team') : 'msg me'} data-status={item.status ?? undefined}>
      {isTeam && showName && (
        <p class="name" aria-hidden="true">
          {name}
        </p>
      )}
      <p class="bubble">
        <span class="sr">{name}: </span>
        {body}
      </p>
      <p class="meta">
        <time dateTime={createdAt}>{t.time(createdAt, now)}</time>
        {status !== null && <span class="status"> · {status}</span>}
      </p>
      {item.kind === 'refused' && <p class="error">{refusalText(t, item.code)}</p>}
    </li>
  );
}
