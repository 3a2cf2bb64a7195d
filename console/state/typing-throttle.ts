/**
 * Tells the server whether the operator is typing, at most once per `intervalMs` (the server drops extra
 * updates). A "stopped" sent too soon after "typing" would be dropped, so it is delayed to the interval.
 */
export interface TypingThrottle {
  /** Call on every edit; `isTyping` is false when the field became empty. */
  update(isTyping: boolean): void;
  /** Call after sending or when leaving the conversation. */
  stop(): void;
  dispose(): void;
}

export interface TypingThrottleDeps {
  intervalMs: number;
  now(): number;
  send(isTyping: boolean): void;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export function createTypingThrottle(deps: TypingThrottleDeps): TypingThrottle {
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let lastSent = false;
  let timer: unknown = null;

  const cancelTimer = () => {
    if (timer !== null) deps.clearTimer(timer);
    timer = null;
  };
  const send = (isTyping: boolean) => {
    cancelTimer();
    lastSent = isTyping;
    lastSentAt = deps.now();
    deps.send(isTyping);
  };

  return {
    update(isTyping) {
      if (!isTyping) return this.stop();
      cancelTimer();
      if (!lastSent || deps.now() - lastSentAt >= deps.intervalMs) send(true);
    },
    stop() {
      if (!lastSent || timer !== null) return;
      const wait = lastSentAt + deps.intervalMs - deps.now();
      if (wait <= 0) send(false);
      else timer = deps.setTimer(() => { timer = null; send(false); }, wait);
    },
    dispose: cancelTimer,
  };
}
