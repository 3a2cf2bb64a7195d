import type { ComponentChildren } from 'preact';
import type { ConversationSummary, PageView, VisitorDetails } from '../../shared/index.ts';
import { t } from '../i18n/index.ts';
import { conversationHref, type DetailsState } from '../state/index.ts';
import { httpHref } from './safe-url.ts';
import { useUi } from './ui-context.ts';

interface Props {
  details: DetailsState;
  onRetry: () => void;
  /** Open on wide screens; on a phone it starts folded so the thread has the room. */
  initiallyOpen: boolean;
  /** Notices about the conversation shown first in the panel (mails that could not be delivered). */
  notices?: ComponentChildren;
}

/** The time now in the visitor's zone, or null when the zone is unknown to this browser. */
function localTime(timeZone: string, now: number): string | null {
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(now);
  } catch {
    return null;
  }
}

/** A page the visitor saw: its title, linked only when the address is http(s); the address as text below. */
function Page({ page }: { page: PageView }) {
  const href = httpHref(page.url);
  const title = page.title.trim() || t.untitledPage;
  return (
    <>
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow" class="visitor__page-title">
          {title}
        </a>
      ) : (
        <span class="visitor__page-title">{title}</span>
      )}
      <span class="visitor__url">{page.url}</span>
    </>
  );
}

/**
 * Who the visitor is and where they are: name and e-mail (verified or not), online now, the current page
 * and the pages seen, where they came from, their local time and zone, language, browser and device,
 * first seen and visits; and the same person's other conversations. Everything here comes from the
 * visitor's browser, so it is shown as text, and addresses are links only when they are http(s).
 */
export function VisitorPanel({ details, onRetry, initiallyOpen, notices }: Props) {
  return (
    <details class="visitor" open={initiallyOpen}>
      <summary class="visitor__summary">{t.visitorPanelLabel}</summary>
      {notices}
      {details.status === 'loading' && <p class="visitor__note">{t.loadingVisitor}</p>}
      {details.status === 'error' && (
        <p role="alert" class="alert visitor__note">
          {details.message}{' '}
          <button type="button" class="button button--small" onClick={onRetry}>
            {t.retryButton}
          </button>
        </p>
      )}
      {details.status === 'ready' && <VisitorFacts visitor={details.visitor} related={details.related} />}
    </details>
  );
}

function VisitorFacts({ visitor, related }: { visitor: VisitorDetails; related: readonly ConversationSummary[] }) {
  const { time, now } = useUi();
  const today = new Date(now.value);
  const [current, ...earlier] = visitor.pages;
  const zoneTime = visitor.timeZone ? localTime(visitor.timeZone, now.value) : null;
  const device = [visitor.browser, visitor.os, visitor.device ? t.deviceKinds[visitor.device] : null].filter(Boolean).join(' · ');
  const referrerHref = httpHref(visitor.referrer);
  return (
    <>
      <dl class="visitor__facts">
        <dt>{t.visitorName}</dt>
        <dd>{visitor.name ?? visitor.displayName}</dd>
        <dt>{t.visitorEmail}</dt>
        <dd class="visitor__email">{visitor.email ?? t.unknown}</dd>
        <dt>{t.identity}</dt>
        <dd>{visitor.verified ? t.identityVerified : t.identityNotVerified}</dd>
        <dt class="visually-hidden">{t.onlineNow}</dt>
        <dd class={`visitor__online${visitor.online ? ' visitor__online--yes' : ''}`}>
          <span aria-hidden="true" class={`presence-shape presence-shape--${visitor.online ? 'online' : 'offline'}`} />{' '}
          {visitor.online ? t.onlineNow : t.notOnline}
        </dd>
        {current && (
          <>
            <dt>{visitor.online ? t.currentPage : t.lastPage}</dt>
            <dd>
              <Page page={current} />
            </dd>
          </>
        )}
        <dt>{t.localTime}</dt>
        <dd>{visitor.timeZone ? (zoneTime ? t.localTimeValue(zoneTime, visitor.timeZone) : visitor.timeZone) : t.unknown}</dd>
        <dt>{t.language}</dt>
        <dd>{visitor.locale ?? t.unknown}</dd>
        <dt>{t.device}</dt>
        <dd title={visitor.userAgent ?? undefined}>{device || visitor.userAgent || t.unknown}</dd>
        {visitor.referrer && (
          <>
            <dt>{t.referrer}</dt>
            <dd class="visitor__url">
              {referrerHref ? (
                <a href={referrerHref} target="_blank" rel="noopener noreferrer nofollow">
                  {visitor.referrer}
                </a>
              ) : (
                visitor.referrer
              )}
            </dd>
          </>
        )}
        <dt>{t.firstSeen}</dt>
        <dd>
          <time dateTime={visitor.firstSeenAt} title={time.full(visitor.firstSeenAt)}>
            {time.short(visitor.firstSeenAt, today)}
          </time>
        </dd>
        <dt>{t.visits}</dt>
        <dd>{visitor.visits}</dd>
      </dl>
      {earlier.length > 0 && (
        <>
          <h3 class="visitor__heading">{t.pagesSeen}</h3>
          <ol class="visitor__pages">
            {earlier.map((page, index) => (
              <li key={`${page.at}-${index}`}>
                <Page page={page} />{' '}
                <time class="visitor__when" dateTime={page.at}>
                  {time.short(page.at, today)}
                </time>
              </li>
            ))}
          </ol>
        </>
      )}
      <h3 class="visitor__heading">{t.relatedConversations}</h3>
      {related.length === 0 ? (
        <p class="visitor__note">{t.relatedNone}</p>
      ) : (
        <ul class="visitor__related">
          {related.map((c) => (
            <li key={c.id}>
              <a href={conversationHref(c.id)}>{c.visitorName}</a>{' '}
              <span class="visitor__when">
                {c.status === 'resolved' ? t.statusResolved : t.statusOpen} ·{' '}
                <time dateTime={c.updatedAt}>{time.short(c.updatedAt, today)}</time>
              </span>
              {c.lastMessage && <span class="visitor__preview">{c.lastMessage.body}</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
