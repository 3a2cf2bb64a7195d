/**
 * Where the connection to the server stands, shown in words when it is not simply connected.
 * - idle: not asked to connect yet (a visitor without a conversation who has not chatted or sent the form);
 * - connecting: first attempt; reconnecting: it dropped and socket.io is trying again;
 * - outdated: the server speaks a newer protocol (reload needed); disabled: this site is unknown (hide);
 * - refused: the site requires a verified identity and this page gave none or a wrong one (identity_required,
 *   identity_invalid); no retries until the page identifies someone (again).
 */
export const CONNECTION_STATES = {
  idle: 'idle',
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  outdated: 'outdated',
  disabled: 'disabled',
  refused: 'refused',
} as const;
export type ConnectionState = (typeof CONNECTION_STATES)[keyof typeof CONNECTION_STATES];
