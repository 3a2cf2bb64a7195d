/**
 * The contract between the loader (widget.js, embedded by site owners) and the lazily loaded app.
 * Types only, plus the storage key names both read: the loader must stay framework-free and tiny.
 */
// `import type` only: availability.ts pulls in zod, which must never reach the visitor's bundle.
import type { Availability } from '../shared/protocol/availability.ts';

export type { Availability };

/** Events a host page can listen to with `Porchlight('on', event, fn)`. */
export type WidgetEvent = 'open' | 'close' | 'message' | 'availability';

/** What a host page's 'availability' listener receives: the public part of an Availability. */
export type AvailabilityDetail = Pick<Availability, 'mode' | 'open' | 'nextOpenAt' | 'replyBy' | 'operatorsOnline'>;

/**
 * One call of the host page's API, `Porchlight(name, ...args)`, as the loader queues it for the app:
 * 'open' | 'close' | 'toggle' | 'identify' | 'reset' | 'setLocale' (the app checks the arguments).
 */
export type Command = [name: string, ...args: unknown[]];

/** What a host page's 'message' listener receives for each message from the team. */
export interface TeamMessageDetail {
  id: string;
  body: string;
  authorName: string | null;
  createdAt: string;
}

export interface LauncherUpdate {
  /** The launcher's accessible name, already translated (with the unread count when there is one). */
  label?: string;
  /** Unread messages from the team; the badge shows when > 0. */
  unread?: number;
  /** Whether the panel is open (aria-expanded). */
  open?: boolean;
  /** Hide the launcher: the site is unknown, or the owner hides the chat while nobody is there. */
  hidden?: boolean;
  /** Nobody can chat now (form mode): the launcher looks "away" (muted colour, status dot). */
  away?: boolean;
}

/**
 * What the loader tells the app about availability. The loader learns it over plain HTTP (no socket), so
 * an idle launcher costs one cacheable request a minute; once the app's socket is connected, the socket's
 * `availability:changed` events are authoritative and the app calls `setLive(true)` to stop the polling.
 * `null` means "not known": nothing cached and the server not reached; the widget then shows the form.
 */
export interface AvailabilityFeed {
  /** The newest answer: fetched, or cached (a cache whose `changesAt` has passed already reads as 'form'). */
  current: Availability | null;
  /** Called with every later answer the loader gets, including a cache gone stale while offline. */
  listen(listener: (availability: Availability | null) => void): void;
  /** True while the app's socket is connected (polling stops); false resumes polling. */
  setLive(isLive: boolean): void;
  /**
   * The app learned a newer answer from its socket: the loader paints the launcher with its look and tells
   * the host page's 'availability' listeners (when the public part changed).
   */
  publish(availability: Availability): void;
}

/** What the loader hands to the app's `mount`. */
export interface MountOptions {
  /** The shadow root to render into; it already holds the launcher and its styles. */
  root: ShadowRoot;
  /** The launcher button, so focus can return to it when the panel closes. */
  launcher: HTMLElement;
  siteKey: string;
  /** Server origin plus any path prefix, without a trailing slash, e.g. "https://chat.example.com". */
  baseUrl: string;
  updateLauncher(update: LauncherUpdate): void;
  /** Calls the host page's listeners; never throws. */
  emit(event: WidgetEvent, detail?: TeamMessageDetail): void;
  availability: AvailabilityFeed;
  /** Adds CSS to the shadow root in a way a host page's CSP cannot block; `first` puts it before the launcher's. */
  adoptStyles(css: string, first?: boolean): void;
  /**
   * The host page's calls not run yet, oldest first (the stub's queue, then calls made while the app loaded).
   * The app takes them out and runs them before it connects, so an `identify` reaches the first handshake.
   */
  queued: Command[];
  /** The script tag's `data-lang`: after `setLocale`, the strongest wish for a language. */
  lang?: string;
  /**
   * Set by the script tag's `data-preview-at` (the owner's console shows what a visitor sees at a moment):
   * the availability is the server's answer for that moment, times are shown in `timeZone` (`data-time-zone`,
   * else the browser's), nothing is read from or written to localStorage, no socket is opened, nothing is sent.
   */
  preview?: { timeZone?: string };
}

/** What `mount` resolves to: runs the host page's commands the loader forwards (the app checks them). */
export interface WidgetApp {
  run(command: Command): void;
}

export type Mount = (options: MountOptions) => Promise<WidgetApp>;

/**
 * localStorage key of one of this site's widget records: the visitor token, the outbox, the last
 * availability seen (JSON), "1" once this visitor gave an e-mail address in the form, which resolve's
 * rating prompt the visitor dismissed, and the host page's user id last given to `identify` (a page that
 * identifies someone else starts clean).
 */
export function storageKey(siteKey: string, name: 'token' | 'outbox' | 'availability' | 'email' | 'rating' | 'user'): string {
  return `porchlight:${siteKey}:${name}`;
}
