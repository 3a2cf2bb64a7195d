import type { ReadonlySignal } from '@preact/signals';
import { t } from './i18n/index.ts';
import type { Inbox as InboxState, Presence, SessionStore } from './state/index.ts';
import { Inbox, Login } from './screens/index.ts';

interface Props {
  sessionStore: SessionStore;
  inbox: ReadonlySignal<InboxState | null>;
  presence: ReadonlySignal<Presence | null>;
  openConversationId: ReadonlySignal<string | null>;
  onReload: () => void;
}

/** Chooses the screen from the session: checking, sign-in, or the inbox. */
export function App({ sessionStore, inbox, presence, openConversationId, onReload }: Props) {
  const session = sessionStore.session.value;
  if (session.status === 'checking') return <p class="note app-loading" role="status">{t.checkingSession}</p>;
  if (session.status === 'signedOut') return <Login store={sessionStore} notice={session.notice} />;
  const current = inbox.value;
  const currentPresence = presence.value;
  if (!current || !currentPresence) return <p class="note app-loading" role="status">{t.checkingSession}</p>;
  return (
    <Inbox
      inbox={current}
      presence={currentPresence}
      session={session.info}
      openId={openConversationId.value}
      onLogout={() => void sessionStore.logout()}
      onReload={onReload}
    />
  );
}
