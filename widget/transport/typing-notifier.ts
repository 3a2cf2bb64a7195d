export interface TypingNotifierDeps {
  emit(isTyping: boolean): void;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  /** Never two updates closer than this (LIMITS.typingIntervalMs: the server drops extra ones). */
  intervalMs: number;
  /** While the visitor keeps typing, "true" is repeated this often so the team's indicator does not expire. */
  refreshMs: number;
}

export interface TypingNotifier {
  /** Call on each input with whether the composer holds text. */
  input(hasText: boolean): void;
  /** Call on blur and on send. */
  stop(): void;
}

/**
 * Tells the team when the visitor types, throttled. A "false" that comes too soon after a "true" is delayed
 * rather than dropped, because a dropped "false" would leave the team's indicator on until it times out.
 */
export function createTypingNotifier(deps: TypingNotifierDeps): TypingNotifier {
  let wanted = false;
  let sent = false;
  let lastEmitAt = Number.NEGATIVE_INFINITY;
  let timerPending = false;

  function update(): void {
    const now = deps.now();
    const isRefreshDue = wanted && sent && now - lastEmitAt >= deps.refreshMs;
    if (wanted === sent && !isRefreshDue) return;
    const dueAt = lastEmitAt + deps.intervalMs;
    if (now < dueAt) {
      timerPending = true;
      deps.setTimer(() => {
        timerPending = false;
        update();
      }, dueAt - now);
      return;
    }
    sent = wanted;
    lastEmitAt = now;
    deps.emit(wanted);
  }

  const request = (hasText: boolean) => {
    wanted = hasText;
    if (!timerPending) update();
  };
  return { input: request, stop: () => request(false) };
}
