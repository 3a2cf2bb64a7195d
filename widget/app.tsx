import { effect, signal } from '@preact/signals';
import { render } from 'preact';
import { io } from 'socket.io-client';
import type { Message } from '../shared/protocol/schemas.ts';
import { storageKey, type MountOptions, type WidgetApp } from './api.ts';
import { createTranslator, en, loadDictionary, pickLanguage, type Dictionary } from './i18n/index.ts';
import { Chat } from './screens/index.ts';
import { createChatState, createOutbox, createTokenStore, openStorage, type ConnectionState } from './state/index.ts';
import { startSession } from './transport/index.ts';
import styles from './styles.css?inline';

/**
 * The visitor's chat app, loaded lazily by widget.js. `mount` is its only export: it renders into the
 * loader's shadow root, connects, and returns the commands the host page's `Porchlight(...)` calls reach.
 * The only module that touches window and document.
 */
export async function mount(options: MountOptions): Promise<WidgetApp> {
  const { root, launcher, siteKey } = options;
  const lang = pickLanguage([document.documentElement.lang, navigator.language]);
  const dictionary: Dictionary = await loadDictionary(lang).catch(() => en);
  const t = createTranslator(dictionary === en ? 'en' : lang, dictionary);

  const storage = openStorage(() => window.localStorage);
  const outboxKey = storageKey(siteKey, 'outbox');
  const tokens = createTokenStore(storage, siteKey);
  const outbox = createOutbox(storage, outboxKey);
  const chat = createChatState();
  const connection = signal<ConnectionState>('connecting');
  const isOpen = signal(false);
  const isPageVisible = signal(document.visibilityState === 'visible');
  const announcement = signal('');

  const onTeamMessages = (messages: Message[]) => {
    const last = messages.at(-1);
    if (last) announcement.value = t.text('newMessage', { name: last.authorName ?? t.text('team'), body: last.body });
    for (const m of messages) {
      options.emit('message', { id: m.id, body: m.body, authorName: m.authorName, createdAt: m.createdAt });
    }
  };

  const session = startSession({
    createSocket: io,
    baseUrl: options.baseUrl,
    siteKey,
    chat,
    outbox,
    tokens,
    connection,
    random: crypto,
    onTeamMessages,
  });

  window.addEventListener('storage', (e) => {
    if (e.key !== outboxKey) return;
    outbox.refresh();
    session.onOutboxChangedElsewhere();
  });
  document.addEventListener('visibilitychange', () => {
    isPageVisible.value = document.visibilityState === 'visible';
  });

  const setOpen = (next: boolean) => {
    if (isOpen.value === next || (next && connection.value === 'disabled')) return;
    // Return focus to the launcher only if it was in the widget: an API close must not steal it from the page.
    const hadFocus = root.activeElement !== null;
    isOpen.value = next;
    if (!next) {
      session.typing.stop();
      if (hadFocus) launcher.focus();
    }
    options.emit(next ? 'open' : 'close');
  };

  effect(() => {
    if (connection.value === 'disabled') {
      isOpen.value = false;
      options.updateLauncher({ hidden: true, open: false });
      return;
    }
    const unread = isOpen.value ? 0 : chat.unread.value;
    const title = t.text('title');
    options.updateLauncher({
      open: isOpen.value,
      unread,
      label: unread > 0 ? `${title}, ${t.plural('unread', unread)}` : title,
    });
  });

  // Read receipts only for what the visitor can actually see: panel open and page visible.
  effect(() => {
    if (isOpen.value && isPageVisible.value && connection.value === 'connected' && chat.unread.value > 0) {
      session.markSeen();
    }
  });

  const style = document.createElement('style');
  style.textContent = styles;
  const container = document.createElement('div');
  container.className = 'root';
  container.lang = t.lang;
  root.insertBefore(style, root.firstChild);
  // Before the launcher, so Tab moves from the panel's last control to the launcher that closes it.
  root.insertBefore(container, launcher.parentNode === root ? launcher : null);

  render(
    <Chat
      t={t}
      chat={chat}
      outbox={outbox}
      session={session}
      connection={connection}
      isOpen={isOpen}
      announcement={announcement}
      onClose={() => setOpen(false)}
      onReload={() => location.reload()}
    />,
    container,
  );
  launcher.setAttribute('aria-controls', 'pl-dialog');

  return {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!isOpen.value),
  };
}
