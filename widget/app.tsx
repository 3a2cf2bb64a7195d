import type { ContinueState } from './components/ContinueNotice.tsx';
import { exchangeContinueToken, readContinueToken, renewContinueLink, withoutContinueToken } from './transport/continue-link.ts';
import { batch, computed, effect, signal } from '@preact/signals';
import { render } from 'preact';
import { io } from 'socket.io-client';
import type { Message } from '../shared/protocol/schemas.ts';
import { storageKey, type Availability, type Command, type MountOptions, type WidgetApp } from './api.ts';
import { chooseLanguage, createTranslator, LANGUAGES, loadDictionary, type LanguageChoice, type Translator } from './i18n/index.ts';
import { Chat, type FormRetry } from './screens/index.ts';
import {
  createChatState,
  createEmailMemory,
  createMemoryStorage,
  createRatingPrompt,
  createOutbox,
  createTokenStore,
  hasPendingAnswer,
  isAvailability,
  isSameIdentity,
  openStorage,
  readIdentity,
  readLook,
  refusedField,
  type ConnectionState,
  type Faq,
  type VisitorIdentity,
} from './state/index.ts';
import { fetchFaq, startSession, toPageContext, type Session } from './transport/index.ts';
import styles from './styles.css?inline';

const warn = (text: string) => console.warn(`[Porchlight] ${text}`);

/** The owner's preview's `data-time-zone` when Intl knows it; else the browser's own zone (with a warning). */
function checkedZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    warn(`data-time-zone "${zone}" is not a time zone (use one like Europe/Prague); the browser's zone is used.`);
    return undefined;
  }
}

/** What the preview's session does: nothing. No socket, no request, nothing stored. */
const INERT_SESSION: Session = {
  connect() {},
  sendMessage() {},
  submitForm() {},
  markSeen() {},
  rate: () => Promise.resolve('failed'),
  onOutboxChangedElsewhere() {},
  identify() {},
  restart() {},
  typing: { input() {}, stop() {} },
  close() {},
};

/**
 * The visitor's chat app, loaded lazily by widget.js. `mount` is its only export: it renders into the
 * loader's shadow root, connects when there is a reason to, and returns the runner for the commands the host
 * page's `Porchlight(...)` calls reach. The only module that touches window and document.
 */
