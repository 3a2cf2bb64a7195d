import { describe, expect, it } from 'vitest';
import { createKeyedLimiter, createTokenBucket } from './rate-limiter.ts';

describe('token bucket', () => {
  it('allows a burst up to its capacity, then refuses until tokens refill', () => {
    const bucket = createTokenBucket(3, 1);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.take(500)).toBe(false);
    expect(bucket.take(1500)).toBe(true);
  });

  it('never stores more than its capacity however long it waits', () => {
    const bucket = createTokenBucket(2, 10);
    bucket.take(0);
    const results = [0, 1, 2].map(() => bucket.take(60_000));
    expect(results).toEqual([true, true, false]);
  });
});

describe('keyed limiter', () => {
  it('limits each key on its own', () => {
    const limiter = createKeyedLimiter(1, 0.001);
    expect(limiter.take('a', 0)).toBe(true);
    expect(limiter.take('a', 0)).toBe(false);
    expect(limiter.take('b', 0)).toBe(true);
  });
});
