/**
 * Where the connection to the server stands, shown in words when it is not simply connected.
 * - connecting: first attempt; reconnecting: it dropped and socket.io is trying again;
 * - outdated: the server speaks a newer protocol (reload needed); disabled: this site is unknown (hide).
 */
export const CONNECTION_STATES = {
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  outdated: 'outdated',
  disabled: 'disabled',
} as const;
export type ConnectionState = (typeof CONNECTION_STATES)[keyof typeof CONNECTION_STATES];