export async function mount(options: MountOptions): Promise<WidgetApp> {
  const { root, launcher, siteKey, preview } = options;
  // The preview shows another moment to the owner: nothing this browser holds as a visitor is read or written.
  const storage = preview ? createMemoryStorage() : openStorage(() => window.localStorage);
  const timeZone = checkedZone(preview?.timeZone);
  const outboxKey = storageKey(siteKey, 'outbox');
  const userKey = storageKey(siteKey, 'user');
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
  const look = computed(() => readLook(availability.value));
  const isEmailRequired = signal(!emailMemory.isGiven());
  const formRetry = signal<FormRetry | null>(null);
  /** Bumped when another visitor takes over this browser: the panel is drawn afresh, drafts and all. */
  const visitorEpoch = signal(0);
  /** Who the host page says the visitor is (`identify`); null when it said nothing or signed them out. */
  let identity: VisitorIdentity | null = null;
  // A continue link from a mail: out of the address bar at once (it works once; it must not be bookmarked,
  // shared or sent on as a referrer), then exchanged below, before anything connects.
  const continueToken = preview ? null : readContinueToken(location.hash);
  if (continueToken !== null) {
    try {
      history.replaceState(history.state, '', location.pathname + location.search + withoutContinueToken(location.hash));
    } catch {
      // A sandboxed page may refuse; the token is used up below either way.
    }
  }
  const continueState = signal<ContinueState | null>(null);
  options.availability.listen((next) => (availability.value = checked(next)));

  // ---- language: setLocale > data-lang > <html lang> > the browser > the site's default > English -------
  const chosenLang = signal<string | null>(null);
  const readLocale = (value: unknown): string | null => {
    const lang = typeof value === 'string' ? value.trim().toLowerCase().split(/[-_]/)[0] : undefined;
    if (lang && (LANGUAGES as readonly string[]).includes(lang)) return value as string;
    warn(`setLocale: "${String(value)}" is not one of ${LANGUAGES.join(', ')}.`);
    return null;
  };
  // A setLocale waiting in the queue decides the first language, so the first dictionary is the right one.
  for (const [command, lang] of options.queued) if (command === 'setLocale' && typeof lang === 'string') chosenLang.value = lang;
  const languageChoice = computed(() =>
    chooseLanguage({
      chosen: chosenLang.value,
      script: options.lang,
      page: document.documentElement.lang,
      browser: navigator.languages ?? [navigator.language],
      site: availability.value?.language,
    }),
  );
  const translate = ({ lang, locale }: LanguageChoice): Promise<Translator> =>
    loadDictionary(lang).then(
      (dictionary) => createTranslator(lang, dictionary, { locale, timeZone }),
      // A language chunk that fails to load falls back to English (if that fails too, the loader retries on the next click).
      () => loadDictionary('en').then((dictionary) => createTranslator('en', dictionary, { timeZone })),
    );
  let wanted = languageChoice.value;
  const translator = signal(await translate(wanted));

  const onTeamMessages = (messages: Message[]) => {
    const t = translator.value;
    const last = messages.at(-1);
    if (last) announcement.value = t.text('newMessage', { name: last.authorName ?? t.text('team'), body: last.body });
    for (const m of messages) {
      options.emit('message', { id: m.id, body: m.body, authorName: m.authorName, createdAt: m.createdAt });
    }
  };

  const session: Session = preview
    ? INERT_SESSION
    : startSession({
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
        // Read at each handshake: setLocale may have changed it.
        get locale() {
          return translator.value.lang;
        },
        pageContext: () => toPageContext(location.href, document.title, document.referrer),
        onAvailability(next) {
          availability.value = next;
          options.availability.publish(next);
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

  window.addEventListener('storage', (e) => {
    if (preview || e.key !== outboxKey) return;
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

  // ---- who the visitor is: identify and reset ---------------------------------------------------------
  const readUser = () => {
    try {
      return storage.getItem(userKey);
    } catch {
      return null;
    }
  };
  const writeUser = (id: string | null) => {
    try {
      if (id === null) storage.removeItem(userKey);
      else storage.setItem(userKey, id);
    } catch {
      // Storage full or blocked: this page still switches; the next page view cannot compare.
    }
  };
  /**
   * Another person uses this browser now (the host page signed someone else in, or signed out): everything of
   * the previous one goes in one synchronous batch, before anything of the next one can arrive or render.
   * The connection is dropped first, so no answer of theirs lands afterwards (session.restart).
   */
  const forgetVisitor = () =>
    batch(() => {
      session.restart();
      tokens.clear();
      outbox.clear();
      emailMemory.forget();
      rating.forget();
      chat.reset();
      isEmailRequired.value = true;
      formRetry.value = null;
      announcement.value = '';
      visitorEpoch.value += 1;
    });
  const identify = (value: unknown) => {
    const result = readIdentity(value);
    if (!result.ok) return warn(result.error);
    result.warnings?.forEach(warn);
    const next = result.data;
    // The same again (a page that identifies on every route change) is nothing new to tell the server.
    if (preview || isSameIdentity(identity, next)) return;
    batch(() => {
      // The stored id says whose thread this browser holds, even on a fresh page load.
      const previous = identity?.id ?? readUser();
      if (previous !== null && previous !== next.id) forgetVisitor();
      // A refused identity is tried again with the new one.
      else if (connection.value === 'refused') session.restart();
      identity = next;
      writeUser(next.id);
      session.identify(next);
    });
  };
  const reset = () => {
    if (preview) return;
    batch(() => {
      forgetVisitor();
      identity = null;
      writeUser(null);
      session.identify(null);
    });
  };

  const run = ([command, ...args]: Command) => {
    try {
      if (command === 'open') setOpen(true);
      else if (command === 'close') setOpen(false);
      else if (command === 'toggle') setOpen(!isOpen.value);
      else if (command === 'identify') identify(args[0]);
      else if (command === 'reset') reset();
      else if (command === 'setLocale') {
        const lang = readLocale(args[0]);
        if (lang !== null) chosenLang.value = lang;
      } else warn(`Unknown command "${String(command)}".`);
    } catch (err) {
      // Never into the host page.
      console.warn('[Porchlight]', err);
    }
  };

  // A later language (setLocale, the site's default arriving) re-renders everything once its file is here.
  effect(() => {
    const choice = languageChoice.value;
    if (choice.lang === wanted.lang && choice.locale === wanted.locale) return;
    wanted = choice;
    void translate(choice).then((next) => {
      if (wanted !== choice) return;
      translator.value = next;
      faqRequest = undefined;
      faq.value = [];
    });
  });

  effect(() => {
    if (connection.value === 'disabled') {
      isOpen.value = false;
      options.updateLauncher({ hidden: true, open: false });
      return;
    }
    const t = translator.value;
    const unread = isOpen.value ? 0 : chat.unread.value;
    const isLive = mode.value === 'chat';
    const title = look.value.launcherLabel ?? (isLive ? t.text('title') : t.text('away'));
    options.updateLauncher({
      hidden: !isLauncherShown.value,
      away: !isLive,
      open: isOpen.value,
      unread,
      label: unread > 0 ? `${title}, ${t.plural('unread', unread)}` : title,
    });
  });

  // The live chat needs the socket (again after a switch of visitor); the form connects only when it is sent.
  effect(() => {
    if (isOpen.value && mode.value === 'chat' && connection.value === 'idle') session.connect();
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
  effect(() => {
    container.lang = translator.value.lang;
  });
  // Before the launcher, so Tab moves from the panel's last control to the launcher that closes it.
  root.insertBefore(container, launcher.parentNode === root ? launcher : null);

  const App = () => (
    <Chat
      key={visitorEpoch.value}
      t={translator.value}
      chat={chat}
      outbox={outbox}
      session={session}
      connection={connection}
      isOpen={isOpen}
      availability={availability}
      look={look.value}
      isPreview={preview !== undefined}
      isEmailRequired={isEmailRequired}
      formRetry={formRetry}
      announcement={announcement}
      selfHelp={{
        entries: faq,
        // Only once the visitor types: an idle launcher never asks, and a failure just leaves the list empty.
        load: () =>
          (faqRequest ??= fetchFaq(options.baseUrl, siteKey, translator.value.lang).then((entries) => (faq.value = entries))),
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
      continueLink={continueState}
      onRenewLink={() => {
        const current = continueState.value;
        if (current === null || continueToken === null || current.renewal === 'sending') return;
        continueState.value = { ...current, renewal: 'sending' };
        void renewContinueLink(options.baseUrl, siteKey, continueToken).then((ok) => {
          continueState.value = { ...current, renewal: ok ? 'sent' : 'failed' };
        });
      }}
    />
  );
  render(<App />, container);
  launcher.setAttribute('aria-controls', 'pl-dialog');

  // What the page asked before the app was here, in order, before any connection: an identify reaches the
  // first handshake, and a reset or another user's id clears the stored visitor before it is used.
  for (const command of options.queued.splice(0)) run(command);
  if (continueToken !== null) {
    const result = await exchangeContinueToken(options.baseUrl, siteKey, continueToken);
    if (result.ok) {
      // This browser now holds the mailed thread: whatever it held before goes first, as on a switch of user.
      forgetVisitor();
      writeUser(null);
      tokens.write(result.token);
    } else continueState.value = { problem: result.problem, renewal: 'none' };
    setOpen(true);
  }
  // A visitor with a conversation (a token) or something still to deliver connects now; anyone else only
  // when they open the live chat or send something.
  if (tokens.read() !== null || outbox.entries.value.length > 0) session.connect();

  return { run };
}
