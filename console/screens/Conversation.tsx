import type { ReadonlySignal } from '@preact/signals';
import type { OperatorPresence, SavedReply, SessionInfo } from '../../shared/index.ts';
import { Composer, ConversationActions, Countdown, FailedMails, Thread, useUi, VisitorPanel } from '../components/index.ts';
import { t } from '../i18n/index.ts';
import { deadlineOf, inboxHref, type Inbox } from '../state/index.ts';
import type { ApiClient } from '../transport/index.ts';

interface Props {
  inbox: Inbox;
  conversationId: string;
  session: SessionInfo;
  /** The team, from `presence:list`: who a conversation can be assigned to. */
  operators: readonly OperatorPresence[];
  /** The shared saved replies of a site, for `/` in the composer. */
  savedRepliesFor: (siteId: string) => ReadonlySignal<SavedReply[]>;
  /** For the conversation's mails that could not be delivered (REST). */
  api: ApiClient;
}

/** The visitor's first name, for the `{{firstName}}` placeholder: the first word of the name they gave. */
function firstNameOf(name: string | null): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}

/**
 * One conversation: who has it and by when they promised what, the actions, the whole history with the
 * operators' notes and events, who is typing, the reply field, and beside it the visitor's context.
 */
export function Conversation({ inbox, conversationId, session, operators, savedRepliesFor, api }: Props) {
  const { focusComposerOnOpen, isWide, time, now } = useUi();
  const operatorId = session.operator.id;
  const summary = inbox.openConversation.value;
  const state = inbox.openThreadState.value;
  const details = inbox.openDetails.value;
  const typists = inbox.openTypists.value;
  const visitorName = summary?.visitorName ?? '';
  const deadline = summary ? deadlineOf(summary) : null;
  const site = summary ? session.sites.find((s) => s.id === summary.siteId) : undefined;
  const visitorFullName = details.status === 'ready' ? details.visitor.name : null;
  const assignee = summary
    ? summary.assigneeId === null
      ? t.assigneeNobody
      : summary.assigneeId === operatorId
        ? t.assigneeYours
        : t.assignedTo(summary.assigneeName ?? t.operatorFallbackName)
    : '';

  return (
    <section class="conversation" aria-labelledby="conversation-heading">
      <div class="conversation__main">
        <div class="conversation__top">
          <header class="conversation__header">
            <a class="back-link" href={inboxHref}>
              <span aria-hidden="true">← </span>
              {t.backToConversations}
            </a>
            <h2 id="conversation-heading">{visitorName}</h2>
            {summary && (
              <p class="conversation__state">
                <span class={`status-tag status-tag--${summary.status}`}>
                  {summary.status === 'resolved' ? t.statusResolved : t.statusOpen}
                </span>
                <span class="conversation__assignee">{assignee}</span>
                {deadline && <Countdown deadline={deadline} />}
                {summary.updateBy && (
                  <span class="conversation__promise">
                    {t.promiseBadge(time.deadline(summary.updateBy.at, new Date(now.value)), summary.updateBy.operatorName)}
                    {summary.updateBy.note && `: ${summary.updateBy.note}`}
                  </span>
                )}
                {summary.followUpAt && (
                  <span class="conversation__follow-up">{t.followUpOn(time.deadline(summary.followUpAt, new Date(now.value)))}</span>
                )}
              </p>
            )}
          </header>
          {summary && <ConversationActions inbox={inbox} conversation={summary} operatorId={operatorId} operators={operators} />}
        </div>
        {state.status === 'error' && (
          <div role="alert" class="alert">
            {state.message}{' '}
            <button type="button" class="button button--small" onClick={() => inbox.reloadConversation(conversationId)}>
              {t.retryButton}
            </button>
          </div>
        )}
        <Thread
          conversationId={conversationId}
          visitorName={visitorName}
          entries={inbox.openTimeline.value}
          operatorId={operatorId}
          seenSeq={inbox.openSeenSeq.value}
          isLoading={state.status === 'loading'}
          onRetry={inbox.retryMessage}
        />
        <p class="typing" aria-live="polite">
          {typists.map((typist) => (typist.by === 'visitor' ? t.visitorTyping : t.personTyping(typist.name))).join(' ')}
        </p>
        <Composer
          conversationId={conversationId}
          value={inbox.drafts.value[conversationId] ?? ''}
          autoFocus={focusComposerOnOpen}
          onInput={(text) => inbox.setDraft(conversationId, text)}
          onSend={(text) => inbox.sendMessage(conversationId, text)}
          savedReplies={summary ? savedRepliesFor(summary.siteId) : undefined}
          placeholderValues={{
            firstName: firstNameOf(visitorFullName),
            name: visitorFullName,
            operatorName: session.operator.name,
            teamName: site?.name ?? '',
          }}
        />
      </div>
      <VisitorPanel
        details={details}
        onRetry={() => inbox.reloadDetails(conversationId)}
        initiallyOpen={isWide}
        notices={summary && <FailedMails api={api} siteId={summary.siteId} conversationId={conversationId} />}
      />
    </section>
  );
}
