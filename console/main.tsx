/**
 * Entry point of the agent console: the only file that touches `window` and `document`. It wires the
 * transport to the state, keeps the URL, visibility, clock and tab title in sync, and renders the app.
 */
import { effect, signal } from '@preact/signals';
import { render } from 'preact';
import { App } from './app.tsx';
import { UiContext, type UiEnvironment } from './components/index.ts';
import { createTimeFormatter, t } from './i18n/index.ts';
import { createInbox, createSessionStore, parseRoute, type Inbox } from './state/index.ts';
import { createApiClient, createOperatorSocket } from './transport/index.ts';
import './styles.css';

const sessionStore = createSessionStore(createApiClient(window.fetch.bind(window)));
const openConversationId = signal(parseRoute(location.hash).conversationId);
const isPageVisible = signal(document.visibilityState === 'visible');
const now = signal(Date.now());
const inbox = signal<Inbox | null>(null);

window.addEventListener('hashchange', () => {
  openConversationId.value = parseRoute(location.hash).conversationId;
});
document.addEventListener('visibilitychange', () => {
  isPageVisible.value = document.visibilityState === 'visible';
});
setInterval(() => {
  now.value = Date.now();
}, 60_000);

// One realtime connection per signed-in session; signing out (or being signed out) closes it.
effect(() => {
  const session = sessionStore.session.value;
  const current = inbox.peek();
  if (session.status === 'signedIn' && !current) {
    inbox.value = createInbox({
      socket: createOperatorSocket(),
      operatorId: session.info.operator.id,
      openConversationId,
      isPageVisible,
      newClientId: () => crypto.randomUUID(),
      now: () => Date.now(),
      onUnauthorized: () => sessionStore.expire(),
    });
  } else if (session.status !== 'signedIn' && current) {
    current.dispose();
    inbox.value = null;
  }
});

effect(() => {
  const unread = inbox.value?.unreadTotal.value ?? 0;
  document.title = unread > 0 ? t.documentTitleWithUnread(unread) : t.documentTitle;
});

const ui: UiEnvironment = {
  time: createTimeFormatter(undefined, Intl.DateTimeFormat().resolvedOptions().timeZone),
  now,
  focusComposerOnOpen: window.matchMedia('(pointer: fine)').matches,
};

const root = document.getElementById('app');
if (!root) throw new Error('The console page has no #app element.');
render(
  <UiContext.Provider value={ui}>
    <App sessionStore={sessionStore} inbox={inbox} openConversationId={openConversationId} onReload={() => location.reload()} />
  </UiContext.Provider>,
  root,
);
void sessionStore.restore();
