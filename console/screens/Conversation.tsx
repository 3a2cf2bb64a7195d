import { Composer, ReplyBy, Thread, useUi } from '../components/index.ts';
import { t } from '../i18n/index.ts';
import { inboxHref, type Inbox } from '../state/index.ts';

/** One conversation: its whole history, who is typing, and the reply field. */
export function Conversation({ inbox, conversationId, operatorId }: { inbox: Inbox; conversationId: string; operatorId: string }) {
  const { focusComposerOnOpen } = useUi();
  const summary = inbox.openConversation.value;
  const state = inbox.openThreadState.value;
  const typists = inbox.openTypists.value;
  const visitorName = summary?.visitorName ?? '';

  return (
    <section class="conversation" aria-labelledby="conversation-heading">
      <header class="conversation__header">
        <a class="back-link" href={inboxHref}>
          <span aria-hidden="true">← </span>
          {t.backToConversations}
        </a>
        <h2 id="conversation-heading">{visitorName}</h2>
        {summary && <ReplyBy summary={summary} />}
      </header>
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
        entries={inbox.openEntries.value}
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
      />
    </section>
  );
}
