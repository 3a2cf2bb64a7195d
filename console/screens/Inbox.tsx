import type { SessionInfo } from '../../shared/index.ts';
import { useEffect, useState } from 'preact/hooks';
import { ConfirmDialog, ConnectionBanner, ConversationList, PresenceSwitch, TeamPresence } from '../components/index.ts';
import { t } from '../i18n/index.ts';
import type { Inbox as InboxState, Presence } from '../state/index.ts';
import { Conversation } from './Conversation.tsx';

interface Props {
  inbox: InboxState;
  presence: Presence;
  session: SessionInfo;
  openId: string | null;
  onLogout: () => void;
  onReload: () => void;
}

/**
 * The signed-in console: the operator's status in the header; the conversation list (and who of the team is
 * online) beside the open conversation. On a narrow screen they are stacked and only one is shown (the URL
 * decides which, so Back returns to the list). Signing out forgets the replies not sent yet, so it asks first
 * when there are any.
 */
export function Inbox({ inbox, presence, session, openId, onLogout, onReload }: Props) {
  const listState = inbox.listState.value;
  const conversations = inbox.conversations.value;
  const unsent = inbox.unsentCount.value;
  const [isConfirmingSignOut, setConfirmingSignOut] = useState(false);
  // Everything got delivered while the question was open: nothing is left to warn about.
  useEffect(() => {
    if (unsent === 0) setConfirmingSignOut(false);
  }, [unsent]);
  const signOut = () => {
    setConfirmingSignOut(false);
    inbox.clearOutbox();
    onLogout();
  };
  return (
    <div class="app">
      <header class="topbar">
        <p class="topbar__brand">{t.appName}</p>
        <PresenceSwitch presence={presence} />
        <p class="topbar__who">{t.signedInAs(session.operator.name)}</p>
        <button type="button" class="button button--quiet" onClick={() => (unsent > 0 ? setConfirmingSignOut(true) : signOut())}>
          {t.signOutButton}
        </button>
      </header>
      <ConnectionBanner state={inbox.connection.value} onReload={onReload} />
      <main class={`inbox${openId ? ' inbox--open' : ''}`}>
        <div class="inbox__side">
          <nav class="inbox__list" aria-labelledby="conversations-heading">
            <h1 id="conversations-heading" class="inbox__heading">{t.conversationsHeading}</h1>
            {listState.status === 'error' && <p role="alert" class="alert">{listState.message}</p>}
            {listState.status === 'loading' && conversations.length === 0 && <p class="note">{t.loadingConversations}</p>}
            {listState.status === 'ready' && conversations.length === 0 && <p class="note">{t.noConversations}</p>}
            <ConversationList
              conversations={conversations}
              openId={openId}
              sites={session.sites}
              sendingPreviews={inbox.sendingPreviews.value}
            />
          </nav>
          <TeamPresence presence={presence} />
        </div>
        <div class="inbox__detail">
          {openId ? (
            <Conversation key={openId} inbox={inbox} conversationId={openId} operatorId={session.operator.id} />
          ) : (
            <p class="note inbox__placeholder">{t.chooseConversation}</p>
          )}
        </div>
      </main>
      {isConfirmingSignOut && unsent > 0 && (
        <ConfirmDialog
          message={t.unsentOnSignOut(unsent)}
          confirmLabel={t.signOutAnywayButton}
          cancelLabel={t.staySignedInButton}
          onConfirm={signOut}
          onCancel={() => setConfirmingSignOut(false)}
        />
      )}
    </div>
  );
}
