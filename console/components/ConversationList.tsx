import type { ConversationSummary, Site } from '../../shared/index.ts';
import { t } from '../i18n/index.ts';
import { conversationHref } from '../state/index.ts';
import { ReplyBy } from './ReplyBy.tsx';
import { useUi } from './ui-context.ts';

interface Props {
  conversations: readonly ConversationSummary[];
  openId: string | null;
  sites: readonly Site[];
  /** The newest reply still on its way, per conversation id. */
  sendingPreviews: ReadonlyMap<string, string>;
}

/**
 * The inbox: one link per conversation with the visitor's name, the last message, the unread count and,
 * while a reply-time promise is open, its deadline. A reply still on its way replaces the preview, so the
 * operator sees it is not delivered yet without opening the conversation.
 */
export function ConversationList({ conversations, openId, sites, sendingPreviews }: Props) {
  const { time, now } = useUi();
  const siteNames = sites.length > 1 ? new Map(sites.map((s) => [s.id, s.name])) : null;
  return (
    <ul class="conversation-list">
      {conversations.map((c) => {
        const prefix = c.lastMessage?.author === 'operator' ? t.youPrefix : c.lastMessage?.author === 'system' ? t.automaticReplyPrefix : '';
        const sending = sendingPreviews.get(c.id);
        const preview = sending !== undefined ? t.sendingPreview(sending) : c.lastMessage ? prefix + c.lastMessage.body : t.noMessagesYet;
        const siteName = siteNames?.get(c.siteId);
        return (
          <li key={c.id}>
            <a
              class={`conversation-link${c.unreadCount > 0 ? ' conversation-link--unread' : ''}`}
              href={conversationHref(c.id)}
              aria-current={c.id === openId ? 'page' : undefined}
            >
              <span class="conversation-link__top">
                <span class="conversation-link__name">{c.visitorName}</span>
                {c.lastMessage && (
                  <time class="conversation-link__time" dateTime={c.lastMessage.createdAt}>
                    {time.short(c.lastMessage.createdAt, new Date(now.value))}
                  </time>
                )}
              </span>
              {siteName && <span class="conversation-link__site">{t.siteLabel(siteName)}</span>}
              <ReplyBy summary={c} />
              <span class="conversation-link__bottom">
                <span class="conversation-link__preview">{preview}</span>
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
      })}
    </ul>
  );
}
