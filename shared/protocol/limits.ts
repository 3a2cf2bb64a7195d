/** Limits shared by every client and the server; the server enforces them, clients use them to warn early. */
export const LIMITS = {
  /** Longest message body, in UTF-16 code units (what `String.prototype.length` counts). */
  messageLength: 4000,
  /** Messages returned by one sync; a client asks again from the last sequence while `hasMore` is true. */
  syncPageSize: 200,
  /** A typing indicator is relayed at most this often per socket; extra updates are dropped. */
  typingIntervalMs: 1000,
  /** How long a "typing" state lasts without a refresh before clients clear it. */
  typingTimeoutMs: 6000,
} as const;
