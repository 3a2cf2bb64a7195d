/**
 * A token bucket: `capacity` events at once, refilled at `perSecond`. Time is passed in, so it can be
 * tested without waiting.
 */
export interface TokenBucket {
  /** Takes one token if there is one; false means the caller is over the limit. */
  take(nowMs: number): boolean;
}

export function createTokenBucket(capacity: number, perSecond: number): TokenBucket {
  let tokens = capacity;
  let last: number | undefined;
  return {
    take(nowMs) {
      if (last !== undefined) tokens = Math.min(capacity, tokens + ((nowMs - last) / 1000) * perSecond);
      last = nowMs;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

/** Buckets per key (an IP address), forgetting keys idle for a while so memory stays bounded. */
export function createKeyedLimiter(capacity: number, perSecond: number, maxKeys = 10_000) {
  const buckets = new Map<string, TokenBucket>();
  return {
    take(key: string, nowMs: number): boolean {
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
        bucket = createTokenBucket(capacity, perSecond);
        buckets.set(key, bucket);
      }
      return bucket.take(nowMs);
    },
  };
}
