/**
 * Entry point of the agent console: the only file that touches `window` and `document`. It wires the
 * transport to the state, keeps the URL, visibility, clock and tab title in sync, and renders the app.
 */
import { batch, effect, signal } from '@preact/signals';
import { render } from 'preact';
import { App } from './app.tsx';
import { UiContext, type UiEnvironment } from './components/index.ts';
import { createTimeFormatter, t } from './i18n/index.ts';
import {
  createInbox,
  createPresence,
  createSessionStore,
  openStorage,
  outboxKey,
  parseRoute,
  type Inbox,
  type Presence,
} from './state/index.ts';
import { createApiClient, createOperatorSocket } from './transport/index.ts';
import './styles.css';

const sessionStore = createSessionStore(createApiClient(window.fetch.bind(window)));
const openConversationId = signal(parseRoute(location.hash).conversationId);
const isPageVisible = signal(document.visibilityState === 'visible');
const now = signal(Date.now());
const inbox = signal<Inbox | null>(null);
const presence = signal<Presence | null>(null);
// Opened once: when localStorage is blocked or full, pending replies live in memory for the page's life.
const storage = openStorage(() => window.localStorage);

window.addEventListener('hashchange', () => {
  openConversationId.value = parseRoute(location.hash).conversationId;
});
document.addEventListener('visibilitychange', () => {
  isPageVisible.value = document.visibilityState === 'visible';
  if (isPageVisible.value) presence.peek()?.noteActivity();
});
// Signs that the operator is at the console, so the server does not set them away; reported at most once a minute.
const noteActivity = () => presence.peek()?.noteActivity();
for (const type of ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const) {
  window.addEventListener(type, noteActivity, { passive: true, capture: true });
}
window.addEventListener('focus', noteActivity);
// Another tab of the same operator added or delivered a reply (key null: that tab cleared all storage).
window.addEventListener('storage', (event) => {
  const session = sessionStore.session.peek();
  if (session.status !== 'signedIn') return;
  if (event.key === null || event.key === outboxKey(session.info.operator.id)) inbox.peek()?.refreshOutbox();
});
// Ticks at the start of every minute, so "today" and an overdue reply-by flip when the minute shown does.
const tick = () => {
  now.value = Date.now();
  setTimeout(tick, 60_000 - (now.value % 60_000));
};
setTimeout(tick, 60_000 - (Date.now() % 60_000));

// One realtime connection per signed-in session; signing out (or being signed out) closes it.
effect(() => {
  const session = sessionStore.session.value;
  const current = inbox.peek();
  if (session.status === 'signedIn' && !current) {
    const socket = createOperatorSocket();
    const operatorId = session.info.operator.id;
    batch(() => {
      inbox.value = createInbox({
        socket,
        operatorId,
        openConversationId,
        isPageVisible,
        storage,
        newClientId: () => crypto.randomUUID(),
        now: () => Date.now(),
        onUnauthorized: () => sessionStore.expire(),
      });
      presence.value = createPresence({ socket, operatorId, now: () => Date.now() });
    });
  } else if (session.status !== 'signedIn' && current) {
    presence.peek()?.dispose();
    current.dispose();
    batch(() => {
      inbox.value = null;
      presence.value = null;
    });
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
    <App
      sessionStore={sessionStore}
      inbox={inbox}
      presence={presence}
      openConversationId={openConversationId}
      onReload={() => location.reload()}
    />
  </UiContext.Provider>,
  root,
);
void sessionStore.restore();
