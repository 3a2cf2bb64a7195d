/**
 * Reports the operator's activity to the server at most once per `intervalMs`, so that auto-away does not
 * set them away while they are working. Leading edge only: activity after a quiet interval is reported at
 * once, and nothing is sent while there is no activity.
 */
export interface ActivityThrottle {
  /** Call on every sign of activity (pointer, key, focus, the tab becoming visible). */
  noteActivity(): void;
  /** Something else already told the server we are active (e.g. connecting): start a new interval. */
  markReported(): void;
}

export interface ActivityThrottleDeps {
  intervalMs: number;
  now(): number;
  report(): void;
}

export function createActivityThrottle(deps: ActivityThrottleDeps): ActivityThrottle {
  let reportedAt = Number.NEGATIVE_INFINITY;
  return {
    noteActivity() {
      const now = deps.now();
      if (now - reportedAt < deps.intervalMs) return;
      reportedAt = now;
      deps.report();
    },
    markReported() {
      reportedAt = deps.now();
    },
  };
}
