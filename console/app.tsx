import type { ReadonlySignal } from '@preact/signals';
import type { SavedReply } from '../shared/index.ts';
import { t } from './i18n/index.ts';
import type { Inbox as InboxState, Presence, Reminders, Route, SessionStore } from './state/index.ts';
import type { ApiClient } from './transport/index.ts';
import { Inbox, Login, type Notifier } from './screens/index.ts';

/** What exists while an operator is signed in: created on sign-in, disposed on sign-out. */
export interface Workspace {
  inbox: InboxState;
  presence: Presence;
  reminders: Reminders;
}

interface Props {
  sessionStore: SessionStore;
  workspace: ReadonlySignal<Workspace | null>;
  route: ReadonlySignal<Route>;
  notifier: Notifier;
  savedRepliesFor: (siteId: string) => ReadonlySignal<SavedReply[]>;
  api: ApiClient;
  onSavedRepliesChanged: (siteId: string) => void;
  copyText: (text: string) => Promise<boolean>;
  onReload: () => void;
  /** Reads the session again (e.g. its sites, after one was created). */
  onRefreshSession: () => Promise<void>;
}

/** Chooses the screen from the session: checking, sign-in (with why the last session ended), or the console. */
export function App({ sessionStore, workspace, route, notifier, savedRepliesFor, api, onSavedRepliesChanged, copyText, onReload, onRefreshSession }: Props) {
  const session = sessionStore.session.value;
  if (session.status === 'checking') return <p class="note app-loading" role="status">{t.checkingSession}</p>;
  if (session.status === 'signedOut') return <Login store={sessionStore} notice={session.notice} />;
  const current = workspace.value;
  if (!current) return <p class="note app-loading" role="status">{t.checkingSession}</p>;
  return (
    <Inbox
      inbox={current.inbox}
      presence={current.presence}
      reminders={current.reminders}
      session={session.info}
      route={route.value}
      notifier={notifier}
      savedRepliesFor={savedRepliesFor}
      api={api}
      onSavedRepliesChanged={onSavedRepliesChanged}
      copyText={copyText}
      onLogout={() => void sessionStore.logout()}
      onReload={onReload}
      onRefreshSession={onRefreshSession}
    />
  );
}
