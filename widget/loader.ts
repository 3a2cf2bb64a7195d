/**
 * widget.js: the one script site owners embed. Framework-free and tiny (budget 3 KB gzip): it draws the
 * launcher in a shadow root, installs `window.Porchlight(command, ...args)`, and loads the chat app only
 * when it is needed. It must never throw into, nor block, the host page.
 *
 * @example
 * <script src="https://chat.example.com/widget.js" data-site="SITE_KEY" async></script>
 * <!-- optional, to call Porchlight(...) before widget.js has loaded: -->
 * <script>window.Porchlight=window.Porchlight||function(){(Porchlight.q=Porchlight.q||[]).push(arguments)}</script>
 *
 * The full API is in docs/embedding.md. With `data-preview-at` (the owner's console) it shows what a visitor
 * would see at that moment: one availability request for it, the panel opened at once, no polling, nothing
 * stored, no socket (the app's MountOptions.preview).
 */
import {
  storageKey,
  type Availability,
  type AvailabilityDetail,
  type Command,
  type LauncherUpdate,
  type Mount,
  type WidgetApp,
  type WidgetEvent,
} from './api.ts';
// The file itself, not the state index: the index pulls in @preact/signals, which the loader must not carry.
import { hasKnownMode, parseCachedAvailability, trustCached } from './state/availability.ts';

type Listener = (detail?: unknown) => void;
interface PorchlightFunction {
  (command: string, ...args: unknown[]): void;
  /** Calls made to the documented stub before this script ran. */
  q?: ArrayLike<unknown>[];
  /** Marks the real API, so a second copy of widget.js on the page does nothing. */
  loaded?: boolean;
}
declare global {
  interface Window {
    Porchlight?: PorchlightFunction;
  }
}

/**
 * The launcher's name before the app (which translates everything else) has loaded: live chat, then away
 * (the message form). Must match `title` and `away` in i18n/.
 */
const LABELS: Record<string, [string, string]> = {
  en: ['Chat with us', 'Leave us a message'],
  cs: ['Napište nám', 'Zanechte nám zprávu'],
  sk: ['Napíšte nám', 'Nechajte nám správu'],
  pl: ['Napisz do nas', 'Zostaw nam wiadomość'],
  hr: ['Pišite nam', 'Ostavite nam poruku'],
  de: ['Schreiben Sie uns', 'Hinterlassen Sie uns eine Nachricht'],
};

/** Availability is fetched at most this often while the tab is visible and nothing better (a socket) tells us. */
const REFRESH_MS = 60_000;

/**
 * Commands the app runs (it checks their arguments); 'on' is the loader's own, with these events. The order
 * matters: what follows 'toggle' is kept queued when the app fails to load.
 */
const COMMANDS = ['on', 'open', 'close', 'toggle', 'identify', 'reset', 'setLocale'];
const EVENTS: WidgetEvent[] = ['open', 'close', 'message', 'availability'];

// --pl-accent is the owner's accent colour (look.accentColor), set on the host element; [data-position=left]
// puts the launcher (and the app's panel) on the left.
const CSS =
  ':host{all:initial}' +
  '.l{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;padding:0;border:0;' +
  'border-radius:50%;background:var(--pl-accent,#9a3412);color:#fff;cursor:pointer;display:grid;place-items:center;' +
  'box-shadow:0 4px 14px rgba(0,0,0,.3)}' +
  ':host([data-position=left]) .l{right:auto;left:20px}' +
  '.l:focus-visible{outline:3px solid var(--pl-accent,#9a3412);outline-offset:3px;box-shadow:0 0 0 3px #fff}' +
  '.l[hidden],.l svg+svg,.l[aria-expanded=true] svg:first-child{display:none}' +
  '.l[aria-expanded=true] svg+svg{display:block}' +
  '.b{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;box-sizing:border-box;' +
  'border-radius:11px;background:#111827;color:#fff;font:700 12px/22px system-ui,sans-serif;text-align:center}' +
  '.b:empty{display:none}' +
  // Away (the message form): a muted launcher with a grey status dot, like an "away" contact.
  '.l.a{background:#475569}.l.a:after{content:"";position:absolute;bottom:1px;right:1px;width:12px;height:12px;' +
  'border-radius:50%;background:#cbd5e1;border:2px solid #fff}' +
  '@media (max-width:480px){.l[aria-expanded=true]{display:none}}';

const ICONS =
  '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" ' +
  'd="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>' +
  '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" ' +
  'stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/></svg>';

