import { computed, effect, signal } from '@preact/signals';
import { render } from 'preact';
import { io } from 'socket.io-client';
import type { Message } from '../shared/protocol/schemas.ts';
import { storageKey, type Availability, type MountOptions, type WidgetApp } from './api.ts';
import { createTranslator, loadDictionary, pickLanguage, type Language } from './i18n/index.ts';
import { Chat, type FormRetry } from './screens/index.ts';
import {
  createChatState,
  createEmailMemory,
  createRatingPrompt,
  createOutbox,
  createTokenStore,
  hasPendingAnswer,
  isAvailability,
  openStorage,
  refusedField,
  type ConnectionState,
  type Faq,
} from './state/index.ts';
import { fetchFaq, startSession, toPageContext } from './transport/index.ts';
import styles from './styles.css?inline';

/**
 * The visitor's chat app, loaded lazily by widget.js. `mount` is its only export: it renders into the
 * loader's shadow root, connects when there is a reason to, and returns the commands the host page's
 * `Porchlight(...)` calls reach. The only module that touches window and document.
 */
export async function mount(options: MountOptions): Promise<WidgetApp> {
  const { root, launcher, siteKey } = options;
  let lang: Language = pickLanguage([document.documentElement.lang, navigator.language]);
  // A language chunk that fails to load falls back to English (if that fails too, the loader retries on the next click).
  const dictionary = await loadDictionary(lang).catch(() => loadDictionary((lang = 'en')));
  // Dates and times in the browser's regional variant of that language when it has one (en-GB: 24-hour clock).
  const locale = navigator.languages?.find((l) => l.toLowerCase().split('-')[0] === lang) ?? lang;
  const t = createTranslator(lang, dictionary, { locale });

  const storage = openStorage(() => window.localStorage);
  const outboxKey = storageKey(siteKey, 'outbox');
  const tokens = createTokenStore(storage, siteKey);
  const outbox = createOutbox(storage, outboxKey);
  const emailMemory = createEmailMemory(storage, siteKey);
  const chat = createChatState();
  const connection = signal<ConnectionState>('idle');
  const isOpen = signal(false);
  const isPageVisible = signal(document.visibilityState === 'visible');
  const announcement = signal('');
  const faq = signal<Faq[]>([]);
  let faqRequest: Promise<unknown> | undefined;
  // The loader checks little (it counts bytes); what is rendered is checked here.
  const checked = (value: Availability | null) => (isAvailability(value) ? value : null);
  const availability = signal(checked(options.availability.current));
  const isEmailRequired = signal(!emailMemory.isGiven());
  const formRetry = signal<FormRetry | null>(null);
  options.availability.listen((next) => (availability.value = checked(next)));

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
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    locale: lang,
    pageContext: () => toPageContext(location.href, document.title, document.referrer),
    onAvailability(next) {
      availability.value = next;
      // The next page view starts from what the socket said last, not from an older poll.
      try {
        storage.setItem(storageKey(siteKey, 'availability'), JSON.stringify(next));
      } catch {
        // Storage full: the loader fetches again on the next page view anyway.
      }
    },
    onFormRefused(entry, message) {
      const refused = refusedField(message);
      if (refused === 'email') {
        emailMemory.forget();
        isEmailRequired.value = true;
      }
      const { name = '', email = '' } = entry.form ?? {};
      formRetry.value = { values: { body: entry.body, name, email }, refused };
    },
  });
  const rating = createRatingPrompt({
    chat,
    pending: outbox.entries,
    storage,
    storageKey: storageKey(siteKey, 'rating'),
    rate: session.rate,
  });
  // A visitor with a conversation (a token) or something still to deliver connects now; anyone else only
  // when they open the live chat or send something.
  if (tokens.read() !== null || outbox.entries.value.length > 0) session.connect();

  window.addEventListener('storage', (e) => {
    if (e.key !== outboxKey) return;
    outbox.refresh();
    session.onOutboxChangedElsewhere();
  });
  document.addEventListener('visibilitychange', () => {
    isPageVisible.value = document.visibilityState === 'visible';
  });

  const mode = computed(() => availability.value?.mode ?? 'form');
  // Hidden mode hides the launcher, except from a visitor waiting for an answer, and never while open.
  const isLauncherShown = computed(
    () =>
      connection.value !== 'disabled' &&
      (mode.value !== 'hidden' ||
        isOpen.value ||
        hasPendingAnswer(chat.messages.value, chat.conversation.value?.visitorSeenSeq ?? 0, outbox.entries.value.length)),
  );

  const setOpen = (next: boolean) => {
    if (isOpen.value === next || (next && !isLauncherShown.value)) return;
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
    const isLive = mode.value === 'chat';
    const title = isLive ? t.text('title') : t.text('away');
    options.updateLauncher({
      hidden: !isLauncherShown.value,
      away: !isLive,
      open: isOpen.value,
      unread,
      label: unread > 0 ? `${title}, ${t.plural('unread', unread)}` : title,
    });
  });

  // The live chat needs the socket; the form connects only when it is sent.
  effect(() => {
    if (isOpen.value && mode.value === 'chat') session.connect();
  });
  // While connected, the socket's availability:changed is authoritative and the loader stops polling.
  effect(() => options.availability.setLive(connection.value === 'connected'));

  // Read receipts only for what the visitor can actually see: panel open and page visible.
  effect(() => {
    if (isOpen.value && isPageVisible.value && connection.value === 'connected' && chat.unread.value > 0) {
      session.markSeen();
    }
  });

  // Before the launcher's own styles, as before: the launcher's rules win where both speak.
  options.adoptStyles(styles, true);
  const container = document.createElement('div');
  container.className = 'root';
  container.lang = t.lang;
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
      availability={availability}
      isEmailRequired={isEmailRequired}
      formRetry={formRetry}
      announcement={announcement}
      selfHelp={{
        entries: faq,
        // Only once the visitor types: an idle launcher never asks, and a failure just leaves the list empty.
        load: () => (faqRequest ??= fetchFaq(options.baseUrl, siteKey, lang).then((entries) => (faq.value = entries))),
        announcement,
      }}
      rating={rating}
      onSubmitForm={(values, website) => {
        formRetry.value = null;
        if (values.email !== '') {
          emailMemory.remember();
          isEmailRequired.value = false;
        }
        session.submitForm(values.body, {
          ...(values.name === '' ? {} : { name: values.name }),
          ...(values.email === '' ? {} : { email: values.email }),
          ...(website === '' ? {} : { website }),
        });
      }}
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
