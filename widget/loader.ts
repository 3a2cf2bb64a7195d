/**
 * widget.js: the one script site owners embed. Framework-free and tiny (budget 3 KB gzip): it draws the
 * launcher in a shadow root, installs `window.Porchlight(command, ...args)`, and loads the chat app only
 * when it is needed. It must never throw into, nor block, the host page.
 *
 * @example
 * <script src="https://chat.example.com/widget.js" data-site="SITE_KEY" async></script>
 * <!-- optional, to call Porchlight(...) before widget.js has loaded: -->
 * <script>window.Porchlight=window.Porchlight||function(){(Porchlight.q=Porchlight.q||[]).push(arguments)}</script>
 */
import { storageKey, type LauncherUpdate, type Mount, type WidgetApp, type WidgetEvent } from './api.ts';

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

/** The launcher's name before the app (which translates everything else) has loaded. */
const LABELS: Record<string, string> = {
  cs: 'Napište nám',
  sk: 'Napíšte nám',
  pl: 'Napisz do nas',
  hr: 'Pišite nam',
  de: 'Schreiben Sie uns',
};

const CSS =
  ':host{all:initial}' +
  '.l{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;padding:0;border:0;' +
  'border-radius:50%;background:#9a3412;color:#fff;cursor:pointer;display:grid;place-items:center;' +
  'box-shadow:0 4px 14px rgba(0,0,0,.3)}' +
  '.l:focus-visible{outline:3px solid #9a3412;outline-offset:3px;box-shadow:0 0 0 3px #fff}' +
  '.l[hidden],.l svg+svg,.l[aria-expanded=true] svg:first-child{display:none}' +
  '.l[aria-expanded=true] svg+svg{display:block}' +
  '.b{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;box-sizing:border-box;' +
  'border-radius:11px;background:#111827;color:#fff;font:700 12px/22px system-ui,sans-serif;text-align:center}' +
  '.b:empty{display:none}' +
  '@media (max-width:480px){.l[aria-expanded=true]{display:none}}';

const ICONS =
  '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" ' +
  'd="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>' +
  '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" ' +
  'stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/></svg>';

function start(): void {
  const existing = window.Porchlight;
  if (existing?.loaded) return;
  const script = (document.currentScript ??
    document.querySelector('script[src*="widget.js"][data-site]')) as HTMLScriptElement | null;
  const siteKey = script?.dataset.site;
  if (!script || !siteKey) {
    console.warn('[Porchlight] widget.js needs a data-site attribute.');
    return;
  }
  // The app, the socket and the API live next to widget.js: strip the file name, keep any path prefix.
  const baseUrl = new URL('.', script.src).href.replace(/\/$/, '');

  const listeners: Partial<Record<WidgetEvent, Listener[]>> = {};
  const emit = (event: WidgetEvent, detail?: unknown) => {
    for (const fn of listeners[event] ?? []) {
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
  root.innerHTML = `<style>${CSS}</style><button class="l" type="button" aria-expanded="false">${ICONS}<span class="b" aria-hidden="true"></span></button>`;
  const launcher = root.querySelector('button') as HTMLButtonElement;
  const badge = root.querySelector('span') as HTMLSpanElement;
  const lang = (document.documentElement.lang || navigator.language || '').slice(0, 2).toLowerCase();
  launcher.setAttribute('aria-label', LABELS[lang] ?? 'Chat with us');

  const updateLauncher = (update: LauncherUpdate) => {
    if (update.label !== undefined) launcher.setAttribute('aria-label', update.label);
    if (update.unread !== undefined) badge.textContent = update.unread > 0 ? String(Math.min(update.unread, 99)) : '';
    if (update.open !== undefined) launcher.setAttribute('aria-expanded', String(update.open));
    if (update.hidden !== undefined) launcher.hidden = update.hidden;
  };

  let app: WidgetApp | null = null;
  let loading: Promise<void> | null = null;
  const pending: string[] = [];

  const load = (): Promise<void> =>
    (loading ??= import(/* @vite-ignore */ `${baseUrl}/${__PORCHLIGHT_APP__}`)
      .then((mod: { mount: Mount }) => mod.mount({ root, launcher, siteKey, baseUrl, updateLauncher, emit }))
      .then((mounted) => {
        app = mounted;
        for (const command of pending.splice(0)) run(command);
      })
      .catch((err: unknown) => {
        // Offline or a deploy in progress: the next click tries again.
        loading = null;
        pending.length = 0;
        console.warn('[Porchlight] The chat could not be loaded.', err);
      }));

  const run = (command: string) => {
    if (app) {
      if (command === 'open') app.open();
      else if (command === 'close') app.close();
      else app.toggle();
      return;
    }
    // Closing what was never opened needs no download; anything else waits for the app, in order.
    if (command === 'close' && !loading) return;
    pending.push(command);
    void load();
  };

  const api: PorchlightFunction = (command, ...args) => {
    try {
      if (command === 'on') {
        const [event, fn] = args;
        if ((event === 'open' || event === 'close' || event === 'message') && typeof fn === 'function') {
          (listeners[event] ??= []).push(fn as Listener);
        }
      } else if (command === 'open' || command === 'close' || command === 'toggle') {
        run(command);
      } else {
        console.warn(`[Porchlight] Unknown command "${String(command)}".`);
      }
    } catch (err) {
      console.error(err);
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
  for (const call of existing?.q ?? []) api(...(Array.from(call) as [string, ...unknown[]]));

  // A returning visitor may have unread answers: load quietly when the browser is idle, to show the badge.
  let hasToken = false;
  try {
    hasToken = localStorage.getItem(storageKey(siteKey, 'token')) !== null;
  } catch {
    // Storage blocked: treat as a first visit.
  }
  if (hasToken) {
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
