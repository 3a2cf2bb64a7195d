import { describe, expect, it } from 'vitest';
import { createTypingThrottle } from './typing-throttle.ts';

function setup() {
  let now = 0;
  const sent: boolean[] = [];
  const timers: Array<{ at: number; run: () => void } | null> = [];
  const throttle = createTypingThrottle({
    intervalMs: 1_000,
    now: () => now,
    send: (isTyping) => sent.push(isTyping),
    setTimer: (run, ms) => timers.push({ at: now + ms, run }) - 1,
    clearTimer: (handle) => { timers[handle as number] = null; },
  });
  const advance = (ms: number) => {
    now += ms;
    timers.forEach((timer, i) => {
      if (timer && timer.at <= now) { timers[i] = null; timer.run(); }
    });
  };
  return { throttle, sent, advance };
}

describe('createTypingThrottle', () => {
  it('sends "typing" at most once per interval while the operator keeps typing', () => {
    const { throttle, sent, advance } = setup();
    throttle.update(true);
    advance(300);
    throttle.update(true);
    advance(800);
    throttle.update(true);
    expect(sent).toEqual([true, true]);
  });

  it('delays "stopped" to the end of the interval so the server does not drop it', () => {
    const { throttle, sent, advance } = setup();
    throttle.update(true);
    advance(200);
    throttle.stop();
    expect(sent).toEqual([true]);
    advance(800);
    expect(sent).toEqual([true, false]);
  });

  it('sends "stopped" only after "typing"', () => {
    const { throttle, sent } = setup();
    throttle.stop();
    throttle.update(false);
    expect(sent).toEqual([]);
  });

  it('cancels a pending "stopped" when typing resumes', () => {
    const { throttle, sent, advance } = setup();
    throttle.update(true);
    throttle.stop();
    advance(100);
    throttle.update(true);
    advance(2_000);
    expect(sent).toEqual([true]);
  });
});
