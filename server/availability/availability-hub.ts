import type { FastifyBaseLogger } from 'fastify';
import { DEFAULT_SITE_SETTINGS, SiteSettings, type Availability } from '../../shared/index.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../storage/index.ts';
import { decideAvailability } from './decide.ts';
import type { Presence } from './presence.ts';

export interface AvailabilityHub {
  /** The site's settings (cached); the defaults when none are stored or the stored ones no longer parse. */
  settings(siteId: string): Promise<SiteSettings>;
  /** Forgets cached settings after a change, and re-evaluates the site at once. */
  settingsChanged(siteId: string): Promise<void>;
  /** What the site's widget shows at `at` (default now) with the current presence. */
  current(siteId: string, at?: Date): Promise<Availability>;
  /** Re-evaluates a site now (presence changed) and tells its widgets when what they show has changed. */
  refresh(siteId: string): Promise<void>;
  close(): void;
}

/** What widgets react to; `at` and the moving `replyBy` alone are not worth a broadcast. */
function visibleState(a: Availability): string {
  return JSON.stringify([a.mode, a.open, a.operatorsOnline, a.nextOpenAt, a.teamName, a.chatReplyMinutes, a.changesAt, a.channels, a.look, a.language]);
}

/** Timers further out than this are re-armed later (setTimeout's limit is about 24.8 days). */
const MAX_TIMER_MS = 60 * 60 * 1000;

/**
 * Keeps every site's availability current and pushes changes to its widgets: when presence changes, when the
 * owner changes settings, and when hours begin or end (a timer at the next transition of the schedule or of
 * a channel's hours).
 */
export function createAvailabilityHub(deps: {
  store: Store;
  clock: Clock;
  presence: Presence;
  log: FastifyBaseLogger;
  onChange: (siteId: string, availability: Availability) => void;
}): AvailabilityHub {
  const { store, clock, presence, log } = deps;
  const cache = new Map<string, SiteSettings>();
  const last = new Map<string, string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let closed = false;

  async function settings(siteId: string): Promise<SiteSettings> {
    const cached = cache.get(siteId);
    if (cached) return cached;
    const stored = await store.getSiteSettings(siteId);
    let result = DEFAULT_SITE_SETTINGS;
    if (stored) {
      const parsed = SiteSettings.safeParse(stored.settings);
      if (parsed.success) result = parsed.data;
      else log.error({ siteId, issues: parsed.error.issues.slice(0, 5) }, 'stored site settings do not parse; using the defaults');
    }
    cache.set(siteId, result);
    return result;
  }

  async function current(siteId: string, at: Date = clock.now()): Promise<Availability> {
    return decideAvailability(await settings(siteId), presence.onlineCount(siteId), at);
  }

  function nextTransition(a: Availability): number | null {
    const instants = [a.changesAt, ...a.channels.flatMap((c) => [c.nextOpenAt, c.closesAt])]
      .filter((t): t is string => t !== null)
      .map((t) => Date.parse(t));
    return instants.length === 0 ? null : Math.min(...instants);
  }

  async function refresh(siteId: string): Promise<void> {
    if (closed) return;
    const now = clock.now();
    const availability = await current(siteId, now);
    const state = visibleState(availability);
    if (last.has(siteId) && last.get(siteId) !== state) deps.onChange(siteId, availability);
    last.set(siteId, state);

    clearTimeout(timers.get(siteId));
    const next = nextTransition(availability);
    if (next === null) return;
    // A little after the transition, so the schedule is evaluated on the far side of it.
    const delay = Math.min(Math.max(next - now.getTime() + 250, 250), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      refresh(siteId).catch((err: unknown) => log.error({ err, siteId }, 'availability refresh failed'));
    }, delay);
    timer.unref?.();
    timers.set(siteId, timer);
  }

  return {
    settings,
    current,
    refresh,
    async settingsChanged(siteId) {
      cache.delete(siteId);
      await refresh(siteId);
    },
    close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
