import { describe, expect, it } from 'vitest';
import { createActivityThrottle } from './activity-throttle.ts';

function setup() {
  let now = 1_000_000;
  let reports = 0;
  const throttle = createActivityThrottle({ intervalMs: 60_000, now: () => now, report: () => (reports += 1) });
  return { throttle, reports: () => reports, advance: (ms: number) => (now += ms) };
}

describe('createActivityThrottle', () => {
  it('reports the first activity at once', () => {
    const { throttle, reports } = setup();
    throttle.noteActivity();
    expect(reports()).toBe(1);
  });

  it('reports at most once a minute however busy the operator is', () => {
    const { throttle, reports, advance } = setup();
    for (let second = 0; second < 150; second++) {
      throttle.noteActivity();
      advance(1_000);
    }
    // At 0 s, 60 s and 120 s.
    expect(reports()).toBe(3);
  });

  it('reports nothing while there is no activity', () => {
    const { throttle, reports, advance } = setup();
    throttle.noteActivity();
    advance(10 * 60_000);
    expect(reports()).toBe(1);
    throttle.noteActivity();
    expect(reports()).toBe(2);
  });

  it('starts a new minute when something else already told the server (connecting)', () => {
    const { throttle, reports, advance } = setup();
    throttle.markReported();
    advance(59_999);
    throttle.noteActivity();
    expect(reports()).toBe(0);
    advance(1);
    throttle.noteActivity();
    expect(reports()).toBe(1);
  });
});
