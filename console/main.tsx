/**
 * Entry point of the agent console: the only file that touches `window` and `document`. It wires the
 * transport to the state, keeps the URL, visibility, clock and tab title in sync, and renders the app.
 */
// First: chooses the language (and fills `t`) before any component module copies a string from it.
import { chooseLanguage, language, timeLocale } from './choose-language.ts';
import { batch, computed, effect, signal } from '@preact/signals';
import { render } from 'preact';
import { App, type Workspace } from './app.tsx';
import { reminderSentence, UiContext, type UiEnvironment } from './components/index.ts';
import { createTimeFormatter, t } from './i18n/index.ts';
import {
  createInbox,
  createPresence,
  createReminders,
  createLeaveGuard,
  createSessionStore,
  openStorage,
  outboxKey,
  parseRoute,
} from './state/index.ts';
import { createNotifier } from './state/notifier.ts';
import { createSavedReplies } from './state/saved-replies.ts';
import { createApiClient, createOperatorSocket } from './transport/index.ts';
import './styles.css';

const api = createApiClient(window.fetch.bind(window));
const sessionStore = createSessionStore(api);
const route = signal(parseRoute(location.hash));
const openConversationId = computed(() => route.value.conversationId);
const isPageVisible = signal(document.visibilityState === 'visible');
const now = signal(Date.now());
const workspace = signal<Workspace | null>(null);
const inbox = computed(() => workspace.value?.inbox ?? null);
const presence = computed(() => workspace.value?.presence ?? null);
// Opened once: when localStorage is blocked or full, pending replies live in memory for the page's life.
const storage = openStorage(() => window.localStorage);
const notifier = createNotifier({ window, storage, isPageVisible });
const savedReplies = createSavedReplies(api);

const leaveGuard = createLeaveGuard();
// The URL the console shows now, to return to when the operator stays on a screen with unsaved changes.
let currentUrl = location.href;
window.addEventListener('hashchange', () => {
  if (leaveGuard.isHolding.peek() && !window.confirm(t.leaveUnsavedQuestion)) {
    // Stay: put the address back without another hashchange (the browser's Back entry is left as it is).
    history.replaceState(history.state, '', currentUrl);
    return;
  }
  currentUrl = location.href;
  route.value = parseRoute(location.hash);
});
window.addEventListener('beforeunload', (event) => {
  // Browsers show their own sentence; preventDefault is what asks for it.
  if (leaveGuard.isHolding.peek()) event.preventDefault();
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
// Ticks every half minute, on the minute and half past, so countdowns ("12 min left") and "today" stay right
// without fetching anything, and an overdue deadline flips within 30 s of the moment.
const TICK_MS = 30_000;
const tick = () => {
  now.value = Date.now();
  setTimeout(tick, TICK_MS - (now.value % TICK_MS));
};
setTimeout(tick, TICK_MS - (Date.now() % TICK_MS));

// One realtime connection per signed-in session; signing out (or being signed out) closes it.
effect(() => {
  const session = sessionStore.session.value;
  const current = workspace.peek();
  if (session.status === 'signedIn' && !current) {
    const socket = createOperatorSocket();
    const operatorId = session.info.operator.id;
    const createdInbox = createInbox({
      socket,
      operatorId,
      openConversationId,
      isPageVisible,
      storage,
      newClientId: () => crypto.randomUUID(),
      now: () => Date.now(),
      // A removed operator's socket is closed by the server and the next handshake is refused: sign-in screen.
      onUnauthorized: () => sessionStore.expire(),
      onIncoming: (alert) =>
        notifier.notify({
          title: alert.kind === 'newConversation' ? t.notifyNewConversation(alert.visitorName) : t.notifyMessage(alert.visitorName),
          body: alert.body,
          tag: alert.conversationId,
        }),
    });
    workspace.value = {
      inbox: createdInbox,
      presence: createPresence({ socket, operatorId, now: () => Date.now() }),
      reminders: createReminders({
        conversations: createdInbox.conversations,
        now,
        operatorId,
        onDue: (due) => {
          const first = due[0];
          if (!first) return;
          notifier.notify({
            title: t.notifyReminderTitle,
            body: due.map((r) => reminderSentence(r, now.peek())).join('\n'),
            tag: `reminder:${first.key}`,
          });
        },
      }),
    };
  } else if (session.status !== 'signedIn' && current) {
    current.reminders.dispose();
    current.presence.dispose();
    current.inbox.dispose();
    workspace.value = null;
  }
});

effect(() => {
  const unread = inbox.value?.unreadTotal.value ?? 0;
  document.title = unread > 0 ? t.documentTitleWithUnread(unread) : t.documentTitle;
});

const ui: UiEnvironment = {
  time: createTimeFormatter(timeLocale, Intl.DateTimeFormat().resolvedOptions().timeZone),
  language,
  chooseLanguage,
  now,
  focusComposerOnOpen: window.matchMedia('(pointer: fine)').matches,
  isWide: window.matchMedia('(min-width: 1100px)').matches,
  leaveGuard,
};

/** The clipboard needs a secure context (https or localhost); without one the password is selected to copy by hand. */
const copyText = (text: string): Promise<boolean> =>
  navigator.clipboard ? navigator.clipboard.writeText(text).then(() => true, () => false) : Promise.resolve(false);

const root = document.getElementById('app');
if (!root) throw new Error('The console page has no #app element.');
render(
  <UiContext.Provider value={ui}>
    <App
      sessionStore={sessionStore}
      workspace={workspace}
      route={route}
      notifier={notifier}
      savedRepliesFor={(siteId) => savedReplies.repliesFor(siteId)}
      api={api}
      onSavedRepliesChanged={(siteId) => void savedReplies.reload(siteId)}
      copyText={copyText}
      onReload={() => location.reload()}
      onRefreshSession={() => sessionStore.refresh()}
    />
  </UiContext.Provider>,
  root,
);
void sessionStore.restore();
