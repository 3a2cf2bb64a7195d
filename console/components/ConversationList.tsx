import type { ConversationSummary, Site } from '../../shared/index.ts';
import { t } from '../i18n/index.ts';
import { conversationHref, deadlineOf, INBOX_GROUPS, type GroupedInbox, type InboxGroup } from '../state/index.ts';
import { Countdown } from './Countdown.tsx';
import { useUi } from './ui-context.ts';

interface Props {
  groups: GroupedInbox;
  openId: string | null;
  operatorId: string;
  sites: readonly Site[];
  /** The newest reply still on its way, per conversation id. */
  sendingPreviews: ReadonlyMap<string, string>;
}

const GROUP_HEADINGS: Record<InboxGroup, string> = {
  followUp: t.groupFollowUp,
  waitingForUs: t.groupWaitingForUs,
  waitingForVisitor: t.groupWaitingForVisitor,
  resolved: t.groupResolved,
};

/**
 * The inbox in sections (follow-up due, waiting for us, waiting for the visitor, resolved), each a labelled
 * group with a heading and one compact link per conversation: the visitor's name, who has it, the rating,
 * the last message, the unread count and the deadline as a countdown. A reply still on its way replaces
 * the preview, so the operator sees it is not delivered yet without opening the conversation.
 */
export function ConversationList({ groups, openId, operatorId, sites, sendingPreviews }: Props) {
  const siteNames = sites.length > 1 ? new Map(sites.map((s) => [s.id, s.name])) : null;
  return (
    <div class="inbox-groups">
      {INBOX_GROUPS.map((group) => {
        const list = groups[group];
        const headingId = `inbox-group-${group}`;
        return (
          <div key={group} role="group" aria-labelledby={headingId} class={`inbox-group inbox-group--${group}`}>
            <h2 id={headingId} class="inbox-group__heading">
              {GROUP_HEADINGS[group]}
              <span class="inbox-group__count">
                <span aria-hidden="true"> {list.length}</span>
                <span class="visually-hidden">, {t.groupCount(list.length)}</span>
              </span>
            </h2>
            {list.length === 0 ? (
              <p class="inbox-group__empty visually-hidden">{t.groupEmpty}</p>
            ) : (
              <ul class="conversation-list">
                {list.map((c) => (
                  <ConversationRow
                    key={c.id}
                    conversation={c}
                    group={group}
                    isOpen={c.id === openId}
                    operatorId={operatorId}
                    siteName={siteNames?.get(c.siteId) ?? null}
                    sending={sendingPreviews.get(c.id)}
                  />
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}

interface RowProps {
  conversation: ConversationSummary;
  group: InboxGroup;
  isOpen: boolean;
  operatorId: string;
  siteName: string | null;
  sending: string | undefined;
}

function ConversationRow({ conversation: c, group, isOpen, operatorId, siteName, sending }: RowProps) {
  const { time, now } = useUi();
  const prefix = c.lastMessage?.author === 'operator' ? t.youPrefix : c.lastMessage?.author === 'system' ? t.automaticReplyPrefix : '';
  const preview = sending !== undefined ? t.sendingPreview(sending) : c.lastMessage ? prefix + c.lastMessage.body : t.noMessagesYet;
  const assignee =
    c.assigneeId === null ? t.assigneeNobody : c.assigneeId === operatorId ? t.assigneeYours : (c.assigneeName ?? t.operatorFallbackName);
  const deadline = group === 'waitingForUs' ? deadlineOf(c) : null;
  const today = new Date(now.value);
  return (
    <li>
      <a
        class={`conversation-link${c.unreadCount > 0 ? ' conversation-link--unread' : ''}`}
        href={conversationHref(c.id)}
        aria-current={isOpen ? 'page' : undefined}
      >
        <span class="conversation-link__top">
          <span class="conversation-link__name">{c.visitorName}</span>
          {c.rating && (
            <span class={`rating-icon rating-icon--${c.rating.value}`} title={c.rating.value === 'good' ? t.ratedGood : t.ratedBad}>
              <ThumbIcon down={c.rating.value !== 'good'} />
              <span class="visually-hidden">{c.rating.value === 'good' ? t.ratedGood : t.ratedBad}</span>
            </span>
          )}
          {deadline && <Countdown deadline={deadline} />}
          {group === 'followUp' && c.followUpAt && (
            <span class="countdown countdown--soon">{t.followUpSince(time.deadline(c.followUpAt, today))}</span>
          )}
        </span>
        <span class="conversation-link__bottom">
          <span class="conversation-link__preview">{preview}</span>
          <span class="conversation-link__meta">
            {siteName && <span class="conversation-link__site">{t.siteLabel(siteName)}</span>}
            <span class={`assignee${c.assigneeId === operatorId ? ' assignee--yours' : ''}${c.assigneeId === null ? ' assignee--nobody' : ''}`}>
              {c.assigneeId !== null && c.assigneeId !== operatorId && <span class="visually-hidden">{t.assignedTo('')}</span>}
              {assignee}
            </span>
            {c.lastMessage && (
              <time class="conversation-link__time" dateTime={c.lastMessage.createdAt}>
                {time.short(c.lastMessage.createdAt, today)}
              </time>
            )}
          </span>
          {c.unreadCount > 0 && (
            <span class="badge">
              <span aria-hidden="true">{c.unreadCount}</span>
              <span class="visually-hidden">{t.unreadCount(c.unreadCount)}</span>
            </span>
          )}
        </span>
      </a>
    </li>
  );
}

/** A small thumb, up or down, drawn inline (no emoji font needed); the words beside it are for screen readers. */
function ThumbIcon({ down }: { down: boolean }) {
  return (
    <svg class={`icon${down ? ' icon--flip' : ''}`} viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M6.3 1.2c.5-.4 1.3-.2 1.5.4l.3.8c.2.7.1 1.5-.2 2.1L7.5 5.6h4.8c1 0 1.8.9 1.6 1.9l-.9 5.2c-.2.8-.9 1.3-1.6 1.3H5.5V6.3zM1.5 6.3h2.7V14H1.5z"
      />
    </svg>
  );
}
