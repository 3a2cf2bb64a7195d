import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../shared/browser/safe-storage.ts';
import { createNotifier, MUTED_KEY, type NotificationApi, type NotifierWindow } from './notifier.ts';

interface Shown {
  title: string;
  options: NotificationOptions | undefined;
  click: () => void;
  isClosed: boolean;
}

/** A fake browser: records notifications shown and tones played, with a chosen notification permission. */
function fakeWindow(permission: NotificationPermission = 'granted', opts: { askAnswer?: NotificationPermission; askThrows?: boolean } = {}) {
  const shown: Shown[] = [];
  const tones: number[] = [];
  let focused = 0;
  let asked = 0;
  const FakeNotification = class {
    static permission: NotificationPermission = permission;
    static async requestPermission(): Promise<NotificationPermission> {
      asked++;
      if (opts.askThrows) throw new Error('not allowed');
      FakeNotification.permission = opts.askAnswer ?? 'granted';
      return FakeNotification.permission;
    }
    private entry: Shown;
    constructor(title: string, options?: NotificationOptions) {
      this.entry = { title, options, click: () => undefined, isClosed: false };
      shown.push(this.entry);
    }
    addEventListener(_type: 'click', listener: () => void) {
      this.entry.click = listener;
    }
    close() {
      this.entry.isClosed = true;
    }
  };
  const param = () => ({ setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined });
  const FakeAudioContext = class {
    currentTime = 0;
    state = 'running';
    destination = {};
    resume = async () => undefined;
    createOscillator() {
      return {
        type: 'square',
        frequency: param(),
        connect: () => undefined,
        start: () => undefined,
        stop: (at: number) => void tones.push(at),
      };
    }
    createGain() {
      return { gain: param(), connect: () => undefined };
    }
  };
  const window: NotifierWindow = {
    Notification: FakeNotification satisfies NotificationApi,
    AudioContext: FakeAudioContext as unknown as new () => AudioContext,
    focus: () => void focused++,
  };
  return { window, shown, tones, focused: () => focused, asked: () => asked, Notification: FakeNotification };
}

const alert = { title: 'Ana wrote', body: 'Hello?', tag: 'c1' };

function setup(permission: NotificationPermission = 'granted', visible = false) {
  const browser = fakeWindow(permission);
  const isPageVisible = signal(visible);
  const storage = createMemoryStorage();
  const notifier = createNotifier({ window: browser.window, storage, isPageVisible });
  return { browser, isPageVisible, storage, notifier };
}

describe('createNotifier', () => {
  it('shows a notification tagged to collapse repeats, and plays a short tone, while the tab is hidden', () => {
    const { browser, notifier } = setup();
    notifier.notify(alert);
    expect(browser.shown).toHaveLength(1);
    expect(browser.shown[0]?.title).toBe('Ana wrote');
    expect(browser.shown[0]?.options).toEqual({ body: 'Hello?', tag: 'c1' });
    expect(browser.tones).toEqual([0.15]);
  });

  it('focuses the console and closes the notification when it is clicked', () => {
    const { browser, notifier } = setup();
    notifier.notify(alert);
    browser.shown[0]?.click();
    expect(browser.focused()).toBe(1);
    expect(browser.shown[0]?.isClosed).toBe(true);
  });

  it('stays quiet while the operator is looking at the console', () => {
    const { browser, notifier } = setup('granted', true);
    notifier.notify(alert);
    expect(browser.shown).toHaveLength(0);
    expect(browser.tones).toHaveLength(0);
  });

  it('stays quiet when muted, and speaks again when unmuted', () => {
    const { browser, notifier } = setup();
    notifier.setMuted(true);
    expect(notifier.muted.value).toBe(true);
    notifier.notify(alert);
    expect(browser.shown).toHaveLength(0);
    expect(browser.tones).toHaveLength(0);
    notifier.setMuted(false);
    notifier.notify(alert);
    expect(browser.shown).toHaveLength(1);
  });

  it('remembers muting across page loads (a new notifier on the same storage)', () => {
    const { browser, storage, notifier, isPageVisible } = setup();
    notifier.setMuted(true);
    expect(storage.getItem(MUTED_KEY)).toBe('1');
    const again = createNotifier({ window: browser.window, storage, isPageVisible });
    expect(again.muted.value).toBe(true);
    again.setMuted(false);
    expect(createNotifier({ window: browser.window, storage, isPageVisible }).muted.value).toBe(false);
  });

  it('starts unmuted when the storage cannot be read', () => {
    const storage = { ...createMemoryStorage(), getItem: () => { throw new Error('blocked'); } } as Storage;
    const notifier = createNotifier({ window: fakeWindow().window, storage, isPageVisible: signal(false) });
    expect(notifier.muted.value).toBe(false);
  });

  it('without notification permission still plays the tone, and does not throw', () => {
    const { browser, notifier } = setup('denied');
    expect(() => notifier.notify(alert)).not.toThrow();
    expect(browser.shown).toHaveLength(0);
    expect(browser.tones).toHaveLength(1);
  });

  it('asks for permission only when the browser has not been told yet', async () => {
    const undecided = setup('default');
    await undecided.notifier.requestPermission();
    expect(undecided.browser.asked()).toBe(1);
    undecided.notifier.notify(alert);
    expect(undecided.browser.shown).toHaveLength(1);

    const denied = setup('denied');
    await denied.notifier.requestPermission();
    expect(denied.browser.asked()).toBe(0);
  });

  it('survives a refused permission request', async () => {
    const browser = fakeWindow('default', { askThrows: true });
    const notifier = createNotifier({ window: browser.window, storage: createMemoryStorage(), isPageVisible: signal(false) });
    await expect(notifier.requestPermission()).resolves.toBeUndefined();
    notifier.notify(alert);
    expect(browser.shown).toHaveLength(0);
  });

  it('works in a browser without notifications or audio', async () => {
    const notifier = createNotifier({ window: { focus: () => undefined }, storage: createMemoryStorage(), isPageVisible: signal(false) });
    await notifier.requestPermission();
    expect(() => notifier.notify(alert)).not.toThrow();
  });

  it('ignores a notification constructor or audio that throws (Android Chrome, blocked audio)', () => {
    const throwing = class {
      static permission: NotificationPermission = 'granted';
      static requestPermission = async (): Promise<NotificationPermission> => 'granted';
      constructor() {
        throw new TypeError('Illegal constructor');
      }
      addEventListener() {}
      close() {}
    };
    const window: NotifierWindow = {
      Notification: throwing,
      AudioContext: class {
        constructor() {
          throw new Error('no audio');
        }
      } as unknown as new () => AudioContext,
      focus: () => undefined,
    };
    const notifier = createNotifier({ window, storage: createMemoryStorage(), isPageVisible: signal(false) });
    expect(() => notifier.notify(alert)).not.toThrow();
  });

  it('creates the audio context only when first needed, and reuses it', () => {
    let created = 0;
    const browser = fakeWindow();
    const Base = browser.window.AudioContext as new () => AudioContext;
    const window: NotifierWindow = {
      ...browser.window,
      AudioContext: class extends (Base as new () => object) {
        constructor() {
          super();
          created++;
        }
      } as unknown as new () => AudioContext,
    };
    const notifier = createNotifier({ window, storage: createMemoryStorage(), isPageVisible: signal(false) });
    expect(created).toBe(0);
    notifier.notify(alert);
    notifier.notify(alert);
    expect(created).toBe(1);
    expect(browser.tones).toHaveLength(2);
  });
});
