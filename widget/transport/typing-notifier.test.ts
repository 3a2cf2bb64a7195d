import { describe, expect, it } from 'vitest';
import { createTypingNotifier } from './typing-notifier.ts';

function setup() {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void }> = [];
  const sent: Array<[number, boolean]> = [];
  const notifier = createTypingNotifier({
    emit: (isTyping) => sent.push([now, isTyping]),
    now: () => now,
    setTimer: (fn, ms) => timers.push({ at: now + ms, fn }),
    intervalMs: 1000,
    refreshMs: 3000,
  });
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > until) break;
      timers.shift();
      now = next.at;
      next.fn();
    }
    now = until;
  };
  return { notifier, sent, advance };
}

describe('typing notifier', () => {
  it('sends "typing" once for a burst of keystrokes', () => {
    const t = setup();
    for (let i = 0; i < 5; i++) {
      t.notifier.input(true);
      t.advance(100);
    }
    expect(t.sent).toEqual([[0, true]]);
  });

  it('repeats "typing" while the visitor keeps typing, so the team’s indicator does not expire', () => {
    const t = setup();
    for (let i = 0; i < 40; i++) {
      t.notifier.input(true);
      t.advance(200);
    }
    expect(t.sent.map(([at]) => at)).toEqual([0, 3000, 6000]);
  });

  it('delays a "stopped" that comes within the interval instead of dropping it', () => {
    const t = setup();
    t.notifier.input(true);
    t.advance(300);
    t.notifier.stop();
    expect(t.sent).toEqual([[0, true]]);
    t.advance(1000);
    expect(t.sent).toEqual([
      [0, true],
      [1000, false],
    ]);
  });

  it('sends nothing on blur when it never said "typing"', () => {
    const t = setup();
    t.notifier.stop();
    t.advance(5000);
    expect(t.sent).toEqual([]);
  });

  it('sends "stopped" when the text is cleared', () => {
    const t = setup();
    t.notifier.input(true);
    t.advance(2000);
    t.notifier.input(false);
    expect(t.sent).toEqual([
      [0, true],
      [2000, false],
    ]);
  });

  it('never sends two updates closer than the interval', () => {
    const t = setup();
    for (let i = 0; i < 30; i++) {
      t.notifier.input(i % 3 !== 0);
      t.advance(170);
    }
    t.notifier.stop();
    t.advance(2000);
    const gaps = t.sent.slice(1).map(([at], i) => at - (t.sent[i]?.[0] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    expect(t.sent.at(-1)?.[1]).toBe(false);
  });
});
