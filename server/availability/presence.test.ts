import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPresence } from './presence.ts';

afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  vi.useFakeTimers();
  const changes: string[] = [];
  const presence = createPresence({ graceMs: 10_000, idleMs: 60_000, onChange: (id, status) => changes.push(`${id}:${status}`) });
  return { presence, changes };
}

describe('operator presence', () => {
  it('is online while a console is open and offline only after the grace period once the last one closes', () => {
    const { presence, changes } = setup();
    presence.connect('jana', 's1', ['shop']);
    presence.connect('jana', 's2', ['shop']);
    expect(presence.onlineCount('shop')).toBe(1);
    presence.disconnect('jana', 's1');
    presence.disconnect('jana', 's2');
    vi.advanceTimersByTime(9_999);
    expect(presence.statusOf('jana')).toBe('online');
    vi.advanceTimersByTime(1);
    expect(presence.statusOf('jana')).toBe('offline');
    expect(presence.onlineCount('shop')).toBe(0);
    expect(changes).toEqual(['jana:online', 'jana:offline']);
  });

  it('does not flicker when a console reloads within the grace period', () => {
    const { presence, changes } = setup();
    presence.connect('jana', 's1', ['shop']);
    presence.disconnect('jana', 's1');
    vi.advanceTimersByTime(3_000);
    presence.connect('jana', 's2', ['shop']);
    vi.advanceTimersByTime(30_000);
    expect(changes).toEqual(['jana:online']);
  });

  it('goes away after the idle time, and comes back with the next activity', () => {
    const { presence, changes } = setup();
    presence.connect('jana', 's1', ['shop']);
    vi.advanceTimersByTime(59_000);
    presence.activity('jana');
    vi.advanceTimersByTime(59_000);
    expect(presence.statusOf('jana')).toBe('online');
    vi.advanceTimersByTime(1_000);
    expect(presence.statusOf('jana')).toBe('away');
    expect(presence.onlineCount('shop')).toBe(0);
    presence.activity('jana');
    expect(presence.statusOf('jana')).toBe('online');
    expect(changes).toEqual(['jana:online', 'jana:away', 'jana:online']);
  });

  it('keeps a chosen away status through activity until the operator chooses online', () => {
    const { presence } = setup();
    presence.connect('jana', 's1', ['shop']);
    expect(presence.choose('jana', 'away')).toBe('away');
    presence.activity('jana');
    presence.connect('jana', 's2', ['shop']);
    expect(presence.statusOf('jana')).toBe('away');
    expect(presence.choose('jana', 'online')).toBe('online');
  });

  it('counts per site, and an operator without a console cannot choose to be online', () => {
    const { presence } = setup();
    presence.connect('jana', 's1', ['shop', 'cafe']);
    presence.connect('petr', 's2', ['cafe']);
    expect(presence.onlineCount('shop')).toBe(1);
    expect(presence.onlineCount('cafe')).toBe(2);
    expect(presence.choose('nobody', 'online')).toBe('offline');
  });
});
