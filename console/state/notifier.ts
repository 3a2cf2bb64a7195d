import { signal, type ReadonlySignal } from '@preact/signals';

/** Where the operator's choice to mute notifications is kept, per browser. */
export const MUTED_KEY = 'porchlight.console.muted';

/** How long the alert tone lasts: long enough to hear, short enough not to annoy. */
const TONE_MS = 150;
const TONE_HZ = 880;

/** The part of a browser `Notification` the notifier uses. */
export interface NotificationLike {
  addEventListener(type: 'click', listener: () => void): void;
  close(): void;
}

/** The part of the browser's `Notification` constructor the notifier uses (a fake in tests). */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): NotificationLike;
}

/** What the notifier needs from `window`; both APIs are missing in some browsers (Notification on iOS Safari). */
export interface NotifierWindow {
  Notification?: NotificationApi;
  AudioContext?: new () => AudioContext;
  focus(): void;
}

export interface NotifierDeps {
  window: NotifierWindow;
  storage: Storage;
  /** False while the console's tab is hidden: only then is the operator alerted. */
  isPageVisible: ReadonlySignal<boolean>;
}

export interface AlertContent {
  title: string;
  body: string;
  /** Notifications with the same tag replace each other (one per conversation, not one per message). */
  tag: string;
}

/**
 * Alerts an operator who is not looking at the console: a browser notification (when allowed) and a short
 * synthesised tone. Nothing happens while the tab is visible or the operator has muted alerts; the muted
 * choice is remembered in `storage`. Every browser failure (no permission, no audio, a constructor that
 * throws, as on Android Chrome) is swallowed: an alert is a courtesy, never a reason to break the console.
 */
export function createNotifier({ window, storage, isPageVisible }: NotifierDeps) {
  const muted = signal(readMuted(storage));
  let audio: AudioContext | null = null;

  /** Created lazily: an AudioContext made before any user gesture starts suspended, and costs resources. */
  function audioContext(): AudioContext | null {
    if (audio) return audio;
    if (!window.AudioContext) return null;
    try {
      audio = new window.AudioContext();
    } catch {
      return null;
    }
    return audio;
  }

  function playTone() {
    try {
      const context = audioContext();
      if (!context) return;
      // Browsers suspend audio until the page has had a user gesture; resuming may be refused, which is fine.
      if (context.state === 'suspended') context.resume().catch(() => undefined);
      const start = context.currentTime;
      const end = start + TONE_MS / 1000;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.setValueAtTime(TONE_HZ, start);
      // A quick fade in and out: a hard start or stop clicks.
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, end);
      oscillator.connect(gain);
      gain.connect(context.destination);
      oscillator.start(start);
      oscillator.stop(end);
    } catch {
      // No sound is better than an error.
    }
  }

  function showNotification({ title, body, tag }: AlertContent) {
    const api = window.Notification;
    if (!api || api.permission !== 'granted') return;
    try {
      const shown = new api(title, { body, tag });
      shown.addEventListener('click', () => {
        window.focus();
        shown.close();
      });
    } catch {
      // Some browsers only allow notifications from a service worker and throw here.
    }
  }

  return {
    muted: muted as ReadonlySignal<boolean>,

    setMuted(isMuted: boolean) {
      muted.value = isMuted;
      try {
        if (isMuted) storage.setItem(MUTED_KEY, '1');
        else storage.removeItem(MUTED_KEY);
      } catch {
        // A full storage: the choice holds for this page only.
      }
    },

    /**
     * Asks for permission to show notifications when the browser has not been told yet. Call it from a click:
     * browsers ignore the request otherwise. It also wakes the audio, which needs a user gesture too.
     */
    async requestPermission(): Promise<void> {
      const context = audioContext();
      if (context?.state === 'suspended') context.resume().catch(() => undefined);
      const api = window.Notification;
      if (!api || api.permission !== 'default') return;
      try {
        await api.requestPermission();
      } catch {
        // Refused or unsupported: notifications stay off, the tone still plays.
      }
    },

    /** Alerts the operator, unless they are looking at the console or have muted alerts. */
    notify(notification: AlertContent) {
      if (isPageVisible.peek() || muted.peek()) return;
      showNotification(notification);
      playTone();
    },
  };
}

function readMuted(storage: Storage): boolean {
  try {
    return storage.getItem(MUTED_KEY) === '1';
  } catch {
    return false;
  }
}