function start(): void {
  const existing = window.Porchlight;
  if (existing && existing.loaded) return;
  const script = (document.currentScript ??
    document.querySelector('script[src*="widget.js"][data-site]')) as HTMLScriptElement | null;
  const siteKey = script && script.dataset.site;
  if (!script || !siteKey) {
    console.warn('[Porchlight] widget.js needs a data-site attribute.');
    return;
  }
  // The app, the socket and the API live next to widget.js: strip the file name, keep any path prefix.
  const baseUrl = new URL('.', script.src).href.replace(/\/$/, '');

  const listeners: Partial<Record<WidgetEvent, Listener[]>> = {};
  /** Calls the page's listeners of `event`, or only `one` (a listener just added). */
  const emit = (event: WidgetEvent, detail?: unknown, one?: Listener) => {
    for (const fn of one ? [one] : listeners[event] || []) {
      try {
        fn(detail);
      } catch (err) {
        // A host page's listener must not break the widget, nor the other listeners.
        console.error(err);
      }
    }
  };

  const host = document.createElement('porchlight-widget');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<button class="l" type="button" aria-expanded="false">${ICONS}<span class="b" aria-hidden="true"></span></button>`;
  /**
   * Constructable stylesheets, not <style> elements: a host page whose Content-Security-Policy forbids inline
   * styles still lets them apply. Older browsers get a <style> element. `first` puts a sheet before the others.
   */
  const adoptStyles = (css: string, first?: boolean) => {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = first ? [sheet, ...root.adoptedStyleSheets] : [...root.adoptedStyleSheets, sheet];
    } catch {
      const style = document.createElement('style');
      style.textContent = css;
      root.prepend(style);
    }
  };
  adoptStyles(CSS);
  const launcher = root.querySelector('button') as HTMLButtonElement;
  const badge = root.querySelector('span') as HTMLSpanElement;
  const previewAt = script.dataset.previewAt;
  /** The language given to setLocale before the app loaded (the app decides for good; see i18n/). */
  let chosenLang: unknown;
  /**
   * The launcher's name until the app has loaded, in the app's order: setLocale, data-lang, <html lang>, the
   * browser's languages, the site's default language, English.
   */
  // No ?. nor ?? in this file's new code: the loader is built for es2018, where each costs bytes.
  const labels = () =>
    [chosenLang, script.dataset.lang, document.documentElement.lang, ...navigator.languages, availability && availability.language]
      .map((tag) => LABELS[String(tag).slice(0, 2).toLowerCase()])
      .find(Boolean) || LABELS.en!;

  const updateLauncher = (update: LauncherUpdate) => {
    if (update.label !== undefined) {
      launcher.setAttribute('aria-label', update.label);
      launcher.title = update.label;
    }
    if (update.unread !== undefined) badge.textContent = update.unread > 0 ? String(Math.min(update.unread, 99)) : '';
    if (update.open !== undefined) launcher.setAttribute('aria-expanded', String(update.open));
    if (update.hidden !== undefined) launcher.hidden = update.hidden;
    if (update.away !== undefined) launcher.classList.toggle('a', update.away);
  };

  // ---- availability over plain HTTP: no socket for a launcher nobody opened ------------------------------
  const read = (name: 'token' | 'outbox' | 'availability'): string | null => {
    try {
      return localStorage.getItem(storageKey(siteKey, name));
    } catch {
      return null; // Storage blocked: as on a first visit.
    }
  };
  // A preview never reads what this browser saw as a visitor.
  let availability = previewAt ? null : parseCachedAvailability(read('availability'), Date.now());
  let onAvailability: ((availability: Availability | null) => void) | null = null;
  let isLive = false;
  let isSiteUnknown = false;
  let lastFetchAt = 0;
  /** The public part last told to the host page's 'availability' listeners (JSON), to tell only changes. */
  let told = '';
  /**
   * Paints the owner's look (older caches have none: the defaults stay) and tells the host page about a
   * change. The colour is checked before it reaches CSS.
   */
  const publish = (next: Availability) => {
    const look = next.look;
    if (look) {
      // Six word characters cannot carry anything but a colour (or nothing) into the CSS.
      if (/^#\w{6}$/.test(look.accentColor)) host.style.setProperty('--pl-accent', look.accentColor);
      // Only "left" matches a rule (the CSS above, the app's panel); anything else is the default right.
      host.setAttribute('data-position', look.position);
    }
    // The replacer keeps only the public part (AvailabilityDetail); each listener gets its own copy.
    const text = JSON.stringify(next, ['mode', 'open', 'nextOpenAt', 'replyBy', 'operatorsOnline'] satisfies Array<keyof AvailabilityDetail>);
    if (text !== told) emit('availability', JSON.parse((told = text)));
  };
  /** Until the app takes over the launcher, the loader draws it from the availability it knows. */
  const show = (next: Availability | null) => {
    availability = next;
    if (next) publish(next);
    if (onAvailability) onAvailability(next);
    else {
      const mode = next ? next.mode : 'form';
      updateLauncher({
        hidden: mode === 'hidden',
        away: mode !== 'chat',
        label: (next && next.look && next.look.launcherLabel) || labels()[mode === 'chat' ? 0 : 1],
      });
    }
    // The preview opens the panel at its one answer (the app refuses while the launcher is hidden: mode hidden).
    if (previewAt) run(['open']);
  };
  const refresh = () => {
    if (isLive || isSiteUnknown || document.visibilityState === 'hidden' || Date.now() - lastFetchAt < REFRESH_MS - 5000) return;
    // A preview asks once, for its moment.
    lastFetchAt = previewAt ? Infinity : Date.now();
    // no-cache: the browser revalidates its copy with the ETag, and the server answers 304 without a body.
    fetch(
      `${baseUrl}/api/v1/sites/${encodeURIComponent(siteKey)}/availability${previewAt ? `?at=${encodeURIComponent(previewAt)}` : ''}`,
      { cache: 'no-cache' },
    )
      .then((response) => {
        if (response.status === 404) {
          isSiteUnknown = true;
          updateLauncher({ hidden: true });
          console.warn(`[Porchlight] Unknown site key "${siteKey}".`);
          return;
        }
        return response.json().then((next: unknown) => {
          if (!response.ok || !hasKnownMode(next)) throw 0;
          try {
            if (!previewAt) localStorage.setItem(storageKey(siteKey, 'availability'), JSON.stringify(next));
          } catch {
            // Storage full or blocked: only the next page view loses its head start.
          }
          show(next);
        });
      })
      // Unreachable: keep working from the last answer while it holds (then the form), never from nothing.
      .catch(() => show(trustCached(availability, Date.now())));
  };
  // Without a usable cache the launcher waits for the first answer rather than flash and vanish (hidden mode).
  if (availability) show(availability);
  else launcher.hidden = true;
  refresh();
  if (!previewAt) {
    setInterval(refresh, REFRESH_MS);
    document.addEventListener('visibilitychange', refresh);
  }

  let app: WidgetApp | null = null;
  let loading: Promise<void> | null = null;
  const pending: Command[] = [];

  const load = (): Promise<void> =>
    loading ||
    (loading = import(/* @vite-ignore */ `${baseUrl}/${__PORCHLIGHT_APP__}`)
      .then((mod: { mount: Mount }) =>
        mod.mount({
          root,
          launcher,
          siteKey,
          baseUrl,
          updateLauncher,
          emit,
          adoptStyles,
          queued: pending,
          lang: script.dataset.lang,
          ...(previewAt ? { preview: { timeZone: script.dataset.timeZone } } : {}),
          availability: {
            current: availability,
            listen: (fn) => (onAvailability = fn),
            setLive(next) {
              isLive = next;
              refresh();
            },
            publish,
          },
        }),
      )
      .then((mounted) => {
        app = mounted;
        for (const command of pending.splice(0)) run(command);
      })
      .catch((err: unknown) => {
        // Offline or a deploy in progress: the next click tries again. Who the visitor is and their language
        // stay queued for it (COMMANDS lists them after the panel's own commands, which are dropped).
        loading = null;
        pending.push(...pending.splice(0).filter((command) => COMMANDS.indexOf(command[0]) > 3));
        console.warn('[Porchlight] The chat could not be loaded.', err);
      }));

  /**
   * Runs a command in the app, or queues it, in order. Only opening needs the app now: closing what was never
   * opened needs no download, and identify / reset / setLocale are applied when the app loads (before it
   * connects, so an identity reaches the first handshake).
   */
  const run = (command: Command) => {
    if (app) return app.run(command);
    if (command[0] === 'close' && !loading) return;
    if (command[0] === 'setLocale') {
      chosenLang = command[1];
      if (availability) show(availability);
    }
    pending.push(command);
    if (command[0] === 'open' || command[0] === 'toggle') void load();
  };

  const api: PorchlightFunction = (command, ...args) => {
    try {
      if (command === 'on') {
        const [event, fn] = args;
        if (!EVENTS.includes(event as WidgetEvent) || typeof fn !== 'function') throw 0;
        const name = event as WidgetEvent;
        (listeners[name] = listeners[name] || []).push(fn as Listener);
        // Told at once when already known (then on every change).
        if (name === 'availability' && told) emit(name, JSON.parse(told), fn as Listener);
      } else if (COMMANDS.includes(command)) {
        run([command, ...args]);
      } else throw 0;
    } catch {
      console.warn(`[Porchlight] Not understood: Porchlight("${String(command)}", …)`);
    }
  };
  api.loaded = true;
  window.Porchlight = api;

  launcher.addEventListener('click', () => api('toggle'));
  // An async script in <head> can run before <body> exists.
  const attach = () => document.body.appendChild(host);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach);

  // Replay, in order, what the page asked of the stub before we were here.
  for (const call of (existing && existing.q) || []) api(...(Array.from(call) as [string, ...unknown[]]));

  // A returning visitor may have unread answers (shown even in hidden mode), and a queued message must be
  // delivered: load quietly when the browser is idle.
  // (A preview loads it anyway, to open it; it reads nothing of this visitor's.)
  // So does a page opened from a mail's continue link (docs/mail.md): the app takes the token and opens.
  if (read('token') !== null || read('outbox') !== null || /porchlight-continue=/.test(location.hash)) {
    const loadQuietly = () => void load();
    // Called on window: an unbound requestIdleCallback throws "Illegal invocation".
    if ('requestIdleCallback' in window) window.requestIdleCallback(loadQuietly, { timeout: 5000 });
    else setTimeout(loadQuietly, 2000);
  }
}

try {
  start();
} catch (err) {
  console.warn('[Porchlight] The chat could not start.', err);
}
