/**
 * The contract between the loader (widget.js, embedded by site owners) and the lazily loaded app.
 * Types only, plus the storage key names both read: the loader must stay framework-free and tiny.
 */

/** Events a host page can listen to with `Porchlight('on', event, fn)`. */
export type WidgetEvent = 'open' | 'close' | 'message';

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
  /** Hide the whole widget (this site is not set up on the server). */
  hidden?: boolean;
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
}

/** What `mount` resolves to: the commands the loader forwards. */
export interface WidgetApp {
  open(): void;
  close(): void;
  toggle(): void;
}

export type Mount = (options: MountOptions) => Promise<WidgetApp>;

/** localStorage key of one of this site's widget records. */
export function storageKey(siteKey: string, name: 'token' | 'outbox'): string {
  return `porchlight:${siteKey}:${name}`;
}
