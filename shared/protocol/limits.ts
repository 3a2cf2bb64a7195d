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
  /** Pages kept per visitor for operators to see, newest first. */
  pagesKept: 20,
  /** Longest page URL and title a widget reports; longer ones are cut by the widget. */
  pageUrlLength: 2000,
  pageTitleLength: 200,
  /** Longest rating comment. */
  ratingCommentLength: 1000,
  /** Search queries: at least 2 and at most 100 characters; at most this many results. */
  searchResults: 50,
  /** A saved reply's shortcut and title. */
  shortcutLength: 40,
  savedReplyTitleLength: 120,
} as const;
